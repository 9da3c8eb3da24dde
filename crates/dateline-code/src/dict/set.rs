//! A full set of dictionaries — actors, agents, verbs, discards, issues — read from a folder
//! of PETRARCH/Phoenix files or from the compiled default that ships in the binary, and its
//! compiled matchers.
//!
//! # Which file is what
//!
//! A folder is read by file name, as PETRARCH's config names them: `*actors*` (actors),
//! `*agents*` (agents), `*discards*` (discards), `*Issue*`/`*issues*` (issues), and
//! `*verbs*`/`CAMEO.*.txt` (verb patterns, PETRARCH-2 or PETRARCH-1 syntax, told apart by
//! their content). Other files are ignored. `--dictionaries DIR` on the command line reads
//! such a folder and [`Dictionaries::merge`]s it over the default: actors, agents, discards
//! and issues are added (a later entry of the same phrase wins when matching, because
//! matching keeps the last entry of a phrase), verb blocks are merged by the verb reader's
//! rule.
//!
//! # Compiled file
//!
//! `dictionaries/default.dict`: the magic `DLDICT`, a format version (u16, little endian),
//! then the [`Dictionaries`] value in postcard. The matchers are rebuilt at load (they are
//! derived data and rebuilding takes a fraction of the load budget).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::actors::{read_actors, ActorEntry};
use super::agents::{read_agents, AgentEntry};
use super::discards::{read_discards, Discard};
use super::issues::{read_issues, IssueEntry};
use super::phrases::PhraseMatcher;
use super::verbs::{detect_format, read_verbs, VerbDictionary, VerbFormat, VerbIndex};
use super::DictError;

const MAGIC: &[u8; 6] = b"DLDICT";
const VERSION: u16 = 1;

/// The default dictionaries (Phoenix actors and agents, CAMEO.2.0 verbs, Phoenix discards
/// and issues), compiled by `dateline build-dictionaries`.
pub static BUNDLED_DICTIONARIES: &[u8] = include_bytes!("../../../../dictionaries/default.dict");

/// What kind of dictionary a file holds, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DictKind {
    Actors,
    Agents,
    Verbs,
    Discards,
    Issues,
}

impl DictKind {
    pub fn from_file_name(name: &str) -> Option<DictKind> {
        let lower = name.to_lowercase();
        if !(lower.ends_with(".txt") || lower.ends_with(".dict") || !lower.contains('.')) {
            return None;
        }
        if lower.contains("actor") {
            Some(DictKind::Actors)
        } else if lower.contains("agent") {
            Some(DictKind::Agents)
        } else if lower.contains("discard") {
            Some(DictKind::Discards)
        } else if lower.contains("issue") {
            Some(DictKind::Issues)
        } else if lower.contains("verb")
            || (lower.starts_with("cameo.") && !lower.contains("plover"))
        {
            Some(DictKind::Verbs)
        } else {
            None
        }
    }
}

/// Every dictionary entry of a set, with the names of the files they came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dictionaries {
    /// File names, indexed by [`super::Origin::file`].
    pub files: Vec<String>,
    pub actors: Vec<ActorEntry>,
    pub agents: Vec<AgentEntry>,
    pub discards: Vec<Discard>,
    pub issues: Vec<IssueEntry>,
    pub verbs: VerbDictionary,
}

/// Errors of the compiled dictionary file and of folders.
#[derive(Debug, thiserror::Error)]
pub enum DictSetError {
    #[error(transparent)]
    Entry(#[from] DictError),
    #[error("{}: {reason}", path.display())]
    File { path: PathBuf, reason: String },
    #[error("compiled dictionaries: {0}")]
    Compiled(String),
}

impl Dictionaries {
    /// An empty set (no actors, no verbs).
    pub fn empty() -> Dictionaries {
        Dictionaries {
            files: Vec::new(),
            actors: Vec::new(),
            agents: Vec::new(),
            discards: Vec::new(),
            issues: Vec::new(),
            verbs: VerbDictionary::empty(VerbFormat::Petrarch2),
        }
    }

    /// Read one file of the given kind and add its entries.
    pub fn add_file(&mut self, path: &Path, kind: DictKind) -> Result<(), DictSetError> {
        let bytes = std::fs::read(path).map_err(|e| DictSetError::File {
            path: path.to_path_buf(),
            reason: format!("cannot read: {e}"),
        })?;
        // The field's files are ASCII or Latin-1; decode Latin-1 bytes rather than failing.
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
        };
        self.add_text(path, &text, kind)
    }

    /// Add the entries of a dictionary held in memory; `path` names it in errors and in
    /// [`Dictionaries::files`] (its file name).
    pub fn add_text(
        &mut self,
        path: &Path,
        text: &str,
        kind: DictKind,
    ) -> Result<(), DictSetError> {
        let file = u16::try_from(self.files.len()).map_err(|_| DictSetError::File {
            path: path.to_path_buf(),
            reason: "too many dictionary files (more than 65,535)".into(),
        })?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.files.push(name);
        match kind {
            DictKind::Actors => self.actors.extend(read_actors(path, text, file)?),
            DictKind::Agents => self.agents.extend(read_agents(path, text, file)?),
            DictKind::Discards => self.discards.extend(read_discards(path, text, file)?),
            DictKind::Issues => self.issues.extend(read_issues(path, text, file)?),
            DictKind::Verbs => {
                let verbs = read_verbs(path, text, file, detect_format(text))?;
                if self.verbs.blocks.is_empty() && self.verbs.synsets.is_empty() {
                    self.verbs = verbs;
                } else {
                    self.verbs.merge(verbs);
                }
            }
        }
        Ok(())
    }

    /// Read every dictionary file of a folder (by name, see the module docs), in name order.
    pub fn read_dir(dir: &Path) -> Result<Dictionaries, DictSetError> {
        let mut set = Dictionaries::empty();
        set.add_dir(dir)?;
        Ok(set)
    }

    /// Add every dictionary file of a folder.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), DictSetError> {
        let entries = std::fs::read_dir(dir).map_err(|e| DictSetError::File {
            path: dir.to_path_buf(),
            reason: format!("cannot read the folder: {e}"),
        })?;
        let mut files: Vec<(PathBuf, DictKind)> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter_map(|p| {
                let kind = DictKind::from_file_name(&p.file_name()?.to_string_lossy())?;
                Some((p, kind))
            })
            .collect();
        if files.is_empty() {
            return Err(DictSetError::File {
                path: dir.to_path_buf(),
                reason: "no dictionary files (names containing actors, agents, verbs, discards or issues)".into(),
            });
        }
        files.sort();
        for (path, kind) in files {
            self.add_file(&path, kind)?;
        }
        Ok(())
    }

    /// Add another set's entries to this one (user dictionaries over the default).
    pub fn merge(&mut self, other: Dictionaries) {
        let offset = self.files.len() as u16;
        let shift = |o: &mut super::Origin| o.file = o.file.saturating_add(offset);
        let mut other = other;
        other.actors.iter_mut().for_each(|e| shift(&mut e.origin));
        other.agents.iter_mut().for_each(|e| shift(&mut e.origin));
        other.discards.iter_mut().for_each(|e| shift(&mut e.origin));
        other.issues.iter_mut().for_each(|e| shift(&mut e.origin));
        other.verbs.shift_files(offset);
        self.files.extend(other.files);
        self.actors.extend(other.actors);
        self.agents.extend(other.agents);
        self.discards.extend(other.discards);
        self.issues.extend(other.issues);
        self.verbs.merge(other.verbs);
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>, DictSetError> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&VERSION.to_le_bytes());
        let body =
            postcard::to_allocvec(self).map_err(|e| DictSetError::Compiled(e.to_string()))?;
        out.extend(body);
        Ok(out)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Dictionaries, DictSetError> {
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| {
            DictSetError::Compiled("not a dateline dictionary file (no DLDICT header)".into())
        })?;
        let (version, body) = rest
            .split_first_chunk::<2>()
            .ok_or_else(|| DictSetError::Compiled("truncated header".into()))?;
        let version = u16::from_le_bytes(*version);
        if version != VERSION {
            return Err(DictSetError::Compiled(format!(
                "format version {version}, this build reads version {VERSION}"
            )));
        }
        postcard::from_bytes(body).map_err(|e| DictSetError::Compiled(e.to_string()))
    }

    /// The default set compiled into the binary.
    pub fn bundled() -> Result<Dictionaries, DictSetError> {
        Dictionaries::from_bytes(BUNDLED_DICTIONARIES)
    }

    /// Build the matchers.
    pub fn compile(self) -> CompiledDictionaries {
        CompiledDictionaries::new(self)
    }
}

/// A dictionary set with its matchers, ready to code.
pub struct CompiledDictionaries {
    pub dicts: Dictionaries,
    pub actor_matcher: PhraseMatcher,
    pub agent_matcher: PhraseMatcher,
    pub discard_matcher: PhraseMatcher,
    pub issue_matcher: PhraseMatcher,
    pub verb_index: VerbIndex,
}

impl CompiledDictionaries {
    pub fn new(dicts: Dictionaries) -> CompiledDictionaries {
        let actor_matcher = PhraseMatcher::for_actors(&dicts.actors);
        let agent_matcher = PhraseMatcher::for_agents(&dicts.agents);
        let discard_matcher = PhraseMatcher::for_discards(&dicts.discards);
        let issue_matcher = PhraseMatcher::for_issues(&dicts.issues);
        let verb_index = dicts.verbs.index();
        CompiledDictionaries {
            dicts,
            actor_matcher,
            agent_matcher,
            discard_matcher,
            issue_matcher,
            verb_index,
        }
    }
}
