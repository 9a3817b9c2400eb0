//! The lockfile parsers against syft's fixtures (npm rows of
//! shared/fixtures/syft/MANIFEST.md). Dev dependencies are counted out, as
//! syft does by default.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/npm/testdata")
            .join(name),
    )
    .unwrap()
}

fn ids(lock: &Lock) -> Vec<String> {
    let mut ids: Vec<String> = lock
        .entries
        .iter()
        .filter(|e| !e.dev)
        .map(|e| format!("{}@{}", e.name, e.version))
        .collect();
    ids.sort();
    ids
}

/// dependant -> sorted dependency names.
fn edges(lock: &Lock) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for &(from, to) in &lock.edges {
        map.entry(lock.entries[from].name.clone())
            .or_default()
            .push(lock.entries[to].name.clone());
    }
    for v in map.values_mut() {
        v.sort();
    }
    map
}

fn edge_map(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
        .collect()
}

#[test]
fn package_lock_v1_with_node_modules() {
    let lock = parse_package_lock(&fixture(
        "package-lock-v1-with-node_modules/package-lock.json",
    ))
    .unwrap();
    assert_eq!(lock.entries.len(), 12);
    assert_eq!(lock.entries.iter().filter(|e| e.dev).count(), 1);
    assert_eq!(
        ids(&lock),
        [
            "@actions/core@1.6.0",
            "ansi-regex@3.0.0",
            "cowsay@1.4.0",
            "get-stdin@5.0.1",
            "is-fullwidth-code-point@2.0.0",
            "minimist@0.0.10",
            "optimist@0.6.1",
            "string-width@2.1.1",
            "strip-ansi@4.0.0",
            "strip-eof@1.0.0",
            "wordwrap@0.0.3"
        ]
    );
    assert!(lock.edges.is_empty(), "v1 gives no relationships");
}

#[test]
fn package_lock_v2() {
    let lock = parse_package_lock(&fixture("package-lock-v2.json")).unwrap();
    assert_eq!(
        ids(&lock),
        [
            "@types/prop-types@15.7.5",
            "@types/react@18.0.17",
            "@types/scheduler@0.16.2",
            "csstype@3.1.0",
            "npm@6.14.6"
        ]
    );
    assert!(lock.entries.iter().find(|e| e.name == "npm").unwrap().root);
    assert_eq!(
        lock.entries
            .iter()
            .find(|e| e.name == "csstype")
            .unwrap()
            .license
            .as_deref(),
        Some("MIT")
    );
    assert_eq!(
        edges(&lock),
        edge_map(&[
            (
                "@types/react",
                &["@types/prop-types", "@types/scheduler", "csstype"]
            ),
            ("npm", &["@types/react"]),
        ])
    );
}

#[test]
fn package_lock_v3() {
    let lock = parse_package_lock(&fixture("package-lock-v3.json")).unwrap();
    assert_eq!(
        ids(&lock),
        [
            "@types/prop-types@15.7.5",
            "@types/react@18.0.20",
            "@types/scheduler@0.16.2",
            "csstype@3.1.1",
            "lock-v3-fixture@1.0.0"
        ]
    );
    assert_eq!(
        edges(&lock),
        edge_map(&[
            (
                "@types/react",
                &["@types/prop-types", "@types/scheduler", "csstype"]
            ),
            ("lock-v3-fixture", &["@types/react"]),
        ])
    );
}

#[test]
fn package_lock_v1_nested_dedup() {
    let lock = parse_package_lock(&fixture("package-lock-v1-nested.json")).unwrap();
    assert_eq!(
        ids(&lock),
        [
            "duplicate@1.0.0",
            "middle@1.0.0",
            "parent@1.0.0",
            "shared@0.5.0",
            "shared@1.0.0",
            "shared@2.0.0"
        ]
    );
}

#[test]
fn package_lock_v2_aliases() {
    let lock = parse_package_lock(&fixture("package-lock-v2-alias.json")).unwrap();
    assert_eq!(
        ids(&lock),
        [
            "@bundled-es-modules/chai@4.2.2",
            "alias-check@1.0.0",
            "case@1.6.2",
            "case@1.6.3"
        ]
    );
    let root = lock.entries.iter().find(|e| e.root).unwrap();
    assert_eq!(root.license.as_deref(), Some("ISC"));
    let deps: Vec<String> = lock
        .edges
        .iter()
        .filter(|(from, _)| lock.entries[*from].root)
        .map(|&(_, to)| format!("{}@{}", lock.entries[to].name, lock.entries[to].version))
        .collect();
    assert_eq!(deps.len(), 3);
    for want in ["case@1.6.2", "case@1.6.3", "@bundled-es-modules/chai@4.2.2"] {
        assert!(deps.iter().any(|d| d == want), "{want} in {deps:?}");
    }
}

const YARN_NINE: [&str; 9] = [
    "@babel/code-frame@7.10.4",
    "@types/minimatch@3.0.3",
    "@types/qs@6.9.4",
    "ajv@6.12.3",
    "asn1.js@4.10.1",
    "atob@2.1.2",
    "aws-sdk@2.706.0",
    "jhipster-core@7.3.4",
    "something-i-made-up@7.7.7",
];

#[test]
fn yarn_v1() {
    let lock = parse_yarn_lock(&fixture("yarn-v1.lock")).unwrap();
    assert_eq!(ids(&lock), YARN_NINE);
}

#[test]
fn yarn_v1_with_dependencies() {
    let lock = parse_yarn_lock(&fixture("yarn-v1-deps.lock")).unwrap();
    assert_eq!(ids(&lock), YARN_NINE);
    // syft: asn1.js -> aws-sdk, atob -> asn1.js (provider -> dependant).
    let e = edges(&lock);
    assert_eq!(
        e.get("aws-sdk").map(Vec::as_slice),
        Some(&["asn1.js".to_owned()][..])
    );
    assert_eq!(
        e.get("asn1.js").map(Vec::as_slice),
        Some(&["atob".to_owned()][..])
    );
}

#[test]
fn yarn_berry() {
    let lock = parse_yarn_lock(&fixture("yarn-berry.lock")).unwrap();
    assert_eq!(
        ids(&lock),
        [
            "@babel/code-frame@7.10.4",
            "@types/minimatch@3.0.3",
            "@types/qs@6.9.4",
            "ajv@6.12.3",
            "asn1.js@4.10.1",
            "atob@2.1.2",
            "aws-sdk@2.706.0",
            "c0n-fab_u.laTION@7.7.7",
            "jhipster-core@7.3.4"
        ]
    );
}

#[test]
fn pnpm_v6() {
    let lock = parse_pnpm_lock(&fixture("pnpm-lock-v6.yaml")).unwrap();
    let mut got = ids(&lock);
    got.retain(|id| {
        [
            "@testing-library/jest-dom@5.16.5",
            "@testing-library/react@13.4.0",
            "@testing-library/user-event@13.5.0",
            "react@18.2.0",
            "react-dom@18.2.0",
            "web-vitals@2.1.4",
            "@babel/core@7.21.4",
            "@types/eslint@8.37.0",
            "read-cache@1.0.0",
            "schema-utils@3.1.2",
        ]
        .contains(&id.as_str())
    });
    assert_eq!(got.len(), 10, "{:?}", ids(&lock));
    assert_eq!(ids(&lock).len(), 10, "{:?}", ids(&lock));
}

#[test]
fn pnpm_v9_snapshots() {
    let lock = parse_pnpm_lock(&fixture("pnpm-lock-v9-snapshots.yaml")).unwrap();
    assert_eq!(
        ids(&lock),
        [
            "cross-spawn@7.0.6",
            "isexe@2.0.0",
            "path-key@3.1.1",
            "shebang-command@2.0.0",
            "shebang-regex@3.0.0",
            "which@2.0.2"
        ]
    );
    assert_eq!(
        edges(&lock),
        edge_map(&[
            ("cross-spawn", &["path-key", "shebang-command", "which"]),
            ("shebang-command", &["shebang-regex"]),
            ("which", &["isexe"]),
        ])
    );
}

#[test]
fn multibyte_first_characters_do_not_panic() {
    // Found by the npm_files fuzz target: a spec starting with a multi-byte
    // character was sliced inside it.
    assert_eq!(split_spec("é@1"), Some(("é", "1")));
    assert_eq!(split_spec("€"), None);
    let lock =
        parse_yarn_lock("# yarn lockfile v1\n\n\"\u{e9}x@1\":\n  version \"1\"\n".as_bytes())
            .unwrap();
    assert_eq!(lock.entries[0].name, "éx");
}

#[test]
fn spec_splitting() {
    assert_eq!(
        split_spec("@babel/core@^7.0.0"),
        Some(("@babel/core", "^7.0.0"))
    );
    assert_eq!(split_spec("ajv@6.12.3"), Some(("ajv", "6.12.3")));
    assert_eq!(
        npm_alias("npm:@bundled-es-modules/chai@4.2.2"),
        Some(("@bundled-es-modules/chai", "4.2.2"))
    );
    assert_eq!(npm_alias("^1.0.0"), None);
}
