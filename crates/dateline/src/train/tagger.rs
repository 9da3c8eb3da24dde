//! `dateline train tagger`.

use std::process::ExitCode;

use clap::Args;

use super::CommonTrainArgs;

#[derive(Args)]
pub struct TrainTaggerArgs {
    #[command(flatten)]
    pub common: CommonTrainArgs,
}

pub fn run(args: TrainTaggerArgs) -> anyhow::Result<ExitCode> {
    let _ = &args.common;
    anyhow::bail!("dateline train tagger: not built yet")
}
