//! The portal's pages as HTML text: one frame (the municipality, the navigation, the footer)
//! around each page's tables. Accessible by construction: `lang="es"`, one `h1` per page,
//! captions and header cells on every table, a link to skip to the content, link texts that
//! say which document they open.

use std::fmt::Write as _;

use crate::municipality::Municipality;

/// Escape text for HTML (element content and attribute values).
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What every page shows around its content.
pub(super) struct Frame<'a> {
    /// The municipality.
    pub muni: &'a Municipality,
    /// The logo's path from the site's root, when there is one.
    pub logo: Option<String>,
    /// The municipality is Chilean (its words, its law).
    pub chile: bool,
    /// The day of the export, in words ("29 de noviembre de 2026").
    pub updated: String,
}

impl Frame<'_> {
    /// A whole page: `depth` folders under the root, its `title` (also its `h1`), its `body`.
    pub fn page(&self, depth: usize, title: &str, body: &str, body_attrs: &str) -> String {
        let up = "../".repeat(depth);
        let m = self.muni;
        let mut out = String::with_capacity(body.len() + 2048);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"Cabildo\">\n\
             <title>{} — {}</title>\n<link rel=\"stylesheet\" href=\"{up}recursos/portal.css\">\n\
             </head>\n<body{body_attrs}>\n<a class=\"saltar\" href=\"#contenido\">Ir al contenido</a>\n\
             <header class=\"sitio\">\n<div class=\"marco\">\n",
            esc(title),
            esc(&m.name)
        );
        if let Some(logo) = &self.logo {
            let _ = writeln!(out, "<img src=\"{up}{}\" alt=\"\">", esc(logo));
        }
        let _ = write!(
            out,
            "<div>\n<p class=\"nombre\">{}</p>\n<p class=\"lema\">{}</p>\n</div>\n</div>\n\
             <nav class=\"principal\" aria-label=\"Secciones\">\n<ul>\n\
             <li><a href=\"{up}index.html\">Inicio</a></li>\n\
             <li><a href=\"{up}index.html#normas\">Normas</a></li>\n\
             <li><a href=\"{up}index.html#actas\">Actas</a></li>\n\
             <li><a href=\"{up}index.html#informes\">Informes</a></li>\n\
             <li><a href=\"{up}buscar.html\">Buscar</a></li>\n</ul>\n</nav>\n</header>\n\
             <main id=\"contenido\">\n<h1>{}</h1>\n{body}\n</main>\n<footer>\n",
            esc(&m.name),
            esc(self.portal_name()),
            esc(title),
        );
        let _ = write!(
            out,
            "<p>Publicado el {} por la {} con Cabildo.",
            esc(&self.updated),
            esc(&m.name)
        );
        let contact: Vec<String> = [&m.address, &m.phone, &m.email, &m.website]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .map(|s| esc(s))
            .collect();
        if !contact.is_empty() {
            let _ = write!(out, "<br>{}", contact.join(" · "));
        }
        out.push_str("</p>\n</footer>\n</body>\n</html>\n");
        out
    }

    /// The home page's heading.
    pub fn portal_name_short(&self) -> &'static str {
        if self.chile {
            "Transparencia activa"
        } else {
            "Portal de transparencia"
        }
    }

    /// What the site is, under the municipality's name.
    pub fn portal_name(&self) -> &'static str {
        if self.chile {
            "Transparencia activa: normas, actas del Concejo Municipal e informes"
        } else {
            "Portal de transparencia: normas, actas del Concejo Municipal e informes"
        }
    }
}

/// A link to a PDF that says which document it opens.
pub(super) fn pdf_link(href: &str, of: &str) -> String {
    format!(
        "<a href=\"{}\" type=\"application/pdf\" aria-label=\"PDF de {}\">PDF</a>",
        esc(href),
        esc(of)
    )
}

/// The links to the parts of a list split in several pages, when it has more than one.
pub(super) fn pager(files: &[String], current: usize) -> String {
    if files.len() < 2 {
        return String::new();
    }
    let mut out =
        String::from("<nav aria-label=\"Páginas de esta lista\">\n<ul class=\"paginas\">\n");
    for (i, f) in files.iter().enumerate() {
        if i == current {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\" aria-current=\"page\">Página {}</a></li>",
                esc(f),
                i + 1
            );
        } else {
            let _ = writeln!(out, "<li><a href=\"{}\">Página {}</a></li>", esc(f), i + 1);
        }
    }
    out.push_str("</ul>\n</nav>\n");
    out
}

/// A table with its caption, its column headers (`(text, class)`) and its rows (already HTML).
pub(super) fn table(caption: &str, columns: &[(&str, &str)], rows: &str) -> String {
    let mut out = format!(
        "<table>\n<caption>{}</caption>\n<thead>\n<tr>",
        esc(caption)
    );
    for (c, class) in columns {
        if class.is_empty() {
            let _ = write!(out, "<th scope=\"col\">{}</th>", esc(c));
        } else {
            let _ = write!(out, "<th scope=\"col\" class=\"{class}\">{}</th>", esc(c));
        }
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    out.push_str(rows);
    out.push_str("</tbody>\n</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            esc("Ordenanza <b>\"A\" & 'B'</b>"),
            "Ordenanza &lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn a_single_page_has_no_pager() {
        assert_eq!(pager(&["a.html".into()], 0), "");
        let p = pager(&["a.html".into(), "a-2.html".into()], 1);
        assert!(p.contains("<a href=\"a-2.html\" aria-current=\"page\">Página 2</a>"));
    }
}
