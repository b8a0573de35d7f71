//! `cargo-sharelock`, also run as `cargo sharelock`: parses arguments and prints. The library
//! does the work (`sharelock_checker::check`, `render`, `baseline`, `codes`).

use clap::{Args, Parser, Subcommand, ValueEnum};
use sharelock_checker::baseline::Baseline;
use sharelock_checker::diagnostic::{Code, Error, Report};
use sharelock_checker::render::{self, Format, Settings};
use sharelock_checker::{codes, views, Options};
use std::ffi::OsString;
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

#[derive(Parser)]
#[command(
    name = "cargo-sharelock",
    bin_name = "cargo sharelock",
    version,
    about = "Proves that labelled user data reaches only the parties its labels allow"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Report every flow that breaks a label's permissions (exit 1), or an error (exit 2)
    Check(CheckArgs),
    /// Draw the labelled data-flow graph
    Graph {
        #[command(flatten)]
        target: Target,
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
    },
    /// List which categories reach which parties, and how (records of processing)
    Inventory {
        #[command(flatten)]
        target: Target,
        #[arg(long, value_enum, default_value_t = InventoryFormat::Md)]
        format: InventoryFormat,
    },
    /// Serve editors over stdio (Language Server Protocol): findings while typing
    Lsp,
    /// Explain a code (SL001..SL004): what it reports, why, an example and the fix
    Explain {
        /// The code, `SL002`
        code: String,
    },
}

/// What to check.
#[derive(Args)]
struct Target {
    /// A cargo package or workspace directory, a directory holding lib.rs/main.rs, or a .rs file
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The policy file; by default `sharelock.toml` is looked up from PATH upwards
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    target: Target,
    /// Output format [default: human]
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// `json` is `--format rustc-json`, as cargo spells it
    #[arg(long, value_enum, value_name = "FMT", conflicts_with = "format")]
    message_format: Option<MessageFormat>,
    /// Leave out the violations that this baseline lists; only new ones fail
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write the current failing violations as a baseline (they then no longer fail)
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// First pass `cargo check --message-format=json` through (implies rustc-json): one
    /// rust-analyzer override command for both the compiler's and sharelock's diagnostics
    #[arg(long)]
    with_cargo_check: bool,
    /// Exit 0 even when violations are found (errors still exit 2), as ruff's flag does:
    /// for looking at a report without failing the command
    #[arg(long)]
    exit_zero: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Dot,
    Mermaid,
}

#[derive(Clone, Copy, ValueEnum)]
enum InventoryFormat {
    Md,
    Json,
    Html,
}

/// The analysis allocates many small, short-lived values; mimalloc serves them faster
/// than the system allocator (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let arguments = arguments();
    let cli = match Cli::try_parse_from(&arguments) {
        Ok(cli) => cli,
        Err(error) => std::process::exit(usage_error(&arguments, error)),
    };
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Graph { target, format } => view(&target, |report| match format {
            GraphFormat::Dot => views::dot::render(report),
            GraphFormat::Mermaid => views::mermaid::render(report),
        }),
        Command::Inventory { target, format } => view(&target, |report| match format {
            InventoryFormat::Md => views::inventory::md::render(report),
            InventoryFormat::Json => views::inventory::json::render(report),
            InventoryFormat::Html => views::inventory::html::render(report),
        }),
        Command::Lsp => lsp(),
        Command::Explain { code } => explain(&code),
    };
    std::process::exit(code);
}

/// A command line clap rejects. Asked for a machine format (`--format json`), the error is
/// reported in it, as every other error is (SPEC: exit 2 still prints one JSON document);
/// otherwise clap prints it with the usage.
fn usage_error(arguments: &[OsString], error: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    let shown = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    let format = requested_format(arguments).filter(|f| *f != Format::Human);
    let Some(format) = format.filter(|_| !shown) else {
        error.exit()
    };
    let text = error.to_string();
    let message = text.lines().next().unwrap_or_default();
    let report = Report {
        errors: vec![Error {
            message: message.trim_start_matches("error: ").to_string(),
            location: None,
            help: Some("see `cargo sharelock check --help`".into()),
        }],
        ..Report::default()
    };
    let output = render::render(&report, format, &Settings::default());
    emit(&mut std::io::stdout(), &output.stdout);
    emit(&mut std::io::stderr(), &output.stderr);
    2
}

/// The format a command line asks for (`--format sarif`, `--message-format=json`), read
/// without clap, for reporting the errors clap finds in it.
fn requested_format(arguments: &[OsString]) -> Option<Format> {
    let arguments: Vec<&str> = arguments.iter().filter_map(|a| a.to_str()).collect();
    arguments.iter().enumerate().find_map(|(index, argument)| {
        let (flag, value) = match argument.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (*argument, arguments.get(index + 1).copied()),
        };
        match (flag, value?) {
            ("--format", value) => Format::from_str(value, true).ok(),
            ("--message-format", "json") => Some(Format::RustcJson),
            _ => None,
        }
    })
}

/// The command line without the `sharelock` that cargo passes when run as `cargo sharelock`.
fn arguments() -> Vec<OsString> {
    let mut arguments: Vec<OsString> = std::env::args_os().collect();
    if arguments
        .get(1)
        .is_some_and(|argument| argument == "sharelock")
    {
        arguments.remove(1);
    }
    arguments
}

fn check(args: CheckArgs) -> i32 {
    let format = match output_format(&args) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    let target = &args.target;
    let mut report = sharelock_checker::check(
        &target.path,
        &Options {
            policy: target.policy.clone(),
        },
    );
    let baselined = baseline(&args, &mut report);
    let root = root(&target.path);
    let mut exit = 0;
    if args.with_cargo_check {
        exit = cargo_check(root.as_deref().unwrap_or(&target.path), &mut report);
    }
    let settings = Settings {
        root,
        color: colour(),
        width: width(),
        baselined,
    };
    let output = render::render(&report, format, &settings);
    emit(&mut std::io::stdout(), &output.stdout);
    emit(&mut std::io::stderr(), &output.stderr);
    let code = exit.max(report.exit_code());
    if args.exit_zero && code == 1 {
        0
    } else {
        code
    }
}

fn output_format(args: &CheckArgs) -> Result<Format, String> {
    let asked = match args.message_format {
        Some(MessageFormat::Json) => Some(Format::RustcJson),
        Some(MessageFormat::Human) => Some(Format::Human),
        None => args.format,
    };
    match (args.with_cargo_check, asked) {
        (true, None | Some(Format::RustcJson)) => Ok(Format::RustcJson),
        (true, Some(_)) => Err(
            "--with-cargo-check prints rustc diagnostics: use it with --format rustc-json".into(),
        ),
        (false, asked) => Ok(asked.unwrap_or(Format::Human)),
    }
}

/// Applies `--baseline` or writes `--write-baseline` (then applies what it wrote); returns
/// how many violations the baseline left out. Failures become report errors (exit 2).
fn baseline(args: &CheckArgs, report: &mut Report) -> usize {
    let loaded = if let Some(file) = &args.write_baseline {
        let baseline = Baseline::of(report);
        std::fs::write(file, baseline.to_json())
            .map(|()| baseline)
            .map_err(|e| format!("cannot write the baseline {}: {e}", file.display()))
    } else if let Some(file) = &args.baseline {
        std::fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|text| Baseline::parse(&text))
            .map_err(|e| format!("cannot read the baseline {}: {e}", file.display()))
    } else {
        return 0;
    };
    match loaded {
        Ok(baseline) => baseline.apply(report),
        Err(message) => {
            report.errors.push(Error {
                message,
                location: None,
                help: None,
            });
            0
        }
    }
}

/// Writes to a stream that may be closed early (`| head`, an editor that stopped reading):
/// the exit code still tells the result, so a closed stream is not a crash.
fn emit(stream: &mut impl Write, text: &str) {
    let _ = stream
        .write_all(text.as_bytes())
        .and_then(|()| stream.flush());
}

/// The absolute directory the report's paths are relative to: PATH, or a file's folder.
fn root(path: &Path) -> Option<PathBuf> {
    let path = std::fs::canonicalize(path).ok()?;
    if path.is_file() {
        path.parent().map(Path::to_path_buf)
    } else {
        Some(path)
    }
}

/// Runs `cargo check --message-format=json` from `dir` and passes its stdout through line
/// by line; returns 1 when it fails (the compiler's errors are then among its lines).
fn cargo_check(dir: &Path, report: &mut Report) -> i32 {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let spawned = Process::new(cargo)
        .args(["check", "--message-format=json"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => {
            let message = format!("cannot run cargo check: {e}");
            report.errors.push(Error {
                message,
                location: None,
                help: None,
            });
            return 2;
        }
    };
    if let Some(lines) = child.stdout.take() {
        for line in BufReader::new(lines).lines().map_while(Result::ok) {
            emit(&mut std::io::stdout(), &format!("{line}\n"));
        }
    }
    match child.wait() {
        Ok(status) if status.success() => 0,
        _ => 1,
    }
}

/// Colours only for a terminal, and never when `NO_COLOR` is set (no-color.org).
fn colour() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.parse().ok())
        .unwrap_or(100)
}

fn explain(code: &str) -> i32 {
    match Code::parse(code) {
        Some(code) => {
            emit(&mut std::io::stdout(), codes::documentation(code));
            0
        }
        None => {
            let known: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
            eprintln!(
                "error: unknown code `{code}`; sharelock's codes are {}",
                known.join(", ")
            );
            2
        }
    }
}

fn lsp() -> i32 {
    match sharelock_checker::lsp::run_stdio() {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: the language server stopped: {e}");
            2
        }
    }
}

/// Prints a view of the checked code (`graph`, `inventory`). A check that stopped on errors
/// would give a partial view: its errors are printed as `check` prints them (exit 2).
fn view(target: &Target, render_view: impl Fn(&Report) -> String) -> i32 {
    let report = sharelock_checker::check(
        &target.path,
        &Options {
            policy: target.policy.clone(),
        },
    );
    if report.errors.is_empty() {
        emit(&mut std::io::stdout(), &render_view(&report));
        return 0;
    }
    let settings = Settings {
        root: root(&target.path),
        color: colour(),
        width: width(),
        baselined: 0,
    };
    let output = render::render(&report, Format::Human, &settings);
    emit(&mut std::io::stderr(), &output.stderr);
    2
}
