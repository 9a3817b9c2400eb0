//! `tallyman copy SRC DST`: an image and everything attached to it, copied
//! between repositories or registries with every digest kept (see
//! [`tallyman::copy`]). Credentials for both come from the auth files
//! (`docker login`, `REGISTRY_AUTH_FILE`).

use anyhow::{bail, Result};
use indicatif::HumanBytes;
use tallyman::copy::{self, Attachment, Plan, Push, Selection};
use tallyman::oci::registry::RegistryOptions;
use tallyman::oci::{ImageReference, Platform};
use tallyman::source::SourceSpec;

use super::{parse_platform, progress, write_output, RegistryArgs, Reporting};

#[derive(clap::Args)]
pub struct CopyArgs {
    /// The image to copy (registry:REF, or a bare reference).
    source: String,
    /// Where to copy it (registry:REF); without a tag or digest, the source's tag.
    destination: String,
    /// Copy only these attachments, not the image (comma separated: sig, att, sbom, referrers), as cosign copy --only.
    #[arg(long, value_delimiter = ',', value_parser = parse_attachment)]
    only: Vec<Attachment>,
    /// Copy only this platform's image of a multi-platform index (OS/ARCH[/VARIANT]).
    #[arg(long, value_parser = parse_platform)]
    platform: Option<Platform>,
    /// Print what would be copied, and copy nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    registry: RegistryArgs,
    #[command(flatten)]
    reporting: Reporting,
}

fn parse_attachment(text: &str) -> Result<Attachment, String> {
    Attachment::parse(text).map_err(|e| e.to_string())
}

/// The registry reference `text` names; `role` says what it is for.
pub fn registry_source(text: &str, role: &str) -> Result<ImageReference> {
    let spec = SourceSpec::parse(text)?;
    match spec.registry_reference() {
        Some(reference) => Ok(reference.clone()),
        None => bail!("{text}: the {role} must be a registry image (registry:REF)"),
    }
}

pub fn run(args: CopyArgs) -> Result<()> {
    let source_ref = registry_source(&args.source, "source of a copy")?;
    let destination_ref = registry_source(&args.destination, "destination of a copy")?;
    if destination_ref.digest.is_some() {
        bail!(
            "{}: the destination names a digest; give a repository, or a tag (digests are kept)",
            args.destination
        );
    }
    let options = RegistryOptions {
        client: args.registry.client_options(),
        credentials: None,
    };
    let tag = if names_a_tag(&args.destination) {
        destination_ref.tag.clone()
    } else {
        source_ref.tag.clone()
    };
    let attachments = if args.only.is_empty() {
        Attachment::ALL.to_vec()
    } else {
        args.only.clone()
    };
    let selection = Selection {
        platform: args.platform.as_ref(),
        attachments: &attachments,
        with_image: args.only.is_empty(),
    };
    let bar = progress::CopyBar::new(args.reporting.quiet);
    let (plan, copied) = copy::copy(
        &source_ref,
        &destination_ref,
        tag.as_deref(),
        &selection,
        &options,
        args.dry_run,
        &bar,
    )?;
    drop(bar);
    let Some(copied) = copied else {
        let listing = describe(&plan, &destination_ref);
        return write_output(None, listing.as_bytes(), "plan");
    };
    args.reporting.note(&format!(
        "copied {} manifest{} and {} blob{} to {} ({} uploaded; {} mounted, {} already there)",
        copied.manifests,
        plural(copied.manifests),
        plan.blobs.len(),
        plural(plan.blobs.len()),
        destination_ref.name(),
        HumanBytes(copied.bytes_uploaded),
        copied.blobs_mounted,
        copied.blobs_present,
    ));
    Ok(())
}

/// Whether a reference as written names a tag (`repo` alone gets `latest`
/// from the parser; here it means "the source's tag").
fn names_a_tag(text: &str) -> bool {
    let last = text.rsplit('/').next().unwrap_or(text);
    last.split('@').next().unwrap_or(last).contains(':')
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `--dry-run`'s listing: one line per blob and manifest, then the totals.
fn describe(plan: &Plan, destination: &ImageReference) -> String {
    let mut out = String::new();
    for blob in &plan.blobs {
        out.push_str(&format!(
            "blob     {} {} ({})\n",
            blob.digest,
            HumanBytes(blob.size),
            blob.what
        ));
    }
    for item in &plan.manifests {
        let to = match &item.push {
            Push::Tag(tag) => format!("tag {tag}"),
            Push::Digest => "by digest".to_owned(),
            Push::Referrer(subject) => format!("referrer of {subject}"),
        };
        out.push_str(&format!(
            "manifest {} {} -> {to} ({})\n",
            item.manifest.digest, item.manifest.media_type, item.what
        ));
    }
    let total: u64 = plan.blobs.iter().map(|b| b.size).sum();
    out.push_str(&format!(
        "would copy {} manifest{} and {} blob{} ({}) to {}\n",
        plan.manifests.len(),
        plural(plan.manifests.len()),
        plan.blobs.len(),
        plural(plan.blobs.len()),
        HumanBytes(total),
        destination.name()
    ));
    out
}
