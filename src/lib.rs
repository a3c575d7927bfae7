//! Cabildo core: every rule of the domain, all SQL, and the one request surface
//! (`api::dispatch`) used by the desktop shell, the CLI and the tests.

pub mod api;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod calendar;
pub mod context;
pub mod copies;
pub mod council;
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod files;
pub mod followup;
pub mod home;
pub mod ids;
pub mod instruments;
pub mod municipality;
pub mod norms;
pub mod numbering;
pub mod org;
pub mod paging;
pub mod pdf;
pub mod plans;
pub mod portal;
pub mod records;
pub mod rules;
pub mod search;
pub mod sessions;
pub mod setup;
pub mod sheets;
pub mod signature;
pub mod spanish;
pub mod xlsx;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sqlx::SqlitePool;

pub use error::{ApiError, Error, ErrorKind, Result};

/// An open Cabildo store: the database pool and the folder of content-addressed files.
#[derive(Clone, Debug)]
pub struct Cabildo {
    pool: SqlitePool,
    db_path: PathBuf,
    files_dir: PathBuf,
    today: Option<NaiveDate>,
    report: db::OpenReport,
    restored: Option<backup::RestoreReport>,
}

impl Cabildo {
    /// Open (create, back up, migrate) the database at `path`; a restore prepared by
    /// `backup::prepare_restore` is put in place first.
    pub async fn open(path: &Path) -> Result<Self> {
        install_printables();
        auth::roles::install_catalog(api::catalog());
        let restored = backup::apply_pending(path)?;
        let (pool, report) = db::open(path).await?;
        let files_dir = path
            .parent()
            .map(|p| p.join("files"))
            .unwrap_or_else(|| PathBuf::from("files"));
        files::recover(&mut *pool.acquire().await?, &files_dir).await?;
        setup::sync_roles(&pool).await?;
        // A trail written before the witness existed (schema before 14) is anchored once, on
        // the upgrade that introduces it; afterwards a missing witness is a problem for `check`.
        if (1..audit::witness::FIRST_SCHEMA).contains(&report.from_version)
            && !audit::witness::exists(path)
        {
            // A broken chain is not anchored; `cabildo check` reports it.
            let _ = audit::reanchor(&mut *pool.acquire().await?, path).await;
        }
        // A restored database brings its own trail: once its head is the one the archive's
        // manifest recorded, the witness beside it is written anew for it (this machine's key).
        if let Some(manifest) = restored.as_ref().and_then(|r| r.archive.manifest.as_ref()) {
            let mut conn = pool.acquire().await?;
            let head = audit::head(&mut conn).await?;
            if head.count == manifest.audit_count && head.hash == manifest.audit_hash {
                // A broken chain is not anchored; `cabildo check` reports it.
                let _ = audit::reanchor(&mut conn, path).await;
            }
        }
        // CABILDO_TODAY pins the clock for reproducible demos and tests.
        let today = std::env::var("CABILDO_TODAY")
            .ok()
            .and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
        Ok(Cabildo {
            pool,
            db_path: path.to_path_buf(),
            files_dir,
            today,
            report,
            restored,
        })
    }

    /// The same store with "today" pinned (tests and demos of a fixed date).
    pub fn with_today(mut self, today: NaiveDate) -> Self {
        self.today = Some(today);
        self
    }

    /// The connection pool (for the CLI's file commands and tests).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Path of the database file.
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// Folder of content-addressed files.
    pub fn files_dir(&self) -> &Path {
        &self.files_dir
    }

    /// What opening the database did (versions, backup taken).
    pub fn open_report(&self) -> &db::OpenReport {
        &self.report
    }

    /// The restore applied while opening, if one was pending.
    pub fn restored(&self) -> Option<&backup::RestoreReport> {
        self.restored.as_ref()
    }

    /// Today's date in local time (or the pinned date).
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// A request context for `actor`: today's date (or the pinned one) and the present instant.
    pub fn context(&self, actor: context::Actor) -> context::Ctx {
        context::Ctx::new(
            actor,
            self.today(),
            chrono::Local::now().fixed_offset(),
            self.files_dir.clone(),
            self.db_path.clone(),
        )
    }

    /// `cabildo check`: SQLite integrity, foreign keys, the migration state, the audit chain,
    /// its witness file and the chain's head kept by every sealed record (ADR 0011), and every
    /// stored file the database references (present, content matching its digest).
    pub async fn check(&self) -> Result<db::CheckReport> {
        let mut report = db::check(&self.pool).await?;
        let mut conn = self.pool.acquire().await?;
        let (entries, problems) = audit::verify(&mut conn).await?;
        report.audit_entries = entries;
        report.problems.extend(problems);
        let (files, problems) = files::verify_all(&mut conn, &self.files_dir).await?;
        report.stored_files = files;
        report.problems.extend(problems);
        report
            .problems
            .extend(audit::witness::check(&mut conn, &self.db_path).await?);
        let mut after = 0;
        loop {
            let page = records::seal::anchors(&mut conn, after, 1_000).await?;
            for a in &page {
                let what = format!("el registro sellado «{}» N° {}", a.kind, a.id);
                if let Some(p) = audit::anchor_problem(&mut conn, &what, &a.head).await? {
                    report.problems.push(p);
                }
            }
            match page.last() {
                Some(last) if page.len() == 1_000 => after = last.seal_id,
                _ => break,
            }
        }
        Ok(report)
    }

    /// Close the pool, the write-ahead log first copied into the database and emptied.
    ///
    /// A connection handed back to the pool by a task the runtime has not run yet is never
    /// closed by `Pool::close`, and its thread dies with the process: without this checkpoint the
    /// last committed changes would stay in the `-wal` file (safe, but the database file alone
    /// would be behind, which a copy of that file or a size check would not expect).
    pub async fn close(self) {
        // A failure (a full disk) leaves the log as it is: SQLite replays it at the next open.
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.pool.close().await;
    }
}

/// The composition root of printable records: each area's kinds, in the order `cabildo print`
/// lists them (norms, certified copies, the sessions' acta, convocatoria, agenda, packet, then
/// the plans' reports, the letters of information requests).
/// Every printable kind, as `cabildo print` names them (without opening a database).
pub fn printable_kinds() -> Vec<&'static str> {
    install_printables();
    records::registry::print_kinds()
}

fn install_printables() {
    records::registry::install(vec![
        &norms::PRINTABLE,
        &copies::PRINTABLE,
        &sessions::printable::PRINTABLE,
        &plans::reports::PRINTABLE,
        &followup::letters::PRINTABLE,
    ]);
}
