//! Trove license classifiers (`License :: OSI Approved :: MIT License`) as
//! licenses, with the SPDX id where the classifier names exactly one.

use crate::license::License;

/// The license a classifier states, if it is a license classifier.
pub fn license(classifier: &str) -> Option<License> {
    let name = classifier
        .strip_prefix("License ::")?
        .rsplit("::")
        .next()?
        .trim();
    if name.is_empty() || name == "OSI Approved" {
        return None;
    }
    let spdx = match name {
        "MIT License" => Some("MIT"),
        "Apache Software License" => Some("Apache-2.0"),
        "ISC License (ISCL)" => Some("ISC"),
        "Python Software Foundation License" => Some("PSF-2.0"),
        "Mozilla Public License 2.0 (MPL 2.0)" => Some("MPL-2.0"),
        "GNU General Public License v2 (GPLv2)" => Some("GPL-2.0-only"),
        "GNU General Public License v2 or later (GPLv2+)" => Some("GPL-2.0-or-later"),
        "GNU General Public License v3 (GPLv3)" => Some("GPL-3.0-only"),
        "GNU General Public License v3 or later (GPLv3+)" => Some("GPL-3.0-or-later"),
        "GNU Lesser General Public License v2 (LGPLv2)" => Some("LGPL-2.0-only"),
        "GNU Lesser General Public License v2 or later (LGPLv2+)" => Some("LGPL-2.0-or-later"),
        "GNU Lesser General Public License v3 (LGPLv3)" => Some("LGPL-3.0-only"),
        "GNU Lesser General Public License v3 or later (LGPLv3+)" => Some("LGPL-3.0-or-later"),
        "The Unlicense (Unlicense)" => Some("Unlicense"),
        "Zope Public License" => Some("ZPL-2.1"),
        "Eclipse Public License 2.0 (EPL-2.0)" => Some("EPL-2.0"),
        "Boost Software License 1.0 (BSL-1.0)" => Some("BSL-1.0"),
        "Universal Permissive License (UPL)" => Some("UPL-1.0"),
        "MIT No Attribution License (MIT-0)" => Some("MIT-0"),
        _ => None,
    };
    Some(License {
        value: name.to_owned(),
        spdx: spdx.map(str::to_owned),
    })
}
