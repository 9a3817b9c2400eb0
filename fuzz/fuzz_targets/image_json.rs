#![no_main]
//! The image JSON readers: an OCI layout's index.json, nested indexes,
//! manifests and configs, and a docker-archive's manifest.json, opened as a
//! real source on disk, then every output format rendered for a package in
//! each layer, so whatever the parsers let through must also render.
//!
//! The input is NUL-separated documents: the first is index.json (or, when
//! the input starts with `D`, manifest.json of a docker archive); the others
//! are blobs. In any document `@k@` becomes document k's `sha256:<hex>`,
//! `%k%` its bare hex and `#k#` its size, so mutated documents still reach
//! the parsers behind the digest checks (seeds: fuzz/seeds/image_json).
use libfuzzer_sys::fuzz_target;
use tallyman::sbom::{Format, Sbom, ScannedPackage, Scope};
use tallyman::source::{Image, OpenOptions, SourceSpec};
use tallyman_catalogers::model::{DebMetadata, Location, Metadata, Package, PackageType};

fn resolve(data: &[u8]) -> Vec<Vec<u8>> {
    let mut docs: Vec<Vec<u8>> = data.split(|&b| b == 0).map(<[u8]>::to_vec).collect();
    docs.truncate(8);
    for k in (1..docs.len()).rev() {
        let hex = sha256_hex(&docs[k]);
        let size = docs[k].len().to_string();
        for doc in &mut docs[..k] {
            *doc = replace(
                doc,
                format!("@{k}@").as_bytes(),
                format!("sha256:{hex}").as_bytes(),
            );
            *doc = replace(doc, format!("%{k}%").as_bytes(), hex.as_bytes());
            *doc = replace(doc, format!("#{k}#").as_bytes(), size.as_bytes());
        }
    }
    docs
}

fn replace(doc: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(doc.len());
    let mut rest = doc;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

fn open(source: String) {
    let Ok(spec) = SourceSpec::parse(&source) else {
        return;
    };
    let Ok(image) = Image::open(&spec, &OpenOptions::default()) else {
        return;
    };
    // A package in each layer (one deleted by the next), as a scan would
    // report them: every format must render what the image says of itself.
    let packages = (0..image.layer_count())
        .map(|layer| ScannedPackage {
            id: format!("deb-p{layer}"),
            package: Package {
                kind: PackageType::Deb,
                name: format!("p{layer}"),
                version: "1".to_owned(),
                arch: None,
                purl: Some(format!("pkg:deb/debian/p{layer}@1")),
                cpes: Vec::new(),
                licenses: Vec::new(),
                supplier: None,
                copyright: None,
                description: None,
                homepage: None,
                locations: vec![Location {
                    path: "/var/lib/dpkg/status".to_owned(),
                    layer,
                }],
                files: Vec::new(),
                application: false,
                metadata: Metadata::Deb(DebMetadata::default()),
            },
            layer,
            deleted_in: (layer + 1 < image.layer_count()).then_some(layer + 1),
        })
        .collect();
    let sbom = Sbom {
        source: image.info.clone(),
        scope: Scope::AllLayers,
        distro: None,
        packages,
        relationships: Vec::new(),
        warnings: Vec::new(),
        created: 0,
        author: Some("Fuzz <fuzz@example.com>".to_owned()),
        origins: Default::default(),
        notes: Vec::new(),
        file_digests: None,
    };
    for name in Format::NAMES {
        let format = Format::parse(name).expect("a listed format");
        let _ = format.render(&sbom, Some(80));
    }
}

fuzz_target!(|data: &[u8]| {
    let docker = data.first() == Some(&b'D');
    let docs = resolve(if docker { &data[1..] } else { data });
    let dir = tempfile::tempdir().expect("temp dir");
    if docker {
        let mut archive = tar::Builder::new(Vec::new());
        for (k, doc) in docs.iter().enumerate() {
            let name = match k {
                0 => "manifest.json".to_owned(),
                _ => format!("blobs/sha256/{}", sha256_hex(doc)),
            };
            let mut header = tar::Header::new_ustar();
            header.set_size(doc.len() as u64);
            header.set_mode(0o644);
            archive
                .append_data(&mut header, name, &doc[..])
                .expect("tar in memory");
        }
        let path = dir.path().join("image.tar");
        std::fs::write(&path, archive.into_inner().expect("tar")).expect("write");
        open(format!("docker-archive:{}", path.display()));
    } else {
        let blobs = dir.path().join("blobs/sha256");
        std::fs::create_dir_all(&blobs).expect("mkdir");
        std::fs::write(
            dir.path().join("oci-layout"),
            br#"{"imageLayoutVersion":"1.0.0"}"#,
        )
        .expect("write");
        std::fs::write(dir.path().join("index.json"), &docs[0]).expect("write");
        for doc in &docs[1..] {
            std::fs::write(blobs.join(sha256_hex(doc)), doc).expect("write");
        }
        open(format!("oci-dir:{}", dir.path().display()));
    }
});
