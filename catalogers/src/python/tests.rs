//! The Python cataloger over syft's fixtures (`testdata/SOURCE.md`) and over
//! small hand-made environments for the requirement edges.

use std::path::Path;

use super::PythonCataloger;
use crate::model::{Catalog, Metadata, Package};
use crate::view::{from_dir, ImageFiles};
use crate::{Cataloger, Environment};

fn testdata(dir: &str) -> ImageFiles {
    from_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/python/testdata")
            .join(dir),
    )
}

fn catalog(files: &ImageFiles) -> Catalog {
    PythonCataloger.catalog(files, &Environment::default())
}

fn by_location<'a>(c: &'a Catalog, path: &str) -> &'a Package {
    c.packages
        .iter()
        .find(|p| p.locations[0].path == path)
        .unwrap_or_else(|| panic!("no package at {path}"))
}

#[test]
fn syft_site_packages() {
    let c = catalog(&testdata("syft-site-packages"));
    let mut found: Vec<(String, String, String)> = c
        .packages
        .iter()
        .map(|p| {
            (
                p.locations[0].path.clone(),
                p.name.clone(),
                p.version.clone(),
            )
        })
        .collect();
    found.sort();
    let want = [
        (
            "/license/with-license-file-declared.dist-info/METADATA",
            "Pygments",
            "2.6.1",
        ),
        (
            "/license/without-license-file-declared.dist-info/METADATA",
            "Pygments",
            "2.6.1",
        ),
        ("/malformed-record/dist-info/METADATA", "Pygments", "2.6.1"),
        ("/nested/dist-name/dist-info/METADATA", "Pygments", "2.6.1"),
        ("/nested/egg-name/egg-info/PKG-INFO", "requests", "2.22.0"),
        ("/no-version/no-version-py3.8.egg-info", "no-version", ""),
        ("/partial.dist-info/METADATA", "Pygments", "2.6.1"),
        ("/test/test.egg-info", "requests", "2.22.0"),
        (
            "/uppercase/dist-name/DIST-INFO/METADATA",
            "Pygments",
            "2.6.1",
        ),
        (
            "/uppercase/egg-name/EGG-INFO/PKG-INFO",
            "requests",
            "2.22.0",
        ),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(l, n, v)| (l.to_string(), n.to_string(), v.to_string()))
        .collect();
    assert_eq!(found, want);

    let pygments = by_location(&c, "/nested/dist-name/dist-info/METADATA");
    assert_eq!(pygments.purl.as_deref(), Some("pkg:pypi/pygments@2.6.1"));
    assert_eq!(
        pygments.supplier.as_deref(),
        Some("Georg Brandl <georg@python.org>")
    );
    assert_eq!(pygments.homepage.as_deref(), Some("https://pygments.org/"));
    assert_eq!(pygments.licenses.len(), 1);
    assert_eq!(pygments.licenses[0].value, "BSD License");
    assert_eq!(pygments.licenses[0].spdx, None);
    let Metadata::Python(meta) = &pygments.metadata else {
        panic!("python metadata")
    };
    assert_eq!(meta.site_packages.as_deref(), Some("/nested/dist-name"));
    assert_eq!(meta.top_level, ["pygments", "something_else"]);
    assert_eq!(
        meta.direct_url.as_deref(),
        Some("https://github.com/python-test/test.git")
    );
    assert_eq!(meta.requires_python.as_deref(), Some(">=3.5"));
    assert_eq!(
        meta.requires_dist,
        [
            "soupsieve (>1.2)",
            "html5lib ; extra == 'html5lib'",
            "lxml ; extra == 'lxml'"
        ]
    );
    // RECORD: paths relative to the site-packages directory, sha256 as hex.
    let paths: Vec<&str> = pygments.files.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"/bin/pygmentize"), "{paths:?}");
    let script = pygments
        .files
        .iter()
        .find(|f| f.path == "/bin/pygmentize")
        .unwrap();
    let digest = script.digest.as_ref().unwrap();
    assert_eq!(digest.algorithm, "sha256");
    assert_eq!(
        digest.value,
        "74386ffd4da3882a66150c08447a4544b00750ee11d632093c4bd3fd0613169f"
    );
    assert_eq!(pygments.files.len(), 7);
    let locations: Vec<&str> = pygments.locations.iter().map(|l| l.path.as_str()).collect();
    assert_eq!(
        locations,
        [
            "/nested/dist-name/dist-info/METADATA",
            "/nested/dist-name/dist-info/RECORD",
            "/nested/dist-name/dist-info/top_level.txt",
            "/nested/dist-name/dist-info/direct_url.json",
        ]
    );

    // Licenses from trove classifiers when there is no License field.
    let classified = by_location(
        &c,
        "/license/without-license-file-declared.dist-info/METADATA",
    );
    assert_eq!(classified.licenses[0].value, "BSD License");
    let requests = by_location(&c, "/nested/egg-name/egg-info/PKG-INFO");
    assert_eq!(requests.purl.as_deref(), Some("pkg:pypi/requests@2.22.0"));
    assert_eq!(requests.licenses[0].value, "Apache 2.0");
    assert_eq!(
        by_location(&c, "/no-version/no-version-py3.8.egg-info")
            .purl
            .as_deref(),
        Some("pkg:pypi/no-version")
    );
    // A RECORD line that is not CSV of a path (a merge conflict) is reported.
    assert!(
        c.warnings
            .iter()
            .any(|w| w.starts_with("/malformed-record/dist-info/RECORD: ")),
        "{:?}",
        c.warnings
    );
}

#[test]
fn metadata_names_match_case_insensitively() {
    let c = catalog(&testdata("glob-paths"));
    // syft's glob fixtures hold the word "bogus": each file is found (and
    // refused as metadata), whatever the case of its directory's suffix.
    assert!(c.packages.is_empty());
    let mut refused: Vec<&str> = c
        .warnings
        .iter()
        .map(|w| w.split(':').next().unwrap())
        .collect();
    refused.sort();
    assert_eq!(
        refused,
        [
            "/site-packages/v.DIST-INFO/METADATA",
            "/site-packages/w.EGG-INFO/PKG-INFO",
            "/site-packages/x.dist-info/METADATA",
            "/site-packages/y.egg-info/PKG-INFO",
            "/site-packages/z.egg-info",
        ]
    );
}

#[test]
fn egg_info_files() {
    let c = catalog(&testdata("."));
    let python = c.packages.iter().find(|p| p.name == "Python").unwrap();
    assert_eq!(python.version, "2.7.13");
    assert_eq!(python.licenses[0].value, "PSF license");
    assert_eq!(
        python.supplier.as_deref(),
        Some("Guido van Rossum and the Python community <python-dev@python.org>")
    );
    assert!(c
        .warnings
        .iter()
        .any(|w| w.starts_with("/empty-1.0.0-py3.8.egg-info: ")));
}

#[test]
fn suppliers_from_authors_else_maintainers() {
    // Real METADATA files (testdata/people/SOURCE.md).
    let c = catalog(&testdata("people"));
    let mut found: Vec<(&str, Option<&str>)> = c
        .packages
        .iter()
        .map(|p| (p.name.as_str(), p.supplier.as_deref()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            // No author: `Maintainer-email`.
            ("Jinja2", Some("Pallets <contact@palletsprojects.com>")),
            // `Author-email` lists three people: the first.
            (
                "annotated-types",
                Some("Adrian Garcia Badaracco <1755071+adriangb@users.noreply.github.com>")
            ),
            // `Author` without an email wins over `Maintainer-email`.
            ("blinker", Some("Jason Kirtland")),
            // `Author` and a bare `Author-email`; the maintainer is not read.
            ("chardet", Some("Mark Pilgrim <mark@diveintomark.org>")),
            // A quoted display name holding commas is one person.
            (
                "typing_extensions",
                Some("Guido van Rossum, Jukka Lehtosalo, \u{141}ukasz Langa, Michael Lee <levkivskyi@gmail.com>")
            ),
            ("urllib3", Some("Andrey Petrov <andrey.petrov@shazow.net>")),
        ]
    );
}

#[test]
fn author_and_maintainer_fields_as_one_person() {
    let one = |extra: &str| {
        let mut files = ImageFiles::new();
        files.insert_file(
            "usr/lib/python3/dist-packages/x-1.dist-info/METADATA",
            dist("x", "1", extra).into(),
            0,
        );
        catalog(&files).packages[0].supplier.clone()
    };
    assert_eq!(one(""), None);
    assert_eq!(one("Author: UNKNOWN\nAuthor-email: UNKNOWN"), None);
    assert_eq!(
        one("Author-email: a@x.org, b@x.org"),
        Some("<a@x.org>".into())
    );
    assert_eq!(
        one("Author: A, B\nAuthor-email: a@x.org, b@x.org"),
        Some("A, B <a@x.org>".into())
    );
    assert_eq!(
        one("Maintainer: M\nMaintainer-email: m@x.org"),
        Some("M <m@x.org>".into())
    );
    assert_eq!(one("Author-email: The Team"), Some("The Team".into()));
    assert_eq!(
        one("Author: A <a@x.org>\nAuthor-email: a@x.org"),
        Some("A <a@x.org>".into())
    );
    assert_eq!(
        one("Author-email: \"Doe, J.\" <j@x.org>, Roe <r@x.org>"),
        Some("Doe, J. <j@x.org>".into())
    );
}

fn dist(name: &str, version: &str, extra: &str) -> Vec<u8> {
    format!("Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n{extra}\n").into_bytes()
}

#[test]
fn requirement_edges_within_one_environment() {
    let venv = "app/venv/lib/python3.11/site-packages";
    let system = "usr/lib/python3/dist-packages";
    let mut files = ImageFiles::new();
    let mut add = |dir: &str, name: &str, version: &str, extra: &str| {
        files.insert_file(
            &format!("{dir}/{name}-{version}.dist-info/METADATA"),
            dist(name, version, extra).into(),
            0,
        );
    };
    add(
        venv,
        "app",
        "1.0",
        "Requires-Dist: Flask[async]>=3\nRequires-Dist: requests",
    );
    add(
        venv,
        "flask",
        "3.0.3",
        "Requires-Dist: Werkzeug>=3.0\nRequires-Dist: asgiref>=3.2; extra == \"async\"\nRequires-Dist: importlib-metadata>=3.6; python_version < \"3.10\"",
    );
    add(venv, "werkzeug", "3.0.3", "");
    add(venv, "asgiref", "3.8.1", "");
    add(venv, "importlib_metadata", "8.0.0", "");
    add(
        venv,
        "requests",
        "2.32.3",
        "Requires-Dist: urllib3<3,>=1.21.1\nRequires-Dist: PySocks!=1.5.7,>=1.5.6; extra == \"socks\"",
    );
    add(venv, "PySocks", "1.7.1", "");
    // Another environment's urllib3 is not this one's.
    add(system, "urllib3", "1.26.12", "");
    let c = catalog(&files);
    assert_eq!(
        c.edges_by_name(),
        [
            ("app", "flask"),
            ("app", "requests"),
            ("flask", "asgiref"),
            ("flask", "werkzeug"),
        ]
    );
    let importlib = c
        .packages
        .iter()
        .find(|p| p.name == "importlib_metadata")
        .unwrap();
    assert_eq!(
        importlib.purl.as_deref(),
        Some("pkg:pypi/importlib-metadata@8.0.0")
    );
    let Metadata::Python(meta) = &importlib.metadata else {
        panic!()
    };
    assert_eq!(meta.python_version.as_deref(), Some("3.11"));
}

#[test]
fn license_files_are_located_through_record() {
    let c = catalog(&testdata("syft-site-packages"));
    let pygments = by_location(&c, "/license/with-license-file-declared.dist-info/METADATA");
    let Metadata::Python(meta) = &pygments.metadata else {
        panic!()
    };
    assert_eq!(
        meta.license_files,
        ["/license/with-license-file-declared.dist-info/LICENSE.txt"]
    );
    let mut files = ImageFiles::new();
    let site = "venv/lib/python3.12/site-packages";
    files.insert_file(
        &format!("{site}/idna-3.10.dist-info/METADATA"),
        dist(
            "idna",
            "3.10",
            "License-File: LICENSE.md\nLicense-File: NOTICE",
        )
        .into(),
        0,
    );
    files.insert_file(
        &format!("{site}/idna-3.10.dist-info/RECORD"),
        b"idna/__init__.py,sha256=,1\nidna-3.10.dist-info/licenses/LICENSE.md,,1\n"
            .to_vec()
            .into(),
        0,
    );
    let c = catalog(&files);
    let Metadata::Python(meta) = &c.packages[0].metadata else {
        panic!()
    };
    // Metadata 2.4's licenses/ folder; NOTICE is not in RECORD: not claimed.
    assert_eq!(
        meta.license_files,
        [format!("/{site}/idna-3.10.dist-info/licenses/LICENSE.md")]
    );
}

#[test]
fn egg_info_requires_txt_gives_requirements_and_edges() {
    let site = "usr/lib/python3/dist-packages";
    let mut files = ImageFiles::new();
    let mut add = |path: &str, text: &str| {
        files.insert_file(
            &format!("{site}/{path}"),
            text.as_bytes().to_vec().into(),
            0,
        );
    };
    add(
        "requests-2.28.1.egg-info/PKG-INFO",
        "Metadata-Version: 2.1\nName: requests\nVersion: 2.28.1\n",
    );
    add(
        "requests-2.28.1.egg-info/requires.txt",
        "charset_normalizer<3,>=2\nidna<4,>=2.5\n\n[socks]\nPySocks!=1.5.7,>=1.5.6\n\n[:sys_platform == \"win32\"]\nurllib3\n\n[use_chardet_on_py3:sys_platform == \"win32\"]\nchardet<6,>=3.0.2\n",
    );
    for (name, version) in [
        ("idna", "3.3"),
        ("charset_normalizer", "3.0.1"),
        ("urllib3", "1.26.12"),
        ("PySocks", "1.7.1"),
        ("chardet", "5.1.0"),
    ] {
        add(
            &format!("{name}-{version}.egg-info"),
            &format!("Metadata-Version: 1.2\nName: {name}\nVersion: {version}\n"),
        );
    }
    let c = catalog(&files);
    let requests = c.packages.iter().find(|p| p.name == "requests").unwrap();
    let Metadata::Python(meta) = &requests.metadata else {
        panic!()
    };
    assert_eq!(
        meta.requires_dist,
        [
            "charset_normalizer<3,>=2",
            "idna<4,>=2.5",
            "PySocks!=1.5.7,>=1.5.6; extra == \"socks\"",
            "urllib3; sys_platform == \"win32\"",
            "chardet<6,>=3.0.2; (sys_platform == \"win32\") and extra == \"use_chardet_on_py3\"",
        ]
    );
    assert_eq!(
        c.edges_by_name(),
        [("requests", "charset_normalizer"), ("requests", "idna")]
    );
}

fn lock_catalog(dir: &str, include_dev: bool) -> Vec<(String, String, bool)> {
    let env = Environment {
        include_dev,
        ..Environment::default()
    };
    let c = PythonCataloger.catalog(&testdata(&format!("lockfiles/{dir}")), &env);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let mut found: Vec<(String, String, bool)> = c
        .packages
        .iter()
        .map(|p| {
            let Metadata::Python(meta) = &p.metadata else {
                panic!()
            };
            (p.name.clone(), p.version.clone(), meta.dev)
        })
        .collect();
    found.sort();
    found
}

fn rows(list: &[(&str, &str, bool)]) -> Vec<(String, String, bool)> {
    list.iter()
        .map(|(n, v, d)| (n.to_string(), v.to_string(), *d))
        .collect()
}

#[test]
fn lockfiles_of_projects_without_an_environment() {
    assert_eq!(
        lock_catalog("poetry", false),
        rows(&[
            ("certifi", "2024.2.2", false),
            ("charset-normalizer", "3.3.2", false),
            ("idna", "3.7", false),
            ("requests", "2.32.2", false),
            ("urllib3", "2.2.1", false),
        ])
    );
    assert!(lock_catalog("poetry-dev", false).is_empty(), "dev only");
    assert_eq!(lock_catalog("poetry-dev", true).len(), 4);
    assert_eq!(
        lock_catalog("uv", true),
        rows(&[
            ("certifi", "2025.1.31", false),
            ("charset-normalizer", "3.4.1", false),
            ("idna", "3.10", false),
            ("requests", "2.32.3", false),
            ("testpkg", "0.1.0", false),
            ("urllib3", "2.3.0", false),
        ])
    );
    // pdm: only the default group is installed by default.
    assert_eq!(
        lock_catalog("pdm", false),
        rows(&[("chardet", "3.0.4", false), ("idna", "2.7", false)])
    );
    assert_eq!(lock_catalog("pdm", true).len(), 10);
    let pipfile = lock_catalog("pipfile", true);
    assert_eq!(pipfile.len(), 6);
    assert!(pipfile.contains(&("aio-pika".to_owned(), "6.8.0".to_owned(), false)));
    assert_eq!(pipfile.iter().filter(|p| p.2).count(), 2);
    // requirements.txt: pinned lines only, whatever their spelling.
    assert_eq!(
        lock_catalog("requirements", false),
        rows(&[
            ("FrIeNdLy-_-bArD", "1.0.0", false),
            ("SomeProject", "5.4", false),
            ("argh", "0.26.2", false),
            ("argh", "0.26.3", false),
            ("celery", "4.4.7", false),
            ("dots-._allowed", "1.0.0", false),
            ("flask", "4.0.0", false),
            ("foo", "1.0.0", false),
            ("local-version", "1.2.3+gcr.2", false),
            ("urllib3", "1.26.20", false),
        ])
    );
}

#[test]
fn a_lockfile_beside_its_installed_environment_is_not_read() {
    let mut files = ImageFiles::new();
    files.insert_file(
        "app/requirements.txt",
        b"flask==3.0.3\nrequests==2.32.3\n".to_vec().into(),
        0,
    );
    files.insert_file(
        "app/.venv/lib/python3.11/site-packages/flask-3.0.3.dist-info/METADATA",
        dist("Flask", "3.0.3", "").into(),
        0,
    );
    // Lockfiles that installed packages ship are theirs, not the image's.
    for path in [
        "app/node_modules/node-gyp/gyp/requirements.txt",
        "usr/lib/python3/dist-packages/numpy/_core/tests/requirements.txt",
        "app/.venv/lib/python3.11/site-packages/pip/_vendor/poetry.lock",
    ] {
        files.insert_file(path, b"six==1.16.0\n".to_vec().into(), 0);
    }
    let c = catalog(&files);
    let names: Vec<&str> = c.packages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Flask"]);
    // The same lock in a project with nothing installed is read, with edges.
    let mut files = ImageFiles::new();
    files.insert_file(
        "srv/poetry.lock",
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/python/testdata/lockfiles/poetry/poetry.lock"),
        )
        .unwrap()
        .into(),
        1,
    );
    let c = catalog(&files);
    assert_eq!(c.packages.len(), 5);
    assert_eq!(c.packages[0].locations[0].path, "/srv/poetry.lock");
    assert_eq!(
        c.packages
            .iter()
            .find(|p| p.name == "requests")
            .unwrap()
            .purl
            .as_deref(),
        Some("pkg:pypi/requests@2.32.2")
    );
    let requests = c
        .packages
        .iter()
        .position(|p| p.name == "requests")
        .unwrap();
    let mut deps: Vec<&str> = c
        .relationships
        .iter()
        .filter(|r| r.from == requests)
        .map(|r| c.packages[r.to].name.as_str())
        .collect();
    deps.sort();
    assert_eq!(deps, ["certifi", "charset-normalizer", "idna", "urllib3"]);
}
