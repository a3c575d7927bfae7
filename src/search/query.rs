//! What the clerk typed, read two ways: as words for the full-text index (FTS5 syntax, built
//! here so no character typed can break it) and, when it looks like one, as a norm's
//! identifier remembered loosely ("ord 12 2019", "N° 012-2019", "DA 7").

/// A norm identifier typed loosely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The kind named ("ordenanza", "decreto", "resolucion", "acuerdo"), if any.
    pub kind: Option<&'static str>,
    /// The number.
    pub number: i64,
    /// The year, if typed.
    pub year: Option<i32>,
}

/// The query read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    /// The FTS5 expression (terms and phrases AND-ed), none when nothing searchable was typed.
    pub fts: Option<String>,
    /// The identifier, when every word typed could be part of one.
    pub ident: Option<Ident>,
}

/// Words that name a kind of norm, as clerks abbreviate them.
fn kind_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "ord" | "ordz" | "ordenanza" | "ordenanzas" | "om" => "ordenanza",
        "dec" | "decr" | "decreto" | "decretos" | "da" => "decreto",
        "res" | "resol" | "resolucion" | "resoluciones" | "ra" | "rg" | "rgm" | "rc" => {
            "resolucion"
        }
        "acu" | "acuerdo" | "acuerdos" | "ac" | "acm" => "acuerdo",
        _ => return None,
    })
}

/// Words that only introduce a number.
fn filler(w: &str) -> bool {
    matches!(
        w,
        "n" | "no" | "nro" | "numero" | "num" | "de" | "del" | "o"
    )
}

/// A year as written in identifiers.
fn year_of(w: &str) -> Option<i32> {
    if w.len() == 4 {
        w.parse().ok().filter(|y| (1900..=2100).contains(y))
    } else {
        None
    }
}

/// Pieces of the query: phrases kept whole, words with a trailing `*` for prefixes.
#[derive(Debug)]
enum Piece {
    Phrase(String),
    /// A word as typed (original case), and whether it ends with `*`.
    Word(String, bool),
}

fn pieces(q: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = q;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let (inner, tail) = match after.find('"') {
                Some(i) => (&after[..i], &after[i + 1..]),
                None => (after, ""),
            };
            out.push(Piece::Phrase(inner.to_string()));
            rest = tail;
            continue;
        }
        let end = rest.find('"').unwrap_or(rest.len());
        for raw in rest[..end].split_whitespace() {
            // Split on what is not a letter or digit ("012-2019" → 012, 2019; "N°" → N);
            // a `*` right after a word marks a prefix.
            let mut word = String::new();
            let mut chars = raw.chars().peekable();
            while let Some(c) = chars.next() {
                if c.is_alphanumeric() {
                    word.push(c);
                } else {
                    if !word.is_empty() {
                        out.push(Piece::Word(std::mem::take(&mut word), c == '*'));
                    }
                    if c == '*' {
                        while chars.peek() == Some(&'*') {
                            chars.next();
                        }
                    }
                }
            }
            if !word.is_empty() {
                out.push(Piece::Word(word, false));
            }
        }
        rest = &rest[end..];
    }
    out
}

/// The words of a phrase as FTS5 tokens would see them.
fn phrase_words(p: &str) -> Vec<String> {
    p.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A number as it may be printed: 12, 012, 0012.
fn number_forms(digits: &str) -> String {
    let n = digits.trim_start_matches('0');
    let n = if n.is_empty() { "0" } else { n };
    let mut forms = vec![n.to_string()];
    for width in n.len() + 1..=4 {
        forms.push(format!("{n:0>width$}"));
    }
    if forms.len() == 1 {
        format!("\"{n}\"")
    } else {
        let alts: Vec<String> = forms.iter().map(|f| format!("\"{f}\"")).collect();
        format!("({})", alts.join(" OR "))
    }
}

/// Read what the clerk typed.
pub fn parse(q: &str) -> Parsed {
    let pieces = pieces(q);
    let mut terms: Vec<String> = Vec::new();
    // The identifier reading: only kind words, fillers, numbers and siglas (capitals).
    let mut ident_ok = true;
    let mut kind = None;
    let mut numbers: Vec<(String, i64)> = Vec::new();
    for p in &pieces {
        match p {
            Piece::Phrase(text) => {
                ident_ok = false;
                let words = phrase_words(text);
                if !words.is_empty() {
                    terms.push(format!("\"{}\"", words.join(" ")));
                }
            }
            Piece::Word(w, prefix) => {
                let folded = crate::spanish::fold(w);
                if *prefix {
                    ident_ok = false;
                    terms.push(format!("\"{folded}\"*"));
                    continue;
                }
                if folded.chars().all(|c| c.is_ascii_digit()) {
                    if folded.len() <= 6 {
                        numbers.push((folded.clone(), folded.parse().unwrap_or(0)));
                    } else {
                        ident_ok = false;
                    }
                    terms.push(if year_of(&folded).is_some() {
                        format!("\"{folded}\"")
                    } else {
                        number_forms(&folded)
                    });
                    continue;
                }
                if let Some(k) = kind_word(&folded) {
                    kind = kind.or(Some(k));
                    terms.push(format!("\"{k}\""));
                    continue;
                }
                if filler(&folded) {
                    continue;
                }
                let siglas = w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
                    && w.chars().count() <= 8;
                if !siglas {
                    ident_ok = false;
                }
                terms.push(format!("\"{folded}\""));
            }
        }
    }
    let ident = if ident_ok && !numbers.is_empty() {
        // The number is the first figure that is not the year; the year a later 4-digit one.
        let mut number = None;
        let mut year = None;
        for (text, value) in &numbers {
            if number.is_none() && (year_of(text).is_none() || numbers.len() == 1) {
                number = Some(*value);
            } else if year.is_none() {
                year = year_of(text);
            }
        }
        number
            .filter(|n| *n > 0)
            .map(|number| Ident { kind, number, year })
    } else {
        None
    };
    Parsed {
        fts: (!terms.is_empty()).then(|| terms.join(" AND ")),
        ident,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ident(q: &str) -> Option<Ident> {
        parse(q).ident
    }

    #[test]
    fn identifiers_typed_loosely() {
        let want = Some(Ident {
            kind: Some("ordenanza"),
            number: 12,
            year: Some(2019),
        });
        assert_eq!(ident("ord 12 2019"), want);
        assert_eq!(ident("Ordenanza N° 012-2019-MDSRQ"), want);
        assert_eq!(ident("ORD. 12/2019"), want);
        assert_eq!(
            ident("N° 012-2019"),
            Some(Ident {
                kind: None,
                number: 12,
                year: Some(2019)
            })
        );
        assert_eq!(
            ident("DA 7"),
            Some(Ident {
                kind: Some("decreto"),
                number: 7,
                year: None
            })
        );
        assert_eq!(
            ident("acuerdo 074-2014-SE-CM/MPC"),
            Some(Ident {
                kind: Some("acuerdo"),
                number: 74,
                year: Some(2014)
            })
        );
        // Words that are not part of an identifier: a text search only.
        assert_eq!(ident("agua potable 2019"), None);
        assert_eq!(ident("ordenanza de agua"), None);
        assert_eq!(ident("\"plan vial\" 12"), None);
    }

    #[test]
    fn fts_expressions_are_safe() {
        assert_eq!(parse("desagüe").fts.as_deref(), Some("\"desague\""));
        assert_eq!(
            parse("\"plan vial\" desag*").fts.as_deref(),
            Some("\"plan vial\" AND \"desag\"*")
        );
        assert_eq!(
            parse("ord 12").fts.as_deref(),
            Some("\"ordenanza\" AND (\"12\" OR \"012\" OR \"0012\")")
        );
        // FTS5 operators and punctuation typed by the clerk are only separators.
        assert_eq!(
            parse("NOT (agua) OR: \"").fts.as_deref(),
            Some("\"not\" AND \"agua\" AND \"or\"")
        );
        assert_eq!(parse("  ** ()  ").fts, None);
        assert_eq!(parse("año").fts.as_deref(), Some("\"ano\""));
    }
}
