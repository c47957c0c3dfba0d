//! Where articles come from: files, directories walked for `.txt` files,
//! standard input, and JSON Lines archives. Inputs are produced lazily, in
//! order, so an archive of any size streams through bounded memory.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::error::InputError;

/// One article to process, not yet decoded.
#[derive(Debug)]
pub enum Job {
    /// A text file: its path and stem.
    File(PathBuf),
    /// All of standard input as one article.
    Stdin(Vec<u8>),
    /// One line of a JSON Lines archive.
    Line {
        /// The archive's name.
        source: String,
        /// 1-based line number.
        line: u64,
        /// The raw line, without its newline.
        bytes: Vec<u8>,
    },
    /// An input that failed before it could be read (a vanished directory).
    Failed(InputError),
}

impl Job {
    /// How many bytes this job holds in memory now.
    pub fn held_bytes(&self) -> usize {
        match self {
            Job::Stdin(b) | Job::Line { bytes: b, .. } => b.len(),
            _ => 0,
        }
    }
}

/// A single input named on the command line.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file, directory or `-` (standard input) given as a path.
    Path(PathBuf),
    /// A JSON Lines archive (`-` for standard input).
    Jsonl(PathBuf),
}

/// Produces the jobs of all inputs, in order.
pub struct Jobs {
    inputs: VecDeque<Input>,
    pending: VecDeque<Job>,
    archive: Option<(String, Box<dyn BufRead + Send>, u64)>,
}

impl Jobs {
    /// Jobs for `inputs`, in the order given.
    pub fn new(inputs: Vec<Input>) -> Self {
        Jobs {
            inputs: inputs.into(),
            pending: VecDeque::new(),
            archive: None,
        }
    }

    fn next_line(&mut self) -> Option<Job> {
        let (name, reader, line) = self.archive.as_mut()?;
        let mut buf = Vec::new();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => {
                self.archive = None;
                None
            }
            Ok(_) => {
                *line += 1;
                if buf.last() == Some(&b'\n') {
                    buf.pop();
                    if buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                }
                Some(Job::Line {
                    source: name.clone(),
                    line: *line,
                    bytes: buf,
                })
            }
            Err(e) => {
                let failed = Job::Failed(InputError::Read {
                    path: PathBuf::from(format!("{name}:{}", *line + 1)),
                    source: e,
                });
                self.archive = None;
                Some(failed)
            }
        }
    }
}

impl Iterator for Jobs {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            if let Some(job) = self.pending.pop_front() {
                return Some(job);
            }
            if self.archive.is_some() {
                match self.next_line() {
                    Some(Job::Line { bytes, .. }) if bytes.iter().all(u8::is_ascii_whitespace) => {
                        continue
                    }
                    Some(job) => return Some(job),
                    None => continue,
                }
            }
            match self.inputs.pop_front()? {
                Input::Jsonl(path) => {
                    let name = path.display().to_string();
                    if path.as_os_str() == "-" {
                        let stdin: Box<dyn BufRead + Send> =
                            Box::new(BufReader::new(std::io::stdin()));
                        self.archive = Some(("stdin".into(), stdin, 0));
                    } else {
                        match File::open(&path) {
                            Ok(f) => {
                                self.archive =
                                    Some((name, Box::new(BufReader::with_capacity(1 << 20, f)), 0))
                            }
                            Err(source) => {
                                return Some(Job::Failed(InputError::Read { path, source }))
                            }
                        }
                    }
                }
                Input::Path(path) if path.as_os_str() == "-" => {
                    let mut buf = Vec::new();
                    return Some(match std::io::stdin().lock().read_to_end(&mut buf) {
                        Ok(_) => Job::Stdin(buf),
                        Err(source) => Job::Failed(InputError::Read { path, source }),
                    });
                }
                Input::Path(path) => match std::fs::metadata(&path) {
                    Ok(m) if m.is_dir() => walk(&path, &mut self.pending),
                    Ok(_) => return Some(Job::File(path)),
                    Err(source) => return Some(Job::Failed(InputError::Read { path, source })),
                },
            }
        }
    }
}

/// Lists the `.txt` files below `dir`, sorted by name at every level, into
/// `out`. Directory links are not followed (no cycles); unreadable or
/// vanished directories become failed jobs.
fn walk(dir: &Path, out: &mut VecDeque<Job>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(source) => {
            out.push_back(Job::Failed(InputError::Read {
                path: dir.to_path_buf(),
                source,
            }));
            return;
        }
    };
    let mut items: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => {
                let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
                items.push((e.path(), is_dir));
            }
            Err(source) => out.push_back(Job::Failed(InputError::Read {
                path: dir.to_path_buf(),
                source,
            })),
        }
    }
    items.sort();
    for (path, is_dir) in items {
        if is_dir {
            walk(&path, out);
        } else if path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("txt"))
        {
            out.push_back(Job::File(path));
        }
    }
}
