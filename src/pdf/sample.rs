//! Realistic sample records of a fictitious district (Santa Rosa de Qochapampa, Peru), for
//! tests, benchmarks and template previews.

use chrono::NaiveDate;

use super::certified_copy::{certification_text, CertifiedCopy, CopiedContent};
use super::minutes_book::{BookClosing, BookOpening};
use super::norm::{Article, ArticleStyle, NormDocument};
use super::{Column, Country, Letterhead, PageSettings, Signatory, Table};

/// The sample municipality's date for everything: 21 November 2026.
pub fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
}

/// A simple shield as a PNG (a red field with a white band), standing in for a logo.
pub fn logo_png() -> Vec<u8> {
    let (w, h) = (120u32, 140u32);
    let mut pixels = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            // Shield outline: a rectangle with a rounded bottom.
            let cx = x as f32 - w as f32 / 2.0;
            let inside = if y < 80 {
                x > 4 && x < w - 4 && y > 4
            } else {
                let r = w as f32 / 2.0 - 4.0;
                let dy = y as f32 - 80.0;
                cx * cx / (r * r) + dy * dy / (56.0 * 56.0) <= 1.0
            };
            let band = (50..66).contains(&y);
            let px = match (inside, band) {
                (false, _) => [255, 255, 255, 0],
                (true, true) => [250, 250, 250, 255],
                (true, false) if (x / 12 + y / 12) % 2 == 0 => [178, 24, 36, 255],
                (true, false) => [150, 18, 30, 255],
            };
            pixels.extend_from_slice(&px);
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().expect("png header");
        writer.write_image_data(&pixels).expect("png data");
    }
    out
}

/// The sample letterhead.
pub fn letterhead() -> Letterhead {
    Letterhead {
        municipality: "Municipalidad Distrital de Santa Rosa de Qochapampa".into(),
        siglas: "MDSRQ".into(),
        logo: Some(logo_png()),
        year_name: Some("Año de la Esperanza y el Fortalecimiento de la Democracia".into()),
        subtitle: Some("Provincia de Quispicanchi — Región Cusco".into()),
        country: Country::Peru,
    }
}

fn alcalde() -> Signatory {
    Signatory {
        name: "Juana Ñahui Quispe".into(),
        cargo: "Alcaldesa".into(),
        dni: Some("41234567".into()),
    }
}

fn secretario() -> Signatory {
    Signatory {
        name: "Rubén Álvarez Peña".into(),
        cargo: "Secretario General".into(),
        dni: Some("40987654".into()),
    }
}

const CONSIDERANDOS: [&str; 5] = [
    "Que, el artículo 194° de la Constitución Política del Perú, modificado por la Ley N° 30305, \
     establece que las municipalidades provinciales y distritales son los órganos de gobierno \
     local y tienen autonomía política, económica y administrativa en los asuntos de su \
     competencia;",
    "Que, el artículo 40° de la Ley N° 27972, Ley Orgánica de Municipalidades, señala que las \
     ordenanzas de las municipalidades, en la materia de su competencia, son las normas de \
     carácter general de mayor jerarquía en la estructura normativa municipal;",
    "Que, mediante el Informe N° 245-2026-GDEL/MDSRQ, la Gerencia de Desarrollo Económico Local \
     propone regular la segregación en la fuente y la recolección selectiva de residuos sólidos \
     en el distrito, con participación de las juntas vecinales y de la comunidad campesina de \
     Ñuñunhuayco;",
    "Que, con el Informe Legal N° 118-2026-OAJ/MDSRQ, la Oficina de Asesoría Jurídica opina que \
     es procedente aprobar la ordenanza, por encontrarse conforme al Decreto Legislativo \
     N° 1278 y a su reglamento;",
    "Que, estando a lo expuesto y con el voto UNÁNIME de los señores regidores, con la dispensa \
     del trámite de lectura y aprobación del acta, el Concejo Municipal aprobó la presente \
     ordenanza en la Sesión Ordinaria de la fecha;",
];

fn articles(n: usize) -> Vec<Article> {
    let base = [
        Article::titled(
            "Objeto",
            "La presente ordenanza tiene por objeto regular la segregación en la fuente, el \
             almacenamiento, la recolección selectiva y el aprovechamiento de los residuos \
             sólidos municipales en el distrito de Santa Rosa de Qochapampa.",
        ),
        Article::titled(
            "Ámbito de aplicación",
            "Es de cumplimiento obligatorio para todas las personas naturales y jurídicas, \
             viviendas, comercios, mercados, instituciones educativas y entidades públicas \
             ubicadas en el distrito, incluidos los anexos de Ñuñunhuayco y Qochapampa Alta.",
        ),
        Article {
            title: Some("Obligaciones de los vecinos".into()),
            text: "Son obligaciones de los generadores de residuos sólidos domiciliarios:".into(),
            items: vec![
                "Segregar los residuos en aprovechables, no aprovechables y orgánicos.".into(),
                "Entregar los residuos al vehículo recolector en el horario establecido.".into(),
                "Mantener limpia la vereda y la vía pública frente a su predio.".into(),
            ],
            table: None,
        },
        Article::titled(
            "Campaña de sensibilización",
            "La Gerencia de Desarrollo Económico Local ejecutará la campaña «¿Ya separaste tus \
             residuos? ¡Santa Rosa limpia empieza en casa!» durante el año, en castellano y \
             quechua, con el apoyo de las instituciones educativas del distrito.",
        ),
        Article::titled(
            "Horarios de recolección",
            "La recolección selectiva se realizará los lunes, miércoles y viernes desde las \
             06:00 horas, y la de residuos orgánicos los martes y sábados; el cronograma por \
             sector se publicará en el portal institucional y en los paneles de la \
             municipalidad.",
        ),
        Article::titled(
            "Incentivos",
            "Los vecinos que participen en el programa durante seis meses consecutivos \
             obtendrán un descuento del 10 % en el arbitrio de limpieza pública del ejercicio \
             siguiente, conforme al reglamento que se apruebe por decreto de alcaldía.",
        ),
        Article::titled(
            "Infracciones y sanciones",
            "Las infracciones a la presente ordenanza se sancionan conforme al Cuadro Único de \
             Infracciones y Sanciones (CUIS) de la municipalidad, previo procedimiento \
             administrativo sancionador.",
        ),
        Article::titled(
            "Vigencia",
            "La presente ordenanza entra en vigencia al día siguiente de su publicación en el \
             diario encargado de los avisos judiciales de la provincia y en el portal \
             institucional (www.munisantarosa.gob.pe).",
        ),
    ];
    let mut out: Vec<Article> = base.iter().take(n.min(base.len())).cloned().collect();
    let mut k = 0;
    while out.len() < n {
        k += 1;
        out.push(Article::titled(
            format!("Disposición de desarrollo {k}"),
            format!(
                "La Gerencia Municipal, en coordinación con la Subgerencia de Gestión Ambiental, \
                 aprobará mediante directiva el procedimiento operativo N° {k:03} para la zona \
                 de recolección {k}, que comprende la identificación de los predios, la entrega \
                 de bolsas y contenedores, la capacitación de los recicladores formalizados y \
                 el registro de los vecinos participantes; el avance se informará \
                 trimestralmente al Concejo Municipal en sesión ordinaria, señalando las metas \
                 físicas alcanzadas, el tonelaje recuperado y las dificultades encontradas."
            ),
        ));
    }
    out
}

/// The infractions table of the long ordenanza (`rows` rows).
pub fn infractions_table(rows: usize) -> Table {
    let kinds = [
        "No segregar los residuos sólidos domiciliarios en la fuente",
        "Sacar los residuos fuera del horario de recolección",
        "Arrojar residuos en la vía pública, ríos, acequias o terrenos sin construir",
        "Quemar residuos sólidos a cielo abierto",
        "No contar con recipientes para residuos en establecimientos comerciales",
    ];
    Table {
        columns: vec![
            Column::new("Código", 1.2),
            Column::new("Infracción", 5.0),
            Column::right("Multa (% UIT)", 1.6),
            Column::new("Medida complementaria", 2.6),
        ],
        rows: (0..rows)
            .map(|i| {
                vec![
                    format!("RS-{:03}", i + 1),
                    format!("{} (supuesto {}).", kinds[i % kinds.len()], i + 1),
                    format!("{:.1} %", 2.0 + (i % 9) as f32 * 2.5),
                    if i % 3 == 0 {
                        "Retención de bienes".to_string()
                    } else {
                        "Ninguna".to_string()
                    },
                ]
            })
            .collect(),
        size: 9.0,
    }
}

/// The sample ordenanza: 5 considerandos and `articles` articles (8 gives the real one; ~130
/// with the table gives about 30 pages). With `table_rows` > 0, article 7 carries the CUIS.
pub fn norm(articles_count: usize, table_rows: usize) -> NormDocument {
    let mut arts = articles(articles_count);
    if table_rows > 0 {
        if let Some(a) = arts.get_mut(6) {
            a.table = Some(infractions_table(table_rows));
        }
    }
    NormDocument {
        note: None,
        record_id: "norm-007-2026".into(),
        date: date(),
        kind_label: "ORDENANZA".into(),
        identifier: "ORDENANZA N° 007-2026-MDSRQ".into(),
        place_date: "Santa Rosa de Qochapampa, 21 de noviembre de 2026".into(),
        issuer: Some(
            "LA ALCALDESA DE LA MUNICIPALIDAD DISTRITAL DE SANTA ROSA DE QOCHAPAMPA\nPOR CUANTO:"
                .into(),
        ),
        vistos: vec![
            "El Concejo Municipal de Santa Rosa de Qochapampa, en Sesión Ordinaria N° 021-2026 \
             de fecha 21 de noviembre de 2026, visto el Dictamen N° 012-2026-CDEL/MDSRQ de la \
             Comisión de Desarrollo Económico Local, el Informe N° 245-2026-GDEL/MDSRQ y el \
             Informe Legal N° 118-2026-OAJ/MDSRQ; y,"
                .into(),
        ],
        considerandos: CONSIDERANDOS.iter().map(|s| s.to_string()).collect(),
        preamble: Some(
            "En uso de las facultades conferidas por el numeral 8) del artículo 9° y el \
             artículo 40° de la Ley N° 27972, Ley Orgánica de Municipalidades, el Concejo \
             Municipal, por UNANIMIDAD y con dispensa del trámite de lectura y aprobación del \
             acta,"
                .into(),
        ),
        operative_heading: "HA DADO LA ORDENANZA SIGUIENTE:".into(),
        title: Some(
            "ORDENANZA QUE REGULA LA SEGREGACIÓN EN LA FUENTE Y LA RECOLECCIÓN SELECTIVA DE \
             RESIDUOS SÓLIDOS EN EL DISTRITO"
                .into(),
        ),
        articles: arts,
        article_style: ArticleStyle::Numeric,
        closing_formula: "Regístrese, comuníquese, publíquese y cúmplase.".into(),
        signatories: vec![alcalde(), secretario()],
        letterhead: letterhead(),
        settings: PageSettings::default(),
        verification_code: Some("MDSRQ-7K3F-Q9TX".into()),
    }
}

/// The sample certified copy of the ordenanza.
pub fn certified_copy() -> CertifiedCopy {
    let original = "la ORDENANZA N° 007-2026-MDSRQ de fecha 21 de noviembre de 2026";
    CertifiedCopy {
        record_id: "cert-015-2026".into(),
        date: date(),
        identifier: "CERTIFICADO N° 015-2026-SG/MDSRQ".into(),
        certifier_heading: "EL SECRETARIO GENERAL DE LA MUNICIPALIDAD DISTRITAL DE SANTA ROSA \
                            DE QOCHAPAMPA, EN SU CONDICIÓN DE FEDATARIO, QUE SUSCRIBE:"
            .into(),
        certification_text: certification_text(Country::Peru, original, 3),
        purpose: Some(
            "Se expide la presente a solicitud del señor Néstor Huamán Ccori, mediante \
             Expediente N° 3456-2026, para los fines que estime conveniente."
                .into(),
        ),
        place_date: "Santa Rosa de Qochapampa, 21 de noviembre de 2026".into(),
        folios: 3,
        certifier: secretario(),
        content: CopiedContent::Text {
            heading: "ORDENANZA N° 007-2026-MDSRQ".into(),
            paragraphs: CONSIDERANDOS.iter().map(|s| s.to_string()).collect(),
        },
        letterhead: letterhead(),
        settings: PageSettings::default(),
        verification_code: Some("MDSRQ-C015-4HPZ".into()),
    }
}

/// The sample acta de apertura of Libro de Actas N° 05.
pub fn book_opening() -> BookOpening {
    BookOpening {
        record_id: "book-05-opening".into(),
        date: NaiveDate::from_ymd_opt(2026, 1, 2).expect("valid date"),
        book_title: "Libro de Actas de Sesiones de Concejo".into(),
        book_number: 5,
        place: "Santa Rosa de Qochapampa".into(),
        folios: 200,
        purpose: None,
        signatory: secretario(),
        letterhead: letterhead(),
        settings: PageSettings::default(),
        folio: Some(1),
        verification_code: None,
    }
}

/// The sample acta de cierre of Libro de Actas N° 05.
pub fn book_closing() -> BookClosing {
    BookClosing {
        record_id: "book-05-closing".into(),
        date: date(),
        book_title: "Libro de Actas de Sesiones de Concejo".into(),
        book_number: 5,
        place: "Santa Rosa de Qochapampa".into(),
        folios: 200,
        last_used_folio: 187,
        first_acta: "Sesión Ordinaria N° 001-2026 del 5 de enero de 2026".into(),
        last_acta: "Sesión Extraordinaria N° 009-2026 del 20 de noviembre de 2026".into(),
        observations: Some(
            "El folio 112 contiene una enmendadura salvada al pie del acta de la Sesión \
             Ordinaria N° 014-2026."
                .into(),
        ),
        signatory: secretario(),
        letterhead: letterhead(),
        settings: PageSettings::default(),
        folio: Some(188),
        verification_code: None,
    }
}
