//! `dateline eval tokenize`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::EvalFormat;

#[derive(Args)]
pub struct EvalTokenizeArgs {
    /// The gold file.
    #[arg(long)]
    gold: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
}

pub fn run(args: EvalTokenizeArgs) -> anyhow::Result<ExitCode> {
    let _ = (&args.gold, args.format);
    anyhow::bail!("dateline eval tokenize: not built yet")
}
