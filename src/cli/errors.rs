//! Errors as this command line's users read them: one line, every cause of
//! the chain joined by `: `, and the library errors that are about a
//! setting worded with the flag that sets it (the libraries never name a
//! flag: they say "a certificate authority file" where this says
//! `--ca-cert`).

use std::error::Error as StdError;

use tallyman::{attest, oci, sbom};

/// The line printed for a failed command.
pub fn message(error: &anyhow::Error) -> String {
    let causes: Vec<String> = error
        .chain()
        .map(|cause| flag_words(cause).unwrap_or_else(|| cause.to_string()))
        .collect();
    causes.join(": ").replace('\n', " ")
}

/// A library error's whole chain, worded for this command line.
pub fn worded(error: &(dyn StdError + Send + Sync + 'static)) -> String {
    let mut causes = Vec::new();
    let mut next: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(cause) = next {
        causes.push(flag_words(cause).unwrap_or_else(|| cause.to_string()));
        next = cause.source();
    }
    causes.join(": ")
}

/// This cause's own line, when it is about a setting a flag sets.
fn flag_words(cause: &(dyn StdError + 'static)) -> Option<String> {
    if let Some(error) = cause.downcast_ref::<tallyman::Error>() {
        return match error {
            tallyman::Error::Oci(error) => oci_words(error),
            tallyman::Error::Attest(error) => attest_words(error),
            tallyman::Error::Sbom(error) => sbom_words(error),
            tallyman::Error::Layer(tallyman::layer::Error::Oci(error)) => oci_words(error),
            _ => None,
        };
    }
    if let Some(error) = cause.downcast_ref::<oci::Error>() {
        return oci_words(error);
    }
    if let Some(error) = cause.downcast_ref::<attest::Error>() {
        return attest_words(error);
    }
    if let Some(tallyman::layer::Error::Oci(error)) = cause.downcast_ref() {
        return oci_words(error);
    }
    cause.downcast_ref::<sbom::Error>().and_then(sbom_words)
}

fn oci_words(error: &oci::Error) -> Option<String> {
    Some(match error {
        oci::Error::CaCertificate { path, problem } => {
            format!("--ca-cert {}: {problem}", path.display())
        }
        oci::Error::HttpsOnly { registry, detail } => format!(
            "registry {registry}: cannot connect over HTTPS ({detail}); plain HTTP is only used for loopback hosts and --insecure-registry"
        ),
        oci::Error::PlatformSyntax { text } => {
            format!("--platform {text:?}: expected OS/ARCH or OS/ARCH/VARIANT, e.g. linux/amd64")
        }
        oci::Error::NoPlatform { .. } => format!("{error}; choose one with --platform"),
        _ => return None,
    })
}

fn attest_words(error: &attest::Error) -> Option<String> {
    Some(match error {
        attest::Error::UnknownPredicateType(name) => format!(
            "unknown --type {name:?} (spdxjson, spdx3json, cyclonedx, slsaprovenance, custom, or a predicate type URI)"
        ),
        attest::Error::SignedWithKey(what) => format!("{what}; verify it with --key"),
        attest::Error::NoIdentityToken => "keyless signing needs an OIDC identity token: give --identity-token TOKEN|@FILE or --key FILE, set SIGSTORE_ID_TOKEN, or run in GitHub Actions with `permissions: id-token: write`".to_owned(),
        attest::Error::GivenTokenMalformed(why) => {
            format!("--identity-token: not an OIDC identity token ({why})")
        }
        attest::Error::SignedKeyless(what) => format!(
            "{what}; verify it with --certificate-identity and --certificate-oidc-issuer"
        ),
        attest::Error::Oci(error) => return oci_words(error),
        _ => return None,
    })
}

fn sbom_words(error: &sbom::Error) -> Option<String> {
    match error {
        sbom::Error::PlatformImages { count } => Some(format!(
            "a tallyman json document of {count} platform images (--platform all); diff one platform's (-o json=DIR/ writes one each)"
        )),
        _ => None,
    }
}
