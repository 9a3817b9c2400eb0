//! Licenses from Debian's `/usr/share/doc/PACKAGE/copyright`.
//!
//! Only machine-readable files (DEP-5, with a `Format:` header) are read: the
//! values of their `License:` fields (`none` and empty values dropped) and the
//! `/usr/share/common-licenses/NAME` files they refer to, sorted and
//! deduplicated — the same reading syft gives, so results compare. Free-form
//! copyright files give nothing rather than a guess.

const COMMON_LICENSES: &str = "/usr/share/common-licenses/";

/// The license names a DEP-5 copyright file declares, or `None` when the file
/// is not machine-readable.
pub fn dep5_licenses(data: &[u8]) -> Option<Vec<String>> {
    let text = String::from_utf8_lossy(data);
    let first_paragraph = text.split("\n\n").next().unwrap_or_default();
    let is_dep5 = first_paragraph
        .lines()
        .any(|line| field_value(line, "format").is_some());
    if !is_dep5 {
        return None;
    }
    let mut names: Vec<String> = text
        .lines()
        .filter_map(|line| field_value(line, "license"))
        .filter(|value| !value.is_empty() && !value.eq_ignore_ascii_case("none"))
        .map(str::to_owned)
        .collect();
    let mut rest = text.as_ref();
    while let Some(at) = rest.find(COMMON_LICENSES) {
        rest = &rest[at + COMMON_LICENSES.len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
            .collect();
        let name = name.trim_end_matches('.');
        if !name.is_empty() {
            names.push(name.to_owned());
        }
    }
    names.sort();
    names.dedup();
    Some(names)
}

fn field_value<'a>(line: &'a str, field: &str) -> Option<&'a str> {
    let (name, value) = line.split_once(':')?;
    name.eq_ignore_ascii_case(field).then(|| value.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liblzma5_dep5_gives_syfts_list() {
        let names = dep5_licenses(include_bytes!("testdata/copyright-liblzma5-dep5")).unwrap();
        assert_eq!(
            names,
            [
                "Autoconf",
                "GPL-2",
                "GPL-2+",
                "GPL-3",
                "LGPL-2",
                "LGPL-2.1",
                "LGPL-2.1+",
                "PD",
                "PD-debian",
                "config-h",
                "noderivs",
                "permissive-fsf",
                "permissive-nowarranty",
                "probably-PD"
            ]
        );
    }

    #[test]
    fn free_form_copyright_gives_nothing() {
        assert_eq!(
            dep5_licenses(include_bytes!("testdata/copyright-libc6-nondep5")),
            None
        );
    }
}
