//! `dateline eval suite`: code a PETRARCH validation or unit-test record file and score it
//! as PETRARCH scores it (`dateline_code::records`): a record passes when its coded
//! (source, target, code) triples equal the expected ones; found and extra events as
//! UniversalPetrarch's `validation.py` counts them.
//!
//! Records are coded from their text with our own parse; the parse trees in the file are
//! not used. Dictionaries: the files the record file's `<Environment>` names, read from the
//! record file's folder (or `--dictionaries DIR`); when they are not there (the GSR file
//! names the Phoenix set), the bundled dictionaries, which are that set.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, ValueEnum};
use dateline_code::coder::{Coder, CoderOptions, DyadRule};
use dateline_code::dict::set::{DictKind, Dictionaries};
use dateline_code::records::{read_suite, score_suite, CodedEvent, Environment, SuiteScore};
use dateline_nlp::pipeline::Analyzer;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SuiteFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Args)]
pub struct EvalSuiteArgs {
    /// A PETRARCH record file (`PETR.UnitTest.records.xml`, `PETR_Validate_records_2_02.xml`,
    /// `PETR2_GSR_validation.xml`).
    #[arg(long)]
    records: PathBuf,
    /// The folder holding the dictionaries the record file's `<Environment>` names
    /// (default: the record file's folder).
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<PathBuf>,
    /// Code with the bundled dictionaries instead of the suite's own.
    #[arg(long)]
    bundled: bool,
    #[arg(long, value_enum, default_value = "text")]
    format: SuiteFormat,
    /// Print this many failing records (expected and coded triples).
    #[arg(long, default_value_t = 0)]
    show_failures: usize,
}

#[derive(Serialize)]
struct SuiteReport<'a> {
    records_file: String,
    dictionaries: String,
    dictionary_load_seconds: f64,
    coding_seconds: f64,
    sentences_per_second: f64,
    score: &'a SuiteScore,
    pass_rate: f64,
    found_rate: f64,
    extra_rate: f64,
}

/// The suite's own dictionary files, when they are all in `dir`.
fn suite_dictionaries(env: &Environment, dir: &Path) -> anyhow::Result<Option<Dictionaries>> {
    let mut files: Vec<(PathBuf, DictKind)> = Vec::new();
    for name in &env.actor_files {
        files.push((dir.join(name.trim()), DictKind::Actors));
    }
    for name in &env.agent_files {
        files.push((dir.join(name.trim()), DictKind::Agents));
    }
    if let Some(name) = &env.discard_file {
        files.push((dir.join(name.trim()), DictKind::Discards));
    }
    if let Some(name) = &env.verb_file {
        files.push((dir.join(name.trim()), DictKind::Verbs));
    }
    if files.is_empty() || files.iter().any(|(p, _)| !p.is_file()) {
        return Ok(None);
    }
    let mut dicts = Dictionaries::empty();
    for (path, kind) in files {
        dicts.add_file(&path, kind)?;
    }
    Ok(Some(dicts))
}

pub fn run(args: EvalSuiteArgs) -> anyhow::Result<ExitCode> {
    let name = args.records.display().to_string();
    let raw = std::fs::read(&args.records).with_context(|| format!("cannot read {name}"))?;
    let text = String::from_utf8_lossy(&raw);
    let suite = read_suite(&args.records, &text)?;

    let load_started = Instant::now();
    let dir = args
        .dictionaries
        .clone()
        .or_else(|| args.records.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let (dicts, which) = match (args.bundled, suite_dictionaries(&suite.environment, &dir)?) {
        (false, Some(d)) => (d, format!("the suite's own, from {}", dir.display())),
        _ => (
            Dictionaries::bundled().context("cannot load the bundled dictionaries")?,
            "bundled (Phoenix + CAMEO.2.0)".to_string(),
        ),
    };
    let coder = Coder::new(dicts.compile(), CoderOptions::default());
    let load_seconds = load_started.elapsed().as_secs_f64();
    let analyzer = Analyzer::bundled().context("cannot load the bundled models")?;

    let started = Instant::now();
    let mut sentences = 0usize;
    let score = score_suite(&suite.records, |record| {
        // PETRARCH's `require_dyad` (on unless a <Config> switches it off).
        let require_dyad = !matches!(record.config.get("require_dyad"), Some(v) if v.eq_ignore_ascii_case("false"));
        let options = CoderOptions {
            dyads: if require_dyad {
                DyadRule::Always
            } else {
                DyadRule::Never
            },
            // PETRARCH codes verbs only; event nouns come in through verb patterns.
            nominal_events: false,
        };
        let analysed = analyzer.analyze(&record.text);
        sentences += analysed.len();
        let coded = coder.code_sentences_with(&analysed, record.date, &options);
        Ok(coded
            .events
            .into_iter()
            .map(|e| CodedEvent {
                // PETRARCH writes a missing actor as `---`.
                source: e.source.map_or_else(|| "---".to_string(), |a| a.code),
                target: e.target.map_or_else(|| "---".to_string(), |a| a.code),
                code: e.cameo,
            })
            .collect())
    });
    let seconds = started.elapsed().as_secs_f64();
    let report = SuiteReport {
        records_file: name.clone(),
        dictionaries: which,
        dictionary_load_seconds: load_seconds,
        coding_seconds: seconds,
        sentences_per_second: sentences as f64 / seconds.max(1e-9),
        score: &score,
        pass_rate: score.pass_rate(),
        found_rate: score.found_rate(),
        extra_rate: score.extra_rate(),
    };
    // Written with `writeln!` so that a closed pipe (`… | head`) is an error the caller
    // treats as the reader's choice, never a panic.
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        SuiteFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        SuiteFormat::Text | SuiteFormat::Markdown => {
            writeln!(out, "records:      {name}")?;
            writeln!(
                out,
                "dictionaries: {} (load + compile {:.3} s)",
                report.dictionaries, load_seconds
            )?;
            writeln!(
                out,
                "passed:       {}/{} evaluated records ({:.1}%)",
                score.passed,
                score.evaluated,
                100.0 * score.pass_rate()
            )?;
            writeln!(
                out,
                "events:       {:.1}% of expected found, extra {:.1}% (of evaluated records)",
                100.0 * score.found_rate(),
                100.0 * score.extra_rate()
            )?;
            writeln!(
                out,
                "speed:        {:.0} sentences/s (tag, parse, entities and coding; one thread)",
                report.sentences_per_second
            )?;
            if args.format == SuiteFormat::Markdown {
                writeln!(out)?;
                write!(out, "{}", score.to_markdown_table())?;
            }
            for f in score.failures.iter().take(args.show_failures) {
                writeln!(out, "{}", serde_json::to_string(f)?)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
