//! `vnextract`: converts Vietnamese Party news articles to JSON records.
//!
//! Exit status: 0 when every input gave a record, 1 when some input failed
//! (each is reported on stderr, the rest are still written), 2 when the run
//! itself failed (bad arguments, output not writable).

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use cli::inputs::{Input, Jobs};
use cli::output::Sink;
use cli::run::{run, Options};

#[derive(Parser, Debug)]
#[command(name = "vnextract", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract records from articles: one JSON line per article, in input order.
    Extract(ExtractArgs),
}

#[derive(Args, Debug)]
struct ExtractArgs {
    /// Text files, directories (searched recursively for .txt files), or -
    /// for one article on standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// A JSON Lines archive: one {"id": ..., "text": ...} object per line
    /// (- for standard input). Other fields are passed through; "published"
    /// is used when the text has no date line. May be repeated.
    #[arg(long, value_name = "FILE")]
    jsonl: Vec<PathBuf>,
    /// Write the records to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Indented JSON for human reading.
    #[arg(long)]
    pretty: bool,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// No progress bar, no per-input errors, no summary line.
    #[arg(short, long)]
    quiet: bool,
}

/// The inputs in the order they were given on the command line.
fn ordered_inputs(m: &ArgMatches, args: &ExtractArgs) -> Vec<Input> {
    let idx =
        |name: &str| -> Vec<usize> { m.indices_of(name).map(|i| i.collect()).unwrap_or_default() };
    let mut all: Vec<(usize, Input)> = Vec::new();
    let pi = idx("paths");
    for (k, p) in args.paths.iter().enumerate() {
        all.push((pi.get(k).copied().unwrap_or(k), Input::Path(p.clone())));
    }
    let ji = idx("jsonl");
    for (k, p) in args.jsonl.iter().enumerate() {
        all.push((
            ji.get(k).copied().unwrap_or(usize::MAX),
            Input::Jsonl(p.clone()),
        ));
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, i)| i).collect()
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let Command::Extract(args) = cli.command;
    let sub = matches
        .subcommand_matches("extract")
        .expect("the only subcommand");
    let inputs = ordered_inputs(sub, &args);
    if inputs.is_empty() {
        eprintln!("vnextract: no inputs: give files, directories, - or --jsonl FILE");
        return ExitCode::from(2);
    }
    let opts = Options {
        jobs: args
            .jobs
            .map(usize::from)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        pretty: args.pretty,
        progress: true,
        quiet: args.quiet,
    };
    let mut sink = match &args.out {
        Some(path) => match Sink::file(path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("vnextract: {e}");
                return ExitCode::from(2);
            }
        },
        None => Sink::stdout(),
    };
    let summary = match run(Jobs::new(inputs), &mut sink, &opts).and_then(|s| {
        sink.commit().map(|open| cli::run::Summary {
            closed: s.closed || !open,
            ..s
        })
    }) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("vnextract: {e}");
            return ExitCode::from(2);
        }
    };
    if summary.closed {
        // The reader stopped listening (`| head`): not a failure.
        return ExitCode::SUCCESS;
    }
    if !opts.quiet {
        eprintln!(
            "vnextract: {} processed, {} failed",
            summary.processed, summary.failed
        );
    }
    if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
