//! The letters of a request for access to public information, printed with the engine and
//! found through the registry of printable kinds (`cabildo print carta-acuse ID`, the id being
//! the request's): the acknowledgement with the legal term, the extension, the delivery and
//! the denial. Each is a letter of the municipality — letterhead, place and date, the requester,
//! Asunto and Referencia, the body, the signature of the Secretario(a) General (Municipal in
//! Chile) — dated on the day of what it communicates, so it prints the same every time.
//!
//! Letters are correspondence, not records of the registry: they are not sealed (the request's
//! history is the record), so they cannot be signed digitally through `records.sign`, and they
//! are printed from their request rather than listed among the records. The law they cite is the
//! rule set's (`access.law`, `access.appeal`), so only the municipality's country's law appears.

use chrono::{NaiveDate, NaiveDateTime};
use sqlx::SqliteConnection;

use super::access::{access_rules, AccessRules};
use super::deadline::Deadline;
use super::items::number;
use super::register::channel_label;
use super::store::{self, InfoRequest, ItemRecord};
use super::{check_scope, ItemKind};
use crate::context::Ctx;
use crate::dates::parse_date;
use crate::error::{Error, Result};
use crate::pdf::{Align, Block, Country, Paragraph, Signatory, Span};
use crate::records::layout::{self, Heading};
use crate::records::registry::{BoxFuture, Listed, PrintableKinds, SealedRender};
use crate::records::settings::Frame;
use crate::records::{file_name, RecordPdf};
use crate::spanish;

/// The letters' printable kinds, for the composition root to install.
pub static PRINTABLE: AccessLetters = AccessLetters;

/// The printable kinds of the letters of information requests.
pub struct AccessLetters;

/// The kinds, as `cabildo print` names them.
pub const KINDS: [&str; 4] = [
    "carta-acuse",
    "carta-prorroga",
    "carta-respuesta",
    "carta-denegatoria",
];

impl PrintableKinds for AccessLetters {
    fn print_kinds(&self) -> &'static [&'static str] {
        &KINDS
    }

    fn sealed_kinds(&self) -> &'static [&'static str] {
        &[]
    }

    fn resolve<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        print_kind: &'a str,
        id: i64,
    ) -> BoxFuture<'a, &'static str> {
        Box::pin(async move {
            let kind = KINDS
                .iter()
                .copied()
                .find(|k| *k == print_kind)
                .ok_or_else(|| Error::field("kind", format!("«{print_kind}» no es una carta.")))?;
            let (r, q) = request_of(conn, id).await?;
            applies(kind, &r, &q)?;
            Ok(kind)
        })
    }

    fn render<'a>(
        &'a self,
        conn: &'a mut SqliteConnection,
        ctx: &'a Ctx,
        print_kind: &'a str,
        id: i64,
    ) -> BoxFuture<'a, RecordPdf> {
        Box::pin(render(conn, ctx, print_kind, id))
    }

    fn render_sealed(
        &self,
        _ctx: &Ctx,
        record_kind: &str,
        _value: &serde_json::Value,
        _digest: &str,
        _code: &str,
    ) -> Result<SealedRender> {
        Err(Error::Internal(format!(
            "las cartas no se sellan: {record_kind}"
        )))
    }

    fn page<'a>(
        &'a self,
        _conn: &'a mut SqliteConnection,
        _print_kind: &'a str,
        _after: Option<&'a serde_json::Value>,
        _limit: i64,
    ) -> BoxFuture<'a, Vec<Listed>> {
        // Printed from their request, never kept as records of their own.
        Box::pin(async { Ok(Vec::new()) })
    }
}

/// The request `id`: its item and its facts.
async fn request_of(conn: &mut SqliteConnection, id: i64) -> Result<(ItemRecord, InfoRequest)> {
    let r = store::item(conn, id).await?;
    match store::request(conn, id).await? {
        Some(q) if r.kind == ItemKind::Solicitud => Ok((r, q)),
        _ => Err(Error::field(
            "id",
            format!(
                "{} no es una solicitud de acceso a la información: las cartas se imprimen de \
                 una solicitud.",
                number(r.kind, r.seq, r.year)
            ),
        )),
    }
}

/// Refuse a letter that does not fit the request's state.
fn applies(kind: &str, r: &ItemRecord, q: &InfoRequest) -> Result<()> {
    let n = number(r.kind, r.seq, r.year);
    let state = match q.state.as_str() {
        "en_tramite" => "está en trámite",
        "en_subsanacion" => "espera la subsanación del solicitante",
        "prorrogada" => "fue prorrogada y aún no se responde",
        "entregada" => "fue atendida con la entrega de la información",
        "entregada_parcial" => "fue atendida con una entrega parcial",
        "denegada" => "fue denegada",
        "desistida" => "se archivó por desistimiento",
        _ => "se archivó por no subsanarse",
    };
    let refused = |what: &str| Err(Error::Conflict(format!("{n} {state}: {what}")));
    match kind {
        "carta-prorroga" if q.extended_on.is_none() => refused(
            "no fue prorrogada, así que no tiene carta de prórroga. Registre la prórroga antes \
             de imprimirla.",
        ),
        "carta-respuesta" if !matches!(q.state.as_str(), "entregada" | "entregada_parcial") => {
            refused(
                "no tiene una entrega de información registrada. La carta de respuesta se \
                 imprime después de responder con la entrega.",
            )
        }
        "carta-denegatoria" if !matches!(q.state.as_str(), "denegada" | "entregada_parcial") => {
            refused(
                "no fue denegada ni en todo ni en parte, así que no tiene carta de denegatoria.",
            )
        }
        _ => Ok(()),
    }
}

/// What every letter of a request knows.
struct Facts {
    r: ItemRecord,
    q: InfoRequest,
    rules: AccessRules,
    chile: bool,
    /// «Solicitud N° 012-2026».
    number: String,
}

impl Facts {
    /// The law with its article: «el Texto Único Ordenado…», «la Ley N° 20.285…».
    fn law(&self) -> String {
        if self.rules.law.trim_start().starts_with("Ley") {
            format!("la {}", self.rules.law.trim())
        } else {
            format!("el {}", self.rules.law.trim())
        }
    }

    /// «del Texto Único Ordenado…», «de la Ley N° 20.285…».
    fn of_law(&self) -> String {
        spanish::of(&self.law())
    }

    fn long(&self, iso: &str) -> String {
        NaiveDate::parse_from_str(iso, "%Y-%m-%d")
            .map(|d| spanish::long_date(d, self.chile))
            .unwrap_or_else(|_| iso.to_string())
    }

    /// «recibida el 12 de marzo de 2026».
    fn received(&self) -> String {
        format!("recibida el {}", self.long(&self.r.received_on))
    }

    /// The article of the extension: Ley 20.285 art. 14 (Chile); TUO Ley 27806 art. 11 g).
    fn extension_article(&self) -> &'static str {
        if self.chile {
            "el artículo 14"
        } else {
            "el literal g) del artículo 11"
        }
    }

    /// «diez (10) días hábiles».
    fn days(n: i64) -> String {
        let n = n.max(0) as u32;
        format!(
            "{} ({n}) {}",
            spanish::number_words(n),
            if n == 1 {
                "día hábil"
            } else {
                "días hábiles"
            }
        )
    }

    /// A letter of the answer: dated on the answer, closing with the days it took.
    fn answered(&self, title: &'static str, mut text: Vec<String>) -> Result<Letter> {
        text.push(self.taken());
        Ok((
            title,
            "Respuesta a su solicitud de acceso a la información pública".into(),
            parse_date(
                self.q.answered_on.as_deref().unwrap_or_default(),
                "answered_on",
            )?,
            text,
        ))
    }

    /// How long it took to answer, against its due date.
    fn taken(&self) -> String {
        let due = self.r.due_on.as_deref().unwrap_or(&self.r.received_on);
        let late = self.q.answered_on.as_deref().is_some_and(|a| a > due);
        format!(
            "La presente respuesta se emite a los {} de recibida su solicitud, {} del plazo, que \
             vencía el {}.",
            Facts::days(self.q.days_taken.unwrap_or(0)),
            if late { "fuera" } else { "dentro" },
            self.long(due)
        )
    }
}

/// A paragraph of the letter's body.
fn body(text: impl Into<String>) -> Block {
    Block::Paragraph(Paragraph::text(text).spacing(0.0, 8.0))
}

/// A line of the letter's head, ragged right.
fn line(spans: Vec<Span>) -> Block {
    Block::Paragraph(Paragraph::new(spans).align(Align::Left).spacing(0.0, 0.0))
}

/// «DNI N° 12345678», «RUN 12.345.678-5», or the document as typed when it names its kind.
fn document_line(doc: &str, country: Country) -> Option<String> {
    let doc = doc.trim();
    if doc.is_empty() {
        return None;
    }
    if doc.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        Some(format!("{} {doc}", country.id_label()))
    } else {
        Some(doc.to_string())
    }
}

/// The letter `kind` of request `id`.
async fn render(conn: &mut SqliteConnection, ctx: &Ctx, kind: &str, id: i64) -> Result<RecordPdf> {
    let (r, q) = request_of(conn, id).await?;
    check_scope(conn, ctx, "followup.get", r.unit_id).await?;
    applies(kind, &r, &q)?;
    let chile = super::chile(conn).await?;
    let f = Facts {
        number: number(r.kind, r.seq, r.year),
        rules: access_rules(conn).await?,
        chile,
        r,
        q,
    };
    let (title, subject, date, text) = match kind {
        "carta-acuse" => acknowledgement(conn, &f).await?,
        "carta-prorroga" => extension(&f)?,
        "carta-respuesta" => delivery(&f)?,
        _ => denial(&f)?,
    };
    let frame = Frame::current(conn, date).await?;
    let signer = signatory(conn, &frame, date, chile).await?;
    let country = frame.country();
    let mut blocks = vec![
        Block::Title(title.to_string()),
        Block::Paragraph(
            Paragraph::text(format!(
                "{}, {}",
                crate::municipality::place_name(&frame.municipality),
                spanish::long_date(date, chile)
            ))
            .align(Align::Right)
            .spacing(4.0, 10.0),
        ),
        line(vec![Span::regular("Señor(a):")]),
        line(vec![Span::bold(f.q.requester.clone())]),
    ];
    let mut contact: Vec<String> = document_line(&f.q.requester_doc, country)
        .into_iter()
        .collect();
    if !f.q.address.trim().is_empty() {
        contact.push(f.q.address.trim().to_string());
    }
    if !f.q.email.trim().is_empty() {
        contact.push(format!("Correo electrónico: {}", f.q.email.trim()));
    }
    blocks.extend(contact.into_iter().map(|c| line(vec![Span::regular(c)])));
    blocks.push(Block::Paragraph(
        Paragraph::new(vec![Span::regular("Presente.—")])
            .align(Align::Left)
            .spacing(0.0, 10.0),
    ));
    for (label, text) in [
        ("Asunto:", subject),
        ("Referencia:", format!("{}, {}.", f.number, f.received())),
    ] {
        let mut p = Paragraph::new(vec![Span::regular(text)])
            .align(Align::Left)
            .indent(25.0)
            .spacing(0.0, 4.0);
        p.label = Some(Span::bold(label));
        blocks.push(Block::Paragraph(p));
    }
    blocks.push(Block::Space(4.0));
    blocks.push(body("De mi consideración:"));
    blocks.extend(text.into_iter().map(body));
    blocks.push(Block::Paragraph(
        Paragraph::text("Atentamente,")
            .align(Align::Left)
            .spacing(4.0, 0.0)
            .keep_with_next(),
    ));
    blocks.push(Block::Signatures(vec![signer.clone()]));
    let name = format!("{title} — {}", f.number);
    let doc = layout::document(
        &frame,
        &ctx.files_dir,
        Heading {
            record_id: &format!("{kind}-{id}-{date}"),
            title: &name,
            subject: &f.r.subject,
            keyword: kind,
            date,
            running: &name,
        },
        blocks,
    )?;
    let rendered = doc.render()?;
    Ok(RecordPdf {
        pdf: rendered.pdf,
        pages: rendered.pages,
        boxes: rendered.signature_boxes,
        filename: file_name(&format!("{kind} {}", f.number)),
        signatures: 0,
        signers: vec![(signer.name, signer.cargo, signer.dni)],
    })
}

/// Who signs: the person holding the secretary's office on `date`, with the title that agrees
/// with them; when nobody is recorded, the office itself.
async fn signatory(
    conn: &mut SqliteConnection,
    frame: &Frame,
    date: NaiveDate,
    chile: bool,
) -> Result<Signatory> {
    let rules = crate::rules::load(conn).await?;
    let title = crate::council::officers::secretary_title(&rules, chile);
    Ok(
        match crate::council::officers::secretary_titled(conn, date, &title).await? {
            Some(h) => Signatory {
                name: h.name,
                cargo: h.cargo,
                dni: Some(h.doc_number),
            },
            None => Signatory {
                name: title,
                cargo: frame.municipality.clone(),
                dni: None,
            },
        },
    )
}

/// The title, the Asunto, the date and the paragraphs of a letter.
type Letter = (&'static str, String, NaiveDate, Vec<String>);

/// `carta-acuse`: received, with the legal term and its due date.
async fn acknowledgement(conn: &mut SqliteConnection, f: &Facts) -> Result<Letter> {
    let filed = NaiveDateTime::parse_from_str(&f.q.filed_at, "%Y-%m-%dT%H:%M").map_err(|_| {
        Error::Internal(format!("fecha de presentación ilegible: {}", f.q.filed_at))
    })?;
    let day = filed.date();
    let how = match f.q.channel.as_str() {
        "presencial" if f.chile => "en la oficina de partes".to_string(),
        "presencial" => "en la mesa de partes".to_string(),
        other => format!("por {}", channel_label(other, f.chile).to_lowercase()),
    }
    .replace("por portal", "a través del portal")
    .replace("por carta", "mediante carta");
    let detail = f.r.detail.trim();
    let asked = if detail.is_empty() {
        f.r.subject.trim().trim_end_matches('.').to_string()
    } else {
        format!(
            "{}. {}",
            f.r.subject.trim().trim_end_matches('.'),
            detail.trim_end_matches('.')
        )
    };
    let mut text = vec![format!(
        "Acusamos recibo de su solicitud de acceso a la información pública presentada el {} a \
         las {} horas {how}, registrada como {}, mediante la cual solicita: «{asked}».",
        spanish::long_date(day, f.chile),
        filed.format("%H:%M"),
        f.number
    )];
    let d: Option<Deadline> = serde_json::from_str(&f.r.due_basis).ok();
    let due =
        f.q.legal_due_on
            .clone()
            .or_else(|| f.r.due_on.clone())
            .unwrap_or_default();
    let received = parse_date(&f.r.received_on, "received_on")?;
    if received != day {
        let cal = crate::calendar::load(conn).await?;
        let why = if cal.is_working_day(day) {
            format!(
                "después de la hora de cierre de la oficina ({})",
                f.rules.closing_time.clone().unwrap_or_default()
            )
        } else {
            "en un día no hábil".to_string()
        };
        text.push(format!(
            "Por haberse presentado {why}, su solicitud se tiene por presentada el {}.",
            spanish::long_date(received, f.chile)
        ));
    }
    let first = d.as_ref().map(|d| f.long(&d.first_day)).unwrap_or_default();
    let holidays: Vec<String> = d
        .iter()
        .flat_map(|d| d.skipped.iter())
        .filter(|s| !matches!(s.reason.as_str(), "sábado" | "domingo"))
        .map(|s| format!("el {} ({})", f.long(&s.date), s.reason))
        .collect();
    let skipped = match holidays.split_last() {
        None => String::new(),
        Some((one, [])) => format!(" —en este plazo no se cuenta {one}—"),
        Some((last, rest)) => {
            format!(
                " —en este plazo no se cuentan {} ni {last}—",
                rest.join(", ")
            )
        }
    };
    let term = format!(
        "De acuerdo con {}, la Municipalidad debe atender su solicitud en un plazo de {}, \
         contados desde el {first} sin sábados, domingos ni feriados{skipped}, por lo que vence \
         el {}.",
        f.law(),
        Facts::days(f.rules.days),
        f.long(&due)
    );
    text.push(term);
    let delivery = f.q.delivery.trim();
    text.push(format!(
        "Su solicitud fue derivada a la unidad que posee la información, {}{}.",
        f.r.unit_name,
        if delivery.is_empty() {
            String::new()
        } else {
            format!(", y la información se le entregará por el medio que eligió: {delivery}")
        }
    ));
    Ok((
        "ACUSE DE RECIBO",
        "Acuse de recibo de su solicitud de acceso a la información pública".into(),
        day,
        text,
    ))
}

/// `carta-prorroga`: the one extension, its reason and the new date.
fn extension(f: &Facts) -> Result<Letter> {
    let on = f.q.extended_on.clone().unwrap_or_default();
    let due = f.r.due_on.clone().unwrap_or_default();
    let legal = f.q.legal_due_on.clone().unwrap_or_default();
    let reason = f.q.extension_reason.trim().trim_end_matches('.');
    let mut text = vec![format!(
        "En atención a su solicitud de la referencia, {}, le comunicamos que no será posible \
         entregarle la información solicitada dentro del plazo que vence el {}, por el siguiente \
         motivo: {reason}.",
        f.received(),
        f.long(&legal)
    )];
    text.push(if f.rules.extension_mode == "dias" {
        format!(
            "Por ello, de conformidad con {} {}, el plazo de respuesta se prorroga por {} \
             adicionales, por lo que vence el {}.",
            f.extension_article(),
            f.of_law(),
            Facts::days(f.rules.extension_days.unwrap_or(10)),
            f.long(&due)
        )
    } else {
        format!(
            "Por ello, en aplicación de {} {}, que permite prorrogar el plazo por una sola vez, \
             la Municipalidad le comunica la fecha en que entregará la información: el {}.",
            f.extension_article(),
            f.of_law(),
            f.long(&due)
        )
    });
    Ok((
        "COMUNICACIÓN DE PRÓRROGA",
        "Prórroga del plazo para atender su solicitud de acceso a la información pública".into(),
        parse_date(&on, "extended_on")?,
        text,
    ))
}

/// The appeal the requester has after a denial, as the rule set words it.
fn appeal(f: &Facts) -> Option<String> {
    let a = f.rules.appeal.trim();
    (!a.is_empty()).then(|| a.to_string())
}

/// `carta-respuesta`: what is delivered, its cost and the days taken.
fn delivery(f: &Facts) -> Result<Letter> {
    let partial = f.q.state == "entregada_parcial";
    let mut text = vec![format!(
        "En atención a su solicitud de la referencia, formulada al amparo {} y {}, le \
         hacemos entrega {}de la información solicitada: {}",
        f.of_law(),
        f.received(),
        if partial { "parcial " } else { "" },
        ending(&f.r.answer)
    )];
    let delivery = f.q.delivery.trim();
    if !delivery.is_empty() {
        text.push(format!(
            "La información se entrega por el medio que eligió: {delivery}."
        ));
    }
    text.push(if f.q.cost_cents > 0 {
        let amount = spanish::money(f.q.cost_cents, if f.chile { "$" } else { "S/" });
        if f.chile {
            format!(
                "Los costos directos de reproducción de la información ascienden a {amount}, \
                 que se pagan antes de la entrega."
            )
        } else {
            format!(
                "El costo de reproducción de la información asciende a {amount}, que se abona \
                 antes de la entrega."
            )
        }
    } else {
        "La entrega no tiene costo para usted.".to_string()
    });
    if partial {
        text.push(format!(
            "La parte de la información que no se entrega se deniega por la causal siguiente: \
             {}",
            ending(&f.q.denial_ground)
        ));
        text.extend(appeal(f));
    }
    f.answered(
        if partial {
            "ENTREGA PARCIAL DE INFORMACIÓN"
        } else {
            "ENTREGA DE INFORMACIÓN"
        },
        text,
    )
}

/// `carta-denegatoria`: the denial (wholly or in part), its legal ground and the appeal.
fn denial(f: &Facts) -> Result<Letter> {
    let partial = f.q.state == "entregada_parcial";
    let mut text = vec![format!(
        "En atención a su solicitud de la referencia, formulada al amparo {} y {}, le \
         comunicamos que ha sido denegada{} por la causal siguiente: {}",
        f.of_law(),
        f.received(),
        if partial { " en parte" } else { "" },
        ending(&f.q.denial_ground)
    )];
    text.push(if partial {
        format!(
            "En lo demás, se le entrega la información solicitada: {}",
            ending(&f.r.answer)
        )
    } else {
        format!("Fundamento: {}", ending(&f.r.answer))
    });
    text.extend(appeal(f));
    f.answered(
        if partial {
            "DENEGATORIA PARCIAL DE ACCESO A LA INFORMACIÓN"
        } else {
            "DENEGATORIA DE ACCESO A LA INFORMACIÓN"
        },
        text,
    )
}

/// The text as the end of a sentence: trimmed, with its final period.
fn ending(text: &str) -> String {
    let t = text.trim();
    if t.ends_with(['.', '!', '?', '»']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_name_their_kind() {
        assert_eq!(
            document_line("12345678", Country::Peru).as_deref(),
            Some("DNI N° 12345678")
        );
        assert_eq!(
            document_line("12.345.678-5", Country::Chile).as_deref(),
            Some("RUN 12.345.678-5")
        );
        assert_eq!(
            document_line("CE 001234567", Country::Peru).as_deref(),
            Some("CE 001234567")
        );
        assert_eq!(document_line(" ", Country::Peru), None);
    }

    #[test]
    fn sentences_end_once() {
        assert_eq!(ending("copia del contrato"), "copia del contrato.");
        assert_eq!(ending("copia del contrato."), "copia del contrato.");
        assert_eq!(ending("(art. 15)"), "(art. 15).");
    }
}
