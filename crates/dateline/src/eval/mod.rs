//! `dateline eval …`: score the bundled models against gold data — one module per layer.

mod ner;
mod parse;
mod suite;
mod tokenize;

use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Tags, lemmas and dependencies against a gold CoNLL-U file (gold tokenization).
    Parse(parse::EvalParseArgs),
    /// Entity spans (PERSON, ORGANIZATION, PLACE) against a gold file.
    Ner(ner::EvalNerArgs),
    /// Tokens, words and sentences from raw text against a gold CoNLL-U file (CoNLL 2018).
    Tokenize(tokenize::EvalTokenizeArgs),
    /// Code a PETRARCH validation or unit-test record file and score it as PETRARCH does.
    Suite(suite::EvalSuiteArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Text,
    Json,
}

pub fn run(cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Parse(args) => parse::run(args),
        EvalCommand::Ner(args) => ner::run(args),
        EvalCommand::Tokenize(args) => tokenize::run(args),
        EvalCommand::Suite(args) => suite::run(args),
    }
}
