//! `require` edges between the packages of one Composer file (one vendor
//! directory, or one lockfile). Platform requirements — PHP itself
//! (`php`, `php-64bit`, …, `hhvm`), extensions and libraries (`ext-*`,
//! `lib-*`) and Composer's APIs (`composer`, `composer-plugin-api`,
//! `composer-runtime-api`) — are not packages. A requirement no package of
//! that name meets goes to the first package that `provides` or `replaces`
//! it (`psr/log-implementation`), as Composer resolves it to one.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Relationship;

use super::parse::Entry;

/// Whether `name` is one of Composer's platform packages (its
/// `PlatformRepository::PLATFORM_PACKAGE_REGEX`), or no `vendor/name`.
pub fn is_platform(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "php"
            | "php-64bit"
            | "php-ipv6"
            | "php-zts"
            | "php-debug"
            | "hhvm"
            | "composer"
            | "composer-plugin-api"
            | "composer-runtime-api"
    ) || name.starts_with("ext-")
        || name.starts_with("lib-")
        || !name.contains('/')
}

/// Edges among `kept`: (entry, its package's index in the catalog).
pub fn edges(kept: &[(&Entry, usize)]) -> Vec<Relationship> {
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    let mut providers: BTreeMap<String, usize> = BTreeMap::new();
    for (entry, index) in kept {
        by_name
            .entry(entry.name.to_ascii_lowercase())
            .or_insert(*index);
        for provided in &entry.provides {
            providers
                .entry(provided.to_ascii_lowercase())
                .or_insert(*index);
        }
    }
    let mut found = BTreeSet::new();
    for (entry, from) in kept {
        for required in entry.require.iter().filter(|r| !is_platform(r)) {
            let required = required.to_ascii_lowercase();
            let target = by_name.get(&required).or_else(|| providers.get(&required));
            if let Some(&to) = target.filter(|to| *to != from) {
                found.insert((*from, to));
            }
        }
    }
    Relationship::depends_on_all(found)
}

#[cfg(test)]
mod tests {
    use super::is_platform;

    #[test]
    fn platform_packages() {
        for name in [
            "php",
            "PHP-64bit",
            "ext-mbstring",
            "lib-icu",
            "composer-plugin-api",
        ] {
            assert!(is_platform(name), "{name}");
        }
        for name in ["psr/log", "symfony/polyfill-php80", "phpunit/phpunit"] {
            assert!(!is_platform(name), "{name}");
        }
    }
}
