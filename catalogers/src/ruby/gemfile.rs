//! A project's `Gemfile` (or `gems.rb`), read only for which groups each
//! gem is declared in, since the lockfile does not record groups. Only the
//! literal forms are understood: `gem "name", …` with an optional `group:`
//! / `groups:` / `:group =>` option (a symbol, a string or a list), inside
//! `group :development, :test do … end` blocks (nested blocks add their
//! groups). Other blocks (`platforms … do`, `if …`, `def …`) are followed
//! only to keep `end`s paired. Nothing is evaluated: a gem declared through
//! code (`gem(*args)`, a helper method) is simply not seen.

use std::collections::{BTreeMap, BTreeSet};

use super::literal::{strip_comment, Reader, Value};

/// The groups of a Gemfile's gem declarations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gemfile {
    /// Each declaration of a gem: its name and groups (`default` when none).
    pub declarations: Vec<(String, BTreeSet<String>)>,
}

/// The groups whose gems are for development only.
const DEV_GROUPS: [&str; 2] = ["development", "test"];

impl Gemfile {
    /// Gems declared only in development or test groups (every declaration
    /// of the gem in no other group).
    pub fn dev_only(&self) -> BTreeSet<&str> {
        let mut dev: BTreeMap<&str, bool> = BTreeMap::new();
        for (name, groups) in &self.declarations {
            let only_dev = groups.iter().all(|g| DEV_GROUPS.contains(&g.as_str()));
            *dev.entry(name.as_str()).or_insert(true) &= only_dev;
        }
        dev.into_iter()
            .filter_map(|(name, only_dev)| only_dev.then_some(name))
            .collect()
    }
}

/// Reads the gem declarations of a Gemfile's text.
pub fn parse(text: &str) -> Gemfile {
    let mut gemfile = Gemfile::default();
    // The groups each open block adds (empty for other blocks).
    let mut blocks: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        let line = strip_comment(line).trim();
        let word = first_word(line);
        match word {
            "end" => {
                blocks.pop();
                continue;
            }
            "gem" => {
                if let Some((name, mut groups)) = declaration(&line[word.len()..]) {
                    groups.extend(blocks.iter().flatten().cloned());
                    if groups.is_empty() {
                        groups.insert("default".to_owned());
                    }
                    gemfile.declarations.push((name, groups));
                }
                continue;
            }
            _ => {}
        }
        if opens_block(line, word) {
            let groups = if word == "group" {
                group_names(&line[word.len()..])
            } else {
                Vec::new()
            };
            blocks.push(groups);
        }
    }
    gemfile
}

fn first_word(line: &str) -> &str {
    line.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or(line)
}

/// Whether the line opens a block its own `end` closes: a keyword that
/// takes one at the line's start, or a trailing `do` / `do |…|`.
fn opens_block(line: &str, word: &str) -> bool {
    if matches!(
        word,
        "if" | "unless" | "case" | "begin" | "while" | "until" | "for" | "def" | "class" | "module"
    ) {
        // `def x = y` (an endless method) has no `end`.
        return !(word == "def" && line.contains(" = "));
    }
    let line = match line.strip_suffix('|') {
        Some(params) => params.rsplit_once('|').map_or(line, |(before, _)| before),
        None => line,
    };
    let line = line.trim_end();
    line == "do" || line.ends_with(" do") || line.ends_with(")do")
}

/// The symbols or strings of `group :development, :test, optional: true do`.
fn group_names(args: &str) -> Vec<String> {
    let mut reader = Reader::new(args);
    reader.eat("(");
    let mut names = Vec::new();
    loop {
        reader.skip_spaces();
        // `optional: true` and other options end the names.
        if reader.rest().starts_with(|c: char| c.is_alphabetic()) {
            break;
        }
        match reader.value() {
            Some(Value::Symbol(name) | Value::Str(name)) => names.push(name),
            _ => break,
        }
        if !reader.eat(",") {
            break;
        }
    }
    names
}

/// `"name", "~> 1.0", require: false, group: :test` → the name and the
/// groups its options name.
fn declaration(args: &str) -> Option<(String, BTreeSet<String>)> {
    let mut reader = Reader::new(args);
    reader.eat("(");
    let name = reader.value()?.as_str()?.trim().to_owned();
    if name.is_empty() {
        return None;
    }
    let mut groups = BTreeSet::new();
    while reader.eat(",") {
        reader.skip_spaces();
        let rest = reader.rest();
        let key_len = [
            "group:",
            "groups:",
            ":group =>",
            ":groups =>",
            ":group=>",
            ":groups=>",
        ]
        .iter()
        .find(|key| rest.starts_with(*key))
        .map(|key| key.len());
        match key_len {
            Some(len) => {
                let mut options = Reader::new(&rest[len..]);
                if let Some(value) = options.value() {
                    groups.extend(value.strings());
                }
                // Skip to the next comma-separated item.
                reader = Reader::new(options.rest());
            }
            None => {
                if !skip_item(&mut reader) {
                    break;
                }
            }
        }
    }
    Some((name, groups))
}

/// Skips one argument (a version string, `require: false`, `:require =>
/// false`, `platforms: [:mri]`, …); false when it is not a literal (a
/// regexp, a method call), after which nothing more of the line is read.
fn skip_item(reader: &mut Reader<'_>) -> bool {
    let rest = reader.rest();
    // `key: value`: the value starts after the colon.
    let start = rest
        .find(": ")
        .filter(|&at| at > 0 && rest[..at].chars().all(|c| c.is_alphanumeric() || c == '_'))
        .map_or(0, |colon| colon + 1);
    let mut item = Reader::new(&rest[start..]);
    if item.value().is_none() || (item.eat("=>") && item.value().is_none()) {
        return false;
    }
    *reader = Reader::new(item.rest());
    true
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn groups_from_blocks_and_options() {
        let gemfile = parse(
            r#"source "https://rubygems.org"
git_source(:github) { |repo| "https://github.com/#{repo}.git" }
gem "rails", "~> 7.1" # the app
gem 'pg', platforms: [:mri], group: :production
group :development, :test do
  gem "debug", platforms: %i[ mri windows ]
  if ENV["X"]
    gem "spring"
  else
    gem "listen"
  end
end
group :test do
  gem "capybara"
  gem "rails" # also declared above, outside any group
end
gem "rubocop", require: false, group: [:development]
gem "tailwindcss-rails", groups: %w[assets development]
gem "avo_upgrade", "~> 0.1.1", :require => false, :group => :development
def helper = nil
platforms :jruby do
  gem "jruby-openssl"
end
"#,
        );
        let mut dev: Vec<&str> = gemfile.dev_only().into_iter().collect();
        dev.sort();
        assert_eq!(
            dev,
            [
                "avo_upgrade",
                "capybara",
                "debug",
                "listen",
                "rubocop",
                "spring"
            ]
        );
        let pg = &gemfile.declarations[1];
        assert_eq!(pg.0, "pg");
        assert_eq!(pg.1.iter().collect::<Vec<_>>(), ["production"]);
        let jruby = gemfile.declarations.last().unwrap();
        assert_eq!(jruby.1.iter().collect::<Vec<_>>(), ["default"]);
    }
}
