//! Layer semantics on hand-built images: compression by magic bytes,
//! whiteouts, opaque directories, replaced paths, links inside the image,
//! hard links, duplicate entries.

use crate::support;

use support::oci::{stanza, write_layout, Blob, Layer};
use support::{packages, scan_json};

fn names(doc: &serde_json::Value) -> Vec<String> {
    packages(doc).into_iter().map(|(name, ..)| name).collect()
}

fn scan_layers(layers: Vec<Blob>) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    write_layout(dir.path(), "t", layers);
    scan_json(&format!("oci-dir:{}", dir.path().display()), &[])
}

fn status(names: &[&str]) -> Vec<u8> {
    names
        .iter()
        .map(|n| stanza(n, "1.0"))
        .collect::<String>()
        .into_bytes()
}

#[test]
fn gzip_zstd_and_plain_layers_by_magic_bytes() {
    let tar = Layer::new()
        .file("var/lib/dpkg/status", &status(&["a"]))
        .tar();
    let zstd_blob = Blob {
        stored: zstd::encode_all(&tar[..], 3).unwrap(),
        tar: tar.clone(),
        // Deliberately the wrong media type: detection goes by content.
        media_type: "application/vnd.oci.image.layer.v1.tar+gzip",
    };
    assert_eq!(names(&scan_layers(vec![Blob::gzip(tar.clone())])), ["a"]);
    assert_eq!(names(&scan_layers(vec![Blob::plain(tar)])), ["a"]);
    assert_eq!(names(&scan_layers(vec![zstd_blob])), ["a"]);
}

#[test]
fn whiteouts_and_opaque_directories() {
    let base = Layer::new()
        .file("var/lib/dpkg/status.d/keep", &status(&["keep"]))
        .file("var/lib/dpkg/status.d/gone", &status(&["gone"]))
        .file("var/lib/dpkg/status.d/hidden", &status(&["hidden"]));
    let delete = Layer::new().file("var/lib/dpkg/status.d/.wh.gone", b"");
    let doc = scan_layers(vec![Blob::gzip(base.tar()), Blob::gzip(delete.tar())]);
    assert_eq!(names(&doc), ["hidden", "keep"]);
    assert_eq!(support::package(&doc, "keep")["layer"], 0);

    let base = Layer::new()
        .file("var/lib/dpkg/status.d/old", &status(&["old"]))
        .file("var/lib/dpkg/status.d/older", &status(&["older"]));
    let opaque = Layer::new()
        .dir("var/lib/dpkg/status.d/")
        .file("var/lib/dpkg/status.d/.wh..wh..opq", b"")
        .file("var/lib/dpkg/status.d/new", &status(&["new"]));
    let doc = scan_layers(vec![Blob::gzip(base.tar()), Blob::gzip(opaque.tar())]);
    assert_eq!(names(&doc), ["new"]);
    assert_eq!(support::package(&doc, "new")["layer"], 1);
}

#[test]
fn later_layer_replaces_the_status_file() {
    let one = Layer::new().file("var/lib/dpkg/status", &status(&["a", "b"]));
    let two = Layer::new().file("var/lib/dpkg/status", &status(&["a", "c"]));
    let doc = scan_layers(vec![Blob::gzip(one.tar()), Blob::gzip(two.tar())]);
    assert_eq!(names(&doc), ["a", "c"]);
    assert_eq!(
        support::package(&doc, "a")["layer"],
        0,
        "a was there since the base layer"
    );
    assert_eq!(support::package(&doc, "c")["layer"], 1);
}

#[test]
fn directory_replaced_by_a_file_and_back() {
    let one = Layer::new().file("var/lib/dpkg/status", &status(&["a"]));
    let file = Layer::new().file("var/lib/dpkg", b"not a directory");
    let doc = scan_layers(vec![Blob::gzip(one.tar()), Blob::gzip(file.tar())]);
    assert!(names(&doc).is_empty());

    let one = Layer::new().file("var/lib/dpkg/status", &status(&["a"]));
    let file = Layer::new().file("var/lib/dpkg", b"not a directory");
    let back = Layer::new()
        .dir("var/lib/dpkg/")
        .file("var/lib/dpkg/status", &status(&["b"]));
    let doc = scan_layers(vec![
        Blob::gzip(one.tar()),
        Blob::gzip(file.tar()),
        Blob::gzip(back.tar()),
    ]);
    assert_eq!(names(&doc), ["b"]);
}

#[test]
fn database_behind_a_directory_symlink() {
    let layer = Layer::new()
        .file("opt/dpkg/status", &status(&["linked"]))
        .symlink("var/lib/dpkg", "/opt/dpkg")
        .file("usr/lib/os-release", b"ID=debian\nVERSION_ID=12\n")
        .symlink("etc/os-release", "../usr/lib/os-release");
    let doc = scan_layers(vec![Blob::gzip(layer.tar())]);
    assert_eq!(names(&doc), ["linked"]);
    let p = support::package(&doc, "linked");
    assert_eq!(p["locations"][0]["path"], "/opt/dpkg/status");
    assert_eq!(
        p["purl"],
        "pkg:deb/debian/linked@1.0?arch=amd64&distro=debian-12"
    );
}

#[test]
fn symlink_in_a_lower_layer_to_files_in_an_upper_one() {
    let one = Layer::new().symlink("var/lib/dpkg", "../../srv/dpkg");
    let two = Layer::new().file("srv/dpkg/status", &status(&["upper"]));
    let doc = scan_layers(vec![Blob::gzip(one.tar()), Blob::gzip(two.tar())]);
    assert_eq!(names(&doc), ["upper"]);
    assert_eq!(support::package(&doc, "upper")["layer"], 1);
}

#[test]
fn hard_link_to_a_file_no_pattern_asked_for() {
    let layer = Layer::new()
        .file("opt/data/dpkg-db", &status(&["hard"]))
        .hardlink("var/lib/dpkg/status", "opt/data/dpkg-db");
    let doc = scan_layers(vec![Blob::gzip(layer.tar())]);
    assert_eq!(names(&doc), ["hard"]);
}

#[test]
fn duplicate_entries_in_one_layer_last_wins() {
    let layer = Layer::new()
        .file("var/lib/dpkg/status", &status(&["first"]))
        .file("var/lib/dpkg/status", &status(&["second"]));
    assert_eq!(
        names(&scan_layers(vec![Blob::gzip(layer.tar())])),
        ["second"]
    );
}

/// Records the size of the thread pool every layer read ran on (a layer is
/// done on the pool thread that read it; its bytes are counted on the
/// decoder's own thread).
struct PoolSizes(std::sync::Mutex<std::collections::BTreeSet<usize>>);

impl tallyman::scan::Progress for PoolSizes {
    fn layer_done(&self) {
        self.0.lock().unwrap().insert(rayon::current_num_threads());
    }
}

#[test]
fn max_concurrency_sizes_the_pool_the_scan_runs_on() {
    let source =
        tallyman::source::SourceSpec::parse("testdata/images/debian-bookworm-dpkg.oci.tar")
            .unwrap();
    for threads in [1, 3] {
        let sizes = std::sync::Arc::new(PoolSizes(Default::default()));
        let options = tallyman::scan::ScanOptions {
            max_concurrency: threads,
            progress: Some(sizes.clone()),
            ..Default::default()
        };
        let sbom = tallyman::scan::scan(&source, &options).unwrap();
        assert_eq!(sbom.packages.len(), 90);
        assert_eq!(
            *sizes.0.lock().unwrap(),
            std::collections::BTreeSet::from([threads])
        );
    }
}
