//! Inicio, the home screen: what is due today and this week, what is overdue, the next
//! sessions and what they still lack, the actas to approve, the documents waiting for a
//! signature and the units that have not reported their month — each part only for those who
//! may see it, and a Jefe de unidad's counts only of their unit. Every count carries the filter
//! of the list it opens, so the count and the list are the same query.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::auth;
use crate::context::{Ctx, Empty};
use crate::error::Result;
use crate::followup::{self, FollowupList, FollowupRow, ItemKind, View};
use crate::plans::home::Unreported;
use crate::records::seal::UnsignedRecord;
use crate::sessions::home::UpcomingSession;
use crate::sessions::Session;

/// A count that opens a list.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct HomeCount {
    /// `vencidos`, `hoy`, `semana` or `abiertos`.
    pub key: String,
    /// What a person reads («Vencidos»).
    pub label: String,
    /// How many.
    pub count: i64,
    /// The filter of `followup.list` that lists them.
    pub list: FollowupList,
}

/// The counts of one kind of item (or of all).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct HomeSection {
    /// The kind, or none for everything.
    pub kind: Option<ItemKind>,
    /// Title («Encargos», «Acceso a la información»).
    pub title: String,
    /// Overdue, due today, due this week, open.
    pub counts: Vec<HomeCount>,
}

/// Sealed documents without a signature.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Unsigned {
    /// How many.
    pub total: i64,
    /// The newest.
    pub rows: Vec<UnsignedRecord>,
}

/// Actas waiting for approval.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PendingMinutes {
    /// How many.
    pub total: i64,
    /// The oldest.
    pub rows: Vec<Session>,
}

/// Inicio.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Home {
    /// Today (AAAA-MM-DD).
    pub today: String,
    /// The last day of this week (Sunday).
    pub week_end: String,
    /// The unit the counts are limited to (a Jefe de unidad), with its name.
    pub scoped_unit: Option<(i64, String)>,
    /// The follow-up counts: everything first, then each kind. Empty without `followup.list`.
    pub sections: Vec<HomeSection>,
    /// Overdue items and those due this week, soonest first (at most 10).
    pub due: Vec<FollowupRow>,
    /// The next sessions with what they lack (with `session.list`).
    pub sessions: Option<Vec<UpcomingSession>>,
    /// Actas to approve (with `session.list`).
    pub minutes: Option<PendingMinutes>,
    /// Sealed documents waiting for a signature (with `records.sign`).
    pub unsigned: Option<Unsigned>,
    /// Units that have not reported their month (with `plan.dashboard`).
    pub unreported: Option<Unreported>,
}

async fn may(conn: &mut SqliteConnection, ctx: &Ctx, method: &str) -> Result<bool> {
    Ok(auth::authorize(conn, &ctx.actor, method, &json!({}))
        .await
        .is_ok())
}

fn count(key: &str, label: &str, n: i64, kind: Option<ItemKind>, view: View) -> HomeCount {
    HomeCount {
        key: key.into(),
        label: label.into(),
        count: n,
        list: FollowupList {
            kind,
            view: Some(view),
            ..FollowupList::default()
        },
    }
}

/// `home.get`: the home screen of the user signed in.
pub async fn get(conn: &mut SqliteConnection, ctx: &Ctx, _p: Empty) -> Result<Home> {
    let today = ctx.today.to_string();
    let week_end = followup::week_end(ctx.today).to_string();
    let mut sections = Vec::new();
    let mut due = Vec::new();
    let mut scoped_unit = None;
    if may(conn, ctx, "followup.list").await? {
        let scope = auth::unit_scope(conn, &ctx.actor, "followup.list").await?;
        if let Some(u) = scope {
            let name = crate::org::unit_name(conn, u).await?.unwrap_or_default();
            scoped_unit = Some((u, name));
        }
        let kinds: [(Option<ItemKind>, &str); 4] = [
            (None, "Todo lo pendiente"),
            (Some(ItemKind::Encargo), "Encargos"),
            (Some(ItemKind::Solicitud), "Acceso a la información"),
            (Some(ItemKind::Reclamo), "Reclamos y consultas"),
        ];
        for (kind, title) in kinds {
            let c = followup::open_counts(conn, kind, scope, &today, &week_end).await?;
            sections.push(HomeSection {
                kind,
                title: title.into(),
                counts: vec![
                    count("vencidos", "Vencidos", c.overdue, kind, View::Vencidos),
                    count("hoy", "Vencen hoy", c.today, kind, View::Hoy),
                    count("semana", "Vencen esta semana", c.week, kind, View::Semana),
                    count("abiertos", "Abiertos", c.open, kind, View::Abiertos),
                ],
            });
        }
        let mut overdue = followup::list(
            conn,
            ctx,
            FollowupList {
                view: Some(View::Vencidos),
                limit: Some(10),
                ..FollowupList::default()
            },
        )
        .await?
        .rows;
        if overdue.len() < 10 {
            let week = followup::list(
                conn,
                ctx,
                FollowupList {
                    view: Some(View::Semana),
                    limit: Some(10 - overdue.len() as i64),
                    ..FollowupList::default()
                },
            )
            .await?
            .rows;
            overdue.extend(week);
        }
        due = overdue;
    }
    let (sessions, minutes) = if may(conn, ctx, "session.list").await? {
        let next = crate::sessions::home::upcoming(conn, &today, 5).await?;
        let (total, rows) = crate::sessions::home::minutes_pending(conn, 5).await?;
        (Some(next), Some(PendingMinutes { total, rows }))
    } else {
        (None, None)
    };
    let unsigned = if may(conn, ctx, "records.sign").await? {
        let (total, rows) = crate::records::seal::unsigned(conn, 5).await?;
        Some(Unsigned { total, rows })
    } else {
        None
    };
    let unreported = if may(conn, ctx, "plan.dashboard").await? {
        crate::plans::home::unreported(conn, ctx.today, scoped_unit.as_ref().map(|u| u.0)).await?
    } else {
        None
    };
    Ok(Home {
        today,
        week_end,
        scoped_unit,
        sections,
        due,
        sessions,
        minutes,
        unsigned,
        unreported,
    })
}
