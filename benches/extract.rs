//! Throughput of the pipeline and of each stage, in bytes/s and articles/s.
//!
//! `cargo bench --bench extract`; one group: `cargo bench --bench extract -- pipeline`.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use vnextract::doc::{Claims, Doc};
use vnextract::normalize::Normalized;
use vnextract::{article::Layout, Extractor};

fn total(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

fn pipeline(c: &mut Criterion) {
    let seeds = common::seeds();
    let ex = Extractor::new();
    let sets = [
        ("seeds_nfc", seeds.clone()),
        ("seeds_nfd", common::nfd(&seeds)),
        ("seeds_new_tones", common::new_tones(&seeds)),
    ];
    let mut g = c.benchmark_group("pipeline");
    for (name, texts) in &sets {
        g.throughput(Throughput::Bytes(total(texts)));
        g.bench_function(BenchmarkId::new("bytes", name), |b| {
            b.iter(|| {
                let mut n = 0;
                for t in texts {
                    let a = ex.extract(black_box(t));
                    n += a.dates.len() + a.directives.len() + a.officials.len();
                }
                assert!(n > 0, "the pipeline finds something in the seeds");
                n
            })
        });
        g.throughput(Throughput::Elements(texts.len() as u64));
        g.bench_function(BenchmarkId::new("articles", name), |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| ex.extract(black_box(t)).dates.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

fn stages(c: &mut Criterion) {
    let seeds = common::seeds();
    let nfd = common::nfd(&seeds);
    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(total(&seeds)));
    g.bench_function("normalize_nfc", |b| {
        b.iter(|| {
            seeds
                .iter()
                .filter(|t| Normalized::new(black_box(t)).is_identity())
                .count()
        })
    });
    g.throughput(Throughput::Bytes(total(&nfd)));
    g.bench_function("normalize_nfd", |b| {
        b.iter(|| {
            nfd.iter()
                .map(|t| Normalized::new(black_box(t)).text().len())
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Bytes(total(&seeds)));
    g.bench_function("layout", |b| {
        b.iter(|| {
            seeds
                .iter()
                .map(|t| Layout::parse(black_box(t)).content.len())
                .sum::<usize>()
        })
    });

    // Each extractor alone on the seeds' content, as the pipeline gives it.
    let docs: Vec<(String, Layout)> = seeds
        .iter()
        .map(|t| (t.clone(), Layout::parse(t)))
        .collect();
    macro_rules! stage {
        ($name:literal, $f:expr) => {
            g.bench_function($name, |b| {
                b.iter(|| {
                    docs.iter()
                        .map(|d| {
                            let doc = doc_of(d);
                            let mut claims = Claims::new();
                            #[allow(clippy::redundant_closure_call)]
                            ($f)(&doc, &mut claims)
                        })
                        .sum::<usize>()
                })
            });
        };
    }
    stage!("directives", |d: &Doc, c: &mut Claims| {
        vnextract::directives::extract(d, c).len()
    });
    stage!("dates", |d: &Doc, c: &mut Claims| {
        vnextract::dates::extract(d, c).len()
    });
    stage!("statistics", |d: &Doc, c: &mut Claims| {
        vnextract::statistics::extract(d, c).len()
    });
    stage!("officials", |d: &Doc, c: &mut Claims| {
        vnextract::officials::extract(d, c).len()
    });
    stage!("events", |d: &Doc, c: &mut Claims| {
        let dates = vnextract::dates::extract(d, c);
        let officials = vnextract::officials::extract(d, c);
        vnextract::events::extract(d, &dates, &officials, c).len()
    });
    g.finish();
}

fn doc_of((t, l): &(String, Layout)) -> Doc<'_> {
    Doc {
        text: t.as_str(),
        content: l.content.clone(),
        anchor: l.anchor(),
    }
}

/// Cost against input size: a single text of 1 KB to 10 MB. Linear time
/// shows as a flat bytes/s across the sizes.
fn scaling(c: &mut Criterion) {
    let seeds = common::seeds();
    let ex = Extractor::new();
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for size in [1usize << 10, 10 << 10, 100 << 10, 1 << 20, 10 << 20] {
        let text = common::long_article(&seeds, size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, t| {
            b.iter(|| ex.extract(black_box(t)).dates.len())
        });
    }
    g.finish();
}

criterion_group!(benches, pipeline, stages, scaling);
criterion_main!(benches);
