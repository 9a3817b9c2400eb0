//! Where package managers install packages, for every ecosystem at once: a
//! lockfile or project manifest inside an installed package belongs to that
//! package (its tests, its build, a bundled extension), not to the image. A
//! `package-lock.json` shipped inside a Debian Ruby gem's folder is the gem's
//! business; read as the image's npm project it would report packages that
//! are not installed.

/// Whether `dir` (a directory in the view's form, no leading `/`) lies
/// inside a package some package manager installed.
pub fn inside_installed_package(dir: &str) -> bool {
    let parts: Vec<&str> = dir.split('/').collect();
    parts.iter().enumerate().any(|(i, part)| match *part {
        // npm, Python, Composer (and `go mod vendor`, `cargo vendor`,
        // Bundler's `vendor/bundle`), Debian's Ruby libraries, NuGet's and
        // Maven's caches, conda's package cache.
        "node_modules"
        | "site-packages"
        | "dist-packages"
        | "vendor"
        | "vendor_ruby"
        | "rubygems-integration"
        | ".nuget"
        | ".m2" => true,
        // A gem's own directory: `…/gems/<name>-<version>/…`.
        "gems" => parts.get(i + 1).is_some_and(|gem| is_name_version(gem)),
        // Go's module cache (`…/pkg/mod/…`).
        "mod" => i > 0 && parts[i - 1] == "pkg",
        // cargo's download caches.
        "registry" | "git" => i > 0 && parts[i - 1] == ".cargo",
        // conda's package cache (`<root>/pkgs/<name>-<version>-<build>/`).
        "pkgs" => parts.get(i + 1).is_some_and(|dir| is_name_version(dir)),
        _ => false,
    })
}

/// `name-1.2.3` (a gem or a conda package directory): a name, a dash, and
/// a version starting with a digit.
fn is_name_version(dir: &str) -> bool {
    dir.rsplit_once('-').is_some_and(|(name, rest)| {
        !name.is_empty() && rest.starts_with(|c: char| c.is_ascii_digit())
    }) || dir
        .split('-')
        .skip(1)
        .any(|part| part.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::inside_installed_package;

    #[test]
    fn install_locations_of_every_ecosystem() {
        for inside in [
            "app/node_modules/left-pad",
            "usr/lib/python3/dist-packages/certifi",
            "opt/venv/lib/python3.12/site-packages/pkg/tests",
            "var/www/vendor/symfony/console",
            "usr/share/rubygems-integration/all/gems/sass-3.7.4/extra",
            "usr/lib/ruby/gems/3.1.0/gems/rake-13.0.6",
            "usr/local/bundle/gems/rails-7.1.3/guides",
            "usr/lib/ruby/vendor_ruby/rouge",
            "root/go/pkg/mod/github.com/acme/tool@v1.0.0",
            "root/.cargo/registry/src/index/itoa-1.0.19",
            "root/.nuget/packages/newtonsoft.json/13.0.3",
            "opt/conda/pkgs/requests-2.31.0-pyhd8ed1ab_0/info/test",
        ] {
            assert!(inside_installed_package(inside), "{inside}");
        }
        for project in [
            "",
            "app",
            "srv/www/site",
            "usr/src/app/gems",
            "opt/mod",
            "opt/conda/pkgs",
        ] {
            assert!(!inside_installed_package(project), "{project:?}");
        }
    }
}
