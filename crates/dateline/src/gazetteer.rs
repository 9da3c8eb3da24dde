//! `dateline build-gazetteer`: compile the gazetteer that ships in the binary
//! (`data/gazetteer/gazetteer.bin`) from the GeoNames and Natural Earth files in
//! `../shared/data/gazetteer` and dateline's own `data/gazetteer/supplement.tsv` (compiled
//! into the command). Deterministic: the same files give the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_code::places::gazetteer;

#[derive(Args)]
pub struct BuildGazetteerArgs {
    /// The shared data folder (its `gazetteer/` subfolder is read).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Where to write the compiled gazetteer.
    #[arg(long, default_value = "data/gazetteer/gazetteer.bin")]
    out: PathBuf,
}

pub fn run(args: BuildGazetteerArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let data = gazetteer::build(&args.data.join("gazetteer"))?;
    let bytes = data.to_bytes()?;
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    println!(
        "{}: {} bytes — {} countries, {} first-level divisions, {} cities, {} regions, {} distinct names ({:.2} s)",
        args.out.display(),
        bytes.len(),
        data.countries.len(),
        data.admin1.len(),
        data.cities.len(),
        data.regions.len(),
        data.names.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
