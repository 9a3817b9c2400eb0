//! Installed gemspecs: the Ruby that RubyGems writes into `specifications/`
//! when it installs a gem (`Gem::Specification#to_ruby`), read as text,
//! never run. Only what that writer produces is understood: one statement a
//! line inside `Gem::Specification.new do |s| … end`, each an assignment of
//! a literal (`s.name = "rack".freeze`, `s.licenses = ["MIT".freeze]`,
//! optionally followed by a `if s.respond_to? …` modifier) or a dependency
//! (`s.add_runtime_dependency(%q<rack>.freeze, ["~> 2.2"])`). The writer's
//! compatibility blocks (`if s.respond_to? :add_runtime_dependency then …
//! else … end`) repeat every dependency in their `else` branches, often
//! with development ones as plain `add_dependency`: statements inside an
//! `else` are skipped. Anything else (hand-written gemspecs' method calls,
//! string interpolation, multi-line expressions) is ignored.

use super::literal::{Reader, Value};

/// What an installed gemspec says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gemspec {
    pub name: Option<String>,
    pub version: Option<String>,
    /// `s.platform`, unless `ruby` (the default).
    pub platform: Option<String>,
    pub authors: Vec<String>,
    pub emails: Vec<String>,
    pub licenses: Vec<String>,
    pub homepage: Option<String>,
    pub summary: Option<String>,
    /// `s.metadata`'s pairs.
    pub metadata: Vec<(String, String)>,
    /// Runtime dependencies (`add_runtime_dependency`, `add_dependency`).
    pub dependencies: Vec<Dependency>,
}

/// A runtime dependency and its requirement (`["~> 2.2", ">= 2.2.4"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub name: String,
    pub requirements: Vec<String>,
}

/// Reads an installed gemspec's text.
pub fn parse(text: &str) -> Gemspec {
    let mut spec = Gemspec::default();
    let mut receiver = String::from("s");
    // One entry per open block: whether we are in its `else` branch.
    let mut blocks: Vec<bool> = Vec::new();
    for line in text.lines() {
        // RubyGems writes comments on lines of their own only; a `#` later
        // in a line is inside a string (`%q{Ruby #1}`).
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("Gem::Specification.new") {
            if let Some(name) = block_variable(line) {
                receiver = name.to_owned();
            }
            blocks.push(false);
            continue;
        }
        match first_word(line) {
            "if" | "unless" | "case" | "begin" | "while" | "until" => {
                blocks.push(false);
                continue;
            }
            "else" | "elsif" | "when" => {
                if let Some(in_else) = blocks.last_mut() {
                    *in_else = true;
                }
                continue;
            }
            "end" => {
                blocks.pop();
                continue;
            }
            _ => {}
        }
        if blocks.iter().any(|in_else| *in_else) {
            continue;
        }
        if let Some(statement) = line
            .strip_prefix(receiver.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
        {
            read_statement(&mut spec, statement);
        }
    }
    spec
}

/// `x` of `… do |x|`.
fn block_variable(line: &str) -> Option<&str> {
    let (_, after) = line.split_once('|')?;
    let (name, _) = after.split_once('|')?;
    let name = name.trim();
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')).then_some(name)
}

fn first_word(line: &str) -> &str {
    line.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or(line)
}

/// One `s.…` statement (the receiver already removed).
fn read_statement(spec: &mut Gemspec, statement: &str) {
    let method_len = statement
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(statement.len());
    let (method, rest) = statement.split_at(method_len);
    let mut reader = Reader::new(rest);
    match method {
        "add_runtime_dependency" | "add_dependency" => {
            if let Some(dependency) = dependency(&mut reader) {
                spec.dependencies.push(dependency);
            }
        }
        "name" | "version" | "platform" | "authors" | "author" | "email" | "licenses"
        | "license" | "homepage" | "summary" | "metadata" => {
            if !reader.eat("=") || reader.rest().starts_with('=') {
                return;
            }
            let Some(value) = reader.value().filter(|_| ends_cleanly(reader.rest())) else {
                return;
            };
            assign(spec, method, value);
        }
        _ => {}
    }
}

/// Nothing after the value but a modifier (`if s.respond_to? :metadata=`)
/// or a comment.
fn ends_cleanly(rest: &str) -> bool {
    let rest = rest.trim();
    rest.is_empty() || rest.starts_with('#') || matches!(first_word(rest), "if" | "unless")
}

fn assign(spec: &mut Gemspec, field: &str, value: Value) {
    let text = value.as_str().map(str::to_owned).filter(|t| !t.is_empty());
    match field {
        "name" => spec.name = text,
        "version" => spec.version = text,
        "platform" => spec.platform = text.filter(|p| p != "ruby"),
        "authors" | "author" => spec.authors = value.strings(),
        "email" => spec.emails = value.strings(),
        "licenses" | "license" => spec.licenses = value.strings(),
        "homepage" => spec.homepage = text,
        "summary" => spec.summary = text,
        "metadata" => {
            if let Value::Hash(pairs) = value {
                spec.metadata = pairs
                    .iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v.as_str()?.to_owned())))
                    .collect();
            }
        }
        _ => {}
    }
}

/// `(%q<rack>.freeze, ["~> 2.2", ">= 2.2.4"])`, or without parentheses and
/// with the requirements as separate strings (`"rack", ">= 1", "< 3"`).
fn dependency(reader: &mut Reader<'_>) -> Option<Dependency> {
    let parenthesised = reader.eat("(");
    let name = reader.value()?.as_str()?.trim().to_owned();
    let mut requirements = Vec::new();
    while reader.eat(",") {
        requirements.extend(reader.value()?.strings());
    }
    if parenthesised && !reader.eat(")") {
        return None;
    }
    (!name.is_empty() && ends_cleanly(reader.rest())).then_some(Dependency { name, requirements })
}

#[cfg(test)]
mod tests {
    use super::{parse, Dependency};

    #[test]
    fn rubygems_1_x_compatibility_blocks() {
        // The shape RubyGems 1.3–2.x wrote (the `else` branches repeat the
        // development dependency as a plain `add_dependency`).
        let spec = parse(
            r#"# -*- encoding: utf-8 -*-

Gem::Specification.new do |s|
  s.name = %q{thin}
  s.version = "1.2.11"
  s.authors = [%q{Marc-Andre Cournoyer}]
  s.homepage = %q{http://code.macournoyer.com/thin/}
  s.licenses = ["Ruby", "GPL-2"]
  s.summary = %q{A thin and fast web server (#1)}

  if s.respond_to? :specification_version then
    s.specification_version = 3

    if Gem::Version.new(Gem::VERSION) >= Gem::Version.new('1.2.0') then
      s.add_runtime_dependency(%q<rack>, [">= 1.0.0"])
      s.add_development_dependency(%q<rspec>, ["~> 1.2.9"])
    else
      s.add_dependency(%q<rack>, [">= 1.0.0"])
      s.add_dependency(%q<rspec>, ["~> 1.2.9"])
    end
  else
    s.add_dependency(%q<rack>, [">= 1.0.0"])
    s.add_dependency(%q<rspec>, ["~> 1.2.9"])
  end
end
"#,
        );
        assert_eq!(spec.name.as_deref(), Some("thin"));
        assert_eq!(spec.version.as_deref(), Some("1.2.11"));
        assert_eq!(spec.licenses, ["Ruby", "GPL-2"]);
        assert_eq!(spec.authors, ["Marc-Andre Cournoyer"]);
        assert_eq!(
            spec.summary.as_deref(),
            Some("A thin and fast web server (#1)")
        );
        assert_eq!(
            spec.dependencies,
            [Dependency {
                name: "rack".into(),
                requirements: vec![">= 1.0.0".into()]
            }]
        );
    }

    #[test]
    fn statements_that_are_not_literals_are_skipped() {
        let spec = parse(
            "Gem::Specification.new do |spec|\n  spec.name = \"x\"\n  spec.version = X::VERSION\n  spec.homepage = \"https://x/#{spec.name}\"\n  spec.summary = \"a\" + \"b\"\n  spec.add_dependency \"rack\", \">= 1\", \"< 3\"\n  spec.platform = \"x86_64-linux\".freeze\nend\n",
        );
        assert_eq!(spec.name.as_deref(), Some("x"));
        assert_eq!(
            (spec.version, spec.homepage, spec.summary),
            (None, None, None)
        );
        assert_eq!(spec.platform.as_deref(), Some("x86_64-linux"));
        assert_eq!(spec.dependencies[0].requirements, [">= 1", "< 3"]);
    }
}
