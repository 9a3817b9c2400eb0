//! Shell completions and manual pages (issue #32), generated from the
//! command line itself: bash loads the script and completes with it, and
//! `man` renders every page.

use crate::support::{self, ok, stderr};

use std::process::Command;

fn tallyman(args: &[&str]) -> String {
    let out = ok(support::command().args(args).output().unwrap());
    String::from_utf8(out.stdout).unwrap()
}

/// What bash's completion of `words` (the last one being completed) offers.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = tallyman(&["completion", "bash"]);
    let line = format!(
        "{script}\nCOMP_WORDS=({}); COMP_CWORD={}; _tallyman tallyman '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = Command::new("bash").arg("-c").arg(line).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_subcommands_and_flags() {
    let registered = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{}\ncomplete -p tallyman",
            tallyman(&["completion", "bash"])
        ))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&registered.stdout),
        "complete -o bashdefault -o default -o nosort -F _tallyman tallyman\n"
    );
    assert_eq!(bash_completes(&["tallyman", "sc"]), ["scan", "scan-many"]);
    assert_eq!(
        bash_completes(&["tallyman", "verify-a"]),
        ["verify-attestation"]
    );
    assert_eq!(
        bash_completes(&["tallyman", "scan", "--verify-d"]),
        ["--verify-diff-ids"]
    );
    assert_eq!(bash_completes(&["tallyman", "sbom", "down"]), ["download"]);
}

#[test]
fn zsh_fish_and_the_others_are_generated() {
    let zsh = tallyman(&["completion", "zsh"]);
    assert!(zsh.starts_with("#compdef tallyman\n"), "{zsh}");
    let fish = tallyman(&["completion", "fish"]);
    for subcommand in [
        "scan",
        "scan-many",
        "attest",
        "verify-attestation",
        "copy",
        "diff",
        "sbom",
        "provenance",
    ] {
        assert!(
            fish.contains(&format!("-a \"{subcommand}\"")),
            "fish: {subcommand}"
        );
    }
    assert!(tallyman(&["completion", "powershell"]).contains("Register-ArgumentCompleter"));
    assert!(tallyman(&["completion", "elvish"]).contains("edit:completion:arg-completer[tallyman]"));
    let out = support::command()
        .args(["completion", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: invalid value 'tcsh' for '<SHELL>'"));
}

/// `page` rendered by man as plain text.
fn rendered(page: &str) -> String {
    let mut man = Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "100")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("man (man-db: bash test.sh installs it)");
    use std::io::Write;
    man.stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = man.wait_with_output().unwrap();
    assert!(out.status.success());
    // Without a terminal man still overstrikes bold and underlined text
    // (`N\bN`, `_\bx`): keep the last character of each.
    let mut plain = String::new();
    for c in String::from_utf8(out.stdout).unwrap().chars() {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
    }
    plain
}

#[test]
fn man_renders_the_page_and_every_subcommands() {
    let main = rendered(&tallyman(&["man-page"]));
    assert!(
        main.contains("tallyman - SBOM generator and container image scanner"),
        "{main}"
    );
    let version = format!("tallyman {}", env!("CARGO_PKG_VERSION"));
    assert!(main.contains(&version), "{main}");
    // Each subcommand the main page refers to has a page of its own.
    for (args, title) in [
        (vec!["scan"], "tallyman-scan"),
        (vec!["verify-attestation"], "tallyman-verify-attestation"),
        (vec!["sbom", "download"], "tallyman-sbom-download"),
    ] {
        assert!(
            main.contains(&format!("{title}(1)")) || args.len() > 1,
            "{title}"
        );
        let mut man_args = vec!["man-page"];
        man_args.extend(&args);
        let page = rendered(&tallyman(&man_args));
        assert!(page.starts_with(&format!("{title}(1)")), "{page}");
    }
    let scan = rendered(&tallyman(&["man-page", "scan"]));
    assert!(scan.contains("--verify-diff-ids"), "{scan}");
    let out = support::command()
        .args(["man-page", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "tallyman: error: man-page: \"nope\" is not a subcommand of tallyman\n"
    );
}
