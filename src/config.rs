//! The user's `config.toml` (beside `questions.toml`): how a team's CRM exports are read —
//! column names for every import (`[import.map]`), and what its activity types and results
//! mean (`[import.activities.kinds]`, `[import.activities.outcomes]`). A broken file is
//! refused with its line and column before anything is imported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::domain::activity::{ActivityKind, Outcome};
use crate::error::Error;
use crate::import::activities::{ActivityColumn, KindRule, Mapping, OutcomeRule};
use crate::import::formats::DealColumn;

/// The settings sparring reads, all optional.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// CRM header → field word, for every import.
    pub map: Vec<(String, String)>,
    pub mapping: Mapping,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    import: RawImport,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawImport {
    #[serde(default)]
    map: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    activities: RawActivities,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawActivities {
    #[serde(default)]
    kinds: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    outcomes: BTreeMap<String, Spanned<String>>,
}

/// The config file: the user's, else none (every setting at its default).
pub fn path() -> Option<PathBuf> {
    let path = crate::paths::config_dir().ok()?.join("config.toml");
    path.is_file().then_some(path)
}

impl Config {
    /// The user's config, or the defaults when there is no file.
    pub fn load_user() -> Result<Config, Error> {
        match path() {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    pub fn load(path: &Path) -> Result<Config, Error> {
        let origin = crate::domain::text::one_line(&path.display().to_string()).into_owned();
        let source =
            std::fs::read_to_string(path).map_err(|source| Error::File { path: path.to_path_buf(), source })?;
        Config::parse(&source, &origin)
    }

    /// Reads a config's text; `origin` names the file in messages (`FILE:LINE:COLUMN: why`).
    pub fn parse(source: &str, origin: &str) -> Result<Config, Error> {
        let at = |offset: usize, why: String| {
            let before = &source[..offset.min(source.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Error::Usage(format!("{origin}:{line}:{column}: {why}"))
        };
        let raw: RawConfig =
            toml::from_str(source).map_err(|err| at(err.span().map_or(0, |s| s.start), err.message().to_string()))?;
        let mut config = Config::default();
        for (header, field) in raw.import.map {
            let word = field.get_ref().trim();
            if DealColumn::from_word(word).is_none() && ActivityColumn::from_word(word).is_none() {
                return Err(at(
                    field.span().start,
                    format!("[import.map] {header:?}: {word:?} is not a field (docs/import.md)"),
                ));
            }
            config.map.push((header, word.to_string()));
        }
        for (word, rule) in raw.import.activities.kinds {
            let value = rule.get_ref().trim().to_lowercase();
            let (kind, channel) = value.split_once(':').map_or((value.as_str(), None), |(k, c)| (k, Some(c.trim())));
            let rule_read = match kind.trim() {
                "skip" => Some(KindRule::Skip),
                kind => ActivityKind::from_word(kind).map(|kind| KindRule::Activity {
                    kind,
                    channel: channel.filter(|c| !c.is_empty()).map(String::from),
                }),
            };
            let Some(rule_read) = rule_read else {
                return Err(at(
                    rule.span().start,
                    format!(
                        "[import.activities.kinds] {word:?}: {value:?} is not a kind: call, email, social, event, meeting \
                         or skip, with a channel after ':' if you like (\"social:whatsapp\")"
                    ),
                ));
            };
            config.mapping.kinds.insert(word.trim().to_lowercase(), rule_read);
        }
        for (word, rule) in raw.import.activities.outcomes {
            let value = rule.get_ref().trim().to_lowercase();
            let read = match value.as_str() {
                "not held" | "not_held" => Some(OutcomeRule::NotHeld),
                other => Outcome::from_word(other).map(OutcomeRule::Reached),
            };
            let Some(read) = read else {
                return Err(at(
                    rule.span().start,
                    format!(
                        "[import.activities.outcomes] {word:?}: {value:?} is not an outcome: none, conversation, \
                         meeting, opportunity or \"not held\""
                    ),
                ));
            };
            config.mapping.outcomes.insert(word.trim().to_lowercase(), read);
        }
        Ok(config)
    }

    /// The `[import.map]` pairs for a file with these headers, as `--map` text: only the
    /// headers the file has, and only fields `known` accepts.
    pub fn map_for(&self, headers: &[String], known: impl Fn(&str) -> bool) -> String {
        self.map
            .iter()
            .filter(|(header, word)| headers.iter().any(|h| h.eq_ignore_ascii_case(header)) && known(word))
            .map(|(header, word)| format!("{header}={word}"))
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_maps_columns_types_and_outcomes() {
        let config = Config::parse(
            r#"
[import.map]
"Besitzer" = "rep"
"Aktivitätsdatum" = "date"

[import.activities.kinds]
"Visite terrain" = "meeting"
"WhatsApp" = "social:whatsapp"
"Call" = "skip"

[import.activities.outcomes]
"Left message" = "conversation"
"Annulé" = "not held"
"#,
            "config.toml",
        )
        .unwrap();
        let headers: Vec<String> = ["Besitzer", "Other"].map(String::from).to_vec();
        assert_eq!(config.map_for(&headers, |w| DealColumn::from_word(w).is_some()), "Besitzer=rep");
        assert_eq!(
            config.mapping.kinds["whatsapp"],
            KindRule::Activity { kind: ActivityKind::Social, channel: Some("whatsapp".into()) }
        );
        assert_eq!(config.mapping.kinds["call"], KindRule::Skip, "the config wins over the built-in mapping");
        assert_eq!(config.mapping.outcomes["annulé"], OutcomeRule::NotHeld);
    }

    #[test]
    fn a_broken_config_says_where() {
        let err = Config::parse("[import.activities.kinds]\n\"Demo\" = \"demo\"\n", "config.toml").unwrap_err();
        assert!(err.to_string().starts_with("config.toml:2:10: [import.activities.kinds] \"Demo\""), "{err}");
        let err = Config::parse("[import]\nmapp = 1\n", "config.toml").unwrap_err();
        assert!(err.to_string().starts_with("config.toml:2:1:"), "{err}");
    }
}
