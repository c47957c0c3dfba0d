//! The batch contract of the `vnextract extract` command: one record per
//! good input, in order; a clear error per bad one; the right exit code;
//! nothing lost or written twice.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vnextract"))
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON record"))
        .collect()
}

fn ids(out: &Output) -> Vec<String> {
    records(out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn seeds_give_five_records_in_order() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let out = bin().arg("extract").arg(&fixtures).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let got = ids(&out);
    let want: Vec<String> = common::seeds().into_iter().map(|(id, _)| id).collect();
    assert_eq!(got, want);
    assert!(stderr(&out).contains("5 processed, 0 failed"));
}

#[test]
fn a_mixed_directory_accounts_for_every_input() {
    let dir = tempfile::tempdir().unwrap();
    let (_, seed) = &common::seeds()[0];
    write(dir.path(), "a_good.txt", seed.as_bytes());
    write(dir.path(), "b_empty.txt", b"");
    write(dir.path(), "c_latin1.txt", b"Ng\xe0y 9/7, h\xf4m nay");
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    write(dir.path(), "d_junk.txt", &junk);
    std::fs::create_dir(dir.path().join("e_sub")).unwrap();
    write(
        &dir.path().join("e_sub"),
        "f_good.txt",
        "Ngày 9/7/2020, hội nghị.".as_bytes(),
    );
    write(dir.path(), "g_not_text.json", b"{}");

    let out = bin().arg("extract").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(ids(&out), vec!["a_good", "f_good"]);
    let err = stderr(&out);
    assert!(err.contains("b_empty.txt: empty input"), "{err}");
    assert!(err.contains("c_latin1.txt: not valid UTF-8"), "{err}");
    assert!(err.contains("d_junk.txt: not valid UTF-8"), "{err}");
    assert!(err.contains("2 processed, 3 failed"), "{err}");
}

#[test]
fn a_jsonl_archive_with_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lines = concat!(
        "{\"id\": \"x1\", \"text\": \"Ngày 9/7, hội nghị.\", \"url\": \"https://example.org/1\"}\n",
        "{not json\n",
        "\n",
        "[1, 2]\n",
        "{\"id\": 7, \"text\": \"Chỉ thị số 35-CT/TW.\"}\n",
        "{\"id\": \"x3\", \"text\": 5}\n",
        "{\"id\": \"x4\", \"text\": \"Sáng nay.\", \"published\": \"2020-08-07\"}\n",
        "{\"id\": \"x5\", \"text\": \"cut off",
    );
    let path = dir.path().join("arch.jsonl");
    std::fs::write(&path, lines).unwrap();
    let out = bin()
        .arg("extract")
        .arg("--jsonl")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(ids(&out), vec!["x1", "7", "x4"]);
    assert_eq!(recs[0]["url"], "https://example.org/1");
    assert_eq!(recs[2]["published"]["value"], "2020-08-07");
    let err = stderr(&out);
    for line in [
        ":2: not valid JSON",
        ":4: not a JSON object",
        ":6: field \"text\" is not a string",
        ":8: not valid JSON",
    ] {
        assert!(err.contains(line), "missing {line:?} in {err}");
    }
    assert!(err.contains("3 processed, 4 failed"), "{err}");
}

#[test]
fn a_jsonl_line_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    lines.extend_from_slice("{\"id\": \"a\", \"text\": \"Ngày 9/7/2020.\"}\n".as_bytes());
    // Latin-1 "à" (0xE0) inside the text: not UTF-8, so not JSON.
    lines.extend_from_slice(b"{\"id\": \"b\", \"text\": \"Ng\xe0y 9/7.\"}\n");
    // A truncated three-byte sequence right before the closing quote.
    lines.extend_from_slice(b"{\"id\": \"c\", \"text\": \"Ng\xe1\xbb\"}\n");
    lines.extend_from_slice("{\"id\": \"d\", \"text\": \"Chỉ thị số 35-CT/TW.\"}\n".as_bytes());
    let path = dir.path().join("mixed.jsonl");
    std::fs::write(&path, lines).unwrap();
    let out = bin()
        .arg("extract")
        .arg("--jsonl")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ids(&out), vec!["a", "d"]);
    let err = stderr(&out);
    assert!(
        err.contains(":2: not valid JSON (not UTF-8: first bad byte at offset 23)"),
        "{err}"
    );
    assert!(
        err.contains(":3: not valid JSON (not UTF-8: first bad byte at offset 23)"),
        "{err}"
    );
    assert!(err.contains("2 processed, 2 failed"), "{err}");
}

#[test]
fn stdin_and_order_of_mixed_inputs() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.txt", "Ngày 9/7/2020.".as_bytes());
    let jl = dir.path().join("two.jsonl");
    std::fs::write(&jl, "{\"id\":\"two\",\"text\":\"Ngày 10/7/2020.\"}\n").unwrap();
    let mut child = bin()
        .arg("extract")
        .arg("--jsonl")
        .arg(&jl)
        .arg("-")
        .arg(dir.path().join("one.txt"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Hội nghị ngày 11/7/2020.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids(&out), vec!["two", "stdin", "one"]);
}

#[test]
fn out_file_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Ngày 9/7/2020.".as_bytes());
    let dest = dir.path().join("out.jsonl");
    let out = bin()
        .arg("extract")
        .arg(dir.path().join("a.txt"))
        .arg("--out")
        .arg(&dest)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&dest).unwrap().lines().count(), 1);
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    // An output in a directory that does not exist: exit 2, nothing written.
    let bad = dir.path().join("missing/out.jsonl");
    let out = bin()
        .arg("extract")
        .arg(dir.path().join("a.txt"))
        .arg("--out")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot write output"));
}

#[test]
fn jobs_do_not_change_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    let seeds = common::seeds();
    for i in 0..60 {
        let (_, text) = &seeds[i % seeds.len()];
        let line = serde_json::json!({"id": format!("a{i}"), "text": text});
        writeln!(f, "{line}").unwrap();
    }
    drop(f);
    let run = |jobs: &str| {
        let out = bin()
            .args(["extract", "--jobs", jobs, "--jsonl"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(String::from_utf8(one).unwrap().lines().count(), 60);
}

#[test]
fn usage_errors_exit_2() {
    let out = bin().arg("extract").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin()
        .args(["extract", "--jobs", "0", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_paths_are_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Ngày 9/7/2020.".as_bytes());
    let out = bin()
        .arg("extract")
        .arg(dir.path().join("nope.txt"))
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ids(&out), vec!["a"]);
    assert!(stderr(&out).contains("nope.txt: cannot read"));
}

#[test]
fn pretty_output_is_json() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Ngày 9/7/2020.".as_bytes());
    let out = bin()
        .arg("extract")
        .arg("--pretty")
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "a");
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() > 5);
}

#[test]
fn unreadable_and_dangling_paths_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Ngày 9/7/2020.".as_bytes());
    // A path through a file (ENOTDIR) and a link to nothing inside a walked
    // directory (the file vanished between listing and reading).
    let through_file = dir.path().join("a.txt").join("b.txt");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("gone.txt"),
        dir.path().join("z_dangling.txt"),
    )
    .unwrap();
    let out = bin()
        .arg("extract")
        .arg(&through_file)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ids(&out), vec!["a"]);
    let err = stderr(&out);
    assert!(err.contains("a.txt/b.txt: cannot read"), "{err}");
    #[cfg(unix)]
    assert!(err.contains("z_dangling.txt: cannot read"), "{err}");
}

#[test]
fn a_fifty_megabyte_jsonl_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let body = "Ngày 9/7/2020, đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy, dự Hội nghị. "
        .repeat(50 << 20 >> 7);
    let line = serde_json::json!({"id": "big", "text": body});
    std::fs::write(
        &path,
        format!("{line}\n{{\"id\":\"small\",\"text\":\"Ngày 10/7/2020.\"}}\n"),
    )
    .unwrap();
    let out = bin()
        .args(["extract", "--jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids(&out), vec!["big", "small"]);
}

#[test]
fn a_failed_commit_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Ngày 9/7/2020.".as_bytes());
    // The destination is a directory: the final rename fails.
    let dest = dir.path().join("taken");
    std::fs::create_dir(&dest).unwrap();
    let out = bin()
        .arg("extract")
        .arg(dir.path().join("a.txt"))
        .arg("--out")
        .arg(&dest)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot write output"));
    assert!(dest.is_dir());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let (_, text) = &common::seeds()[1];
    let mut f = std::fs::File::create(&path).unwrap();
    for i in 0..400 {
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": format!("a{i}"), "text": text})
        )
        .unwrap();
    }
    drop(f);
    let mut child = bin()
        .args(["extract", "--jsonl"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close our end, as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("error"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn out_to_a_device_writes_in_place() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Ngày 9/7/2020.".as_bytes());
    let out = bin()
        .arg("extract")
        .arg(dir.path().join("a.txt"))
        .args(["--out", "/dev/null"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // /dev/null is still a device, not a renamed regular file.
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
}

/// A full disk, as a file-size limit: the kernel refuses writes past 8 KB
/// (`ulimit -f`, with SIGXFSZ ignored so the write fails with an error, as
/// it does with ENOSPC). The old output stays whole and no temp file is left.
#[cfg(unix)]
#[test]
fn a_full_disk_leaves_the_old_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.jsonl");
    std::fs::write(&dest, "old\n").unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 16 && trap '' XFSZ && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_vnextract"))
        .arg("extract")
        .arg(&seeds)
        .arg("--out")
        .arg(&dest)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write output"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old\n");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["out.jsonl"]);
}

/// A device that is always full (`/dev/full`, ENOSPC on every write).
#[cfg(target_os = "linux")]
#[test]
fn out_to_a_full_device_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Ngày 9/7/2020.".as_bytes());
    let out = bin()
        .arg("extract")
        .arg(dir.path().join("a.txt"))
        .args(["--out", "/dev/full"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cannot write output"), "{err}");
    assert!(err.contains("No space left"), "{err}");
}
