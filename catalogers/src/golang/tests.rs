//! The Go cataloger over build-information windows.

use super::buildinfo::encode;
use super::GoCataloger;
use crate::model::Metadata;
use crate::view::ImageFiles;
use crate::{Cataloger, Environment};

#[test]
fn modules_stdlib_and_edges_of_one_binary() {
    let modinfo = "path\tgithub.com/acme/tool/cmd/tool\nmod\tgithub.com/acme/tool\tv1.2.3\th1:main=\ndep\tgithub.com/BurntSushi/toml\tv1.4.0\th1:toml=\ndep\tgolang.org/x/sys\tv0.20.0\th1:sys=\n=>\tgolang.org/x/sys\tv0.21.0\th1:new=\nbuild\tGOOS=linux\nbuild\tGOARCH=amd64\nbuild\tCGO_ENABLED=0\nbuild\tvcs.revision=abc\n";
    let mut files = ImageFiles::new();
    files.insert_file("usr/local/bin/tool", encode("go1.22.5", modinfo).into(), 2);
    let mut old = encode("go1.16", "");
    old[15] = 0;
    old.truncate(32);
    files.insert_file("usr/bin/old", old.into(), 0);
    let c = GoCataloger.catalog(&files, &Environment::default());
    let got: Vec<(&str, &str, Option<&str>)> = c
        .packages
        .iter()
        .map(|p| (p.name.as_str(), p.version.as_str(), p.purl.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "github.com/acme/tool",
                "v1.2.3",
                Some("pkg:golang/github.com/acme/tool@v1.2.3")
            ),
            (
                "github.com/BurntSushi/toml",
                "v1.4.0",
                Some("pkg:golang/github.com/BurntSushi/toml@v1.4.0")
            ),
            (
                "golang.org/x/sys",
                "v0.21.0",
                Some("pkg:golang/golang.org/x/sys@v0.21.0")
            ),
            ("stdlib", "go1.22.5", Some("pkg:golang/stdlib@1.22.5")),
        ]
    );
    assert!(c.packages[0].application);
    assert_eq!(c.packages[0].locations[0].path, "/usr/local/bin/tool");
    assert_eq!(c.packages[0].locations[0].layer, 2);
    assert_eq!(c.packages[0].arch.as_deref(), Some("amd64"));
    let Metadata::Go(meta) = &c.packages[2].metadata else {
        panic!()
    };
    assert_eq!(meta.h1_digest.as_deref(), Some("h1:new="));
    assert_eq!(meta.build_settings["vcs.revision"], "abc");
    let edges: Vec<(usize, usize)> = c.relationships.iter().map(|r| (r.from, r.to)).collect();
    assert_eq!(edges, [(0, 1), (0, 2), (0, 3)]);
    assert_eq!(
        c.warnings,
        ["/usr/bin/old: a Go binary built before Go 1.18 carries no module list; skipped"]
    );
}

#[test]
fn a_devel_main_module_has_no_version() {
    let modinfo = "path\texample.com/t\nmod\texample.com/t\t(devel)\t\n";
    let mut files = ImageFiles::new();
    files.insert_file("t", encode("go1.21.0", modinfo).into(), 0);
    let c = GoCataloger.catalog(&files, &Environment::default());
    assert_eq!(c.packages[0].version, "");
    assert_eq!(
        c.packages[0].purl.as_deref(),
        Some("pkg:golang/example.com/t")
    );
}

#[test]
fn purls_as_syft_writes_them() {
    use super::purl;
    assert_eq!(
        purl("github.com/Azure/azure-sdk-for-go/sdk/azcore", "v1.17.0").as_deref(),
        Some("pkg:golang/github.com/Azure/azure-sdk-for-go@v1.17.0#sdk/azcore")
    );
    assert_eq!(
        purl("github.com/docker/cli", "v27.5.0+incompatible").as_deref(),
        Some("pkg:golang/github.com/docker/cli@v27.5.0%2Bincompatible")
    );
    assert_eq!(
        purl("stdlib", "1.23.5").as_deref(),
        Some("pkg:golang/stdlib@1.23.5")
    );
    assert_eq!(purl("../lib", "(devel)"), None);
}

#[test]
fn a_devel_build_stamped_with_ldflags() {
    let modinfo = "path\tgithub.com/anchore/syft/cmd/syft\nmod\tgithub.com/anchore/syft\t(devel)\t\nbuild\t-ldflags=\"-w -s -X main.version=1.18.1 -X main.gitCommit=5e16e50 -X main.gitDescription=v1.18.1 \"\n";
    let mut files = ImageFiles::new();
    files.insert_file("syft", encode("go1.23.4", modinfo).into(), 0);
    let c = GoCataloger.catalog(&files, &Environment::default());
    assert_eq!(c.packages[0].version, "v1.18.1");
    assert_eq!(
        c.packages[0].purl.as_deref(),
        Some("pkg:golang/github.com/anchore/syft@v1.18.1")
    );
    let unstamped = "mod\texample.com/t\t(devel)\t\nbuild\t-ldflags=\"-X main.version=dev\"\n";
    let mut files = ImageFiles::new();
    files.insert_file("t", encode("go1.23.4", unstamped).into(), 0);
    let c = GoCataloger.catalog(&files, &Environment::default());
    assert_eq!(c.packages[0].version, "");
}
