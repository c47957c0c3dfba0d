//! Where records go: standard output, or a file written atomically (a
//! temporary file beside it, renamed over it only when everything was
//! written), so a failed run never leaves a half-written output in place.

use std::fs::File;
use std::io::{BufWriter, ErrorKind, Stdout, Write};
use std::path::{Path, PathBuf};

use super::error::RunError;

/// The output of a run.
pub enum Sink {
    /// Standard output.
    Stdout(BufWriter<Stdout>),
    /// A device or pipe named with `--out`, written in place.
    Direct(BufWriter<File>),
    /// A temporary file that becomes `dest` on [`Sink::commit`].
    File {
        /// The temporary file.
        tmp: PathBuf,
        /// The final name.
        dest: PathBuf,
        /// The open writer; `None` once committed.
        w: Option<BufWriter<File>>,
    },
}

impl Sink {
    /// Standard output.
    pub fn stdout() -> Sink {
        Sink::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout()))
    }

    /// A new temporary file beside `dest`. A destination that exists and
    /// is not a regular file (`/dev/null`, a named pipe) is written
    /// directly: it cannot be replaced by a rename.
    pub fn file(dest: &Path) -> Result<Sink, RunError> {
        if std::fs::metadata(dest).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(dest)
                .map_err(|source| RunError::Output {
                    path: dest.display().to_string(),
                    source,
                })?;
            return Ok(Sink::Direct(BufWriter::with_capacity(1 << 16, f)));
        }
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = dest.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let f = File::create(&tmp).map_err(|source| RunError::Output {
            path: tmp.display().to_string(),
            source,
        })?;
        Ok(Sink::File {
            tmp,
            dest: dest.to_path_buf(),
            w: Some(BufWriter::with_capacity(1 << 16, f)),
        })
    }

    fn name(&self) -> String {
        match self {
            Sink::Stdout(_) => "<stdout>".into(),
            Sink::Direct(_) => "--out".into(),
            Sink::File { dest, .. } => dest.display().to_string(),
        }
    }

    /// Writes one serialized record. `Ok(false)` when the reader of standard
    /// output has gone away (a closed pipe): not an error, the run stops.
    pub fn write_record(&mut self, bytes: &[u8]) -> Result<bool, RunError> {
        let res = match self {
            Sink::Stdout(w) => w.write_all(bytes),
            Sink::Direct(w) => w.write_all(bytes),
            Sink::File { w: Some(w), .. } => w.write_all(bytes),
            Sink::File { w: None, .. } => Ok(()),
        };
        self.check(res)
    }

    fn check(&self, res: std::io::Result<()>) -> Result<bool, RunError> {
        match res {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == ErrorKind::BrokenPipe && matches!(self, Sink::Stdout(_)) => {
                Ok(false)
            }
            Err(source) => Err(RunError::Output {
                path: self.name(),
                source,
            }),
        }
    }

    /// Flushes everything and, for a file, moves it into place.
    pub fn commit(&mut self) -> Result<bool, RunError> {
        match self {
            Sink::Stdout(w) => {
                let res = w.flush();
                self.check(res)
            }
            Sink::Direct(w) => {
                let res = w.flush();
                self.check(res)
            }
            Sink::File { tmp, dest, w } => {
                let Some(writer) = w.take() else {
                    return Ok(true);
                };
                let finish = || -> std::io::Result<()> {
                    let file = writer.into_inner().map_err(|e| e.into_error())?;
                    file.sync_all()?;
                    drop(file);
                    std::fs::rename(&*tmp, &*dest)
                };
                finish().map(|()| true).map_err(|source| {
                    // Never leave the partial file behind.
                    let _ = std::fs::remove_file(&*tmp);
                    RunError::Output {
                        path: dest.display().to_string(),
                        source,
                    }
                })
            }
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        // Not committed: the partial file must not be mistaken for output.
        if let Sink::File {
            tmp, w: Some(_), ..
        } = self
        {
            let _ = std::fs::remove_file(tmp);
        }
    }
}
