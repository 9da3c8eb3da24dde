//! `dateline parse`: text, an article or CoNLL-U in; tagged and parsed sentences out.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use dateline_nlp::pipeline::{AnalyzedSentence, Analyzer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Raw text, or an HTML page (its article body is extracted first).
    Text,
    /// CoNLL-U: its tokens and sentence breaks are kept, its annotations ignored.
    Conllu,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    Conllu,
    Json,
}

#[derive(Args)]
pub struct ParseArgs {
    /// A file, or `-` (the default) for stdin.
    #[arg(default_value = "-")]
    path: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    input_format: InputFormat,
    #[arg(long, value_enum, default_value = "conllu")]
    format: ParseFormat,
}

pub fn run(args: ParseArgs) -> anyhow::Result<ExitCode> {
    let name = args.path.display().to_string();
    let mut raw = Vec::new();
    if name == "-" {
        std::io::stdin()
            .read_to_end(&mut raw)
            .context("cannot read stdin")?;
    } else {
        raw = std::fs::read(&args.path).with_context(|| format!("cannot read {name}"))?;
    }
    let looks_html = dateline_ingest::read::sniff::looks_like_html(&raw);
    let (text, _) = dateline_ingest::charset::decode(&raw, None, looks_html);
    let analyzer = Analyzer::bundled().context("cannot load the bundled models")?;
    let sentences: Vec<AnalyzedSentence> = match args.input_format {
        InputFormat::Conllu => dateline_nlp::conllu::read(text.as_bytes(), &name)?
            .iter()
            .map(|s| {
                let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                analyzer.analyze_words(&forms)
            })
            .collect(),
        InputFormat::Text => {
            let body = if looks_html {
                dateline_ingest::html::extract(&text, None).body
            } else {
                text
            };
            analyzer.analyze(&body)
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ParseFormat::Conllu => {
            for (i, s) in sentences.iter().enumerate() {
                out.write_all(s.to_conllu(&format!("{}", i + 1)).as_bytes())?;
            }
        }
        ParseFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &sentences)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
