//! The Libro de Actas: books numbered from their series, one open at a time, whose folios the
//! approved actas take in order.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::numbering;

/// A Libro de Actas.
#[derive(Debug, Clone, Serialize, Deserialize, TS, sqlx::FromRow)]
pub struct Book {
    /// Id.
    pub id: i64,
    /// Number.
    pub number: i64,
    /// "LIBRO DE ACTAS N° 01".
    pub identifier: String,
    /// Opened on.
    pub opened_on: String,
    /// Folios.
    pub folios: i64,
    /// Next free folio.
    pub next_folio: i64,
    /// Closed on.
    pub closed_on: Option<String>,
}

/// Params of `book.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BookList {
    /// The `next` of the previous page; none for the first.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of `book.list`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BookPage {
    /// The books, newest first.
    pub rows: Vec<Book>,
    /// The `after` of the next page; none when this is the last one.
    pub next: Option<String>,
}

/// `book.list`: a page of the books, newest (highest number) first.
pub async fn book_list(conn: &mut SqliteConnection, _ctx: &Ctx, p: BookList) -> Result<BookPage> {
    let limit = crate::paging::limit(p.limit)?;
    let after = crate::paging::after::<i64>(p.after.as_deref())?;
    let rows: Vec<Book> = sqlx::query_as(
        "SELECT id, number, identifier, opened_on, folios, next_folio, closed_on FROM minutes_book
         WHERE number < $1 ORDER BY number DESC LIMIT $2",
    )
    .bind(after.unwrap_or(i64::MAX))
    .bind(limit + 1)
    .fetch_all(&mut *conn)
    .await?;
    let (rows, next) = crate::paging::finish(rows, limit, |b| b.number);
    Ok(BookPage { rows, next })
}

/// Params of `book.open`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BookOpen {
    /// Date of the acta de apertura (default today).
    #[serde(default, with = "crate::dates::iso_opt")]
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    /// Folios of the book.
    pub folios: i64,
}

/// `book.open`: number a new book from its series; only one book is open at a time.
pub async fn book_open(conn: &mut SqliteConnection, ctx: &Ctx, p: BookOpen) -> Result<Book> {
    if !(1..=2000).contains(&p.folios) {
        return Err(Error::field(
            "folios",
            "El libro debe tener entre 1 y 2000 folios.",
        ));
    }
    let open: i64 = sqlx::query_scalar("SELECT count(*) FROM minutes_book WHERE closed_on IS NULL")
        .fetch_one(&mut *conn)
        .await?;
    if open > 0 {
        return Err(Error::Conflict(
            "Ya hay un Libro de Actas abierto: ciérrelo antes de abrir otro.".into(),
        ));
    }
    let date = p.date.unwrap_or(ctx.today);
    let a = numbering::assign(
        conn,
        ctx,
        &numbering::NumberingAssign {
            series: "libro-actas".into(),
            date,
            session_kind: None,
            record_kind: Some("libro-actas".into()),
            record_id: None,
        },
    )
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO minutes_book (number, identifier, opened_on, folios, next_folio) VALUES ($1, $2, $3, $4, 1) RETURNING id",
    )
    .bind(a.number)
    .bind(&a.identifier)
    .bind(date.to_string())
    .bind(p.folios)
    .fetch_one(&mut *conn)
    .await?;
    Ok(sqlx::query_as("SELECT id, number, identifier, opened_on, folios, next_folio, closed_on FROM minutes_book WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?)
}
