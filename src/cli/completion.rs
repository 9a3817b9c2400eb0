//! `tallyman completion SHELL` and `tallyman man-page [SUBCOMMAND]`: a
//! shell's completion script and the manual pages, all generated from the command line's own
//! definition (clap_complete, clap_mangen), so they never drift from it.
//! Release archives ship their output; a user can also install them
//! straight from the binary, e.g.
//! `tallyman completion bash > /etc/bash_completion.d/tallyman`.

use std::io::Write;

use anyhow::{Context, Result};

#[derive(clap::Args)]
pub struct CompletionArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Prints the completion script for `args.shell` of `command`.
pub fn run_completion(args: CompletionArgs, mut command: clap::Command) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "tallyman", &mut script);
    write_stdout(&script)
}

#[derive(clap::Args)]
pub struct ManPageArgs {
    /// A subcommand's page instead (`scan`, `sbom download`): tallyman-scan(1).
    subcommand: Vec<String>,
}

/// Prints the manual page of `command` or of the subcommand `args` names
/// (roff: `tallyman man-page scan | man -l -`).
pub fn run_man_page(args: ManPageArgs, mut command: clap::Command) -> Result<()> {
    // Building gives subcommands their display names (`tallyman-scan`),
    // which the pages are titled and referred to by.
    command.build();
    let mut page_of = &command;
    for name in &args.subcommand {
        page_of = page_of.find_subcommand(name).with_context(|| {
            format!(
                "man-page: {:?} is not a subcommand of {}",
                name,
                page_of.get_name()
            )
        })?;
    }
    let mut page = Vec::new();
    // Every page carries the version (subcommands have none of their own).
    clap_mangen::Man::new(page_of.clone().version(env!("CARGO_PKG_VERSION")))
        .render(&mut page)
        .context("rendering the manual page")?;
    write_stdout(&page)
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .context("writing to standard output")
}
