//! The distribution an image is built on, from `os-release`.
//!
//! Read from `etc/os-release`, falling back to `usr/lib/os-release` (the file
//! `/etc/os-release` usually links to), as the os-release(5) manual says.

use serde::Serialize;

use crate::view::ImageFiles;

/// Where os-release may be, in the order os-release(5) gives.
pub const OS_RELEASE_PATHS: &[&str] = &["etc/os-release", "usr/lib/os-release"];

/// apk's repository list: names the Alpine release when os-release is missing.
pub const APK_REPOSITORIES: &str = "etc/apk/repositories";

/// Every file distro detection reads.
pub const DISTRO_PATHS: &[&str] = &["etc/os-release", "usr/lib/os-release", APK_REPOSITORIES];

/// The fields of os-release that SBOMs use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Distro {
    /// `ID`, e.g. `debian`.
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_codename: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pretty_name: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub id_like: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home_url: Option<String>,
}

impl Distro {
    /// Finds and parses the image's os-release, falling back to the Alpine
    /// release named by `etc/apk/repositories`.
    pub fn detect(files: &ImageFiles) -> Option<Distro> {
        OS_RELEASE_PATHS
            .iter()
            .filter_map(|path| files.read(path))
            .find_map(|file| Distro::parse_os_release(&String::from_utf8_lossy(file.content)))
            .or_else(|| {
                let repositories = files.read(APK_REPOSITORIES)?;
                Distro::from_apk_repositories(&String::from_utf8_lossy(repositories.content))
            })
    }

    /// `…/alpine/v3.18/main` → Alpine 3.18; `…/alpine/edge/main` → Alpine edge.
    pub fn from_apk_repositories(text: &str) -> Option<Distro> {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.starts_with('#'))
            .find_map(|line| {
                let (_, rest) = line.split_once("/alpine/")?;
                let release = rest.split('/').next()?;
                let version = release.strip_prefix('v').unwrap_or(release);
                (!version.is_empty()).then(|| Distro {
                    id: "alpine".to_owned(),
                    version_id: Some(version.to_owned()),
                    ..Distro::default()
                })
            })
    }

    /// Parses os-release text; `None` when it names no `ID`.
    pub fn parse_os_release(text: &str) -> Option<Distro> {
        let mut distro = Distro::default();
        for line in text.lines() {
            let Some((key, value)) = line.trim().split_once('=') else {
                continue;
            };
            let value = unquote(value.trim());
            if value.is_empty() {
                continue;
            }
            match key.trim() {
                "ID" => distro.id = value.to_ascii_lowercase(),
                "VERSION_ID" => distro.version_id = Some(value),
                "VERSION_CODENAME" => distro.version_codename = Some(value),
                "PRETTY_NAME" => distro.pretty_name = Some(value),
                "ID_LIKE" => distro.id_like = value.split_whitespace().map(str::to_owned).collect(),
                "HOME_URL" => distro.home_url = Some(value),
                _ => {}
            }
        }
        (!distro.id.is_empty()).then_some(distro)
    }

    /// The purl `distro` qualifier: `debian-12`, `alpine-3.23.6`, or the
    /// codename (`debian-trixie`) when there is no version, or the bare id.
    pub fn purl_qualifier(&self) -> String {
        match self.version_id.as_ref().or(self.version_codename.as_ref()) {
            Some(version) => format!("{}-{}", self.id, version),
            None => self.id.clone(),
        }
    }
}

fn unquote(value: &str) -> String {
    let inner = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    inner.replace("\\\"", "\"").replace("\\\\", "\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_debian_os_release() {
        let d = Distro::parse_os_release(
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n",
        )
        .unwrap();
        assert_eq!(d.id, "debian");
        assert_eq!(d.version_id.as_deref(), Some("12"));
        assert_eq!(
            d.pretty_name.as_deref(),
            Some("Debian GNU/Linux 12 (bookworm)")
        );
        assert_eq!(d.purl_qualifier(), "debian-12");
    }

    #[test]
    fn codename_when_no_version() {
        let d = Distro::parse_os_release("ID=debian\nVERSION_CODENAME=trixie\n").unwrap();
        assert_eq!(d.purl_qualifier(), "debian-trixie");
        assert!(Distro::parse_os_release("NAME=nothing\n").is_none());
    }
}
