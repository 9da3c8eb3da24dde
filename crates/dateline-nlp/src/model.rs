//! The models' file format: a fixed header — magic `DATELINE`, the model kind (e.g.
//! `tagger`), a format version — then the model's own data as postcard (compact serde
//! binary). The header lets a binary refuse a model of another kind or an older layout with
//! a clear message instead of misreading it.

use serde::de::DeserializeOwned;
use serde::Serialize;
use thiserror::Error;

const MAGIC: &[u8; 8] = b"DATELINE";

/// Why a model could not be read or written.
#[derive(Debug, Error)]
pub enum ModelError {
    #[error("{0}: not a dateline model (bad magic)")]
    NotAModel(String),
    #[error("{name}: a {found} model, expected {expected}")]
    WrongKind {
        name: String,
        found: String,
        expected: String,
    },
    #[error(
        "{name}: format version {found}, this build reads version {expected}; retrain or update"
    )]
    WrongVersion {
        name: String,
        found: u32,
        expected: u32,
    },
    #[error("{name}: corrupt model data: {message}")]
    Corrupt { name: String, message: String },
    #[error("{name}: {source}")]
    Io {
        name: String,
        source: std::io::Error,
    },
}

/// Serialize `value` with the header for `kind` and `version`.
pub fn to_bytes<T: Serialize>(kind: &str, version: u32, value: &T) -> Result<Vec<u8>, ModelError> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&version.to_le_bytes());
    let kind_bytes = kind.as_bytes();
    out.push(u8::try_from(kind_bytes.len()).unwrap_or(u8::MAX));
    out.extend_from_slice(&kind_bytes[..kind_bytes.len().min(255)]);
    let body = postcard::to_stdvec(value).map_err(|e| ModelError::Corrupt {
        name: kind.to_string(),
        message: e.to_string(),
    })?;
    out.extend_from_slice(&body);
    Ok(out)
}

/// Read a model of `kind` and `version` from `bytes`; `name` names the source in errors.
pub fn from_bytes<T: DeserializeOwned>(
    name: &str,
    kind: &str,
    version: u32,
    bytes: &[u8],
) -> Result<T, ModelError> {
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or_else(|| ModelError::NotAModel(name.to_string()))?;
    let corrupt = |m: &str| ModelError::Corrupt {
        name: name.to_string(),
        message: m.to_string(),
    };
    let (ver, rest) = rest
        .split_first_chunk::<4>()
        .ok_or_else(|| corrupt("short header"))?;
    let (len, rest) = rest.split_first().ok_or_else(|| corrupt("short header"))?;
    let (found_kind, body) = rest
        .split_at_checked(*len as usize)
        .ok_or_else(|| corrupt("short header"))?;
    let found_kind = String::from_utf8_lossy(found_kind);
    if found_kind != kind {
        return Err(ModelError::WrongKind {
            name: name.to_string(),
            found: found_kind.into_owned(),
            expected: kind.to_string(),
        });
    }
    let found = u32::from_le_bytes(*ver);
    if found != version {
        return Err(ModelError::WrongVersion {
            name: name.to_string(),
            found,
            expected: version,
        });
    }
    postcard::from_bytes(body).map_err(|e| corrupt(&e.to_string()))
}

/// Write a model file.
pub fn save<T: Serialize>(
    path: &std::path::Path,
    kind: &str,
    version: u32,
    value: &T,
) -> Result<(), ModelError> {
    let bytes = to_bytes(kind, version, value)?;
    std::fs::write(path, bytes).map_err(|source| ModelError::Io {
        name: path.display().to_string(),
        source,
    })
}

/// Read a model file's bytes, with the name its errors should carry. Each model then
/// checks the header and rebuilds its run-time indexes in its own `from_bytes`.
pub fn read(path: &std::path::Path) -> Result<(String, Vec<u8>), ModelError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ModelError::Io {
        name: name.clone(),
        source,
    })?;
    Ok((name, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_header_checks() {
        let v: (Vec<f32>, String) = (vec![1.5, -2.0], "x".into());
        let bytes = to_bytes("tagger", 3, &v).unwrap();
        let back: (Vec<f32>, String) = from_bytes("t", "tagger", 3, &bytes).unwrap();
        assert_eq!(back, v);
        assert!(matches!(
            from_bytes::<(Vec<f32>, String)>("t", "parser", 3, &bytes),
            Err(ModelError::WrongKind { .. })
        ));
        assert!(matches!(
            from_bytes::<(Vec<f32>, String)>("t", "tagger", 4, &bytes),
            Err(ModelError::WrongVersion { .. })
        ));
        assert!(matches!(
            from_bytes::<(Vec<f32>, String)>("t", "tagger", 3, b"garbage"),
            Err(ModelError::NotAModel(_))
        ));
        assert!(matches!(
            from_bytes::<(Vec<f32>, String)>("t", "tagger", 3, &bytes[..bytes.len() - 3]),
            Err(ModelError::Corrupt { .. })
        ));
    }
}
