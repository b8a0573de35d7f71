//! The sharelock benchmark: how a full check compares with bare parsing, how it scales, what it
//! costs in memory, how fast the editor's re-check is, and how it compares with `cargo check`.
//!
//! `cargo run --release -p sharelock-bench -- --sizes 10k,100k,1m --real` prints the tables of
//! `docs/performance.md`. Figures live here and in the docs, never in timed test assertions.

mod cargo_check;
mod corpus;
mod gen;
mod probe;
mod table;

use clap::{Parser, Subcommand};
use corpus::Corpus;
use std::path::{Path, PathBuf};
use std::str::FromStr;

#[derive(Parser)]
#[command(name = "sharelock-bench", about = "Benchmarks sharelock's checker")]
struct Cli {
    #[command(subcommand)]
    probe: Option<ProbeCommand>,
    /// Synthetic corpus sizes in lines: `10k`, `100k`, `1m`, a plain number, or `none`.
    #[arg(long, value_delimiter = ',', default_value = "10k,100k,1m")]
    sizes: Vec<Size>,
    /// Also measure the real sources of sharelock's dependencies in the cargo registry.
    #[arg(long)]
    real: bool,
    /// Also time a cold `cargo check` of every synthetic corpus (slow).
    #[arg(long)]
    cargo_check: bool,
    /// Timed runs per corpus and measurement; the fastest counts.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Seed of the synthetic corpora.
    #[arg(long, default_value_t = 2016)]
    seed: u64,
    /// Where corpora and cargo's build files go (default: `target/sharelock-bench`).
    #[arg(long)]
    work: Option<PathBuf>,
    #[command(flatten)]
    limits: probe::Limits,
}

#[derive(Subcommand)]
enum ProbeCommand {
    /// One measurement in a child process (used by the bench itself).
    #[command(hide = true)]
    Probe {
        kind: probe::Kind,
        path: PathBuf,
        #[arg(long)]
        policy: Option<PathBuf>,
        #[command(flatten)]
        limits: probe::Limits,
    },
}

/// A corpus size in lines.
#[derive(Clone, Copy)]
struct Size(usize);

impl FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Size, String> {
        let lower = text.trim().to_ascii_lowercase();
        if lower == "none" {
            return Ok(Size(0));
        }
        let (digits, scale) = match lower.strip_suffix('k') {
            Some(digits) => (digits, 1_000),
            None => lower
                .strip_suffix('m')
                .map_or((lower.as_str(), 1), |d| (d, 1_000_000)),
        };
        digits
            .parse::<usize>()
            .map(|n| Size(n * scale))
            .map_err(|_| format!("`{text}` is not a size like 10k, 100k or 1m"))
    }
}

impl Size {
    fn label(self) -> String {
        match self.0 {
            n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}m", n / 1_000_000),
            n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
            n => n.to_string(),
        }
    }
}

/// The analysis allocates many small, short-lived values; mimalloc serves them faster
/// than the system allocator (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    if let Some(ProbeCommand::Probe {
        kind,
        path,
        policy,
        limits,
    }) = cli.probe
    {
        match limits
            .apply()
            .and_then(|()| probe::run(kind, &path, policy))
        {
            Ok(outcome) => println!("{}", serde_json::to_string(&outcome).expect("plain data")),
            Err(error) => {
                eprintln!("sharelock-bench probe: {error}");
                std::process::exit(2);
            }
        }
        return;
    }
    if let Err(error) = bench(&cli) {
        eprintln!("sharelock-bench: {error}");
        std::process::exit(2);
    }
}

fn bench(cli: &Cli) -> std::io::Result<()> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/ is in the repository");
    let work = cli
        .work
        .clone()
        .unwrap_or_else(|| repo.join("target/sharelock-bench"));
    std::fs::create_dir_all(&work)?;
    let work = work.canonicalize()?;

    let mut corpora = Vec::new();
    for size in cli.sizes.iter().filter(|size| size.0 > 0) {
        let label = size.label();
        eprintln!("generating the {label} corpus");
        let root = gen::generate(&work.join(format!("synth-{label}")), size.0, cli.seed, repo)?;
        corpora.push(Corpus::scan(
            format!("synthetic {label}"),
            root,
            None,
            true,
        )?);
    }
    if cli.real {
        // Registry packages have no policy of their own. Each is checked twice, with the
        // messenger's parties and a label: on a type they never use, so that nothing can
        // hold labelled data and the check is loading and resolving (see `relevance` in
        // ARCHITECTURE.md); and on `String`, so that the analysis runs on nearly every
        // function with labelled data flowing through it.
        let policies = [("", "identity::Identity"), (" (String labelled)", "String")];
        let crates = corpus::registry_crates()?;
        for (suffix, labelled) in policies {
            let policy = work.join(format!("real-policy-{}.toml", labelled.replace("::", "-")));
            std::fs::write(
                &policy,
                format!(
                    "{}\n[[labels]]\ntype = \"{labelled}\"\ncategory = \"account.identity\"\ndeny = [\"parent_company\"]\n",
                    include_str!("../templates/core/sharelock.toml")
                ),
            )?;
            for (name, root) in &crates {
                let name = format!("{name}{suffix}");
                corpora.push(Corpus::scan(
                    name,
                    root.clone(),
                    Some(policy.clone()),
                    false,
                )?);
            }
        }
    }

    let mut rows = Vec::new();
    for corpus in &corpora {
        eprintln!(
            "measuring {} ({} files, {} lines)",
            corpus.name,
            corpus.files.len(),
            corpus.lines
        );
        let row = table::Row::measure(corpus, cli.runs, &cli.limits)?;
        eprintln!("  {}", row.progress());
        rows.push(row);
    }
    let mut cargo_rows = Vec::new();
    if cli.cargo_check {
        let target = work.join("cargo-target");
        let warm_up = gen::generate(&work.join("synth-warm-up"), 300, cli.seed, repo)?;
        for (corpus, row) in corpora.iter().zip(&rows).filter(|(c, _)| c.synthetic) {
            eprintln!("cargo check of {}", corpus.name);
            let result = cargo_check::cold(&corpus.root, &warm_up, &target)?;
            cargo_rows.push((corpus.name.clone(), result, row.check_secs));
        }
    }
    print!("{}", table::render(&rows, &cargo_rows));
    Ok(())
}
