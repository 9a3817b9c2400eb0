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
use tallyman::layer::{read_layer, BlobCheck, Limits, Selection, Squasher};
use tallyman::oci::Digest;
use tallyman::sbom::{CycloneDxVersion, Format, SpdxVersion};
use tallyman::scan::{scan, ScanOptions, Silent};
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
            });
        });
    }
    group.bench_function("gzip+sha256", |b| {
        let check = BlobCheck {
            digest: Some(Digest::sha256(&gz)),
            diff_id: None,
            verify_diff_id: false,
        };
        b.iter(|| read_layer("bench", &gz[..], &check, &selection, &limits).unwrap());
    });
    group.bench_function("gzip+sha256+diff-id", |b| {
        let check = BlobCheck {
            digest: Some(Digest::sha256(&gz)),
            diff_id: Some(Digest::sha256(&tar)),
            verify_diff_id: true,
        };
        b.iter(|| read_layer("bench", &gz[..], &check, &selection, &limits).unwrap());
    });
    group.finish();
}

fn small_image_stages(c: &mut Criterion) {
    let source = SourceSpec::parse(
        &root()
            .join("testdata/images/debian-bookworm-dpkg.oci.tar")
            .display()
            .to_string(),
    )
    .unwrap();
    let image = tallyman::source::Image::open(&source, &Default::default()).unwrap();
    let selection = selection();
    let limits = Limits::default();
    let layers: Vec<_> = (0..image.layer_count())
        .map(|i| tallyman::scan::read_layer(&image, i, &selection, &limits, &Silent).unwrap())
        .collect();
    c.bench_function("squash/3-layers", |b| {
        b.iter(|| {
            let mut squasher = Squasher::new();
            for (i, layer) in layers.iter().enumerate() {
                squasher.apply(layer, i);
            }
            squasher.view().len()
        });
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
        });
    });
    let sbom = scan(&source, &ScanOptions::default()).unwrap();
    for format in [
        Format::Table,
        Format::Json,
        Format::SpdxJson(SpdxVersion::V2_3),
        Format::CycloneDxJson(CycloneDxVersion::V1_5),
    ] {
        c.bench_function(&format!("format/{format}"), |b| {
            b.iter(|| format.render(&sbom, None).unwrap().len());
        });
    }
    c.bench_function("scan/small-image", |b| {
        b.iter(|| {
            scan(&source, &ScanOptions::default())
                .unwrap()
                .packages
                .len()
        });
    });
}

/// The apk and npm catalogers on real data: Alpine 3.23's installed
/// database and the test application's installed node_modules (from
/// testdata/build-images.sh).
fn apk_and_npm(c: &mut Criterion) {
    let images = images();
    let mut alpine = tallyman_catalogers::ImageFiles::new();
    let db = std::fs::read(images.join("alpine-node.rootfs/lib/apk/db/installed")).unwrap();
    alpine.insert_file("lib/apk/db/installed", db.into(), 0);
    let env = Environment::default();
    c.bench_function("catalog/apk-alpine-3.23", |b| {
        b.iter(|| {
            tallyman_catalogers::apk::ApkCataloger
                .catalog(&alpine, &env)
                .packages
                .len()
        });
    });
    let mut app = tallyman_catalogers::ImageFiles::new();
    let root = images.join("npm-app");
    for entry in walk(&root) {
        let relative = entry.strip_prefix(&root).unwrap().display().to_string();
        if relative.ends_with("package.json") || relative.ends_with("package-lock.json") {
            app.insert_file(
                &format!("app/{relative}"),
                std::fs::read(&entry).unwrap().into(),
                0,
            );
        }
    }
    c.bench_function("catalog/npm-280-packages", |b| {
        b.iter(|| {
            tallyman_catalogers::npm::NpmCataloger
                .catalog(&app, &env)
                .packages
                .len()
        });
    });
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && !path.is_symlink() {
            out.extend(walk(&path));
        } else if path.is_file() {
            out.push(path);
        }
    }
    out
}

criterion_group!(benches, layer_reading, small_image_stages, apk_and_npm);
criterion_main!(benches);
