//! Azure Linux (CBL-Mariner) distroless images keep no rpm database; their
//! build writes `var/lib/rpmmanifest/container-manifest-2` instead, one line
//! per package, tab-separated, from `rpm -qa --qf
//! "%{NAME}\t%{VERSION}-%{RELEASE}\t%{INSTALLTIME}\t%{BUILDTIME}\t%{VENDOR}\t%{EPOCH}\t%{SIZE}\t%{ARCH}\t%{EPOCHNUM}\t%{SOURCERPM}\n"`.

use super::Installed;

/// The packages of a manifest, and how many lines were not package lines.
pub fn parse(text: &str) -> (Vec<Installed>, usize) {
    let mut found = Vec::new();
    let mut bad = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match parse_line(line) {
            Some(installed) => found.push(installed),
            None => bad += 1,
        }
    }
    (found, bad)
}

fn parse_line(line: &str) -> Option<Installed> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [name, version_release, _installed, _built, vendor, epoch, size, arch, epoch_number, source_rpm, ..] =
        fields.as_slice()
    else {
        return None;
    };
    let (version, release) = version_release.rsplit_once('-')?;
    if name.is_empty() || version.is_empty() {
        return None;
    }
    let known = |v: &str| (!v.is_empty() && v != "(none)").then(|| v.to_owned());
    Some(Installed {
        name: (*name).to_owned(),
        epoch: known(epoch).and_then(|_| epoch_number.parse().ok()),
        version: version.to_owned(),
        release: release.to_owned(),
        arch: known(arch),
        source_rpm: known(source_rpm),
        vendor: known(vendor),
        size: size.parse().ok(),
        ..Installed::default()
    })
}
