//! Criterion benches of each scan stage on real data: decompress + tar walk +
//! selection of a real layer (gzip as built by umoci, and the same tar as
//! zstd and uncompressed), the dpkg cataloger on bookworm's database, stacking
//! layers, and rendering each output format.
//!
//! The large layer comes from testdata/build-images.sh (run by this bench when
//! missing); the rest from the small image committed in testdata/.
//!   cargo bench --bench stages

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tallyman::format::Format;
use tallyman::layer::{read_layer, BlobCheck, Limits, Selection, Squasher};
use tallyman::scan::{scan, ScanOptions};
use tallyman::source::SourceSpec;
use tallyman_catalogers::{Cataloger, Distro, Environment};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn images() -> PathBuf {
    let out = root().join("target/testdata");
    let ok = Command::new("bash")
        .arg(root().join("testdata/build-images.sh"))
        .env("TALLYMAN_TESTDATA", &out)
        .status()
        .expect("running build-images.sh")
        .success();
    assert!(ok, "testdata/build-images.sh failed");
    out
}

fn selection() -> Selection {
    let mut patterns: Vec<&str> = tallyman_catalogers::DISTRO_PATTERNS.to_vec();
    for cataloger in tallyman_catalogers::all() {
        patterns.extend(cataloger.patterns());
    }
    Selection::new(patterns).unwrap()
}

/// The base layer of the Debian test image: (gzip blob, uncompressed tar).
fn base_layer() -> (Vec<u8>, Vec<u8>) {
    let layout = images().join("debian.oci");
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(layout.join("index.json")).unwrap()).unwrap();
    let blob = |digest: &str| {
        std::fs::read(
            layout
                .join("blobs/sha256")
                .join(digest.trim_start_matches("sha256:")),
        )
        .unwrap()
    };
    let manifest: serde_json::Value =
        serde_json::from_slice(&blob(index["manifests"][0]["digest"].as_str().unwrap())).unwrap();
    let gz = blob(manifest["layers"][0]["digest"].as_str().unwrap());
    let mut tar = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&gz[..]), &mut tar).unwrap();
    (gz, tar)
}

fn layer_reading(c: &mut Criterion) {
    let (gz, tar) = base_layer();
    let zst = zstd::encode_all(&tar[..], 3).unwrap();
    let selection = selection();
    let limits = Limits::default();
    let mut group = c.benchmark_group("read_layer");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(tar.len() as u64));
    for (name, data) in [("gzip", &gz), ("zstd", &zst), ("plain", &tar)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                read_layer(
                    "bench",
                    &data[..],
                    &BlobCheck::default(),
                    &selection,
                    &limits,
                )
                .unwrap()
            })
        });
    }
    group.bench_function("gzip+sha256", |b| {
        let check = BlobCheck {
            digest: Some(format!(
                "sha256:{}",
                hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&gz))
            )),
            diff_id: None,
        };
        b.iter(|| read_layer("bench", &gz[..], &check, &selection, &limits).unwrap())
    });
    group.finish();
}

fn small_image_stages(c: &mut Criterion) {
    let source = SourceSpec::parse(
        &root()
            .join("testdata/images/debian-bookworm-dpkg.oci.tar")
            .display()
            .to_string(),
    );
    let image = tallyman::source::Image::open(&source, &Default::default()).unwrap();
    let selection = selection();
    let limits = Limits::default();
    let layers: Vec<_> = (0..image.layer_count())
        .map(|i| image.read_layer(i, &selection, &limits).unwrap())
        .collect();
    c.bench_function("squash/3-layers", |b| {
        b.iter(|| {
            let mut squasher = Squasher::new();
            for (i, layer) in layers.iter().enumerate() {
                squasher.apply(layer, i);
            }
            squasher.view().len()
        })
    });
    let mut squasher = Squasher::new();
    for (i, layer) in layers.iter().enumerate() {
        squasher.apply(layer, i);
    }
    let view = squasher.view().clone();
    let env = Environment {
        distro: Distro::detect(&view),
        ..Environment::default()
    };
    c.bench_function("catalog/dpkg-bookworm", |b| {
        b.iter(|| {
            tallyman_catalogers::deb::DpkgCataloger
                .catalog(&view, &env)
                .packages
                .len()
        })
    });
    let sbom = scan(&source, &ScanOptions::default()).unwrap();
    for format in [Format::Table, Format::Json] {
        c.bench_function(&format!("format/{format}"), |b| {
            b.iter(|| format.render(&sbom, None).unwrap().len())
        });
    }
    c.bench_function("scan/small-image", |b| {
        b.iter(|| {
            scan(&source, &ScanOptions::default())
                .unwrap()
                .packages
                .len()
        })
    });
}

criterion_group!(benches, layer_reading, small_image_stages);
criterion_main!(benches);
