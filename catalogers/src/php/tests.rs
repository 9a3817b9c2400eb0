//! The php-composer cataloger over real Composer files (Kirby's vendor
//! directory, Composer 2; a project's Composer 1 vendor directory;
//! Composer's own lockfile), with what Composer's own loaders read from
//! them (`testdata/SOURCE.md`).

use std::path::Path;

use super::ComposerCataloger;
use crate::model::{Catalog, ComposerMetadata, Metadata, Package};
use crate::view::{from_dir, ImageFiles};
use crate::{Cataloger, Environment};

fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/php/testdata")
            .join(relative),
    )
    .unwrap()
}

fn testdata(dir: &str) -> ImageFiles {
    from_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/php/testdata")
            .join(dir),
    )
}

fn catalog(files: &ImageFiles, include_dev: bool) -> Catalog {
    let env = Environment {
        include_dev,
        ..Environment::default()
    };
    ComposerCataloger.catalog(files, &env)
}

fn named<'a>(c: &'a Catalog, name: &str) -> &'a Package {
    c.packages
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no package {name}"))
}

fn composer(p: &Package) -> &ComposerMetadata {
    match &p.metadata {
        Metadata::Composer(meta) => meta,
        other => panic!("not composer metadata: {other:?}"),
    }
}

#[test]
fn composer_2_installed_json_of_kirby() {
    let mut files = ImageFiles::new();
    files.insert_file(
        "var/www/kirby/vendor/composer/installed.json",
        fixture("kirby/vendor/composer/installed.json").into(),
        3,
    );
    // Its lockfile beside the installed vendor directory is not read.
    files.insert_file(
        "var/www/kirby/composer.lock",
        fixture("kirby/composer.lock").into(),
        3,
    );
    let c = catalog(&files, false);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // Composer's InstalledFilesystemRepository: 18 packages, none dev.
    assert_eq!(c.packages.len(), 18);
    assert!(c.packages.iter().all(|p| p.locations[0].path
        == "/var/www/kirby/vendor/composer/installed.json"
        && p.locations[0].layer == 3));
    let mailer = named(&c, "phpmailer/phpmailer");
    assert_eq!(mailer.version, "v7.1.1");
    assert_eq!(
        mailer.purl.as_deref(),
        Some("pkg:composer/phpmailer/phpmailer@v7.1.1")
    );
    assert_eq!(mailer.licenses.len(), 1);
    assert_eq!(mailer.licenses[0].spdx.as_deref(), Some("LGPL-2.1-only"));
    assert_eq!(
        mailer.supplier.as_deref(),
        Some("Marcus Bointon <phpmailer@synchromedia.co.uk>")
    );
    assert_eq!(
        mailer.description.as_deref(),
        Some("PHPMailer is a full-featured email creation and transfer class for PHP")
    );
    assert_eq!(
        composer(mailer),
        &ComposerMetadata {
            package_type: Some("library".into()),
            source_url: Some("https://github.com/PHPMailer/PHPMailer.git".into()),
            source_reference: Some("1bc1716a507a65e039d4ac9d9adebbbd0d346e15".into()),
            dist_url: Some(
                "https://api.github.com/repos/PHPMailer/PHPMailer/zipball/1bc1716a507a65e039d4ac9d9adebbbd0d346e15".into()
            ),
            dist_shasum: None,
            install_path: Some("/var/www/kirby/vendor/phpmailer/phpmailer".into()),
            dev: false,
        }
    );
    let installer = named(&c, "getkirby/composer-installer");
    assert_eq!(
        composer(installer).package_type.as_deref(),
        Some("composer-plugin")
    );
    assert_eq!(installer.homepage.as_deref(), Some("https://getkirby.com"));
    assert_eq!(
        named(&c, "laminas/laminas-escaper").licenses[0].value,
        "BSD-3-Clause"
    );
    // Composer's links to packages of the file, platform ones dropped.
    assert_eq!(
        c.edges_by_name(),
        [
            ("claviska/simpleimage", "league/color-extractor"),
            ("erusev/parsedown-extra", "erusev/parsedown"),
            ("filp/whoops", "psr/log"),
            (
                "symfony/polyfill-intl-idn",
                "symfony/polyfill-intl-normalizer"
            ),
            ("symfony/yaml", "symfony/deprecation-contracts"),
            ("symfony/yaml", "symfony/polyfill-ctype"),
        ]
    );
}

#[test]
fn composer_1_installed_json() {
    let c = catalog(&testdata("rabbit-deadletter"), false);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let found: Vec<(&str, &str)> = c
        .packages
        .iter()
        .map(|p| (p.name.as_str(), p.version.as_str()))
        .collect();
    // The same six the composer.lock beside it locks (and Composer reads).
    assert_eq!(
        found,
        [
            ("php-amqplib/php-amqplib", "v2.9.2"),
            ("psr/container", "1.0.0"),
            ("symfony/console", "v4.3.2"),
            ("symfony/polyfill-mbstring", "v1.11.0"),
            ("symfony/polyfill-php73", "v1.11.0"),
            ("symfony/service-contracts", "v1.1.5"),
        ]
    );
    let amqp = named(&c, "php-amqplib/php-amqplib");
    assert_eq!(amqp.licenses[0].spdx.as_deref(), Some("LGPL-2.1-or-later"));
    assert_eq!(
        amqp.supplier.as_deref(),
        // The first of four authors (the only one without an email).
        Some("Alvaro Videla")
    );
    // Composer 1 records no install path: the vendor directory's.
    assert_eq!(
        composer(named(&c, "symfony/console"))
            .install_path
            .as_deref(),
        Some("/vendor/symfony/console")
    );
    assert_eq!(
        c.edges_by_name(),
        [
            ("symfony/console", "symfony/polyfill-mbstring"),
            ("symfony/console", "symfony/polyfill-php73"),
            ("symfony/console", "symfony/service-contracts"),
            ("symfony/service-contracts", "psr/container"),
        ]
    );
}

#[test]
fn composer_lock_without_a_vendor_directory() {
    let mut files = ImageFiles::new();
    files.insert_file(
        "srv/composer/composer.lock",
        fixture("composer/composer.lock").into(),
        1,
    );
    let c = catalog(&files, false);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // Composer's ArrayLoader: 30 packages and 6 development ones; 28
    // require links among all, 24 among the runtime ones.
    assert_eq!(c.packages.len(), 30);
    assert_eq!(c.relationships.len(), 24);
    assert!(c.packages.iter().all(|p| !composer(p).dev));
    let console = named(&c, "symfony/console");
    assert_eq!(console.version, "v5.4.47");
    assert_eq!(
        console.purl.as_deref(),
        Some("pkg:composer/symfony/console@v5.4.47")
    );
    assert_eq!(composer(console).install_path, None);
    assert_eq!(console.locations[0].path, "/srv/composer/composer.lock");
    let ca = named(&c, "composer/ca-bundle");
    assert_eq!(
        ca.supplier.as_deref(),
        Some("Jordi Boggiano <j.boggiano@seld.be> (http://seld.be)")
    );
    assert_eq!(
        composer(ca).source_reference.as_deref(),
        Some("00a2f4201641d5c53f7fc0195e6c8d9fcc321a78")
    );
    // A name without an email, with a homepage.
    assert_eq!(
        named(&c, "psr/log").supplier.as_deref(),
        Some("PHP-FIG (https://www.php-fig.org/)")
    );

    let c = catalog(&files, true);
    assert_eq!(c.packages.len(), 36);
    assert_eq!(c.relationships.len(), 28);
    let dev: Vec<&str> = c
        .packages
        .iter()
        .filter(|p| composer(p).dev)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        dev,
        [
            "phpstan/phpstan",
            "phpstan/phpstan-deprecation-rules",
            "phpstan/phpstan-phpunit",
            "phpstan/phpstan-strict-rules",
            "phpstan/phpstan-symfony",
            "symfony/phpunit-bridge",
        ]
    );
    // Distributed only as a zip: no source.
    let phpstan = named(&c, "phpstan/phpstan");
    assert_eq!(composer(phpstan).source_url, None);
    assert!(composer(phpstan).dist_url.is_some());
}

#[test]
fn lockfiles_of_installed_projects_and_packages_are_skipped() {
    let lock = fixture("rabbit-deadletter/composer.lock");
    let mut files = ImageFiles::new();
    // Installed elsewhere in the image (a custom vendor-dir, Nextcloud's
    // `3rdparty` shape): every runtime package it locks is there.
    files.insert_file(
        "var/www/html/3rdparty/composer/installed.json",
        fixture("rabbit-deadletter/vendor/composer/installed.json").into(),
        0,
    );
    files.insert_file("opt/worker/composer.lock", lock.into(), 0);
    // A lockfile an installed package ships.
    files.insert_file(
        "srv/app/vendor/composer/composer/composer.lock",
        fixture("composer/composer.lock").into(),
        0,
    );
    let c = catalog(&files, false);
    assert_eq!(c.packages.len(), 6);
    assert!(c
        .packages
        .iter()
        .all(|p| p.locations[0].path == "/var/www/html/3rdparty/composer/installed.json"));
    assert_eq!(
        composer(named(&c, "psr/container")).install_path.as_deref(),
        Some("/var/www/html/3rdparty/psr/container")
    );
    // A vendor directory inside an installed package is that package's.
    let mut files = ImageFiles::new();
    files.insert_file(
        "app/vendor/acme/tool/vendor/composer/installed.json",
        fixture("kirby/vendor/composer/installed.json").into(),
        0,
    );
    assert!(catalog(&files, false).packages.is_empty());
}

#[test]
fn dev_package_names_and_damaged_files() {
    let mut files = ImageFiles::new();
    files.insert_file(
        "app/vendor/composer/installed.json",
        br#"{"packages":[{"name":"phpunit/phpunit","version":"10.5.0","require":{"sebastian/diff":"^5"}},{"name":"sebastian/diff","version":"5.1.0"},{"name":"monolog/monolog","version":"3.5.0","provide":{"psr/log-implementation":"3.0.0"}},{"name":"app/uses-a-logger","version":"1.0.0","require":{"psr/log-implementation":"*","php":">=8.1","ext-json":"*"}},{"version":"1"}],"dev":true,"dev-package-names":["phpunit/phpunit","sebastian/diff"]}"#
            .to_vec()
            .into(),
        0,
    );
    files.insert_file(
        "other/vendor/composer/installed.json",
        b"<html>not json</html>".to_vec().into(),
        0,
    );
    let c = catalog(&files, false);
    let names: Vec<&str> = c.packages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["monolog/monolog", "app/uses-a-logger"]);
    assert_eq!(
        c.edges_by_name(),
        [("app/uses-a-logger", "monolog/monolog")]
    );
    assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
    assert!(c.warnings[0].starts_with("/app/vendor/composer/installed.json: 1 package"));
    assert!(c.warnings[1].starts_with("/other/vendor/composer/installed.json: not a readable"));
    let c = catalog(&files, true);
    assert_eq!(c.packages.len(), 4);
    assert!(composer(named(&c, "phpunit/phpunit")).dev);
    assert_eq!(c.relationships.len(), 2);
}
