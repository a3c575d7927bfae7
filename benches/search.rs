//! Figures for the registry at twenty years (issue 13): 100,000 norms and 10,000 actas of
//! generated Spanish text.
//! - `search.find` through the full dispatch, first page of 25, over a mix of queries (common
//!   and rare words, two words, phrases, prefixes, identifiers typed loosely, filters): p50 and
//!   p95 — and ripgrep (`rg -l -i`) over the same texts as one file per record, in the same
//!   run, for the same queries.
//! - `norm.list` first page and last page (keyset), and the database size.
//!
//! The generated database and files are kept under target/bench-data and reused.
//! Run: `cargo bench -p cabildo --bench search` (part of `make bench`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

use cabildo::auth::Actor;
use cabildo::Cabildo;

const NORMS: usize = 100_000;
const ACTAS: usize = 10_000;
const VERSION: &str = "v1";

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small indexes, like word frequencies.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64) * u.powi(3)) as usize
    }
}

const COMMON: &[&str] = &[
    "municipalidad",
    "distrital",
    "concejo",
    "municipal",
    "alcalde",
    "gerencia",
    "ordenanza",
    "acuerdo",
    "decreto",
    "resolución",
    "artículo",
    "disposición",
    "servicio",
    "público",
    "agua",
    "potable",
    "desagüe",
    "licencia",
    "funcionamiento",
    "comercio",
    "ambulatorio",
    "tránsito",
    "vehículos",
    "mercado",
    "limpieza",
    "residuos",
    "sólidos",
    "parques",
    "jardines",
    "seguridad",
    "ciudadana",
    "serenazgo",
    "presupuesto",
    "participativo",
    "obras",
    "infraestructura",
    "vial",
    "pistas",
    "veredas",
    "alumbrado",
    "educación",
    "salud",
    "cultura",
    "deporte",
    "juventud",
    "mujer",
    "niñez",
    "adulto",
    "mayor",
    "discapacidad",
    "tributos",
    "arbitrios",
    "impuesto",
    "predial",
    "alcabala",
    "multas",
    "sanciones",
    "infracciones",
    "reglamento",
    "organización",
    "funciones",
    "texto",
    "único",
    "procedimientos",
    "administrativos",
    "tasas",
    "derechos",
    "trámite",
    "plazo",
    "días",
    "hábiles",
    "notificación",
    "recurso",
    "apelación",
    "reconsideración",
    "informe",
    "legal",
    "técnico",
    "opinión",
    "favorable",
    "dictamen",
    "comisión",
    "regidores",
    "sesión",
    "ordinaria",
    "extraordinaria",
    "votación",
    "unanimidad",
    "mayoría",
    "año",
    "ejercicio",
    "fiscal",
    "plan",
    "desarrollo",
    "concertado",
    "estratégico",
    "institucional",
    "operativo",
    "metas",
    "indicadores",
    "ambiente",
    "áreas",
    "verdes",
    "catastro",
    "zonificación",
    "edificación",
    "habilitación",
    "urbana",
    "propiedad",
    "terreno",
    "donación",
    "convenio",
    "cooperación",
    "interinstitucional",
    "programa",
    "vaso",
    "leche",
    "comedores",
    "populares",
    "padrón",
    "beneficiarios",
    "registro",
    "civil",
    "matrimonio",
    "defensa",
    "riesgo",
    "desastres",
    "emergencia",
    "lluvias",
    "huaicos",
    "canal",
    "riego",
    "agricultura",
    "ganadería",
    "camélidos",
    "alpacas",
    "quinua",
    "cañihua",
    "turismo",
    "artesanía",
    "feria",
    "aniversario",
    "fiesta",
    "patronal",
    "señor",
    "virgen",
    "plaza",
    "armas",
    "local",
    "comunal",
    "centro",
    "poblado",
    "anexo",
    "comunidad",
    "campesina",
];

/// Syllables for the long tail of rare words (names, places, technical terms).
const SYLLABLES: &[&str] = &[
    "pa", "ta", "ka", "qo", "chu", "lla", "ñu", "wa", "ya", "ri", "mi", "sa", "hua", "qui", "to",
    "ro", "co", "pu", "tu", "ma", "na", "ra", "sha", "cha", "pi", "li", "mu", "su",
];

fn rare(i: usize) -> String {
    let mut w = String::new();
    let mut k = i + 7;
    for _ in 0..3 + i % 2 {
        w += SYLLABLES[k % SYLLABLES.len()];
        k /= SYLLABLES.len();
        k += 3;
    }
    w
}

fn sentence(r: &mut Rng, words: usize, rare_words: &[String]) -> String {
    let mut s = Vec::with_capacity(words);
    for _ in 0..words {
        if r.below(12) == 0 {
            s.push(rare_words[r.zipf(rare_words.len())].clone());
        } else {
            s.push(COMMON[r.zipf(COMMON.len())].to_string());
        }
    }
    let mut t = s.join(" ");
    if let Some(c) = t.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    t + "."
}

struct Corpus {
    db: PathBuf,
    files: PathBuf,
}

fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-data")
}

/// The generated registry, made once and kept.
fn corpus(rt: &tokio::runtime::Runtime) -> Corpus {
    let dir = data_dir();
    let db = dir.join(format!("search-{VERSION}.db"));
    let files = dir.join(format!("search-{VERSION}-files"));
    if db.exists() && files.join("done").exists() {
        return Corpus { db, files };
    }
    let _ = std::fs::remove_file(&db);
    let _ = std::fs::remove_dir_all(&files);
    std::fs::create_dir_all(&files).expect("bench-data");
    let started = Instant::now();
    let rare_words: Vec<String> = (0..20_000).map(rare).collect();
    rt.block_on(async {
        let cab = Cabildo::open(&db).await.expect("open");
        cabildo::api::dispatch(&cab, &Actor::system(), "demo.load", json!({"seed": 7}), false)
            .await
            .expect("demo");
        let mut r = Rng(0x9E37_79B9_7F4A_7C15);
        let mut tx = cab.pool().begin().await.expect("tx");
        let kinds = [
            ("ordenanza", "ordenanza", "ORDENANZA MUNICIPAL"),
            ("decreto", "decreto", "DECRETO DE ALCALDÍA"),
            ("resolucion", "resolucion-alcaldia", "RESOLUCIÓN DE ALCALDÍA"),
            ("acuerdo", "acuerdo", "ACUERDO DE CONCEJO"),
        ];
        let mut numbers = std::collections::HashMap::new();
        for i in 0..NORMS {
            // Twenty years, oldest first: 2006-01-02 … 2025-12-30.
            let day = chrono::NaiveDate::from_ymd_opt(2006, 1, 2).unwrap()
                + chrono::Duration::days((i as i64 * 7300) / NORMS as i64);
            let (kind, series, label) = kinds[r.below(4)];
            let year = chrono::Datelike::year(&day);
            let n = numbers.entry((kind, year)).or_insert(0);
            *n += 1;
            let identifier = format!("{label} N° {:03}-{year}-MDSRQ", *n);
            let words = 8 + r.below(8);
            let title = sentence(&mut r, words, &rare_words);
            let vistos: Vec<String> = (0..2).map(|_| sentence(&mut r, 25, &rare_words)).collect();
            let considerandos: Vec<String> =
                (0..3).map(|_| sentence(&mut r, 40, &rare_words)).collect();
            let articles: Vec<Value> = (0..3 + r.below(6))
                .map(|_| json!({"title": null, "text": sentence(&mut r, 30, &rare_words), "items": []}))
                .collect();
            sqlx::query(
                "INSERT INTO norm (series, kind, date, title, issuer, vistos, considerandos,
                   preamble, operative_heading, articles, closing_formula, signatories,
                   identifier, number, created_at, updated_at, sealed_at)
                 VALUES ($1, $2, $3, $4, 'EL CONCEJO MUNICIPAL', $5, $6, NULL, 'SE RESUELVE:', $7,
                   'Regístrese.', '[]', $8, $9, $10, $10, $10)",
            )
            .bind(series)
            .bind(kind)
            .bind(day.to_string())
            .bind(&title)
            .bind(serde_json::to_string(&vistos).unwrap())
            .bind(serde_json::to_string(&considerandos).unwrap())
            .bind(serde_json::to_string(&articles).unwrap())
            .bind(&identifier)
            .bind(*n as i64)
            .bind(format!("{day}T10:00:00-05:00"))
            .execute(&mut *tx)
            .await
            .expect("norm");
            let mut text = format!("{identifier}\n{title}\n");
            for p in vistos.iter().chain(&considerandos) {
                text += p;
                text.push('\n');
            }
            for a in &articles {
                text += a["text"].as_str().unwrap();
                text.push('\n');
            }
            std::fs::write(files.join(format!("norma-{i}.txt")), text).expect("file");
        }
        let body: i64 = sqlx::query_scalar("SELECT id FROM body ORDER BY id LIMIT 1")
            .fetch_one(&mut *tx)
            .await
            .expect("body");
        for i in 0..ACTAS {
            let day = chrono::NaiveDate::from_ymd_opt(2006, 1, 3).unwrap()
                + chrono::Duration::days((i as i64 * 7300) / ACTAS as i64);
            let year = chrono::Datelike::year(&day);
            let identifier = format!("SESIÓN ORDINARIA N° {:02}-{year}", i % 40 + 1);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO session (body_id, kind, identifier, date, time, place, mode, status, created_at)
                 VALUES ($1, 'ordinaria', $2, $3, '10:00', 'Salón de actos', 'presencial', 'acta_aprobada', $3)
                 RETURNING id",
            )
            .bind(body)
            .bind(&identifier)
            .bind(day.to_string())
            .fetch_one(&mut *tx)
            .await
            .expect("session");
            let sections: Vec<Value> = (0..6)
                .map(|_| {
                    json!({"heading": "ORDEN DEL DÍA",
                           "paragraphs": (0..4).map(|_| sentence(&mut r, 45, &rare_words)).collect::<Vec<_>>()})
                })
                .collect();
            sqlx::query(
                "INSERT INTO minutes (session_id, content, status, updated_at) VALUES ($1, $2, 'aprobada', $3)",
            )
            .bind(id)
            .bind(serde_json::to_string(&sections).unwrap())
            .bind(day.to_string())
            .execute(&mut *tx)
            .await
            .expect("minutes");
            let mut text = format!("Acta de la sesión ordinaria {identifier}\n");
            for s in &sections {
                for p in s["paragraphs"].as_array().unwrap() {
                    text += p.as_str().unwrap();
                    text.push('\n');
                }
            }
            std::fs::write(files.join(format!("acta-{i}.txt")), text).expect("file");
        }
        tx.commit().await.expect("commit");
        sqlx::query("ANALYZE").execute(cab.pool()).await.expect("analyze");
        sqlx::query("INSERT INTO search_text (search_text) VALUES ('optimize')")
            .execute(cab.pool())
            .await
            .expect("optimize");
        sqlx::query("VACUUM").execute(cab.pool()).await.expect("vacuum");
        cab.pool().close().await;
    });
    std::fs::write(files.join("done"), "").expect("done");
    eprintln!(
        "registry generated in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Corpus { db, files }
}

/// The query mix: what clerks type, and the same search for ripgrep (a regex, case-insensitive).
fn queries(rare_words: &[String]) -> Vec<(Value, String)> {
    let mut q: Vec<(Value, String)> = Vec::new();
    for w in [
        "agua",
        "licencia",
        "alumbrado",
        "cañihua",
        "serenazgo",
        "catastro",
        "donación",
        "huaicos",
    ] {
        q.push((json!({"query": w}), format!(r"\b{w}\b")));
    }
    for i in [3usize, 40, 400, 4000, 15000] {
        let w = &rare_words[i];
        q.push((json!({"query": w}), format!(r"\b{w}\b")));
    }
    for (a, b) in [
        ("agua", "potable"),
        ("comercio", "ambulatorio"),
        ("riesgo", "desastres"),
    ] {
        q.push((
            json!({"query": format!("{a} {b}")}),
            format!(r"\b{a}\b.*\b{b}\b|\b{b}\b.*\b{a}\b"),
        ));
    }
    for p in ["plan desarrollo", "vaso leche", "impuesto predial"] {
        q.push((json!({"query": format!("\"{p}\"")}), format!(r"\b{p}\b")));
    }
    for p in ["desag", "infraestr", "zonific"] {
        q.push((json!({"query": format!("{p}*")}), format!(r"\b{p}")));
    }
    for (typed, rx) in [
        ("ord 12 2019", "ORDENANZA MUNICIPAL N° 012-2019"),
        ("N° 145-2011", "N° 145-2011"),
        ("acuerdo 7 2024", "ACUERDO DE CONCEJO N° 007-2024"),
    ] {
        q.push((json!({"query": typed}), rx.to_string()));
    }
    q.push((json!({"query": "agua", "year": 2015}), String::new()));
    q.push((
        json!({"query": "licencia", "kind": "ordenanza", "status": "sellada"}),
        String::new(),
    ));
    q.push((
        json!({"query": "alumbrado", "from": "2020-01-01", "to": "2022-12-31"}),
        String::new(),
    ));
    q.push((
        json!({"query": "municipal", "source": "acta"}),
        String::new(),
    ));
    q
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn search(c: &mut Criterion) {
    let rt = rt();
    let corpus = corpus(&rt);
    let cab = rt.block_on(Cabildo::open(&corpus.db)).expect("open");
    let actor = Actor::system();
    let rare_words: Vec<String> = (0..20_000).map(rare).collect();
    let mix = queries(&rare_words);

    // The core: every query of the mix 20 times, first page of 25.
    let mut core: Vec<Duration> = Vec::new();
    let mut per_query: Vec<Duration> = Vec::new();
    for (params, _) in &mix {
        let mut p = params.clone();
        p["limit"] = json!(25);
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let r = rt
                .block_on(cabildo::api::dispatch(
                    &cab,
                    &actor,
                    "search.find",
                    p.clone(),
                    false,
                ))
                .expect("search");
            times.push(t.elapsed());
            std::hint::black_box(r);
        }
        times.sort();
        per_query.push(times[times.len() / 2]);
        core.extend(times);
    }
    core.sort();

    // ripgrep over the same texts, the same searches (those it can express), in the same run.
    let mut rg: Vec<Duration> = Vec::new();
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    let has_rg = Command::new("rg").arg("--version").output().is_ok();
    if has_rg {
        for ((_, rx), core_median) in mix.iter().zip(&per_query) {
            if rx.is_empty() {
                continue;
            }
            let mut times = Vec::new();
            for _ in 0..3 {
                let t = Instant::now();
                let out = Command::new("rg")
                    .args(["-l", "-i", "--no-messages", rx])
                    .arg(&corpus.files)
                    .output()
                    .expect("rg");
                times.push(t.elapsed());
                std::hint::black_box(out.stdout.len());
            }
            times.sort();
            pairs.push((ms(*core_median), ms(times[1])));
            rg.extend(times);
        }
        rg.sort();
    }

    let size = std::fs::metadata(&corpus.db).map(|m| m.len()).unwrap_or(0);
    let texts: u64 = std::fs::read_dir(&corpus.files)
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    println!();
    println!(
        "Registry: {NORMS} norms + {ACTAS} actas; {} queries × 20 runs",
        mix.len()
    );
    println!(
        "search.find (core, first page of 25): p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms(percentile(&core, 0.5)),
        ms(percentile(&core, 0.95)),
        ms(*core.last().unwrap())
    );
    if has_rg {
        println!(
            "ripgrep `rg -l -i` over the same texts as {} files ({:.0} MB): p50 {:.0} ms, p95 {:.0} ms",
            NORMS + ACTAS,
            texts as f64 / 1e6,
            ms(percentile(&rg, 0.5)),
            ms(percentile(&rg, 0.95))
        );
        let mut ratios: Vec<f64> = pairs.iter().map(|(c, r)| r / c).collect();
        ratios.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "per query, ripgrep ÷ core: lowest {:.0}×, median {:.0}×",
            ratios[0],
            ratios[ratios.len() / 2]
        );
    } else {
        println!("ripgrep is not installed: the comparison is skipped (apt-get install ripgrep)");
    }
    println!(
        "database size: {:.0} MB (texts {:.0} MB)",
        size as f64 / 1e6,
        texts as f64 / 1e6
    );

    // The norms list: first page and last page (keyset, 50 rows).
    let last_cursor: String = rt.block_on(async {
        let (date, id): (String, i64) =
            sqlx::query_as("SELECT date, id FROM norm ORDER BY date ASC, id ASC LIMIT 1 OFFSET 50")
                .fetch_one(cab.pool())
                .await
                .expect("cursor");
        format!("{date}|{id}")
    });
    let mut group = c.benchmark_group("registry");
    group.sample_size(30);
    group.bench_function("norm.list first page of 50 (100,000 norms)", |b| {
        b.iter(|| {
            rt.block_on(cabildo::api::dispatch(
                &cab,
                &actor,
                "norm.list",
                json!({}),
                false,
            ))
            .expect("list")
        })
    });
    group.bench_function("norm.list last page of 50 (100,000 norms)", |b| {
        b.iter(|| {
            rt.block_on(cabildo::api::dispatch(
                &cab,
                &actor,
                "norm.list",
                json!({"after": last_cursor}),
                false,
            ))
            .expect("list")
        })
    });
    group.bench_function("search.find \"agua\" first page of 25", |b| {
        b.iter(|| {
            rt.block_on(cabildo::api::dispatch(
                &cab,
                &actor,
                "search.find",
                json!({"query": "agua"}),
                false,
            ))
            .expect("search")
        })
    });
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
