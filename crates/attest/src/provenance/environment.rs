//! The CI a provenance is written from, read from its documented
//! environment variables: GitHub Actions (`GITHUB_ACTIONS=true`; the
//! fields GitHub's `actions/attest-build-provenance` writes, each from the
//! variable that carries the same value as the OIDC claim it reads) and
//! GitLab CI (`GITLAB_CI=true`; its `CI_*` variables). A variable a field
//! needs that is unset or empty fails with its name: nothing is guessed.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};
use tallyman_oci::fail;

use super::{Dependency, GITHUB_BUILD_TYPE};
use crate::error::Result;

/// tallyman's build type for a GitLab CI job (GitLab publishes none for
/// what a job builds: its runner's own provenance is of job artifacts, with
/// fields no certificate can be checked against), described in
/// `docs/buildtypes/gitlab-ci-v1.md`: its fields are the job's `CI_*`
/// variables, named as Fulcio names them for GitLab.
pub const GITLAB_BUILD_TYPE: &str = "urn:tallyman:buildtype:gitlab-ci:v1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ci {
    GitHub,
    GitLab,
}

/// The environment variables of the run, and the CI they show.
pub struct Environment {
    vars: BTreeMap<String, String>,
    ci: Option<Ci>,
}

/// The environment tallyman runs in.
pub fn detect() -> Environment {
    Environment::from_vars(std::env::vars())
}

/// What the environment says of the build (the parts of the predicate it
/// fills).
#[derive(Default)]
pub(super) struct Build {
    pub build_type: Option<String>,
    pub builder_id: Option<String>,
    pub external_parameters: Map<String, Value>,
    pub internal_parameters: Map<String, Value>,
    pub dependencies: Vec<Dependency>,
    pub invocation_id: Option<String>,
}

impl Environment {
    /// An environment of these variables (tests give their own).
    pub fn from_vars(vars: impl IntoIterator<Item = (String, String)>) -> Environment {
        let vars: BTreeMap<String, String> = vars.into_iter().collect();
        let ci = if vars.get("GITHUB_ACTIONS").is_some_and(|v| v == "true") {
            Some(Ci::GitHub)
        } else if vars.get("GITLAB_CI").is_some_and(|v| v == "true") {
            Some(Ci::GitLab)
        } else {
            None
        };
        Environment { vars, ci }
    }

    /// The CI's name, when one is detected.
    pub fn name(&self) -> Option<&'static str> {
        self.ci.map(|ci| match ci {
            Ci::GitHub => "GitHub Actions",
            Ci::GitLab => "GitLab CI",
        })
    }

    /// A variable the provenance needs.
    fn var(&self, name: &str) -> Result<&str> {
        match self.vars.get(name).map(|v| v.trim()) {
            Some(value) if !value.is_empty() => Ok(value),
            _ => fail!(
                "{} provenance needs {name}, which this environment does not set",
                self.name().unwrap_or("the")
            ),
        }
    }

    pub(super) fn build(&self) -> Result<Build> {
        match self.ci {
            Some(Ci::GitHub) => self.github(),
            Some(Ci::GitLab) => self.gitlab(),
            None => Ok(Build::default()),
        }
    }

    /// GitHub Actions, as `actions/attest-build-provenance` writes it (its
    /// claims come from the job's OIDC token; each has a default variable
    /// with the same value: `workflow_ref` is `GITHUB_WORKFLOW_REF`, and so
    /// on). The builder is the workflow that ran the job: the token's
    /// `job_workflow_ref`, which no variable carries, is the top-level
    /// workflow's `GITHUB_WORKFLOW_REF` unless the job runs in a reusable
    /// workflow — and then a keyless signature's check against the
    /// certificate fails rather than letting the claim stand.
    fn github(&self) -> Result<Build> {
        let server = self.var("GITHUB_SERVER_URL")?.trim_end_matches('/');
        let repository = self.var("GITHUB_REPOSITORY")?;
        let workflow_ref = self.var("GITHUB_WORKFLOW_REF")?;
        // owner/repo/.github/workflows/release.yml@refs/heads/main
        let Some((path, _)) = workflow_ref
            .strip_prefix(&format!("{repository}/"))
            .and_then(|rest| rest.split_once('@'))
        else {
            fail!("GITHUB_WORKFLOW_REF={workflow_ref:?} is not {repository}/PATH@REF");
        };
        let git_ref = self.var("GITHUB_REF")?;
        let repository_url = format!("{server}/{repository}");
        Ok(Build {
            build_type: Some(GITHUB_BUILD_TYPE.to_owned()),
            builder_id: Some(format!("{server}/{workflow_ref}")),
            external_parameters: object(json!({
                "workflow": {"ref": git_ref, "repository": repository_url, "path": path},
            })),
            internal_parameters: object(json!({
                "github": {
                    "event_name": self.var("GITHUB_EVENT_NAME")?,
                    "repository_id": self.var("GITHUB_REPOSITORY_ID")?,
                    "repository_owner_id": self.var("GITHUB_REPOSITORY_OWNER_ID")?,
                    "runner_environment": self.var("RUNNER_ENVIRONMENT")?,
                },
            })),
            dependencies: vec![Dependency {
                uri: format!("git+{repository_url}@{git_ref}"),
                digest: vec![("gitCommit".to_owned(), self.var("GITHUB_SHA")?.to_owned())],
            }],
            invocation_id: Some(format!(
                "{repository_url}/actions/runs/{}/attempts/{}",
                self.var("GITHUB_RUN_ID")?,
                self.var("GITHUB_RUN_ATTEMPT")?
            )),
        })
    }

    /// GitLab CI: the project and commit built, the pipeline configuration
    /// that ran (as Fulcio names it for GitLab: `CI_SERVER_URL/` +
    /// `CI_CONFIG_PATH`'s project path `//` file `@` ref), the job.
    fn gitlab(&self) -> Result<Build> {
        let server = self.var("CI_SERVER_URL")?.trim_end_matches('/');
        let project_url = self.var("CI_PROJECT_URL")?;
        let project_path = self.var("CI_PROJECT_PATH")?;
        let git_ref = match self.vars.get("CI_COMMIT_TAG").filter(|t| !t.is_empty()) {
            Some(tag) => format!("refs/tags/{tag}"),
            None => format!("refs/heads/{}", self.var("CI_COMMIT_REF_NAME")?),
        };
        let config = format!(
            "{server}/{project_path}//{}@{git_ref}",
            self.var("CI_CONFIG_PATH")?
        );
        Ok(Build {
            build_type: Some(GITLAB_BUILD_TYPE.to_owned()),
            builder_id: Some(config.clone()),
            external_parameters: object(json!({
                "pipeline": {"source": project_url, "config": config, "ref": git_ref},
                "job": self.var("CI_JOB_NAME")?,
            })),
            internal_parameters: object(json!({
                "gitlab": {
                    "pipeline_source": self.var("CI_PIPELINE_SOURCE")?,
                    "project_id": self.var("CI_PROJECT_ID")?,
                    "namespace_id": self.var("CI_PROJECT_NAMESPACE_ID")?,
                    "pipeline_id": self.var("CI_PIPELINE_ID")?,
                    "runner_id": self.var("CI_RUNNER_ID")?,
                },
            })),
            dependencies: vec![Dependency {
                uri: format!("git+{project_url}@{git_ref}"),
                digest: vec![(
                    "gitCommit".to_owned(),
                    self.var("CI_COMMIT_SHA")?.to_owned(),
                )],
            }],
            invocation_id: Some(self.var("CI_JOB_URL")?.to_owned()),
        })
    }
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
