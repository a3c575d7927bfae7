//! A test host: a real, migrated SQLite database in a temporary folder and a `call` helper
//! that goes through the same dispatch as the desktop app and the CLI.
#![allow(dead_code)]

pub mod pki;

use std::path::PathBuf;

use cabildo::auth::Actor;
use cabildo::{ApiError, Cabildo};
use serde_json::Value;

pub struct Host {
    pub dir: tempfile::TempDir,
    pub cab: Cabildo,
}

impl Host {
    pub async fn new() -> Host {
        let dir = tempfile::tempdir().expect("tempdir");
        let cab = Cabildo::open(&dir.path().join("cabildo.db"))
            .await
            .expect("open");
        Host { dir, cab }
    }

    /// A host with the demo municipality loaded.
    pub async fn demo() -> Host {
        let h = Host::new().await;
        h.ok("demo.load", serde_json::json!({"seed": 7})).await;
        h
    }

    /// A host whose "today" is `date` (YYYY-MM-DD), with the demo municipality loaded on it:
    /// tests of fixed calendar dates stay true in later years.
    pub async fn demo_on(date: &str) -> Host {
        let dir = tempfile::tempdir().expect("tempdir");
        let today = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
        let cab = Cabildo::open(&dir.path().join("cabildo.db"))
            .await
            .expect("open")
            .with_today(today);
        let h = Host { dir, cab };
        h.ok(
            "demo.load",
            serde_json::json!({"seed": 7, "history": false}),
        )
        .await;
        h
    }

    /// The demo without its year of sessions, on the real today.
    pub async fn demo_on_today() -> Host {
        Host::demo_on(&chrono::Local::now().date_naive().to_string()).await
    }

    /// A host with a fresh Peruvian municipality.
    pub async fn peru() -> Host {
        let h = Host::new().await;
        h.ok(
            "municipality.create",
            serde_json::json!({"name": "Municipalidad Distrital de Prueba", "short_name": "MDPR", "country": "PE", "kind": "distrital"}),
        )
        .await;
        h
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("cabildo.db")
    }

    pub async fn call(&self, method: &str, params: Value) -> Result<Value, ApiError> {
        cabildo::api::dispatch(&self.cab, &Actor::system(), method, params, false)
            .await
            .map_err(|e| e.to_api())
    }

    pub async fn ok(&self, method: &str, params: Value) -> Value {
        match self.call(method, params.clone()).await {
            Ok(v) => v,
            Err(e) => panic!("{method} {params} failed: {e:?}"),
        }
    }

    /// A call made on another day: the same database, its clock on `day` (YYYY-MM-DD). A
    /// session starts on or after its date; tests that hold a future session start it so.
    pub async fn ok_on(&self, day: &str, method: &str, params: Value) -> Value {
        let today = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("date");
        let cab = Cabildo::open(&self.db_path())
            .await
            .expect("open")
            .with_today(today);
        let r = cabildo::api::dispatch(&cab, &Actor::system(), method, params.clone(), false).await;
        cab.close().await;
        match r {
            Ok(v) => v,
            Err(e) => panic!("{method} {params} on {day} failed: {:?}", e.to_api()),
        }
    }

    pub async fn err(&self, method: &str, params: Value) -> ApiError {
        match self.call(method, params.clone()).await {
            Ok(v) => panic!("{method} {params} should fail, returned {v}"),
            Err(e) => e,
        }
    }
}

/// The `cabildo` binary built by cargo for integration tests.
/// The CLI, as the demo's administrator: a database with users (the demo's) asks who works,
/// one without users ignores it. No terminal, so no password prompt ever waits.
pub fn cabildo_bin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_cabildo"));
    c.env_remove("CABILDO_DB")
        .env("CABILDO_USER", "admin")
        .env("CABILDO_PASSWORD", cabildo::demo::DEMO_PASSWORD)
        .stdin(std::process::Stdio::null());
    c
}

/// The text of a PDF (poppler-utils' `pdftotext`), its words joined with single spaces: a cell
/// or a sentence may wrap anywhere.
pub fn pdftotext(pdf: &[u8]) -> String {
    pki::require("pdftotext", "apt-get install -y poppler-utils");
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("x.pdf");
    std::fs::write(&f, pdf).expect("write the PDF");
    pki::run_ok(
        std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&f)
            .arg("-"),
    )
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ")
}
