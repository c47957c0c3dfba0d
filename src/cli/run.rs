//! The batch: jobs are read in order, processed in parallel in bounded
//! batches, and written in input order. Reading the next batch and writing
//! the previous one overlap with the processing of the current one.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value};
use vnextract::Extractor;

use super::error::{InputError, RunError};
use super::inputs::{Job, Jobs};
use super::output::Sink;

/// How the batch runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads.
    pub jobs: usize,
    /// Indented JSON instead of one line per record.
    pub pretty: bool,
    /// Show a progress bar (only when stderr is a terminal).
    pub progress: bool,
    /// Print the summary line and per-input errors.
    pub quiet: bool,
}

/// What happened to the inputs.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Inputs that produced a record.
    pub processed: u64,
    /// Inputs reported as errors.
    pub failed: u64,
    /// True when the reader of our output went away (a closed pipe).
    pub closed: bool,
}

/// Batches close at this many jobs or this many bytes held, whichever comes
/// first: peak memory is about three batches, whatever the archive's size.
const BATCH_JOBS: usize = 2048;
const BATCH_BYTES: usize = 8 << 20;
/// What a not-yet-read file is assumed to hold, for batch sizing.
const FILE_ESTIMATE: usize = 64 << 10;

type Outcome = Result<Vec<u8>, InputError>;

/// Runs the whole batch, writing records to `sink`.
pub fn run(jobs: Jobs, sink: &mut Sink, opts: &Options) -> Result<Summary, RunError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
        .map_err(|e| RunError::Pool {
            jobs: opts.jobs,
            reason: e.to_string(),
        })?;
    let extractor = Extractor::new();
    let bar = progress_bar(opts);
    let mut summary = Summary::default();
    let mut jobs = jobs;

    let mut batch = next_batch(&mut jobs);
    let mut done: Vec<Outcome> = Vec::new();
    loop {
        if batch.is_empty() && done.is_empty() {
            break;
        }
        let current = std::mem::take(&mut batch);
        let previous = std::mem::take(&mut done);
        let (results, (written, next)) = pool.install(|| {
            rayon::join(
                || {
                    current
                        .into_par_iter()
                        .map(|job| process(&extractor, job, opts.pretty))
                        .collect::<Vec<Outcome>>()
                },
                || {
                    let written = write_outcomes(previous, sink, &mut summary, &bar, opts);
                    (written, next_batch(&mut jobs))
                },
            )
        });
        written?;
        if summary.closed {
            break;
        }
        done = results;
        batch = next;
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(summary)
}

fn next_batch(jobs: &mut Jobs) -> Vec<Job> {
    let mut batch = Vec::new();
    let mut held = 0;
    while batch.len() < BATCH_JOBS && held < BATCH_BYTES {
        let Some(job) = jobs.next() else { break };
        held += match job {
            Job::File(_) => FILE_ESTIMATE,
            ref j => j.held_bytes(),
        };
        batch.push(job);
    }
    batch
}

fn write_outcomes(
    outcomes: Vec<Outcome>,
    sink: &mut Sink,
    summary: &mut Summary,
    bar: &Option<ProgressBar>,
    opts: &Options,
) -> Result<(), RunError> {
    for outcome in outcomes {
        match outcome {
            Ok(bytes) => {
                if summary.closed {
                    continue;
                }
                match sink.write_record(&bytes) {
                    Ok(true) => summary.processed += 1,
                    Ok(false) => summary.closed = true,
                    Err(e) => return Err(e),
                }
            }
            Err(e) => {
                summary.failed += 1;
                if !opts.quiet {
                    let msg = format!("vnextract: error: {e}");
                    match bar {
                        Some(b) => b.suspend(|| eprintln!("{msg}")),
                        None => eprintln!("{msg}"),
                    }
                }
            }
        }
        if let Some(b) = bar {
            b.inc(1);
        }
    }
    Ok(())
}

fn progress_bar(opts: &Options) -> Option<ProgressBar> {
    if !opts.progress || opts.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos} articles  {per_sec}  {elapsed_precise}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

/// Decodes and extracts one job into its serialized record.
fn process(ex: &Extractor, job: Job, pretty: bool) -> Outcome {
    match job {
        Job::Failed(e) => Err(e),
        Job::File(path) => {
            let bytes = std::fs::read(&path).map_err(|source| InputError::Read {
                path: path.clone(),
                source,
            })?;
            let name = path.display().to_string();
            let text = decode(&name, &bytes)?;
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            serialize(&ex.extract_with_id(&id, text), None, pretty)
        }
        Job::Stdin(bytes) => {
            let text = decode("-", &bytes)?;
            serialize(&ex.extract_with_id("stdin", text), None, pretty)
        }
        Job::Line {
            source,
            line,
            bytes,
        } => {
            let bad = |reason: String| InputError::BadLine {
                path: source.clone(),
                line,
                reason,
            };
            // JSON text is UTF-8: validate the line once with a vectorized
            // check, so that the parser can take it as `str` and skip its own
            // byte-by-byte validation of every string.
            let line_text = utf8(&bytes).map_err(|offset| {
                bad(format!(
                    "not valid JSON (not UTF-8: first bad byte at offset {offset})"
                ))
            })?;
            let value: Value = serde_json::from_str(line_text)
                .map_err(|e| bad(format!("not valid JSON ({e})")))?;
            let Value::Object(mut obj) = value else {
                return Err(bad("not a JSON object".into()));
            };
            let text = match obj.remove("text") {
                Some(Value::String(t)) => t,
                Some(_) => return Err(bad("field \"text\" is not a string".into())),
                None => return Err(bad("no field \"text\"".into())),
            };
            if text.trim().is_empty() {
                return Err(bad("empty text".into()));
            }
            let id = match obj.remove("id") {
                Some(Value::String(s)) => s,
                Some(Value::Number(n)) => n.to_string(),
                _ => format!("{}:{line}", stem_of(&source)),
            };
            let hint = match obj.get("published") {
                Some(Value::String(s)) => Some(s.clone()),
                _ => None,
            };
            obj.remove("published");
            let article = ex.extract_with_hint(&id, &text, hint.as_deref());
            serialize(&article, Some(obj), pretty)
        }
    }
}

fn stem_of(source: &str) -> String {
    std::path::Path::new(source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.to_string())
}

/// `bytes` as text, or the offset of the first byte that is not UTF-8.
///
/// `simdutf8`'s check is many times faster than `std::str::from_utf8` on
/// Vietnamese text, where multi-byte letters break up the ASCII runs that the
/// standard check speeds through; on valid input both agree, and the slower
/// standard check runs only to locate an error.
fn utf8(bytes: &[u8]) -> Result<&str, usize> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()),
    }
}

fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    let text = utf8(bytes).map_err(|offset| InputError::NotUtf8 {
        path: name.to_string(),
        offset,
    })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(InputError::Empty {
            path: name.to_string(),
        });
    }
    Ok(text)
}

/// The record as one JSON line; fields of a JSON Lines input that the record
/// does not have (`url`, `source`, …) are passed through after the record's
/// own fields.
fn serialize(
    article: &vnextract::Article,
    extra: Option<Map<String, Value>>,
    pretty: bool,
) -> Outcome {
    const OWN: [&str; 10] = [
        "id",
        "title",
        "published",
        "category",
        "authors",
        "dates",
        "officials",
        "directives",
        "statistics",
        "events",
    ];
    let extra: Map<String, Value> = extra
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| !OWN.contains(&k.as_str()))
        .collect();
    if extra.is_empty() {
        return Ok(to_line(article, pretty));
    }
    // Splice the extra fields in before the closing brace, keeping the
    // record's field order.
    let mut line = to_line(article, pretty);
    let extra_json = to_line(&extra, pretty);
    while line.last().is_some_and(|b| b.is_ascii_whitespace()) {
        line.pop();
    }
    line.pop(); // '}'
    while line.last().is_some_and(|b| b.is_ascii_whitespace()) {
        line.pop();
    }
    line.push(b',');
    if pretty {
        line.push(b'\n');
    }
    let inner = extra_json.trim_ascii();
    let body = &inner[1..];
    line.extend_from_slice(body.strip_prefix(b"\n").unwrap_or(body));
    line.push(b'\n');
    Ok(line)
}

fn to_line<T: serde::Serialize>(v: &T, pretty: bool) -> Vec<u8> {
    // Records hold only strings, numbers, booleans and lists of them:
    // serializing them cannot fail.
    let mut out = if pretty {
        serde_json::to_vec_pretty(v)
    } else {
        serde_json::to_vec(v)
    }
    .unwrap_or_default();
    out.push(b'\n');
    out
}
