//! Where npm packages live on disk, and how Node finds them.
//!
//! A directory is an installed package when its path is a chain of package
//! names joined by `node_modules`: `…/node_modules/NAME` (or `@scope/NAME`),
//! optionally followed by `/node_modules/NAME` again and again. The part
//! before the first `node_modules` is free (an application root, a global
//! prefix such as `usr/local/lib`), but between two `node_modules` there must
//! be exactly one package name: `node_modules/foo/test/fixtures/node_modules/bar`
//! is a test fixture inside `foo`, not an installed package. Debian's packaged
//! modules (`usr/share/nodejs/NAME`, `usr/lib/nodejs/NAME`,
//! `usr/lib/TRIPLET/nodejs/NAME`) and pnpm's store
//! (`node_modules/.pnpm/KEY/node_modules/NAME`) follow the same rule.

/// Directories where Debian installs node modules (Node searches them last).
pub const DEBIAN_MODULE_DIRS: &[&str] = &["usr/share/nodejs", "usr/lib/nodejs"];

/// Whether `dir` (no leading `/`) is an installed package's directory.
pub fn is_installed_package_dir(dir: &str) -> bool {
    let parts: Vec<&str> = dir.split('/').collect();
    let Some(mut i) = first_package_name(&parts) else {
        return false;
    };
    loop {
        let Some(len) = package_name_len(&parts[i..]) else {
            return false;
        };
        i += len;
        if i == parts.len() {
            return true;
        }
        match &parts[i..] {
            ["node_modules", ..] => i += 1,
            [".pnpm", _key, "node_modules", ..] if i > 0 && parts[i - 1] == "node_modules" => {
                i += 3;
            }
            _ => return false,
        }
    }
}

/// Index of the first package-name component: after a Debian module
/// directory at the start, or after the first `node_modules`.
fn first_package_name(parts: &[&str]) -> Option<usize> {
    match parts {
        ["usr", "share", "nodejs", ..] | ["usr", "lib", "nodejs", ..] => return Some(3),
        ["usr", "lib", _, "nodejs", ..] => return Some(4),
        _ => {}
    }
    let at = parts.iter().position(|p| *p == "node_modules")?;
    match &parts[at + 1..] {
        [".pnpm", _key, "node_modules", ..] => Some(at + 4),
        _ => Some(at + 1),
    }
}

/// Length of the package name at the start of `parts`: 1 (`name`) or 2
/// (`@scope/name`); `None` when it is not a name.
fn package_name_len(parts: &[&str]) -> Option<usize> {
    let valid = |p: &str| !p.is_empty() && !p.starts_with('.') && p != "node_modules";
    match parts {
        [scope, name, ..] if scope.starts_with('@') && scope.len() > 1 && valid(name) => Some(2),
        [name, ..] if valid(name) && !name.starts_with('@') => Some(1),
        _ => None,
    }
}

/// The directories Node would try, in order, for `require(name)` from a
/// package in `from_dir`: `from_dir/node_modules/name`, then each ancestor's
/// `node_modules/name` (skipping ancestors that are `node_modules` folders),
/// then the global module directories.
pub fn resolution_candidates(from_dir: &str, name: &str, global_dirs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut dir = Some(from_dir);
    while let Some(current) = dir {
        let last = current.rsplit('/').next().unwrap_or(current);
        if last != "node_modules" {
            out.push(if current.is_empty() {
                format!("node_modules/{name}")
            } else {
                format!("{current}/node_modules/{name}")
            });
        }
        dir = match current.rfind('/') {
            Some(slash) => Some(&current[..slash]),
            None if !current.is_empty() => Some(""),
            None => None,
        };
    }
    out.extend(global_dirs.iter().map(|g| format!("{g}/{name}")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installed_package_dirs() {
        for dir in [
            "app/node_modules/express",
            "app/node_modules/@babel/core",
            "app/node_modules/a/node_modules/b",
            "app/node_modules/a/node_modules/@s/b/node_modules/c",
            "usr/local/lib/node_modules/npm",
            "usr/local/lib/node_modules/npm/node_modules/abbrev",
            "usr/share/nodejs/acorn",
            "usr/share/nodejs/@types/node",
            "usr/share/nodejs/npm/node_modules/x",
            "usr/lib/x86_64-linux-gnu/nodejs/nan",
            "app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash",
            "node_modules/top",
        ] {
            assert!(is_installed_package_dir(dir), "{dir}");
        }
        for dir in [
            "app",
            "app/node_modules",
            "app/node_modules/@babel",
            "app/node_modules/a/test",
            "app/node_modules/a/test/fixtures/node_modules/b",
            "app/node_modules/a/dist/esm",
            "app/node_modules/.bin",
            "app/node_modules/.cache/x",
            "usr/share/nodejs/acorn/dist",
            "usr/share/nodejs/foo/test/node_modules/bar",
            "usr/share/doc/node-acorn",
        ] {
            assert!(!is_installed_package_dir(dir), "{dir}");
        }
    }

    #[test]
    fn node_resolution_order() {
        let globals = vec!["usr/share/nodejs".to_owned()];
        assert_eq!(
            resolution_candidates("app/node_modules/a/node_modules/b", "c", &globals),
            [
                "app/node_modules/a/node_modules/b/node_modules/c",
                "app/node_modules/a/node_modules/c",
                "app/node_modules/c",
                "node_modules/c",
                "usr/share/nodejs/c",
            ]
        );
    }
}
