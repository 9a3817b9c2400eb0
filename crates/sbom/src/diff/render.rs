//! A [`Diff`] as a table for people (one section each for added, removed
//! and changed packages, counts at the end), as json (the [`Diff`] itself:
//! `schemaVersion`, `from`, `to`, `summary`, `added`, `removed`, `changed`,
//! documented in the README) or as markdown for a pull-request comment.

use std::fmt::Write;

use crate::error::Result;
use tallyman_oci::fail;

use super::{Change, Diff, Direction, Entry};
use crate::format::columns;

/// The outputs of `tallyman diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Table,
    Json,
    Markdown,
}

impl DiffFormat {
    pub const NAMES: [&'static str; 3] = ["table", "json", "markdown"];

    pub fn parse(name: &str) -> Result<DiffFormat> {
        Ok(match name {
            "table" => DiffFormat::Table,
            "json" => DiffFormat::Json,
            "markdown" | "md" => DiffFormat::Markdown,
            other => fail!(
                "unknown diff format {other:?} (known: {})",
                DiffFormat::NAMES.join(", ")
            ),
        })
    }

    /// Renders `diff`; `width` is the terminal's width when writing to one.
    pub fn render(self, diff: &Diff, width: Option<usize>) -> Result<Vec<u8>> {
        Ok(match self {
            DiffFormat::Table => table(diff, width).into_bytes(),
            DiffFormat::Json => {
                let mut out = serde_json::to_vec_pretty(diff)?;
                out.push(b'\n');
                out
            }
            DiffFormat::Markdown => markdown(diff).into_bytes(),
        })
    }
}

/// The name, with the record's path when one key is installed in several places.
fn name(entry: &Entry) -> String {
    match (&entry.location, entry.shared_key) {
        (Some(location), true) => format!("{} ({location})", entry.name),
        _ => entry.name.clone(),
    }
}

/// The layer that brought the entry (for a removed package, the one that
/// removed it, else `was in` the one it came from).
fn layer(entry: &Entry, removed: bool) -> String {
    match (&entry.removed_in, &entry.layer) {
        (Some(removed_in), _) => removed_in.label(),
        (None, Some(layer)) if removed => format!("was in {}", layer.label()),
        (None, Some(layer)) => layer.label(),
        (None, None) => String::new(),
    }
}

/// What a change is: `up`, `down`, `unordered`, and `license`.
fn what(change: &Change) -> String {
    let mut parts = Vec::new();
    match change.version {
        Direction::Up => parts.push("up"),
        Direction::Down => parts.push("down"),
        Direction::Unordered => parts.push("changed"),
        Direction::Same => {}
    }
    if change.license_changed {
        parts.push("license");
    }
    parts.join(", ")
}

fn licenses(entry: &Entry) -> String {
    if entry.licenses.is_empty() {
        "(none)".to_owned()
    } else {
        entry.licenses.join(" AND ")
    }
}

/// `2 added, 1 removed, 3 changed (2 up, 1 down, 1 license), 700 unchanged`.
fn counts(diff: &Diff) -> String {
    let s = &diff.summary;
    let mut details = vec![
        format!("{} up", s.upgraded),
        format!("{} down", s.downgraded),
    ];
    let unordered = diff
        .changed
        .iter()
        .filter(|c| c.version == Direction::Unordered)
        .count();
    if unordered > 0 {
        details.push(format!("{unordered} unordered"));
    }
    details.push(format!("{} license", s.license_changed));
    format!(
        "{} added, {} removed, {} changed ({}), {} unchanged",
        s.added,
        s.removed,
        s.changed,
        details.join(", "),
        s.unchanged
    )
}

fn side_line(side: &super::Side) -> String {
    let mut line = format!("{} ({}", side.input, side.kind);
    if let Some(digest) = &side.digest {
        let _ = write!(line, " {digest}");
    }
    line.push(')');
    line
}

fn table(diff: &Diff, width: Option<usize>) -> String {
    let mut out = format!(
        "FROM  {}\nTO    {}\n",
        side_line(&diff.from),
        side_line(&diff.to)
    );
    for (title, list, removed) in sections(diff) {
        if !list.is_empty() {
            let _ = write!(out, "\n{}\n", title.to_uppercase());
            let rows: Vec<_> = list.iter().map(|e| entry_row(e, removed)).collect();
            out.push_str(&columns(
                &["NAME", "VERSION", "TYPE", "LAYER"],
                &rows,
                width,
            ));
        }
    }
    if !diff.changed.is_empty() {
        out.push_str("\nCHANGED\n");
        let rows: Vec<_> = diff.changed.iter().map(change_row).collect();
        out.push_str(&columns(
            &["NAME", "FROM", "TO", "CHANGE", "TYPE", "LAYER"],
            &rows,
            width,
        ));
    }
    let license_changes: Vec<[String; 3]> = diff
        .changed
        .iter()
        .filter(|c| c.license_changed)
        .map(|c| [name(&c.to), licenses(&c.from), licenses(&c.to)])
        .collect();
    if !license_changes.is_empty() {
        out.push_str("\nLICENSES CHANGED\n");
        out.push_str(&columns(&["NAME", "FROM", "TO"], &license_changes, width));
    }
    let _ = writeln!(out, "\n{}", counts(diff));
    out
}

/// A markdown table cell: pipes escaped, code spans safe, one line.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn markdown(diff: &Diff) -> String {
    let mut out = format!(
        "### Package changes\n\n`{}` → `{}`\n\n**{}**\n",
        cell(&diff.from.input),
        cell(&diff.to.input),
        counts(diff)
    );
    for (title, list, removed) in sections(diff) {
        if !list.is_empty() {
            let _ = write!(out, "\n#### {title} ({})\n\n", list.len());
            let rows = list.iter().map(|e| entry_row(e, removed));
            markdown_table(&mut out, &["Package", "Version", "Type", "Layer"], rows);
        }
    }
    if !diff.changed.is_empty() {
        let _ = write!(out, "\n#### Changed ({})\n\n", diff.changed.len());
        let rows = diff.changed.iter().map(|c| {
            let mut row = change_row(c);
            if c.license_changed {
                row[3] = format!("{}: {} → {}", row[3], licenses(&c.from), licenses(&c.to));
            }
            row
        });
        let headers = ["Package", "From", "To", "Change", "Type", "Layer"];
        markdown_table(&mut out, &headers, rows);
    }
    out
}

/// A markdown table: the header, its rule, and the rows' cells escaped.
fn markdown_table<const N: usize>(
    out: &mut String,
    headers: &[&str; N],
    rows: impl Iterator<Item = [String; N]>,
) {
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(N));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

/// The added and removed packages with their titles (and whether removed).
fn sections(diff: &Diff) -> [(&'static str, &[Entry], bool); 2] {
    [
        ("Added", &diff.added, false),
        ("Removed", &diff.removed, true),
    ]
}

/// NAME, VERSION, TYPE, LAYER of an added or removed package.
fn entry_row(e: &Entry, removed: bool) -> [String; 4] {
    [
        name(e),
        e.version.clone(),
        e.purl_type.clone(),
        layer(e, removed),
    ]
}

/// NAME, FROM, TO, CHANGE, TYPE, LAYER of a changed package.
fn change_row(c: &Change) -> [String; 6] {
    [
        name(&c.to),
        c.from.version.clone(),
        c.to.version.clone(),
        what(c),
        c.purl_type.clone(),
        layer(&c.to, false),
    ]
}
