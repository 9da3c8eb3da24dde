//! CoNLL-U: the treebanks' format, read for training and evaluation, written as output.
//!
//! Multiword-token lines (`1-2`) and empty nodes (`8.1`) are kept aside: training and the
//! CoNLL 2018 scores work on syntactic words, and the surface tokens are only needed to
//! print the text back.

use std::fmt::Write as _;
use std::io::BufRead;

use thiserror::Error;

/// A malformed CoNLL-U line: the file (as given), 1-based line number and what is wrong.
#[derive(Debug, Error)]
#[error("{source_name}:{line}: {message}")]
pub struct ConlluError {
    pub source_name: String,
    pub line: usize,
    pub message: String,
}

/// One syntactic word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// 1-based index in the sentence.
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// `_` or `Feat=Val|Feat=Val`, as written.
    pub feats: String,
    /// Head index (0 = root); `None` when the file gives `_`.
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A multiword token (`1-2 don't`) spanning words `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub misc: String,
}

/// One sentence: its comment lines (`# sent_id = …`, `# text = …`), words and multiword
/// tokens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiword: Vec<MultiwordToken>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let (k, v) = rest.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// Write the sentence as CoNLL-U (ending with the blank line).
    pub fn to_conllu(&self) -> String {
        let mut out = String::new();
        for c in &self.comments {
            let _ = writeln!(out, "{c}");
        }
        let mut mwt = self.multiword.iter().peekable();
        for w in &self.words {
            while let Some(m) = mwt.peek() {
                if m.first != w.id {
                    break;
                }
                let _ = writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    m.first,
                    m.last,
                    m.form,
                    or_underscore(&m.misc)
                );
                mwt.next();
            }
            let head = w.head.map_or_else(|| "_".to_string(), |h| h.to_string());
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                w.id,
                w.form,
                or_underscore(&w.lemma),
                or_underscore(&w.upos),
                or_underscore(&w.xpos),
                or_underscore(&w.feats),
                head,
                or_underscore(&w.deprel),
                or_underscore(&w.deps),
                or_underscore(&w.misc)
            );
        }
        out.push('\n');
        out
    }
}

fn or_underscore(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

/// Read every sentence of a CoNLL-U stream. `source_name` names the input in errors.
pub fn read<R: BufRead>(reader: R, source_name: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    let err = |line: usize, message: String| ConlluError {
        source_name: source_name.to_string(),
        line,
        message,
    };
    for (i, line) in reader.lines().enumerate() {
        let n = i + 1;
        let line = line.map_err(|e| err(n, e.to_string()))?;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            } else {
                current = Sentence::default();
            }
            continue;
        }
        if line.starts_with('#') {
            current.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                n,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node (enhanced graphs only)
        }
        if let Some((a, b)) = id.split_once('-') {
            let (Ok(first), Ok(last)) = (a.parse(), b.parse()) else {
                return Err(err(n, format!("bad multiword token range {id:?}")));
            };
            current.multiword.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_string(),
                misc: field(cols[9]),
            });
            continue;
        }
        let Ok(id) = id.parse::<usize>() else {
            return Err(err(n, format!("bad word id {id:?}")));
        };
        if id != current.words.len() + 1 {
            return Err(err(n, format!("word id {id} out of sequence")));
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(
                h.parse::<usize>()
                    .map_err(|_| err(n, format!("bad head {h:?}")))?,
            ),
        };
        current.words.push(Word {
            id,
            form: cols[1].to_string(),
            lemma: field(cols[2]),
            upos: field(cols[3]),
            xpos: field(cols[4]),
            feats: field(cols[5]),
            head,
            deprel: field(cols[7]),
            deps: field(cols[8]),
            misc: field(cols[9]),
        });
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    for (si, s) in sentences.iter().enumerate() {
        let len = s.words.len();
        if let Some(w) = s.words.iter().find(|w| w.head.is_some_and(|h| h > len)) {
            return Err(err(
                0,
                format!(
                    "sentence {}: word {} has head beyond the sentence",
                    si + 1,
                    w.id
                ),
            ));
        }
    }
    Ok(sentences)
}

/// Read a CoNLL-U file.
pub fn read_file(path: &std::path::Path) -> Result<Vec<Sentence>, ConlluError> {
    let name = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| ConlluError {
        source_name: name.clone(),
        line: 0,
        message: e.to_string(),
    })?;
    read(std::io::BufReader::new(f), &name)
}

/// `_` means "no value": kept as an empty string.
fn field(s: &str) -> String {
    if s == "_" {
        String::new()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_multiword_tokens_and_comments() {
        let s = read(SAMPLE.as_bytes(), "sample").unwrap();
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert_eq!(s.comment("text"), Some("I don't know."));
        assert_eq!(s.words.len(), 5);
        assert_eq!(s.words[3].head, Some(0));
        assert_eq!(s.words[2].deprel, "advmod");
        assert_eq!(s.multiword[0].form, "don't");
        assert_eq!(s.words[0].feats, "Case=Nom");
        assert_eq!(s.words[1].misc, "");
    }

    #[test]
    fn round_trips_without_empty_nodes() {
        let s = read(SAMPLE.as_bytes(), "sample").unwrap();
        let written = s[0].to_conllu();
        let again = read(written.as_bytes(), "again").unwrap();
        assert_eq!(s, again);
        assert!(!written.contains("4.1"));
    }

    #[test]
    fn bad_lines_name_the_file_and_line() {
        let e = read("1\tI\n".as_bytes(), "bad.conllu").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().starts_with("bad.conllu:1:"));
        let e = read("2\tI\tI\tX\tX\t_\t0\troot\t_\t_\n".as_bytes(), "b").unwrap_err();
        assert!(e.message.contains("out of sequence"));
    }

    #[test]
    fn reads_the_treebanks_when_present() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        let ewt = dir.join("ud_english_ewt/en_ewt-ud-dev.conllu");
        if !ewt.exists() {
            eprintln!("note: {} not found; skipping", ewt.display());
            return;
        }
        let s = read_file(&ewt).unwrap();
        assert!(s.len() > 2000, "EWT dev has about 2,000 sentences");
        assert!(s.iter().all(|x| x.words.iter().all(|w| w.head.is_some())));
    }
}
