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
    /// The directory walk in progress: one frame per open directory, each
    /// with its remaining entries (sorted, next last). Only the directories
    /// on the current path are listed at once, so memory follows the
    /// tree's depth and width, not its size, and a directory that vanishes
    /// before the walk reaches it is reported when it is reached.
    walk: Vec<Vec<(PathBuf, bool)>>,
    archive: Option<(String, Box<dyn BufRead + Send>, u64)>,
}

impl Jobs {
    /// Jobs for `inputs`, in the order given.
    pub fn new(inputs: Vec<Input>) -> Self {
        Jobs {
            inputs: inputs.into(),
            walk: Vec::new(),
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
            if let Some(frame) = self.walk.last_mut() {
                match frame.pop() {
                    Some((path, true)) => {
                        if let Some(failed) = open_dir(&path, &mut self.walk) {
                            return Some(failed);
                        }
                    }
                    Some((path, false)) => return Some(Job::File(path)),
                    None => {
                        self.walk.pop();
                    }
                }
                continue;
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
                    Ok(m) if m.is_dir() => {
                        if let Some(failed) = open_dir(&path, &mut self.walk) {
                            return Some(failed);
                        }
                    }
                    Ok(_) => return Some(Job::File(path)),
                    Err(source) => return Some(Job::Failed(InputError::Read { path, source })),
                },
            }
        }
    }
}

/// Lists `dir` onto the walk: its subdirectories and `.txt` files, sorted
/// by name (the next one last). Directory links are not followed (no
/// cycles). An unreadable or vanished directory is a failed job; an entry
/// that cannot be read is one too, after the rest of the listing.
fn open_dir(dir: &Path, walk: &mut Vec<Vec<(PathBuf, bool)>>) -> Option<Job> {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(source) => {
            return Some(Job::Failed(InputError::Read {
                path: dir.to_path_buf(),
                source,
            }))
        }
    };
    let mut items: Vec<(PathBuf, bool)> = Vec::new();
    let mut failed = None;
    for entry in entries {
        match entry {
            Ok(e) => {
                let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
                let path = e.path();
                let is_txt = path
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("txt"));
                if is_dir || is_txt {
                    items.push((path, is_dir));
                }
            }
            Err(source) => {
                failed.get_or_insert(Job::Failed(InputError::Read {
                    path: dir.to_path_buf(),
                    source,
                }));
            }
        }
    }
    items.sort_by(|a, b| b.0.cmp(&a.0));
    walk.push(items);
    failed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(job: &Job) -> String {
        match job {
            Job::File(p) => p.file_name().unwrap().to_string_lossy().into_owned(),
            Job::Failed(e) => format!("failed: {e}"),
            _ => "other".into(),
        }
    }

    #[test]
    fn walk_is_sorted_depth_first() {
        let dir = tempfile::tempdir().unwrap();
        for p in ["b/2.txt", "a/z.txt", "a/c/1.txt", "0.txt", "x.md"] {
            let p = dir.path().join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let names: Vec<String> = Jobs::new(vec![Input::Path(dir.path().into())])
            .map(|j| name(&j))
            .collect();
        assert_eq!(names, ["0.txt", "1.txt", "z.txt", "2.txt"]);
    }

    #[test]
    fn a_directory_that_vanishes_during_the_walk_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        for p in ["a/1.txt", "b/2.txt", "b/deep/3.txt", "c/4.txt"] {
            let p = dir.path().join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let mut jobs = Jobs::new(vec![Input::Path(dir.path().into())]);
        assert_eq!(name(&jobs.next().unwrap()), "1.txt");
        // The walk has listed the top directory; "b" goes away now.
        std::fs::remove_dir_all(dir.path().join("b")).unwrap();
        let rest: Vec<String> = jobs.map(|j| name(&j)).collect();
        assert_eq!(rest.len(), 2, "{rest:?}");
        assert!(
            rest[0].starts_with("failed: ") && rest[0].contains("b: cannot read"),
            "{rest:?}"
        );
        assert_eq!(rest[1], "4.txt");
    }
}
