//! Figures for the PDF engine: a 30-page ordenanza (190 articles and a 90-row table whose
//! header repeats) laid out, drawn, completed for PDF/A and written; and a two-page one.

use criterion::{criterion_group, criterion_main, Criterion};

use cabildo::pdf::{norm, sample};

fn render(c: &mut Criterion) {
    let long = sample::norm(190, 90);
    let pages = long
        .document()
        .expect("document")
        .render()
        .expect("render")
        .pages;
    assert!(pages >= 30, "the long norm has {pages} pages");
    let mut group = c.benchmark_group("pdf");
    group.sample_size(20);
    group.bench_function(format!("norm, {pages} pages"), |b| {
        b.iter(|| norm::render(&long).expect("render"))
    });
    let short = sample::norm(8, 0);
    group.bench_function("norm, 2 pages", |b| {
        b.iter(|| norm::render(&short).expect("render"))
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
