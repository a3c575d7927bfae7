//! Charts: their chunks, clamping, labels, and whole documents rendered and read back.
//! `CABILDO_CHART_SAMPLE=/tmp/chart-sample.pdf cargo test -p cabildo-pdf chart` also writes the
//! sample document there, to look at.

use std::rc::Rc;

use chrono::NaiveDate;

use super::line::y_ticks;
use super::*;
use crate::layout::{Chunk, Composer, MM};
use crate::model::{Block, Country, DocInfo, Document, PageSettings, Paragraph};

const GREEN: Rgb = Rgb::new(46, 139, 87);
const AMBER: Rgb = Rgb::new(230, 160, 20);
const RED: Rgb = Rgb::new(200, 40, 40);

const UNITS: [&str; 8] = [
    "Gerencia Municipal",
    "Gerencia de Administración y Finanzas",
    "Gerencia de Desarrollo Urbano, Rural, Infraestructura, Catastro y Ordenamiento Territorial",
    "Subgerencia de Tesorería",
    "Oficina de Planeamiento y Presupuesto",
    "Subgerencia de Gestión Ambiental y Servicios a la Ciudad",
    "Oficina General de Atención al Ciudadano y Gestión Documentaria",
    "Procuraduría Pública Municipal",
];

fn bar_chart(n: usize) -> BarChart {
    let bars = (0..n)
        .map(|i| {
            let percent = [87.5, 142.0, 64.25, 95.0, 71.0, 12.0, 100.0][i % 7];
            Bar {
                label: UNITS[i % UNITS.len()].to_string(),
                percent,
                value: format!("{} %", percent.to_string().replace('.', ",")),
                color: if percent >= 90.0 {
                    GREEN
                } else if percent >= 70.0 {
                    AMBER
                } else {
                    RED
                },
            }
        })
        .collect();
    BarChart {
        title: Some("Avance físico de las metas del POI por unidad orgánica".into()),
        bars,
        max_percent: 120.0,
        references: vec![
            ReferenceLine {
                percent: 70.0,
                label: "70 %".into(),
            },
            ReferenceLine {
                percent: 90.0,
                label: "Meta 90 %".into(),
            },
        ],
        legend: vec![
            LegendEntry {
                color: GREEN,
                label: "≥ 90 %: en meta".into(),
            },
            LegendEntry {
                color: AMBER,
                label: "70 % a 89 %: en riesgo".into(),
            },
            LegendEntry {
                color: RED,
                label: "< 70 %: crítico".into(),
            },
        ],
    }
}

fn line_chart() -> LineChart {
    let months = [
        "Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Set", "Oct", "Nov", "Dic",
    ];
    let planned = [
        100.0, 220.0, 350.0, 480.0, 600.0, 700.0, 800.0, 900.0, 1000.0, 1080.0,
    ];
    let done = [80.0, 150.0, 310.0, 470.0, 640.0, 720.0, 790.0];
    LineChart {
        title: Some("Ejecución acumulada de actividades (miles de S/)".into()),
        categories: months.iter().map(|m| m.to_string()).collect(),
        series: vec![
            Series {
                name: "Programado".into(),
                color: Rgb::new(40, 90, 170),
                values: (0..12).map(|i| planned.get(i).copied()).collect(),
            },
            Series {
                name: "Ejecutado".into(),
                color: Rgb::new(220, 110, 30),
                values: (0..12).map(|i| done.get(i).copied()).collect(),
            },
        ],
        y_suffix: String::new(),
        height_mm: 85.0,
    }
}

fn document(blocks: Vec<Block>) -> Document {
    Document {
        settings: PageSettings::default(),
        info: DocInfo {
            record_id: "chart-sample".into(),
            title: "Informe mensual".into(),
            subject: "Seguimiento del POI".into(),
            author: "Municipalidad".into(),
            keywords: Vec::new(),
            date: NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date"),
            country: Country::Peru,
        },
        letterhead: None,
        running_header: Some(("Municipalidad Distrital".into(), "Informe N° 12".into())),
        verification_code: None,
        folio_start: None,
        page_numbers: None,
        blocks,
    }
}

fn composer() -> Composer {
    Composer::new(160.0 * MM, Country::Peru)
}

fn text_of(d: &Draw) -> Option<String> {
    match d {
        Draw::Text(t) => Some(
            t.pieces
                .iter()
                .flat_map(|p| p.glyphs.iter().map(|g| g.ch))
                .collect(),
        ),
        _ => None,
    }
}

fn page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("the file parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| doc.extract_text(&[*p]).expect("text extracts"))
        .collect()
}

#[test]
fn a_bar_chart_is_a_title_a_scale_a_chunk_per_bar_and_a_legend() {
    let mut c = composer();
    c.bar_chart(&bar_chart(5));
    assert_eq!(c.chunks.len(), 1 + 1 + 5 + 1);
    let scale = &c.chunks[1];
    let first = c.chunks[2]
        .repeat_header
        .clone()
        .expect("rows repeat the scale");
    assert_eq!(first.height, scale.height);
    for row in &c.chunks[2..7] {
        assert!(Rc::ptr_eq(
            row.repeat_header.as_ref().expect("a scale"),
            &first
        ));
    }
    assert!(c.chunks[0].keep_with_next && scale.keep_with_next && c.chunks[2].keep_with_next);
    assert!(!c.chunks[3].keep_with_next, "middle rows may end a page");
    assert!(c.chunks[5].keep_with_next && c.chunks[6].keep_with_next);
    let mut empty = composer();
    empty.bar_chart(&BarChart::default());
    assert!(empty.chunks.is_empty());
}

#[test]
fn long_bars_are_clamped_and_marked() {
    let chart = bar_chart(2);
    let mut c = composer();
    c.bar_chart(&chart);
    let bar_of = |chunk: &Chunk| {
        chunk
            .draws
            .iter()
            .find_map(|d| match d {
                Draw::Rect { x, w, ink, .. } => Some((*x, *w, *ink)),
                _ => None,
            })
            .expect("a bar")
    };
    let breaks = |chunk: &Chunk| {
        chunk
            .draws
            .iter()
            .filter(|d| matches!(d, Draw::Path { ink: Ink::Gray(g), .. } if *g == 1.0))
            .count()
    };
    let (x0, w_normal, ink) = bar_of(&c.chunks[2]);
    assert_eq!(ink, Ink::Rgb(AMBER));
    let (_, w_long, _) = bar_of(&c.chunks[3]);
    // 87.5 of 120 against a bar cut at 120.
    assert!((w_normal / w_long - 87.5 / 120.0).abs() < 1e-3);
    assert_eq!(breaks(&c.chunks[2]), 0);
    assert_eq!(breaks(&c.chunks[3]), 2);
    let width = 160.0 * MM;
    assert!(
        x0 + w_long < width - 12.0 * MM,
        "room is left for the value"
    );
    let texts: Vec<String> = c.chunks[3].draws.iter().filter_map(text_of).collect();
    assert!(texts.contains(&"142 %".to_string()));
}

#[test]
fn long_labels_wrap_to_two_lines_and_are_cut() {
    let mut c = composer();
    c.bar_chart(&bar_chart(3));
    let labels = |i: usize| -> Vec<String> {
        c.chunks[i]
            .draws
            .iter()
            .filter(|d| matches!(d, Draw::Text(t) if t.x == 0.0))
            .filter_map(text_of)
            .collect()
    };
    assert_eq!(labels(2), ["Gerencia Municipal"]);
    assert_eq!(labels(3), ["Gerencia de Administración y Finanzas"]);
    let long = labels(4);
    assert_eq!(long.len(), 2);
    assert!(long[1].ends_with('…'), "{long:?}");
    assert!(c.chunks[4].height > c.chunks[2].height);
}

#[test]
fn crowded_reference_labels_stack() {
    let mut chart = bar_chart(1);
    chart.references[0].percent = 88.0;
    let mut c = composer();
    c.bar_chart(&chart);
    let spaced = {
        let mut c = composer();
        c.bar_chart(&bar_chart(1));
        c.chunks[1].height
    };
    assert!(c.chunks[1].height > spaced);
}

#[test]
fn lines_break_where_values_are_missing() {
    let mut chart = line_chart();
    chart.series[1].values[3] = None;
    let mut c = composer();
    c.line_chart(&chart);
    assert_eq!(c.chunks.len(), 1);
    let chunk = &c.chunks[0];
    assert!((chunk.height - 85.0 * MM).abs() < 0.01);
    let paths = |color: Rgb| {
        chunk
            .draws
            .iter()
            .filter_map(|d| match d {
                Draw::Path { points, ink, .. } if *ink == Ink::Rgb(color) => Some(points.len()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    // Ten planned months in one line (and its legend swatch); seven done, broken after March.
    assert_eq!(paths(chart.series[0].color), [2, 10]);
    assert_eq!(paths(chart.series[1].color), [2, 3, 3]);
    assert_eq!(y_ticks(&chart).values.last(), Some(&1250.0));
    let texts: Vec<String> = chunk.draws.iter().filter_map(text_of).collect();
    for t in ["1.000", "Ene", "Dic", "Programado", "Ejecutado"] {
        assert!(texts.iter().any(|x| x == t), "{t} in {texts:?}");
    }
    for d in &chunk.draws {
        if let Draw::Text(t) = d {
            assert!(t.x >= 0.0 && t.y <= chunk.height, "{t:?} inside the chart");
        }
    }
}

#[test]
fn both_charts_render_and_read_back() {
    let mut blocks = vec![Block::Title(
        "INFORME MENSUAL DE SEGUIMIENTO DEL POI".into(),
    )];
    for _ in 0..6 {
        blocks.push(Block::Paragraph(Paragraph::text(
            "Se presenta el avance de las metas físicas de las unidades orgánicas al cierre \
             de julio, según lo registrado por cada unidad en el seguimiento del Plan \
             Operativo Institucional y validado por la Oficina de Planeamiento y Presupuesto.",
        )));
    }
    blocks.push(Block::BarChart(bar_chart(28)));
    blocks.push(Block::LineChart(line_chart()));
    let doc = document(blocks);
    let rendered = doc.render().expect("renders");
    if let Ok(path) = std::env::var("CABILDO_CHART_SAMPLE") {
        std::fs::write(path, &rendered.pdf).expect("the sample is written");
    }
    assert!(rendered.pages >= 2, "28 bars take more than a page");
    assert_eq!(doc.render().expect("renders again").pdf, rendered.pdf);
    let pages = page_texts(&rendered.pdf);
    let all = pages.concat();
    for t in [
        "Avance físico de las metas del POI",
        "Gerencia de Administración y Finanzas",
        "87,5 %",
        "Meta 90 %",
        "en riesgo",
        "Ejecución acumulada",
        "1.000",
        "Programado",
        "Set",
    ] {
        assert!(all.contains(t), "{t} is in the file");
    }
    // The scale is repeated on every page the bars span.
    let bar_pages = pages.iter().filter(|p| p.contains("Procuraduría")).count();
    assert!(bar_pages >= 2);
    assert_eq!(
        pages.iter().filter(|p| p.contains("Meta 90 %")).count(),
        bar_pages
    );
    let file = lopdf::Document::load_mem(&rendered.pdf).expect("parses");
    let first_page = file.page_iter().next().expect("a page");
    let content = file.get_page_content(first_page);
    let ops = lopdf::content::Content::decode(&content).expect("operators");
    assert!(ops.operations.iter().any(|o| o.operator == "rg"));
    assert!(ops.operations.iter().any(|o| o.operator == "d"));
}

#[test]
fn crowded_categories_are_labelled_in_steps_inside_the_chart() {
    let chart = LineChart {
        categories: (1..=31).map(|d| format!("{d:02}/07")).collect(),
        series: vec![Series {
            name: "Saldo".into(),
            color: RED,
            values: (0..31).map(|i| Some(f64::from(i) * 0.1 - 1.0)).collect(),
        }],
        y_suffix: " %".into(),
        ..LineChart::default()
    };
    let width = 160.0 * MM;
    let mut c = Composer::new(width, Country::Peru);
    c.line_chart(&chart);
    let texts: Vec<(f32, String)> = c.chunks[0]
        .draws
        .iter()
        .filter_map(|d| match d {
            Draw::Text(t) => text_of(d).map(|s| (t.x, s)),
            _ => None,
        })
        .collect();
    let days = texts.iter().filter(|(_, s)| s.ends_with("/07")).count();
    assert!((8..31).contains(&days), "{days} day labels");
    for (x, s) in &texts {
        let w = fonts::text_width(FontId::Sans, TEXT_SIZE, s);
        assert!(*x >= 0.0 && x + w <= width + 0.01, "{s} inside the chart");
    }
    assert!(texts.iter().any(|(_, s)| s == "-1 %"));
}
