//! `dateline train ner`.

use std::process::ExitCode;

use clap::Args;

use super::CommonTrainArgs;

#[derive(Args)]
pub struct TrainNerArgs {
    #[command(flatten)]
    pub common: CommonTrainArgs,
}

pub fn run(args: TrainNerArgs) -> anyhow::Result<ExitCode> {
    let _ = &args.common;
    anyhow::bail!("dateline train ner: not built yet")
}
