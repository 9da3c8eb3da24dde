//! `dateline train parser`.

use std::process::ExitCode;

use clap::Args;

use super::CommonTrainArgs;

#[derive(Args)]
pub struct TrainParserArgs {
    #[command(flatten)]
    pub common: CommonTrainArgs,
}

pub fn run(args: TrainParserArgs) -> anyhow::Result<ExitCode> {
    let _ = &args.common;
    anyhow::bail!("dateline train parser: not built yet")
}
