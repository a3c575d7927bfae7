//! Durability under faults: the CLI killed with SIGKILL in the middle of a stream of writes,
//! many times, loses no acknowledged write, leaves no gap in the numbers and passes `cabildo
//! check`; a disk that refuses writes (a file size limit) leaves the database intact and the
//! person reads a clear Spanish error.
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::cabildo_bin;
use serde_json::{json, Value};

fn init(db: &Path) {
    let o = cabildo_bin()
        .arg("--db")
        .arg(db)
        .args([
            "init",
            "--name",
            "Municipalidad Distrital de Prueba",
            "--short",
            "MDPR",
            "--country",
            "PE",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// One request of the stream: the next number of the series, all on one date (a date never
/// goes back, so no request is refused).
fn assign_line() -> String {
    json!({"method": "numbering.assign", "params": {"series": "ordenanza", "date": "2026-03-16"}})
        .to_string()
}

/// Every number of the series in 2026, in order (walking every page of the list).
fn numbers(db: &Path) -> Vec<i64> {
    let mut n: Vec<i64> = Vec::new();
    let mut after = Value::Null;
    loop {
        let params =
            serde_json::json!({"series": "ordenanza", "year": 2026, "limit": 500, "after": after});
        let o = cabildo_bin()
            .arg("--db")
            .arg(db)
            .args(["call", "numbering.assignment.list", &params.to_string()])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let page: Value = serde_json::from_slice(&o.stdout).unwrap();
        n.extend(
            page["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["number"].as_i64().unwrap()),
        );
        after = page["next"].clone();
        if after.is_null() {
            break;
        }
    }
    n.sort();
    n
}

fn check(db: &Path) -> Value {
    let o = cabildo_bin()
        .arg("--db")
        .arg(db)
        .arg("check")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("check: {}", String::from_utf8_lossy(&o.stderr)));
    assert!(o.status.success(), "check failed: {v}");
    v
}

/// A small deterministic generator, so a failing round can be replayed from its seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn sigkill_in_the_middle_of_writes_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    init(&db);
    let seed = std::env::var("CABILDO_DURABILITY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    let mut rng = Lcg(seed);
    let started = Instant::now();
    let mut acknowledged: Vec<i64> = Vec::new();
    let mut killed_mid_stream = 0;
    let rounds = 30;
    for round in 0..rounds {
        let mut child = cabildo_bin()
            .arg("--db")
            .arg(&db)
            .args(["call", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // A writer that streams requests as fast as the CLI takes them, until the pipe breaks.
        let writer = std::thread::spawn(move || {
            for _ in 0..100_000u32 {
                if writeln!(stdin, "{}", assign_line()).is_err() {
                    break;
                }
            }
        });
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Kill at a random moment: sometimes while the database is still opening, mostly in
        // the middle of the stream.
        let wait = Duration::from_millis(20 + rng.next(400));
        std::thread::sleep(wait);
        // std's `kill` sends SIGKILL on Unix: no chance to flush or roll back.
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        writer.join().unwrap();
        let mut this_round = 0;
        for line in rx.try_iter() {
            let v: Value = serde_json::from_str(&line)
                .unwrap_or_else(|_| panic!("round {round} (seed {seed}): a torn line {line:?}"));
            // Every line printed is an acknowledged write.
            let n = v["ok"]["number"]
                .as_i64()
                .unwrap_or_else(|| panic!("round {round} (seed {seed}): {v}"));
            acknowledged.push(n);
            this_round += 1;
        }
        if this_round > 0 {
            killed_mid_stream += 1;
        }
    }
    let elapsed = started.elapsed();
    assert!(
        killed_mid_stream >= rounds / 2,
        "most rounds must be killed while writing (seed {seed}): {killed_mid_stream}/{rounds}"
    );
    assert!(acknowledged.len() > 50, "{}", acknowledged.len());

    let stored = numbers(&db);
    for n in &acknowledged {
        assert!(
            stored.binary_search(n).is_ok(),
            "acknowledged number {n} is missing (seed {seed})"
        );
    }
    // Gap-free: 1, 2, 3, … with nothing skipped or repeated (a write may be committed and
    // killed before it was acknowledged; it is then present, never a hole).
    let expected: Vec<i64> = (1..=stored.len() as i64).collect();
    assert_eq!(stored, expected, "numbers with gaps (seed {seed})");
    let v = check(&db);
    assert_eq!(v["ok"], true);
    // Each number is one audited write.
    assert!(v["audit_entries"].as_i64().unwrap() > stored.len() as i64);
    eprintln!(
        "{rounds} kills in {elapsed:?}: {} acknowledged, {} stored (seed {seed})",
        acknowledged.len(),
        stored.len()
    );
}

#[test]
fn a_disk_that_refuses_writes_leaves_the_database_intact_with_a_spanish_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    init(&db);
    // A first write, and a clean close (the WAL checkpointed into the database).
    let before = numbers(&db);
    let size = std::fs::metadata(&db).unwrap().len();
    // Files the process writes may not grow past the database's size plus 256 KiB (ulimit -f
    // counts 512-byte blocks in sh, 1024 in bash: either way a few hundred writes hit it).
    // SIGXFSZ is ignored so the write fails with EFBIG instead of killing the process.
    let blocks = (size + 256 * 1024) / 512;
    let requests: String = (0..3000).map(|_| assign_line() + "\n").collect();
    let script = format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" --db \"$1\" call --batch");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_cabildo"))
        .arg(&db)
        .env_remove("CABILDO_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(requests.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        match v["ok"]["number"].as_i64() {
            Some(n) => ok.push(n),
            None => errors.push(v["error"].clone()),
        }
    }
    assert!(!ok.is_empty(), "some writes fit: {text}");
    let first = errors
        .first()
        .unwrap_or_else(|| panic!("the size limit was never reached: {} writes", ok.len()));
    assert_eq!(first["kind"], "io", "{first}");
    let message = first["message"].as_str().unwrap();
    assert!(
        message.starts_with("No se pudo escribir en el disco: ¿está lleno?"),
        "{message}"
    );
    assert_eq!(out.status.code(), Some(1));

    // Without the limit: intact, every acknowledged write there, nothing half-written.
    let v = check(&db);
    assert_eq!(v["ok"], true);
    let stored = numbers(&db);
    assert!(stored.len() >= before.len() + ok.len());
    for n in &ok {
        assert!(stored.binary_search(n).is_ok(), "acknowledged {n} missing");
    }
    let expected: Vec<i64> = (1..=stored.len() as i64).collect();
    assert_eq!(stored, expected);
}
