//! The first member of a zip archive, as text: GeoNames ships `cities15000.txt` zipped, and
//! both the entity tagger's gazetteer and the coder's geocoder are built from it. Stored and
//! deflated members only (what GeoNames uses); no zip crate for one header.

use std::io::Read;

/// The first member of a zip archive (stored or deflated), as text (invalid UTF-8 replaced).
pub fn unzip_first(zip: &[u8]) -> Result<String, String> {
    let u16_at = |i: usize| {
        zip.get(i..i + 2)
            .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
            .ok_or("short zip header")
    };
    if zip.get(0..4) != Some(b"PK\x03\x04".as_slice()) {
        return Err("not a zip file".into());
    }
    let method = u16_at(8)?;
    let start = 30 + u16_at(26)? + u16_at(28)?;
    let body = zip.get(start..).ok_or("short zip file")?;
    let mut out = Vec::new();
    match method {
        0 => out.extend_from_slice(body),
        8 => {
            flate2::read::DeflateDecoder::new(body)
                .read_to_end(&mut out)
                .map_err(|e| e.to_string())?;
        }
        m => return Err(format!("zip compression method {m} not supported")),
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_member_is_read_and_bad_archives_are_errors() {
        // A local header (30 bytes, no name, no extra) with method 0, then the data.
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&[0u8; 26]);
        zip.extend_from_slice(b"Cairo");
        assert_eq!(unzip_first(&zip).as_deref(), Ok("Cairo"));
        assert!(unzip_first(b"PK\x03\x04").is_err());
        assert!(unzip_first(b"not a zip").is_err());
    }
}
