//! The table for people: NAME, VERSION, TYPE and the LAYER that added each
//! package (`index:short-digest`), narrowed to fit the terminal.

use crate::Sbom;

const HEADERS: [&str; 4] = ["NAME", "VERSION", "TYPE", "LAYER"];
const GAP: usize = 2;

pub fn render(sbom: &Sbom, width: Option<usize>) -> String {
    if sbom.packages.is_empty() {
        return "No packages found\n".to_owned();
    }
    let rows: Vec<[String; 4]> = sbom
        .packages
        .iter()
        .map(|p| {
            let mut layer = layer_label(sbom, p.layer);
            if let Some(deleted) = p.deleted_in {
                layer = format!("{layer} (deleted in {})", layer_label(sbom, deleted));
            }
            [
                p.package.name.clone(),
                p.package.version.clone(),
                p.package.kind.as_str().to_owned(),
                layer,
            ]
        })
        .collect();
    columns(&HEADERS, &rows, width)
}

/// Aligned columns under `headers`; with a terminal `width`, the first two
/// columns (names and versions, the long ones) shrink until a row fits.
pub(crate) fn columns<const N: usize>(
    headers: &[&str; N],
    rows: &[[String; N]],
    width: Option<usize>,
) -> String {
    let mut widths = headers.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    if let Some(limit) = width {
        fit(&mut widths, limit);
    }
    let mut out = String::new();
    push_row(&mut out, &headers.map(str::to_owned), &widths);
    for row in rows {
        push_row(&mut out, row, &widths);
    }
    out
}

fn layer_label(sbom: &Sbom, index: usize) -> String {
    match sbom.layer_id(index) {
        Some(digest) => format!("{index}:{}", digest.short()),
        None => index.to_string(),
    }
}

/// Shrinks the NAME and VERSION columns (the long ones) until the row fits.
fn fit<const N: usize>(widths: &mut [usize; N], limit: usize) {
    let total = |w: &[usize; N]| w.iter().sum::<usize>() + GAP * (N - 1);
    while total(widths) > limit {
        let widest = if widths[0] >= widths[1] { 0 } else { 1 };
        if widths[widest] <= 8 {
            break;
        }
        widths[widest] -= 1;
    }
}

fn push_row<const N: usize>(out: &mut String, cells: &[String; N], widths: &[usize; N]) {
    let mut line = String::new();
    for (i, (cell, &width)) in cells.iter().zip(widths).enumerate() {
        let shown = truncate(cell, width);
        line.push_str(&shown);
        if i + 1 < cells.len() {
            let pad = width - shown.chars().count() + GAP;
            line.extend(std::iter::repeat_n(' ', pad));
        }
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

fn truncate(cell: &str, width: usize) -> String {
    if cell.chars().count() <= width {
        return cell.to_owned();
    }
    let mut shown: String = cell.chars().take(width.saturating_sub(1)).collect();
    shown.push('…');
    shown
}
