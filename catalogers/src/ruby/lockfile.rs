//! `Gemfile.lock` (and `gems.locked`), as Bundler's `LockfileParser` reads
//! it: source sections (`GEM`, `GIT`, `PATH`, `PLUGIN SOURCE`) whose
//! `specs:` list each locked gem at four spaces (`name (version[-platform])`)
//! and its dependencies at six; `DEPENDENCIES` (what the Gemfile asked for,
//! at two spaces, `!` when pinned to a source); `PLATFORMS`; `BUNDLED WITH`.
//! Other sections (`CHECKSUMS`, `RUBY VERSION`) are skipped.

/// A lockfile's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lockfile {
    /// Every locked gem, in file order (one per platform variant).
    pub specs: Vec<LockedSpec>,
    /// `DEPENDENCIES`: the gems the Gemfile names.
    pub dependencies: Vec<String>,
    pub platforms: Vec<String>,
    pub bundled_with: Option<String>,
}

/// One `specs:` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedSpec {
    pub name: String,
    pub version: String,
    /// The part after the version's first `-` (`x86_64-linux`).
    pub platform: Option<String>,
    /// `GEM`, `GIT`, `PATH` or `PLUGIN SOURCE`.
    pub section: &'static str,
    /// The section's `remote:`.
    pub remote: Option<String>,
    /// Names of the gems it depends on.
    pub dependencies: Vec<String>,
}

const SOURCES: [&str; 4] = ["GEM", "GIT", "PATH", "PLUGIN SOURCE"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Source(&'static str),
    Dependencies,
    Platforms,
    BundledWith,
    Other,
}

/// Parses a lockfile; `Err` says why it is not one Bundler would read.
pub fn parse(text: &str) -> Result<Lockfile, String> {
    let mut lock = Lockfile::default();
    let mut section = Section::Other;
    let mut remote: Option<String> = None;
    let mut seen_section = false;
    for (number, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
            .iter()
            .any(|marker| line.contains(marker))
        {
            return Err(format!("merge conflict markers at line {}", number + 1));
        }
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            let header = line.trim_end();
            seen_section |= SOURCES.contains(&header)
                || matches!(
                    header,
                    "DEPENDENCIES" | "PLATFORMS" | "BUNDLED WITH" | "RUBY VERSION" | "CHECKSUMS"
                );
            section = match header {
                "DEPENDENCIES" => Section::Dependencies,
                "PLATFORMS" => Section::Platforms,
                "BUNDLED WITH" => Section::BundledWith,
                header => SOURCES
                    .iter()
                    .find(|s| **s == header)
                    .map_or(Section::Other, |s| Section::Source(s)),
            };
            remote = None;
            continue;
        }
        match section {
            Section::Source(kind) => source_line(&mut lock, kind, &mut remote, line),
            Section::Dependencies => {
                if let Some(entry) = entry(line, 2) {
                    lock.dependencies.push(entry.name.to_owned());
                }
            }
            Section::Platforms => {
                if let Some(platform) = line.strip_prefix("  ").map(str::trim) {
                    lock.platforms.push(platform.to_owned());
                }
            }
            Section::BundledWith => lock.bundled_with = Some(line.trim().to_owned()),
            Section::Other => {}
        }
    }
    if !seen_section {
        return Err("no Gemfile.lock sections".to_owned());
    }
    Ok(lock)
}

fn source_line(lock: &mut Lockfile, kind: &'static str, remote: &mut Option<String>, line: &str) {
    if let Some(value) = line.strip_prefix("  remote: ") {
        *remote = Some(value.trim().to_owned());
    } else if let Some(spec) = entry(line, 4) {
        let (version, platform) = match spec.inner.map(|v| v.split_once('-')) {
            Some(Some((version, platform))) => (version, Some(platform.to_owned())),
            Some(None) => (spec.inner.unwrap_or_default(), None),
            None => ("", None),
        };
        lock.specs.push(LockedSpec {
            name: spec.name.to_owned(),
            version: version.trim().to_owned(),
            platform,
            section: kind,
            remote: remote.clone(),
            dependencies: Vec::new(),
        });
    } else if let Some(dependency) = entry(line, 6) {
        // A dependency belongs to the spec just above it, in this section.
        if let Some(spec) = lock.specs.last_mut().filter(|s| s.section == kind) {
            spec.dependencies.push(dependency.name.to_owned());
        }
    }
}

/// `name`, `name (inside)`, `name!`, `name (inside)! checksum` at exactly
/// `indent` spaces.
struct Entry<'a> {
    name: &'a str,
    inner: Option<&'a str>,
}

fn entry(line: &str, indent: usize) -> Option<Entry<'_>> {
    let rest = line.get(indent..)?;
    if !line[..indent].bytes().all(|b| b == b' ') || rest.starts_with(' ') {
        return None;
    }
    let (name, inner) = match rest.split_once(" (") {
        Some((name, after)) => (name, Some(after.split_once(')')?.0)),
        None => (rest.split(' ').next()?.trim_end_matches('!'), None),
    };
    (!name.is_empty() && !name.contains(char::is_whitespace)).then_some(Entry { name, inner })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn sections_specs_and_platform_variants() {
        let lock = parse(
            "GIT\n  remote: https://github.com/knu/mini_racer.git\n  revision: 172396b\n  specs:\n    mini_racer (0.19.0)\n      libv8-node (~> 24.1.0.0)\n\nGEM\n  remote: https://rubygems.org/\n  specs:\n    libv8-node (24.1.0.0)\n    libv8-node (24.1.0.0-x86_64-linux)\n    nokogiri (1.19.4-x86_64-linux-gnu)\n      racc (~> 1.4)\n\nPLATFORMS\n  ruby\n  x86_64-linux\n\nDEPENDENCIES\n  mini_racer!\n  nokogiri (>= 1.19.4)\n\nCHECKSUMS\n  nokogiri (1.19.4-x86_64-linux-gnu) sha256=00\n\nBUNDLED WITH\n   2.5.22\n",
        )
        .unwrap();
        let specs: Vec<(&str, &str, Option<&str>, &str)> = lock
            .specs
            .iter()
            .map(|s| {
                (
                    s.name.as_str(),
                    s.version.as_str(),
                    s.platform.as_deref(),
                    s.section,
                )
            })
            .collect();
        assert_eq!(
            specs,
            [
                ("mini_racer", "0.19.0", None, "GIT"),
                ("libv8-node", "24.1.0.0", None, "GEM"),
                ("libv8-node", "24.1.0.0", Some("x86_64-linux"), "GEM"),
                ("nokogiri", "1.19.4", Some("x86_64-linux-gnu"), "GEM"),
            ]
        );
        assert_eq!(lock.specs[0].dependencies, ["libv8-node"]);
        assert_eq!(
            lock.specs[0].remote.as_deref(),
            Some("https://github.com/knu/mini_racer.git")
        );
        assert_eq!(lock.specs[3].dependencies, ["racc"]);
        assert_eq!(lock.dependencies, ["mini_racer", "nokogiri"]);
        assert_eq!(lock.platforms, ["ruby", "x86_64-linux"]);
        assert_eq!(lock.bundled_with.as_deref(), Some("2.5.22"));
    }

    #[test]
    fn damaged_lockfiles_are_refused() {
        assert!(parse("GEM\n  specs:\n<<<<<<< HEAD\n    a (1)\n").is_err());
        assert!(parse("{\"not\": \"a lockfile\"}").is_err());
        assert!(parse("").is_err());
    }
}
