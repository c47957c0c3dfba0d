//! The command-line tool's plumbing: inputs, the parallel batch, output.
//! Everything about Vietnamese lives in the library.

pub mod error;
pub mod inputs;
pub mod output;
pub mod run;
