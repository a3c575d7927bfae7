//! Keyset paging, shared by every list that grows with the years (ADR 0018). A list is sorted
//! in SQL by a key that ends with the row's id (so it is unique), and a page asks for the rows
//! after the last one shown: the `next` of the previous page, an opaque cursor that carries
//! that row's sort key. A row added while the user pages takes its place in the order and never
//! makes another one appear twice or go missing, and a page costs the same on the first day and
//! after twenty years (no `OFFSET` to skip).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};

/// Rows per page when the params do not say.
pub const DEFAULT_LIMIT: i64 = 50;

/// The most rows one page may ask for.
pub const MAX_LIMIT: i64 = 500;

/// The page size asked for: `DEFAULT_LIMIT` by default, a field error outside 1–`MAX_LIMIT`.
pub fn limit(asked: Option<i64>) -> Result<i64> {
    let limit = asked.unwrap_or(DEFAULT_LIMIT);
    if (1..=MAX_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(Error::field(
            "limit",
            format!("Pida de 1 a {MAX_LIMIT} filas por página."),
        ))
    }
}

/// The cursor of a row whose sort key is `key` (a tuple ending with the id).
pub fn cursor<K: Serialize>(key: &K) -> String {
    let json = serde_json::to_vec(key).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(json)
}

/// The sort key carried by `after` (none for the first page); a field error when the cursor
/// is not one this list gave.
pub fn after<K: DeserializeOwned>(after: Option<&str>) -> Result<Option<K>> {
    let Some(text) = after.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    URL_SAFE_NO_PAD
        .decode(text)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .map(Some)
        .ok_or_else(|| {
            Error::field(
                "after",
                "La página pedida no existe: vuelva a cargar la lista desde el principio.",
            )
        })
}

/// A page out of `rows` fetched with `LIMIT limit + 1`: the first `limit` rows and, when there
/// were more, the cursor of the last one kept.
pub fn finish<T, K: Serialize>(
    mut rows: Vec<T>,
    limit: i64,
    key: impl Fn(&T) -> K,
) -> (Vec<T>, Option<String>) {
    let limit = limit.max(0) as usize;
    if rows.len() > limit {
        rows.truncate(limit);
        let next = rows.last().map(|r| cursor(&key(r)));
        (rows, next)
    } else {
        (rows, None)
    }
}

/// `text` made into a `LIKE` pattern that matches it anywhere (its `%` and `_` removed).
pub fn contains(text: &str) -> String {
    format!("%{}%", text.replace(['%', '_'], ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_defaults_and_bounds() {
        assert_eq!(limit(None).unwrap(), 50);
        assert_eq!(limit(Some(1)).unwrap(), 1);
        assert_eq!(limit(Some(500)).unwrap(), 500);
        assert!(limit(Some(0)).is_err());
        assert!(limit(Some(501)).is_err());
    }

    #[test]
    fn cursor_round_trips_and_refuses_garbage() {
        let c = cursor(&("Pérez", "2026-03-14", 7_i64));
        let back: Option<(String, String, i64)> = after(Some(&c)).unwrap();
        assert_eq!(back, Some(("Pérez".into(), "2026-03-14".into(), 7)));
        assert_eq!(after::<(String, i64)>(None).unwrap(), None);
        assert_eq!(after::<(String, i64)>(Some("  ")).unwrap(), None);
        assert!(after::<(String, i64)>(Some("no es un cursor")).is_err());
        assert!(after::<(String, i64)>(Some(&cursor(&(1, 2)))).is_err());
    }

    #[test]
    fn finish_cuts_the_extra_row() {
        let (rows, next) = finish(vec![1, 2, 3], 2, |r| *r);
        assert_eq!(rows, vec![1, 2]);
        assert_eq!(after::<i64>(next.as_deref()).unwrap(), Some(2));
        let (rows, next) = finish(vec![1, 2], 2, |r| *r);
        assert_eq!((rows.len(), next), (2, None));
    }
}
