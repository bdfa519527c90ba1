//! The sparring script: `questions.toml` parsed into typed structs and validated.
//!
//! Every error carries the file, line and column it points at, so a manager editing
//! the script sees exactly where and why it was refused.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

/// The default script, shipped in the binary.
pub const DEFAULT_SCRIPT: &str = include_str!("../questions.toml");
/// The French translation of the default script.
pub const FRENCH_SCRIPT: &str = include_str!("../assets/questions.fr.toml");

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    Text,
    YesNo,
    Choice,
    Scale,
    Commitments,
    Criteria,
    Hypotheses,
}

impl AnswerKind {
    /// Kinds that only make sense about a deal.
    fn is_deal_only(self) -> bool {
        matches!(self, AnswerKind::Criteria | AnswerKind::Hypotheses)
    }
}

/// An exit criterion of a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub id: String,
    pub text: String,
}

/// A step of the sales process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub key: String,
    pub name: String,
    pub expected_days: u32,
    pub aliases: Vec<String>,
    pub criteria: Vec<Criterion>,
}

/// The bounds and end labels of a `scale` question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    pub low: String,
    pub high: String,
}

/// A question of the transformation or the prospecting review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub hint: String,
    pub kind: AnswerKind,
    /// The stage keys it applies to; `None` means every stage.
    pub stages: Option<Vec<String>>,
    pub choices: Vec<String>,
    pub scale: Option<Scale>,
}

impl Question {
    /// Whether the question is asked for a deal in `stage`.
    pub fn applies_to(&self, stage: &str) -> bool {
        self.stages.as_ref().is_none_or(|keys| keys.iter().any(|k| k == stage))
    }
}

/// A skill rated after a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// What a CRM stage name maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageMatch<'a> {
    Stage(&'a Stage),
    Won,
    Lost,
}

/// A validated script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub name: String,
    pub language: String,
    pub stages: Vec<Stage>,
    pub won_aliases: Vec<String>,
    pub lost_aliases: Vec<String>,
    pub questions: Vec<Question>,
    pub prospecting: Vec<Question>,
    pub skills: Vec<Skill>,
}

impl Script {
    /// The default English script embedded in the binary.
    pub fn embedded() -> Script {
        Script::parse(DEFAULT_SCRIPT, "questions.toml (built in)")
            .expect("the shipped questions.toml is valid (checked by tests)")
    }

    /// Reads and validates a script file.
    pub fn load(path: &Path) -> Result<Script, ScriptErrors> {
        let origin = path.display().to_string();
        let source = std::fs::read_to_string(path).map_err(|err| {
            ScriptErrors(vec![ScriptError { origin: origin.clone(), line: 0, column: 0, message: err.to_string() }])
        })?;
        Script::parse(&source, &origin)
    }

    /// Parses and validates a script; `origin` names the file in error messages.
    pub fn parse(source: &str, origin: &str) -> Result<Script, ScriptErrors> {
        let at = |span: Option<Range<usize>>, message: String| ScriptError::at(source, origin, span, message);
        let raw: RawScript = toml::from_str(source).map_err(|err| {
            let message = err.message().trim().to_string();
            ScriptErrors(vec![at(err.span(), message)])
        })?;
        let mut check = Checker { source, origin, errors: Vec::new() };
        let script = check.script(raw);
        if check.errors.is_empty() {
            Ok(script)
        } else {
            check.errors.sort_by_key(|e| (e.line, e.column));
            Err(ScriptErrors(check.errors))
        }
    }

    /// The stage with this key.
    pub fn stage(&self, key: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.key == key)
    }

    /// The questions asked for a deal in `stage`, in script order.
    pub fn questions_for(&self, stage: &str) -> Vec<&Question> {
        self.questions.iter().filter(|q| q.applies_to(stage)).collect()
    }

    /// Maps a stage name from a CRM export (any case) to a stage or an outcome.
    pub fn match_stage_name(&self, name: &str) -> Option<StageMatch<'_>> {
        let name = name.trim();
        let same = |alias: &String| alias.eq_ignore_ascii_case(name);
        if let Some(stage) = self.stages.iter().find(|s| {
            s.key.eq_ignore_ascii_case(name) || s.name.eq_ignore_ascii_case(name) || s.aliases.iter().any(same)
        }) {
            return Some(StageMatch::Stage(stage));
        }
        if self.won_aliases.iter().any(same) {
            return Some(StageMatch::Won);
        }
        self.lost_aliases.iter().any(same).then_some(StageMatch::Lost)
    }

    /// A one-line summary for `sparring script check`.
    pub fn summary(&self) -> String {
        let criteria: usize = self.stages.iter().map(|s| s.criteria.len()).sum();
        format!(
            "{} stages ({} exit criteria), {} deal questions, {} prospecting questions, {} skills",
            self.stages.len(),
            criteria,
            self.questions.len(),
            self.prospecting.len(),
            self.skills.len()
        )
    }
}

/// One problem in a script, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    pub origin: String,
    /// 1-based; 0 when the file could not be read at all.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

impl ScriptError {
    fn at(source: &str, origin: &str, span: Option<Range<usize>>, message: String) -> ScriptError {
        let (line, column) = span.map_or((1, 1), |span| line_column(source, span.start));
        ScriptError { origin: origin.to_string(), line, column, message }
    }
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.origin, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.origin, self.line, self.column, self.message)
        }
    }
}

/// Every problem found in a script, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptErrors(pub Vec<ScriptError>);

impl fmt::Display for ScriptErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, err) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{err}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScriptErrors {}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

// ----- the file as written -------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScript {
    name: Spanned<String>,
    #[serde(default = "default_language")]
    language: String,
    stages: Spanned<Vec<RawStage>>,
    #[serde(default)]
    outcomes: RawOutcomes,
    questions: Spanned<Vec<RawQuestion>>,
    #[serde(default)]
    prospecting: Vec<RawQuestion>,
    #[serde(default)]
    skills: Vec<RawSkill>,
}

fn default_language() -> String {
    "en".to_string()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStage {
    key: Spanned<String>,
    name: Spanned<String>,
    expected_days: Spanned<i64>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    criteria: Vec<RawCriterion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    text: Spanned<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOutcomes {
    #[serde(default)]
    won: Vec<Spanned<String>>,
    #[serde(default)]
    lost: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    text: Spanned<String>,
    #[serde(default)]
    hint: String,
    kind: Option<Spanned<AnswerKind>>,
    stages: Option<Spanned<Vec<Spanned<String>>>>,
    choices: Option<Spanned<Vec<String>>>,
    scale: Option<Spanned<RawScale>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    min: i64,
    max: i64,
    #[serde(default)]
    low: String,
    #[serde(default)]
    high: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkill {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    description: String,
}

// ----- validation ----------------------------------------------------------------------

struct Checker<'a> {
    source: &'a str,
    origin: &'a str,
    errors: Vec<ScriptError>,
}

/// Longest expected stay in a stage we accept; beyond it the figure is surely a typo.
const MAX_EXPECTED_DAYS: i64 = 730;
/// Widest scale we can draw as a row of choices.
const MAX_SCALE_STEPS: i64 = 10;

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(ScriptError::at(self.source, self.origin, Some(span), message.into()));
    }

    fn non_empty(&mut self, value: &Spanned<String>, what: &str) -> String {
        let text = value.get_ref().trim();
        if text.is_empty() {
            self.error(value.span(), format!("{what} must not be empty"));
        }
        text.to_string()
    }

    /// Ids and keys are stored in the database: keep them to plain lowercase words.
    fn identifier(&mut self, value: &Spanned<String>, what: &str) -> String {
        let id = value.get_ref();
        let valid = !id.is_empty()
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && id.starts_with(|c: char| c.is_ascii_lowercase());
        if !valid {
            self.error(
                value.span(),
                format!("{what} \"{id}\" must be a lowercase word: letters a-z, digits and _, starting with a letter"),
            );
        }
        id.clone()
    }

    fn unique(&mut self, seen: &mut HashMap<String, usize>, value: &Spanned<String>, what: &str) {
        let key = value.get_ref().to_lowercase();
        if let Some(first_line) = seen.get(&key) {
            let message = format!("duplicate {what} \"{}\" (first defined on line {first_line})", value.get_ref());
            self.error(value.span(), message);
        } else {
            let (line, _) = line_column(self.source, value.span().start);
            seen.insert(key, line);
        }
    }

    fn script(&mut self, raw: RawScript) -> Script {
        let name = self.non_empty(&raw.name, "name");
        if raw.stages.get_ref().is_empty() {
            self.error(raw.stages.span(), "the script needs at least one stage");
        }
        if raw.questions.get_ref().is_empty() {
            self.error(raw.questions.span(), "the script needs at least one deal question in [[questions]]");
        }

        let mut keys = HashMap::new();
        let mut aliases = HashMap::new();
        let stages: Vec<Stage> =
            raw.stages.into_inner().into_iter().map(|s| self.stage(&s, &mut keys, &mut aliases)).collect();
        let won = self.aliases(&raw.outcomes.won, &mut aliases);
        let lost = self.aliases(&raw.outcomes.lost, &mut aliases);

        let stage_keys: Vec<&str> = stages.iter().map(|s| s.key.as_str()).collect();
        let mut ids = HashMap::new();
        let questions =
            raw.questions.into_inner().into_iter().map(|q| self.question(q, &stage_keys, &mut ids, false)).collect();
        let prospecting = raw.prospecting.into_iter().map(|q| self.question(q, &stage_keys, &mut ids, true)).collect();

        let mut skill_ids = HashMap::new();
        let skills = raw
            .skills
            .into_iter()
            .map(|s| {
                self.unique(&mut skill_ids, &s.id, "skill id");
                Skill {
                    id: self.identifier(&s.id, "skill id"),
                    name: self.non_empty(&s.name, "skill name"),
                    description: s.description.trim().to_string(),
                }
            })
            .collect();

        Script {
            name,
            language: raw.language,
            stages,
            won_aliases: won,
            lost_aliases: lost,
            questions,
            prospecting,
            skills,
        }
    }

    fn aliases(&mut self, list: &[Spanned<String>], seen: &mut HashMap<String, usize>) -> Vec<String> {
        list.iter()
            .map(|alias| {
                self.non_empty(alias, "a stage alias");
                self.unique(seen, alias, "stage alias");
                alias.get_ref().trim().to_string()
            })
            .collect()
    }

    fn stage(
        &mut self,
        raw: &RawStage,
        keys: &mut HashMap<String, usize>,
        aliases: &mut HashMap<String, usize>,
    ) -> Stage {
        self.unique(keys, &raw.key, "stage key");
        let key = self.identifier(&raw.key, "stage key");
        let days = *raw.expected_days.get_ref();
        if !(1..=MAX_EXPECTED_DAYS).contains(&days) {
            self.error(
                raw.expected_days.span(),
                format!("expected_days must be between 1 and {MAX_EXPECTED_DAYS}, not {days}"),
            );
        }
        let mut criterion_ids = HashMap::new();
        let criteria = raw
            .criteria
            .iter()
            .map(|c| {
                self.unique(&mut criterion_ids, &c.id, &format!("criterion id in stage \"{key}\""));
                Criterion {
                    id: self.identifier(&c.id, "criterion id"),
                    text: self.non_empty(&c.text, "criterion text"),
                }
            })
            .collect();
        Stage {
            name: self.non_empty(&raw.name, "stage name"),
            expected_days: u32::try_from(days.clamp(1, MAX_EXPECTED_DAYS)).unwrap_or(1),
            aliases: self.aliases(&raw.aliases, aliases),
            criteria,
            key,
        }
    }

    fn question(
        &mut self,
        raw: RawQuestion,
        stage_keys: &[&str],
        ids: &mut HashMap<String, usize>,
        prospecting: bool,
    ) -> Question {
        self.unique(ids, &raw.id, "question id");
        let id = self.identifier(&raw.id, "question id");
        let kind = raw.kind.as_ref().map_or(AnswerKind::Text, |k| *k.get_ref());
        let kind_span = raw.kind.as_ref().map_or_else(|| raw.id.span(), Spanned::span);

        let stages = match raw.stages {
            Some(list) if prospecting => {
                self.error(list.span(), "prospecting questions are not tied to a deal stage: remove `stages`");
                None
            }
            Some(list) => {
                if list.get_ref().is_empty() {
                    self.error(
                        list.span(),
                        "`stages` is empty: list stage keys, or leave it out to ask at every stage",
                    );
                }
                for stage in list.get_ref() {
                    if !stage_keys.contains(&stage.get_ref().as_str()) {
                        let message = format!(
                            "question \"{id}\" names stage \"{}\", which is not defined (stages: {})",
                            stage.get_ref(),
                            stage_keys.join(", ")
                        );
                        self.error(stage.span(), message);
                    }
                }
                Some(list.into_inner().into_iter().map(Spanned::into_inner).collect())
            }
            None => None,
        };
        if prospecting && kind.is_deal_only() {
            self.error(
                kind_span.clone(),
                "criteria and hypotheses questions are about a deal: not allowed in [[prospecting]]",
            );
        }

        let choices = match raw.choices {
            Some(list) if kind != AnswerKind::Choice => {
                self.error(list.span(), "`choices` only applies to kind = \"choice\"");
                Vec::new()
            }
            Some(list) => {
                if list.get_ref().len() < 2 || list.get_ref().iter().any(|c| c.trim().is_empty()) {
                    self.error(list.span(), "a choice question needs at least two non-empty choices");
                }
                list.into_inner()
            }
            None => {
                if kind == AnswerKind::Choice {
                    self.error(kind_span.clone(), "kind = \"choice\" needs a `choices` list");
                }
                Vec::new()
            }
        };

        let scale = match raw.scale {
            Some(scale) if kind != AnswerKind::Scale => {
                self.error(scale.span(), "`scale` only applies to kind = \"scale\"");
                None
            }
            Some(scale) => {
                let span = scale.span();
                let s = scale.into_inner();
                if s.min < 0 || s.max <= s.min || s.max - s.min > MAX_SCALE_STEPS {
                    self.error(
                        span,
                        format!(
                            "scale needs 0 <= min < max with at most {MAX_SCALE_STEPS} steps, got {}..{}",
                            s.min, s.max
                        ),
                    );
                }
                Some(Scale {
                    min: u8::try_from(s.min.clamp(0, 100)).unwrap_or(1),
                    max: u8::try_from(s.max.clamp(0, 100)).unwrap_or(5),
                    low: s.low,
                    high: s.high,
                })
            }
            None => {
                (kind == AnswerKind::Scale).then(|| Scale { min: 1, max: 5, low: String::new(), high: String::new() })
            }
        };

        Question {
            text: self.non_empty(&raw.text, "question text"),
            hint: raw.hint.trim().to_string(),
            id,
            kind,
            stages,
            choices,
            scale,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = "a = 1\nbé = 2\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        assert_eq!(line_column(src, src.find('=').unwrap()), (1, 3));
        let second_eq = src.rfind('=').unwrap();
        assert_eq!(line_column(src, second_eq), (2, 4), "é is one column");
    }

    #[test]
    fn questions_apply_to_their_stages() {
        let script = Script::embedded();
        let early: Vec<_> = script.questions_for("qualify").iter().map(|q| q.id.as_str()).collect();
        assert!(early.contains(&"step_not_validated"));
        assert!(!early.contains(&"decision_process"));
        let late: Vec<_> = script.questions_for("negotiate").iter().map(|q| q.id.as_str()).collect();
        assert!(late.contains(&"decision_process"));
        assert!(late.contains(&"close_date_confidence"));
        let unknown = script.questions_for("no_such_stage");
        assert!(unknown.iter().all(|q| q.stages.is_none()), "an unknown stage gets the questions for every stage");
    }

    #[test]
    fn crm_stage_names_map_to_stages_and_outcomes() {
        let script = Script::embedded();
        let key = |name| match script.match_stage_name(name) {
            Some(StageMatch::Stage(s)) => s.key.clone(),
            Some(StageMatch::Won) => "WON".into(),
            Some(StageMatch::Lost) => "LOST".into(),
            None => "NONE".into(),
        };
        assert_eq!(key("Proposal/Price Quote"), "proposal");
        assert_eq!(key("qualified to buy"), "qualify");
        assert_eq!(key("Negotiations Started"), "negotiate");
        assert_eq!(key("Id. Decision Makers"), "solution");
        assert_eq!(key("Closed Won"), "WON");
        assert_eq!(key(" Closed Lost "), "LOST");
        assert_eq!(key("Something else"), "NONE");
    }
}
