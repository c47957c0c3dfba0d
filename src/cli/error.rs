//! What can go wrong with one input, or with the whole run.

use std::path::PathBuf;

/// A problem with one input: reported with where it happened, counted as a
/// failure, and the batch goes on.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file or directory could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// What was being read.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8.
    #[error("{path}: not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 {
        /// The input's name.
        path: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// Nothing but white space.
    #[error("{path}: empty input")]
    Empty {
        /// The input's name.
        path: String,
    },
    /// A JSON Lines line that is not a JSON object with a string `text`.
    #[error("{path}:{line}: {reason}")]
    BadLine {
        /// The archive.
        path: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        reason: String,
    },
}

/// A problem that ends the run: the output cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// Writing or committing the output failed.
    #[error("cannot write output {path}: {source}")]
    Output {
        /// Where the output was going.
        path: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The worker pool could not start.
    #[error("cannot start {jobs} worker threads: {reason}")]
    Pool {
        /// How many were asked for.
        jobs: usize,
        /// Why it failed.
        reason: String,
    },
}
