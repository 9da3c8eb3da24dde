//! `dateline eval ner`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::EvalFormat;

#[derive(Args)]
pub struct EvalNerArgs {
    /// The gold file.
    #[arg(long)]
    gold: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
}

pub fn run(args: EvalNerArgs) -> anyhow::Result<ExitCode> {
    let _ = (&args.gold, args.format);
    anyhow::bail!("dateline eval ner: not built yet")
}
