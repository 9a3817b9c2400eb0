//! The gem cataloger over real installed specs (Debian 12's Ruby and gem
//! packages; a project's `vendor/bundle` from gocd) and real lockfiles
//! (huginn, rubygems.org, gocd), with the expected values that RubyGems and
//! Bundler themselves give for the same files (`testdata/SOURCE.md`).

use std::path::Path;

use super::GemCataloger;
use crate::model::{Catalog, GemMetadata, Metadata, Package};
use crate::view::{from_dir, ImageFiles};
use crate::{Cataloger, Environment};

fn testdata(dir: &str) -> ImageFiles {
    from_dir(&fixture_path(dir))
}

fn fixture_path(relative: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/ruby/testdata")
        .join(relative)
}

fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(fixture_path(relative)).unwrap()
}

fn catalog(files: &ImageFiles, include_dev: bool) -> Catalog {
    let env = Environment {
        include_dev,
        ..Environment::default()
    };
    GemCataloger.catalog(files, &env)
}

fn named<'a>(c: &'a Catalog, name: &str) -> &'a Package {
    c.packages
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no package {name}"))
}

fn gem(p: &Package) -> &GemMetadata {
    match &p.metadata {
        Metadata::Gem(gem) => gem,
        other => panic!("not gem metadata: {other:?}"),
    }
}

fn deps_of<'a>(c: &'a Catalog, name: &str) -> Vec<&'a str> {
    let mut found: Vec<&str> = c
        .edges_by_name()
        .into_iter()
        .filter(|(from, _)| *from == name)
        .map(|(_, to)| to)
        .collect();
    found.dedup();
    found
}

#[test]
fn debian_ruby_and_gem_packages() {
    let c = catalog(&testdata("debian"), false);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // `Gem::Specification.load` reads 95 specs: 70 default gems, 15 bundled
    // gems (libruby3.1), 8 + 2 from the ruby-* packages.
    assert_eq!(c.packages.len(), 95);
    let defaults = c.packages.iter().filter(|p| gem(p).default).count();
    assert_eq!(defaults, 70);

    let sinatra = named(&c, "sinatra");
    assert_eq!(sinatra.version, "3.0.5");
    assert_eq!(sinatra.purl.as_deref(), Some("pkg:gem/sinatra@3.0.5"));
    assert_eq!(sinatra.licenses.len(), 1);
    assert_eq!(sinatra.licenses[0].value, "MIT");
    assert_eq!(sinatra.licenses[0].spdx.as_deref(), Some("MIT"));
    assert_eq!(
        sinatra.supplier.as_deref(),
        Some("Blake Mizerany, Ryan Tomayko, Simon Rozet, Konstantin Haase")
    );
    assert_eq!(sinatra.homepage.as_deref(), Some("http://sinatrarb.com/"));
    assert_eq!(
        sinatra.description.as_deref(),
        Some("Classy web-development dressed in a DSL")
    );
    assert_eq!(
        sinatra.locations[0].path,
        "/usr/share/rubygems-integration/all/specifications/sinatra-3.0.5.gemspec"
    );
    assert_eq!(
        gem(sinatra),
        &GemMetadata {
            path: Some("/usr/share/rubygems-integration/all/gems/sinatra-3.0.5".into()),
            ..GemMetadata::default()
        }
    );
    // The development dependency (rack-test) is not an edge, even though
    // the `else` branch lists it as a plain `add_dependency`.
    assert_eq!(
        deps_of(&c, "sinatra"),
        ["mustermann", "rack", "rack-protection", "tilt"]
    );

    let json = named(&c, "json");
    let jsons: Vec<(&str, bool)> = c
        .packages
        .iter()
        .filter(|p| p.name == "json")
        .map(|p| (p.version.as_str(), gem(p).default))
        .collect();
    assert_eq!(jsons, [("2.6.1", true), ("2.6.3", false)]);
    assert_eq!(json.licenses[0].spdx.as_deref(), Some("Ruby"));
    assert_eq!(
        json.supplier.as_deref(),
        Some("Florian Frank <flori@ping.de>")
    );

    let rbs = named(&c, "rbs");
    let licenses: Vec<&str> = rbs.licenses.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(licenses, ["BSD-2-Clause", "Ruby"]);
    assert_eq!(
        rbs.supplier.as_deref(),
        Some("Soutaro Matsumoto <matsumoto@soutaro.com>")
    );

    // `\u92F8` as String#dump writes it.
    let nokogiri = named(&c, "nokogiri");
    assert_eq!(
        nokogiri.description.as_deref(),
        Some("Nokogiri (\u{92F8}) makes it easy and painless to work with XML and HTML from Ruby.")
    );
    // Its dependencies are in other homes of Debian's gem path.
    assert_eq!(deps_of(&c, "nokogiri"), ["mini_portile2", "racc"]);
    let racc = c
        .relationships
        .iter()
        .find(|r| c.packages[r.from].name == "nokogiri" && c.packages[r.to].name == "racc")
        .map(|r| &c.packages[r.to])
        .unwrap();
    assert_eq!(
        racc.locations[0].path,
        "/usr/lib/ruby/gems/3.1.0/specifications/default/racc-1.6.0.gemspec"
    );
    // ruby2_keywords 0.0.5 is both a default gem and ruby-ruby2-keywords:
    // mustermann (in rubygems-integration/all) gets the one beside it.
    let ruby2_keywords = c
        .relationships
        .iter()
        .find(|r| c.packages[r.from].name == "mustermann")
        .map(|r| &c.packages[r.to])
        .unwrap();
    assert_eq!(
        ruby2_keywords.locations[0].path,
        "/usr/share/rubygems-integration/all/specifications/ruby2_keywords-0.0.5.gemspec"
    );
    // RubyGems' `Gem::Dependency#matches_spec?` over the same specs gives 49
    // (dependant, dependency) pairs (`testdata/SOURCE.md`).
    assert_eq!(c.relationships.len(), 49);
    assert_eq!(deps_of(&c, "debug"), ["irb", "reline"]);
    assert_eq!(deps_of(&c, "reline"), ["io-console"]);
}

#[test]
fn a_project_home_of_old_rubygems_specs_and_its_lockfile() {
    let files = testdata("gocd");
    let c = catalog(&files, false);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // Every package is an installed spec: the Gemfile.lock beside the
    // project's vendor/bundle is not read.
    assert_eq!(c.packages.len(), 72);
    assert!(c.packages.iter().all(|p| p.locations[0]
        .path
        .contains("/vendor/bundle/jruby/1.9/specifications/")));
    let nokogiri = named(&c, "nokogiri");
    assert_eq!(nokogiri.version, "1.6.6.2");
    assert_eq!(nokogiri.purl.as_deref(), Some("pkg:gem/nokogiri@1.6.6.2"));
    assert_eq!(gem(nokogiri).platform.as_deref(), Some("java"));
    assert_eq!(
        gem(nokogiri).path.as_deref(),
        Some("/server/webapp/WEB-INF/rails.new/vendor/bundle/jruby/1.9/gems/nokogiri-1.6.6.2-java")
    );
    // `\u{92f8}` and `\u{2019}` in the RubyGems 2.4 form; no `summary`
    // statement is skipped because of them.
    assert_eq!(
        nokogiri.description.as_deref(),
        Some("Nokogiri (\u{92f8}) is an HTML, XML, SAX, and Reader parser")
    );
    assert_eq!(
        deps_of(&c, "rails"),
        [
            "actionmailer",
            "actionpack",
            "activerecord",
            "activesupport",
            "bundler",
            "railties"
        ]
    );
    // sprockets-rails (~> 2.0.0) is installed at 2.3.2: no edge, as RubyGems.
    assert_eq!(named(&c, "sprockets-rails").version, "2.3.2");
    assert_eq!(named(&c, "selenium-webdriver").licenses[0].value, "Apache");
    // 96 pairs by `Gem::Dependency#matches_spec?` within the home.
    assert_eq!(c.relationships.len(), 96);

    // The same lockfile in a project with nothing installed is read.
    let mut files = ImageFiles::new();
    let lock = "gocd/server/webapp/WEB-INF/rails.new/Gemfile.lock";
    let gemfile = "gocd/server/webapp/WEB-INF/rails.new/Gemfile";
    files.insert_file("srv/gocd/Gemfile.lock", fixture(lock).into(), 2);
    let c = catalog(&files, false);
    // Bundler: 73 specs; without the Gemfile nothing is development.
    assert_eq!(c.packages.len(), 73);
    assert_eq!(c.relationships.len(), 99);
    let gadgets = named(&c, "gadgets");
    assert_eq!(gem(gadgets).path.as_deref(), Some("PATH"));
    assert_eq!(gadgets.locations[0].path, "/srv/gocd/Gemfile.lock");
    assert_eq!(gadgets.locations[0].layer, 2);
    assert_eq!(deps_of(&c, "gadgets"), ["rails", "validatable"]);
    assert_eq!(gem(named(&c, "ffi")).platform.as_deref(), Some("java"));
    assert_eq!(named(&c, "ffi").version, "1.9.10");

    // With the Gemfile, its development and test group and what only they
    // need (22 gems by Bundler's own groups) are left out, or marked.
    files.insert_file("srv/gocd/Gemfile", fixture(gemfile).into(), 2);
    let c = catalog(&files, false);
    assert_eq!(c.packages.len(), 51);
    assert_eq!(c.relationships.len(), 70);
    assert!(!c.packages.iter().any(|p| p.name == "rspec-core"));
    let c = catalog(&files, true);
    assert_eq!(c.packages.len(), 73);
    let dev: Vec<&str> = c
        .packages
        .iter()
        .filter(|p| gem(p).dev)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(dev.len(), 22);
    assert!(dev.contains(&"selenium-webdriver") && dev.contains(&"rubyzip"));
    // nokogiri is needed by capybara (test) but also by roar's representable.
    assert!(!gem(named(&c, "nokogiri")).dev);
}

/// (name, version, dev) of every package, sorted.
fn rows(c: &Catalog) -> Vec<(String, String, bool)> {
    let mut rows: Vec<(String, String, bool)> = c
        .packages
        .iter()
        .map(|p| (p.name.clone(), p.version.clone(), gem(p).dev))
        .collect();
    rows.sort();
    rows
}

#[test]
fn huginn_lockfile_with_git_path_and_nested_groups() {
    let files = testdata("huginn");
    let c = catalog(&files, true);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // Bundler: 299 specs, 281 distinct (name, version), 457 dependency
    // pairs, 55 gems only development and test groups reach.
    assert_eq!(c.packages.len(), 281);
    assert_eq!(c.relationships.len(), 457);
    assert_eq!(c.packages.iter().filter(|p| gem(p).dev).count(), 55);
    let erector = named(&c, "erector");
    assert_eq!(gem(erector).path.as_deref(), Some("GIT"));
    assert_eq!(erector.purl.as_deref(), Some("pkg:gem/erector@0.10.0"));
    assert_eq!(gem(named(&c, "dotenv")).path.as_deref(), Some("PATH"));
    assert_eq!(gem(named(&c, "mini_racer")).path.as_deref(), Some("GIT"));
    // ffi is locked for four platforms: one package, no single platform.
    let ffi: Vec<&Package> = c.packages.iter().filter(|p| p.name == "ffi").collect();
    assert_eq!(ffi.len(), 1);
    assert_eq!(gem(ffi[0]).platform, None);
    assert_eq!(ffi[0].purl.as_deref(), Some("pkg:gem/ffi@1.17.4"));
    // In `group :development do … group :test do … end end`, and in a
    // helper's block inside the development group.
    for dev in ["rspec", "capybara", "spring", "capistrano", "debug"] {
        assert!(gem(named(&c, dev)).dev, "{dev}");
    }
    for runtime in ["rails", "nokogiri", "erector", "mini_racer", "pg", "mysql2"] {
        assert!(!gem(named(&c, runtime)).dev, "{runtime}");
    }
    let without_dev = catalog(&files, false);
    assert_eq!(without_dev.packages.len(), 226);
    assert_eq!(without_dev.relationships.len(), 365);
    assert_eq!(
        rows(&without_dev),
        rows(&c)
            .into_iter()
            .filter(|(_, _, dev)| !dev)
            .collect::<Vec<_>>()
    );
}

#[test]
fn rubygems_org_lockfile_with_checksums_and_two_gem_sources() {
    let c = catalog(&testdata("rubygems.org"), true);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // Bundler: 341 specs, 298 (name, version), 530 pairs, 72 dev.
    assert_eq!(c.packages.len(), 298);
    assert_eq!(c.relationships.len(), 530);
    assert_eq!(c.packages.iter().filter(|p| gem(p).dev).count(), 72);
    // From the second `GEM` source, inside `group :avo, optional: true do
    // source … do … end end`: not a development group.
    let avo = named(&c, "avo-advanced");
    assert_eq!(avo.version, "3.32.4");
    assert!(!gem(avo).dev);
    // `group :assets, :development`: also needed outside development.
    assert!(!gem(named(&c, "tailwindcss-rails")).dev);
    // `gem "avo_upgrade", …, group: :development`.
    assert!(gem(named(&c, "avo_upgrade")).dev);
    let nokogiri = named(&c, "nokogiri");
    assert_eq!(nokogiri.version, "1.19.4");
    assert_eq!(gem(nokogiri).platform, None);
    assert_eq!(deps_of(&c, "nokogiri"), ["mini_portile2", "racc"]);
    let c = catalog(&testdata("rubygems.org"), false);
    assert_eq!(c.packages.len(), 226);
    assert_eq!(c.relationships.len(), 405);
}

#[test]
fn lockfiles_skipped_when_installed_or_inside_a_package() {
    let sinatra_lock = b"GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.22)\n    sinatra (3.0.5)\n      rack (~> 2.2, >= 2.2.4)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  sinatra\n";
    // Debian's gems: every runtime gem of the lockfile is installed.
    let mut files = testdata("debian");
    files.insert_file("srv/app/Gemfile.lock", sinatra_lock.to_vec().into(), 1);
    let c = catalog(&files, false);
    assert_eq!(c.packages.len(), 95);
    // Lockfiles that installed gems and node modules ship are theirs.
    let mut files = ImageFiles::new();
    for path in [
        "usr/local/bundle/gems/rails-7.1.3/guides/Gemfile.lock",
        "usr/share/rubygems-integration/all/gems/x-1.0/Gemfile.lock",
        "app/node_modules/some-tool/Gemfile.lock",
        "app/vendor/bundle/ruby/3.2.0/gems/puma-6.4.2/Gemfile.lock",
    ] {
        files.insert_file(path, sinatra_lock.to_vec().into(), 0);
    }
    assert!(catalog(&files, false).packages.is_empty());
    // Nothing installed: read, with its edge.
    files.insert_file("srv/app/Gemfile.lock", sinatra_lock.to_vec().into(), 0);
    let c = catalog(&files, false);
    assert_eq!(c.edges_by_name(), [("sinatra", "rack")]);
    // A damaged lockfile is one warning.
    let mut files = ImageFiles::new();
    files.insert_file(
        "srv/app/Gemfile.lock",
        b"GEM\n  specs:\n<<<<<<< HEAD\n    a (1)\n".to_vec().into(),
        0,
    );
    let c = catalog(&files, false);
    assert!(c.packages.is_empty());
    assert_eq!(c.warnings.len(), 1);
    assert!(c.warnings[0].starts_with("/srv/app/Gemfile.lock: "));
}

#[test]
fn unreadable_gemspecs_are_warnings_and_fixtures_are_not_homes() {
    let mut files = ImageFiles::new();
    let sinatra =
        fixture("debian/usr/share/rubygems-integration/all/specifications/sinatra-3.0.5.gemspec");
    files.insert_file(
        "usr/local/bundle/specifications/sinatra-3.0.5.gemspec",
        sinatra.clone().into(),
        0,
    );
    files.insert_file(
        "usr/local/bundle/specifications/broken-1.0.gemspec",
        b"\xff\xfe garbage \x00".to_vec().into(),
        0,
    );
    files.insert_file(
        "usr/local/bundle/specifications/handwritten-1.0.gemspec",
        b"Gem::Specification.new do |s|\n  s.name = NAME\n  s.version = VERSION\nend\n"
            .to_vec()
            .into(),
        0,
    );
    // A `specifications/` folder inside a gem's own directory.
    files.insert_file(
        "usr/local/bundle/gems/bundler-2.5.0/spec/specifications/sinatra-3.0.5.gemspec",
        sinatra.into(),
        0,
    );
    let c = catalog(&files, false);
    let names: Vec<&str> = c.packages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["sinatra"]);
    let mut warned: Vec<&str> = c
        .warnings
        .iter()
        .map(|w| w.split(':').next().unwrap())
        .collect();
    warned.sort();
    assert_eq!(
        warned,
        [
            "/usr/local/bundle/specifications/broken-1.0.gemspec",
            "/usr/local/bundle/specifications/handwritten-1.0.gemspec"
        ]
    );
}
