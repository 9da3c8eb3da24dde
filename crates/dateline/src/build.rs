//! `dateline build-dictionaries`: compile the default dictionary set that ships in the
//! binary (`dictionaries/default.dict`) from the openly licensed PETRARCH-2/Phoenix files in
//! `../shared/data/dictionaries`. Deterministic: the same files give the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_code::dict::set::{DictKind, Dictionaries};
use serde::Serialize;

use crate::eval::EvalFormat;

/// The files of the default set, in the order they are read (PETRARCH-2's default config:
/// Phoenix actors, agents, discards and issues, and the CAMEO 2.0 verb patterns).
pub const DEFAULT_FILES: &[(&str, DictKind)] = &[
    ("Phoenix.Countries.actors.txt", DictKind::Actors),
    ("Phoenix.International.actors.txt", DictKind::Actors),
    ("Phoenix.MilNonState.actors.txt", DictKind::Actors),
    ("Phoenix.agents.txt", DictKind::Agents),
    ("Phoenix.discards.txt", DictKind::Discards),
    ("Phoenix.IssueCoding.txt", DictKind::Issues),
    ("CAMEO.2.0.txt", DictKind::Verbs),
];

/// dateline's own additions (`dictionaries/src/`, PETRARCH-2 syntax), read after the shared
/// files so that they override them; see the file's header. Compiled into the binary so that
/// the build does not depend on the working folder.
pub const DATELINE_FILES: &[(&str, &str, DictKind)] = &[(
    "dateline.verbs.txt",
    include_str!("../../../dictionaries/src/dateline.verbs.txt"),
    DictKind::Verbs,
)];

/// Phoenix's discard list drops every sentence that names a year from 1991 to 2013 or says
/// "years ago" / "months later": its pipeline coded only the day's news. dateline resolves
/// a sentence's dates instead (an event "brokered in 2012" is kept, dated 2012), so those
/// entries are left out of the bundled set; a user's own discard files are applied as
/// written.
fn is_time_reference(words: &[String]) -> bool {
    match words {
        [w] => w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()),
        [_, last] => matches!(last.as_str(), "LATER" | "AGO" | "EARLIER"),
        _ => false,
    }
}

#[derive(Args)]
pub struct BuildDictionariesArgs {
    /// The shared data folder (its `dictionaries/` subfolder is read).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Where to write the compiled set.
    #[arg(long, default_value = "dictionaries/default.dict")]
    out: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
}

#[derive(Serialize)]
struct BuildReport {
    out: String,
    bytes: usize,
    files: Vec<String>,
    actors: usize,
    agents: usize,
    discards: usize,
    issues: usize,
    verb_blocks: usize,
    verb_patterns: usize,
    /// Phoenix discard entries dropped because they are time references (see
    /// [`is_time_reference`]).
    time_discards_dropped: usize,
    seconds: f64,
}

pub fn run(args: BuildDictionariesArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let dir = args.data.join("dictionaries");
    let mut dicts = Dictionaries::empty();
    for (name, kind) in DEFAULT_FILES {
        let path = dir.join(name);
        dicts.add_file(&path, *kind)?;
    }
    for (name, text, kind) in DATELINE_FILES {
        dicts.add_text(&PathBuf::from("dictionaries/src").join(name), text, *kind)?;
    }
    let before = dicts.discards.len();
    dicts
        .discards
        .retain(|d| !is_time_reference(&d.phrase.words));
    let time_discards_dropped = before - dicts.discards.len();
    let bytes = dicts.to_bytes()?;
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let report = BuildReport {
        out: args.out.display().to_string(),
        bytes: bytes.len(),
        files: dicts.files.clone(),
        actors: dicts.actors.len(),
        agents: dicts.agents.len(),
        discards: dicts.discards.len(),
        issues: dicts.issues.len(),
        verb_blocks: dicts.verbs.blocks.len(),
        verb_patterns: dicts.verbs.blocks.iter().map(|b| b.patterns.len()).sum(),
        time_discards_dropped,
        seconds: started.elapsed().as_secs_f64(),
    };
    match args.format {
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        EvalFormat::Text => {
            println!(
                "{}: {} bytes — {} actors, {} agents, {} discards ({} time references left out), {} issues, {} verb blocks with {} patterns ({:.2} s)",
                report.out,
                report.bytes,
                report.actors,
                report.agents,
                report.discards,
                report.time_discards_dropped,
                report.issues,
                report.verb_blocks,
                report.verb_patterns,
                report.seconds
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
