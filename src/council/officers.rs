//! Who holds the offices that sign a municipality's records on a date: the alcalde of the
//! council term and the secretary (Secretario General / Municipal) of the organisation.
//! Names come through the `person_name` view.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use crate::error::Result;
use crate::spanish::{self, Gender};

/// An office holder on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeHolder {
    /// Full name.
    pub name: String,
    /// The cargo as printed for the person ("Alcaldesa"; for the secretary, the position's
    /// title in the form that agrees with the person).
    pub cargo: String,
    /// Document number (DNI / RUN).
    pub doc_number: String,
    /// The person's gender (null: not said).
    pub gender: Option<Gender>,
}

/// The alcalde of the council term on `date`.
pub async fn alcalde_on(
    conn: &mut SqliteConnection,
    date: NaiveDate,
) -> Result<Option<OfficeHolder>> {
    let row: Option<(String, String, Option<Gender>)> = sqlx::query_as(
        "SELECT p.full_name, p.doc_number, p.gender
         FROM council_member m JOIN council_term t ON t.id = m.term_id
         JOIN person_name p ON p.id = m.person_id
         WHERE m.role = 'alcalde' AND t.start_date <= $1 AND t.end_date >= $1
           AND m.from_date <= $1 AND (m.to_date IS NULL OR m.to_date >= $1)
         ORDER BY m.from_date DESC LIMIT 1",
    )
    .bind(date.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(name, doc_number, gender)| OfficeHolder {
        name,
        cargo: spanish::title("Alcalde", gender),
        doc_number,
        gender,
    }))
}

/// Whoever holds a position titled "Secretari… {stem}" ("General", "Municipal") on `date`.
pub async fn secretary_on(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    stem: &str,
) -> Result<Option<OfficeHolder>> {
    let row = crate::org::title_holder_on(conn, date, &format!("Secretari% {stem}")).await?;
    Ok(row.map(|(name, cargo, doc_number, gender)| OfficeHolder {
        name,
        cargo: spanish::title(&cargo, gender),
        doc_number,
        gender,
    }))
}

/// Whoever holds the secretary's office named `title` ("Secretario General", "Secretario
/// Municipal": the rule `council.secretary_title`) on `date`.
pub async fn secretary_titled(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    title: &str,
) -> Result<Option<OfficeHolder>> {
    let stem: String = title
        .split_whitespace()
        .skip(1)
        .collect::<Vec<_>>()
        .join(" ");
    secretary_on(conn, date, &stem).await
}

/// The secretary's office as the rule set names it (`council.secretary_title`), or the
/// country's usual name: Secretario General (Peru), Secretario Municipal (Chile).
pub fn secretary_title(rules: &crate::rules::RuleSet, chile: bool) -> String {
    rules
        .value("council.secretary_title")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(if chile {
            "Secretario Municipal"
        } else {
            "Secretario General"
        })
        .to_string()
}
