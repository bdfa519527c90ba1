//! The sparring script: `questions.toml` parsed into typed structs and validated.
//!
//! Every error carries the file, line and column it points at, so a manager editing
//! the script sees exactly where and why it was refused. Problems found after the TOML
//! is read (a missing field, a bad kind, a duplicate id…) are all reported at once, in
//! file order; a TOML syntax or type error stops at the first one.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

/// The default script, shipped in the binary.
pub const DEFAULT_SCRIPT: &str = include_str!("../questions.toml");
/// The French translation of the default script.
pub const FRENCH_SCRIPT: &str = include_str!("../assets/questions.fr.toml");

crate::domain::word_enum! {
    /// How a question is answered, as written in the script (`kind = "yes_no"`); `ALL` is in
    /// the order the script documents them.
    pub enum AnswerKind {
        Text => "text",
        YesNo => "yes_no",
        Choice => "choice",
        Scale => "scale",
        Commitments => "commitments",
        Criteria => "criteria",
        Hypotheses => "hypotheses",
    }
}

crate::domain::word_enum! {
    /// The dashboard figure a prospecting question asks about, shown beside it
    /// (`figure = "segments"`): the manager reads the data while asking.
    pub enum Figure {
        Segments => "segments",
        Channels => "channels",
        Messages => "messages",
        Qualified => "qualified",
    }
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
    /// Moving past it unanswered asks for confirmation; the summary lists it as skipped.
    pub required: bool,
    /// The prospecting figure shown beside it, if any.
    pub figure: Option<Figure>,
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
            let message = format!("cannot read the script: {err}");
            ScriptErrors(vec![ScriptError { origin: origin.clone(), line: 0, column: 0, message }])
        })?;
        Script::parse(&source, &origin)
    }

    /// Parses and validates a script; `origin` names the file in error messages.
    pub fn parse(source: &str, origin: &str) -> Result<Script, ScriptErrors> {
        let lines = Lines::new(source);
        let at = |span: Option<Range<usize>>, message: String| ScriptError::at(&lines, origin, span, message);
        // The parser reports some errors after others it found while recovering (an
        // unclosed string shows up after the confusion it causes): report the earliest.
        let (_, syntax) = toml::de::DeTable::parse_recoverable(source);
        if let Some(first) = syntax.iter().min_by_key(|err| err.span().map_or(0, |span| span.start)) {
            return Err(ScriptErrors(vec![at(
                first.span(),
                friendly_message(first.message(), source, first.span().as_ref()),
            )]));
        }
        let raw: RawScript = toml::from_str(source).map_err(|err| {
            ScriptErrors(vec![at(err.span(), friendly_message(err.message(), source, err.span().as_ref()))])
        })?;
        let mut check = Checker { lines, origin, errors: Vec::new() };
        let script = check.script(raw);
        if check.errors.is_empty() {
            Ok(script)
        } else {
            // A stable sort: problems found at the same place keep the order they were found in.
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

    /// Maps a stage name from a CRM export (any case, accents included) to a stage or an outcome.
    pub fn match_stage_name(&self, name: &str) -> Option<StageMatch<'_>> {
        let name = name.trim();
        let same = |alias: &String| same_name(alias, name);
        if let Some(stage) = self.stages.iter().find(|s| same(&s.key) || same(&s.name) || s.aliases.iter().any(same)) {
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

/// Case-insensitive comparison for every script, not only English ones ("NÉGOCIATION").
fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

/// The key two names collide under: trimmed, lowercase.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
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
    fn at(lines: &Lines<'_>, origin: &str, span: Option<Range<usize>>, message: String) -> ScriptError {
        let (line, column) = span.map_or((1, 1), |span| lines.locate(span.start));
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

/// Where each line of a script starts, so that locating an offset does not read the file
/// from its start: a script of 20,000 questions is checked in linear time.
struct Lines<'a> {
    source: &'a str,
    /// Byte offset of each line's first character; the first is 0.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(source: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { source, starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let column = self.source[start..].char_indices().take_while(|(i, _)| start + i < offset).count() + 1;
        (line, column)
    }
}

/// 1-based line and column (in characters) of a byte offset.
#[cfg(test)]
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    Lines::new(source).locate(offset)
}

// ----- messages a person can act on --------------------------------------------------------

/// Rewrites the TOML parser's and serde's wording for someone editing the file by hand.
fn friendly_message(message: &str, source: &str, span: Option<&Range<usize>>) -> String {
    let message = message.trim();
    let text_at = span.and_then(|span| source.get(span.clone())).unwrap_or("").trim();
    if message.starts_with("unknown field `") {
        return unknown_key(message);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return wrong_type(found, expected, source, span, text_at);
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("{field} is missing here");
    }
    if message == "duplicate key" && !text_at.is_empty() {
        return format!("`{text_at}` is set twice in the same table: keep one");
    }
    if message.starts_with("invalid basic string") {
        return "this text is not closed: end it with `\"` on the same line (or use \"\"\" … \"\"\" for several lines)"
            .to_string();
    }
    if message.starts_with("invalid literal string") {
        return "this text is not closed: end it with `'` on the same line".to_string();
    }
    if message.starts_with("string values must be quoted") {
        return "text must be in quotes, e.g. name = \"Discovery\"".to_string();
    }
    message.to_string()
}

/// `unknown field `hnit`, expected one of `id`, `text`, …` from `deny_unknown_fields`.
fn unknown_key(message: &str) -> String {
    let names = backticked(message);
    let Some((unknown, allowed)) = names.split_first() else {
        return message.to_string();
    };
    let has = |field: &str| allowed.contains(&field);
    let place = if has("language") {
        "at the top of the script"
    } else if has("expected_days") {
        "in a [[stages]] table"
    } else if has("hint") {
        "in a question"
    } else if has("won") {
        "in [outcomes]"
    } else if has("min") {
        "in a scale"
    } else if has("description") {
        "in a [[skills]] table"
    } else if allowed == ["id", "text"] {
        "in a criterion"
    } else {
        "here"
    };
    let guess = closest(unknown, allowed.iter().copied()).map(|close| format!(": did you mean `{close}`?"));
    format!("unknown key `{unknown}` {place}{} (allowed: {})", guess.unwrap_or_default(), allowed.join(", "))
}

/// `invalid type: string "5", expected i64` and the like.
fn wrong_type(found: &str, expected: &str, source: &str, span: Option<&Range<usize>>, text_at: &str) -> String {
    // A table written [stages] where a list of [[stages]] tables is expected, and the reverse.
    if found == "map" && expected == "a sequence" && text_at.starts_with('[') && !text_at.starts_with("[[") {
        let table = text_at.trim_matches(|c| c == '[' || c == ']').trim();
        return format!(
            "write [[{table}]] with double brackets: each [[{table}]] table is one entry of the list, not [{table}]"
        );
    }
    if found == "sequence" && expected.starts_with("struct ") && text_at.starts_with("[[") {
        let table = text_at.trim_matches(|c| c == '[' || c == ']').trim();
        return format!("write [{table}] with single brackets: there is only one {table} table");
    }
    // serde reads a number too large for 64 bits as 128 bits: "integer `99…9` as i128".
    if let Some(number) = found.strip_prefix("integer `").and_then(|rest| rest.split_once("` as ")).map(|(n, _)| n)
        && expected == "i64"
    {
        // A thousand digits are no clearer than thirty.
        let number: String = if number.chars().count() > 30 {
            number.chars().take(30).chain(['…']).collect()
        } else {
            number.to_string()
        };
        return match span.and_then(|span| key_before(source, span.start)) {
            Some(key) => format!("`{key}` must be a whole number, and {number} is far too large"),
            None => format!("expected a whole number here, and {number} is far too large"),
        };
    }
    let found_text = if let Some(text) = found.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(number) = found.strip_prefix("integer ").or_else(|| found.strip_prefix("floating point ")) {
        format!("the number {}", number.trim_matches('`'))
    } else if let Some(value) = found.strip_prefix("boolean ") {
        value.trim_matches('`').to_string()
    } else if found == "sequence" {
        "a list".to_string()
    } else if found == "map" && text_at.starts_with(|c: char| c.is_ascii_digit()) {
        "a date".to_string()
    } else if found == "map" {
        "a table".to_string()
    } else {
        found.to_string()
    };
    let expected_text = match expected {
        "i64" => "a whole number",
        "a string" => "text in quotes",
        "a sequence" => "a list in square brackets, e.g. [\"a\", \"b\"]",
        other if other.starts_with("struct ") => "a table",
        other => other,
    };
    let advice = if expected == "i64" && found.starts_with("string ") {
        " (remove the quotes)"
    } else if expected == "a string" && (found.starts_with("integer ") || found.starts_with("boolean ")) {
        " (put it in quotes)"
    } else {
        ""
    };
    match span.and_then(|span| key_before(source, span.start)) {
        Some(key) => format!("`{key}` must be {expected_text}, not {found_text}{advice}"),
        None => format!("expected {expected_text} here, not {found_text}{advice}"),
    }
}

/// The key a value at `offset` is assigned to, when `key =` is on the same line before it.
fn key_before(source: &str, offset: usize) -> Option<&str> {
    let before = source.get(..offset)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let line = line.trim_end().strip_suffix('=')?.trim_end();
    let start = line.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).map_or(0, |i| i + 1);
    let key = &line[start..];
    (!key.is_empty()).then_some(key)
}

/// The words between backticks in a serde message.
fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// The candidate closest to a misspelt word, when it is close enough to be a likely typo.
fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&word, candidate), candidate))
        .filter(|&(distance, candidate)| distance <= (candidate.chars().count() / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// Edit distance in characters, a swap of two neighbours counting as one edit ("hnit" → "hint").
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Three rows of the optimal-string-alignment table: two rows back, previous, current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

// ----- the file as written -------------------------------------------------------------
//
// Required fields are `Option`s so that a missing one is reported by the checker, with the
// table it is missing from, alongside every other problem, instead of stopping serde.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScript {
    name: Option<Spanned<String>>,
    #[serde(default = "default_language")]
    language: String,
    stages: Option<Spanned<Vec<Spanned<RawStage>>>>,
    #[serde(default)]
    outcomes: RawOutcomes,
    questions: Option<Spanned<Vec<Spanned<RawQuestion>>>>,
    #[serde(default)]
    prospecting: Vec<Spanned<RawQuestion>>,
    #[serde(default)]
    skills: Vec<Spanned<RawSkill>>,
}

fn default_language() -> String {
    "en".to_string()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStage {
    key: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    expected_days: Option<Spanned<i64>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    criteria: Vec<Spanned<RawCriterion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
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
    id: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
    #[serde(default)]
    hint: String,
    /// Read as text so an unknown kind is reported with the others, not as serde's "variant".
    kind: Option<Spanned<String>>,
    stages: Option<Spanned<Vec<Spanned<String>>>>,
    choices: Option<Spanned<Vec<String>>>,
    scale: Option<Spanned<RawScale>>,
    #[serde(default)]
    required: bool,
    figure: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    min: Option<i64>,
    max: Option<i64>,
    #[serde(default)]
    low: String,
    #[serde(default)]
    high: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkill {
    id: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    #[serde(default)]
    description: String,
}

// ----- validation ----------------------------------------------------------------------

struct Checker<'a> {
    lines: Lines<'a>,
    origin: &'a str,
    errors: Vec<ScriptError>,
}

/// Who a CRM stage name points to, and the line it was first given on.
type Claims = HashMap<String, (String, usize)>;

/// Longest expected stay in a stage we accept; beyond it the figure is surely a typo.
const MAX_EXPECTED_DAYS: i64 = 730;
/// Widest scale we can draw as a row of choices.
const MAX_SCALE_STEPS: i64 = 10;

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(ScriptError::at(&self.lines, self.origin, Some(span), message.into()));
    }

    /// A problem with the file as a whole, reported on its first line.
    fn error_at_start(&mut self, message: impl Into<String>) {
        self.errors.push(ScriptError::at(&self.lines, self.origin, None, message.into()));
    }

    fn line(&self, span: &Range<usize>) -> usize {
        self.lines.locate(span.start).0
    }

    fn non_empty(&mut self, value: &Spanned<String>, what: &str) -> String {
        let text = value.get_ref().trim();
        if text.is_empty() {
            self.error(value.span(), format!("{what} must not be empty"));
        }
        text.to_string()
    }

    /// A required text: its value, or an error at the table that lacks it.
    fn required_text(
        &mut self,
        value: Option<&Spanned<String>>,
        what: &str,
        table: &Range<usize>,
        missing: impl FnOnce() -> String,
    ) -> String {
        if let Some(value) = value {
            self.non_empty(value, what)
        } else {
            self.error(table.clone(), missing());
            String::new()
        }
    }

    /// Ids and keys are stored in the database: keep them to plain lowercase words.
    fn identifier(&mut self, value: &Spanned<String>, what: &str) -> String {
        let id = value.get_ref();
        let valid = !id.is_empty()
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && id.starts_with(|c: char| c.is_ascii_lowercase());
        if !valid {
            let example = as_identifier(id).map(|better| format!(" (e.g. \"{better}\")"));
            let message = format!(
                "{what} \"{id}\" must be a lowercase word: letters a-z, digits and _, starting with a letter{}",
                example.unwrap_or_default()
            );
            self.error(value.span(), message);
        }
        id.clone()
    }

    /// A required id: checked for uniqueness and form, or an error at the table that lacks it.
    /// `what` names it in messages, with the scope it must be unique in (" in stage \"qualify\"").
    fn required_id(
        &mut self,
        value: Option<&Spanned<String>>,
        seen: &mut HashMap<String, usize>,
        (what, scope): (&str, &str),
        table: &Range<usize>,
        missing: impl FnOnce() -> String,
    ) -> String {
        let Some(value) = value else {
            self.error(table.clone(), missing());
            return String::new();
        };
        self.unique(seen, value, what, scope);
        self.identifier(value, what)
    }

    /// Records `value` in `seen`; false (and an error) when it was there already.
    fn unique(&mut self, seen: &mut HashMap<String, usize>, value: &Spanned<String>, what: &str, scope: &str) -> bool {
        let key = name_key(value.get_ref());
        if let Some(first_line) = seen.get(&key) {
            let message =
                format!("duplicate {what} \"{}\"{scope} (first defined on line {first_line})", value.get_ref());
            self.error(value.span(), message);
            false
        } else {
            seen.insert(key, self.line(&value.span()));
            true
        }
    }

    /// A CRM stage name (a stage's key, name or alias, an outcome alias) must point to one place only.
    fn claim(&mut self, claims: &mut Claims, value: &Spanned<String>, what: &str, owner: &str) {
        let key = name_key(value.get_ref());
        if key.is_empty() {
            return;
        }
        match claims.get(&key) {
            Some((first_owner, _)) if first_owner == owner => {}
            Some((first_owner, first_line)) => {
                let message = format!(
                    "{what} \"{}\" already stands for {first_owner} (line {first_line}): \
                     a CRM stage name must point to one stage or outcome only",
                    value.get_ref().trim()
                );
                self.error(value.span(), message);
            }
            None => {
                claims.insert(key, (owner.to_string(), self.line(&value.span())));
            }
        }
    }

    fn script(&mut self, raw: RawScript) -> Script {
        let name = if let Some(name) = &raw.name {
            self.non_empty(name, "name")
        } else {
            self.error_at_start("the script has no `name`: add a line such as name = \"Our sales process\" at the top");
            String::new()
        };
        let raw_stages = self.required_list(
            raw.stages,
            "the script needs at least one stage",
            "the script has no stages: add at least one [[stages]] table with key, name and expected_days",
        );
        let raw_questions = self.required_list(
            raw.questions,
            "the script needs at least one deal question in [[questions]]",
            "the script has no deal questions: add at least one [[questions]] table with id and text",
        );

        let mut keys = HashMap::new();
        let mut claims = Claims::new();
        let stages: Vec<Stage> = raw_stages.iter().map(|s| self.stage(s, &mut keys, &mut claims)).collect();
        let won = self.outcome(&raw.outcomes.won, "won", &mut claims);
        let lost = self.outcome(&raw.outcomes.lost, "lost", &mut claims);

        let stage_keys: Vec<&str> = stages.iter().map(|s| s.key.as_str()).filter(|k| !k.is_empty()).collect();
        let mut ids = HashMap::new();
        let questions = raw_questions.iter().map(|q| self.question(q, &stage_keys, &mut ids, false)).collect();
        let prospecting = raw.prospecting.iter().map(|q| self.question(q, &stage_keys, &mut ids, true)).collect();

        let mut skill_ids = HashMap::new();
        let skills = raw.skills.iter().map(|s| self.skill(s, &mut skill_ids)).collect();

        Script {
            name,
            language: raw.language.trim().to_string(),
            stages,
            won_aliases: won,
            lost_aliases: lost,
            questions,
            prospecting,
            skills,
        }
    }

    /// A top-level list the script needs: its items, or an error when it is empty or missing.
    fn required_list<T>(&mut self, list: Option<Spanned<Vec<T>>>, empty: &str, missing: &str) -> Vec<T> {
        match list {
            Some(list) if list.get_ref().is_empty() => {
                self.error(list.span(), empty);
                Vec::new()
            }
            Some(list) => list.into_inner(),
            None => {
                self.error_at_start(missing);
                Vec::new()
            }
        }
    }

    fn outcome(&mut self, list: &[Spanned<String>], outcome: &str, claims: &mut Claims) -> Vec<String> {
        self.aliases(list, &format!("{outcome} alias"), &format!("the {outcome} outcome"), claims)
    }

    /// CRM names of a stage or outcome (`what`: "stage alias"), each claimed for `owner`.
    fn aliases(&mut self, list: &[Spanned<String>], what: &str, owner: &str, claims: &mut Claims) -> Vec<String> {
        list.iter()
            .map(|alias| {
                self.non_empty(alias, &format!("a {what}"));
                self.claim(claims, alias, what, owner);
                alias.get_ref().trim().to_string()
            })
            .collect()
    }

    fn stage(&mut self, raw: &Spanned<RawStage>, keys: &mut HashMap<String, usize>, claims: &mut Claims) -> Stage {
        let table = raw.span();
        let raw = raw.get_ref();
        let (key, owner) = if let Some(key_value) = &raw.key {
            let fresh = self.unique(keys, key_value, "stage key", "");
            let key = self.identifier(key_value, "stage key");
            let owner = format!("stage \"{key}\"");
            if fresh {
                self.claim(claims, key_value, "stage key", &owner);
            }
            (key, owner)
        } else {
            self.error(
                table.clone(),
                "this stage has no `key`: add key = \"...\", a lowercase word stored with each deal \
                 (e.g. key = \"discover\")",
            );
            (String::new(), format!("the stage on line {}", self.line(&table)))
        };
        let label = if key.is_empty() { "this stage".to_string() } else { format!("stage \"{key}\"") };

        let name = self.required_text(raw.name.as_ref(), "stage name", &table, || {
            format!("{label} has no `name`: add name = \"...\", the name shown on screen")
        });
        if let Some(name) = &raw.name {
            self.claim(claims, name, "stage name", &owner);
        }

        let days = if let Some(days) = &raw.expected_days {
            let value = *days.get_ref();
            if !(1..=MAX_EXPECTED_DAYS).contains(&value) {
                self.error(
                    days.span(),
                    format!(
                        "expected_days must be between 1 and {MAX_EXPECTED_DAYS}, not {value}: \
                         the number of days a healthy deal stays in this stage"
                    ),
                );
            }
            value
        } else {
            self.error(
                table.clone(),
                format!(
                    "{label} has no `expected_days`: add expected_days = 14 (how many days a healthy deal \
                     stays in this stage)"
                ),
            );
            1
        };

        let aliases = self.aliases(&raw.aliases, "stage alias", &owner, claims);

        let mut criterion_ids = HashMap::new();
        let criteria = raw.criteria.iter().map(|c| self.criterion(c, &label, &mut criterion_ids)).collect();

        Stage {
            key,
            name,
            expected_days: u32::try_from(days.clamp(1, MAX_EXPECTED_DAYS)).unwrap_or(1),
            aliases,
            criteria,
        }
    }

    fn criterion(&mut self, raw: &Spanned<RawCriterion>, stage: &str, ids: &mut HashMap<String, usize>) -> Criterion {
        let table = raw.span();
        let raw = raw.get_ref();
        let id = self.required_id(raw.id.as_ref(), ids, ("criterion id", &format!(" in {stage}")), &table, || {
            format!("a criterion of {stage} has no `id`: write it as {{ id = \"...\", text = \"...\" }}")
        });
        let text = self.required_text(raw.text.as_ref(), "criterion text", &table, || {
            let which = if id.is_empty() { "this criterion".to_string() } else { format!("criterion \"{id}\"") };
            format!("{which} has no `text`: say what must be true before the deal moves on")
        });
        Criterion { id, text }
    }

    fn question(
        &mut self,
        raw: &Spanned<RawQuestion>,
        stage_keys: &[&str],
        ids: &mut HashMap<String, usize>,
        prospecting: bool,
    ) -> Question {
        let table = raw.span();
        let raw = raw.get_ref();
        let section = if prospecting { "[[prospecting]]" } else { "[[questions]]" };
        let id = self.required_id(raw.id.as_ref(), ids, ("question id", ""), &table, || {
            format!(
                "this question has no `id`: add id = \"...\", a lowercase word that stays the same \
                 when you reword the text ({section})"
            )
        });
        let label = if id.is_empty() { "this question".to_string() } else { format!("question \"{id}\"") };
        let text = self.required_text(raw.text.as_ref(), "question text", &table, || {
            format!("{label} has no `text`: add text = \"...\", the question as the manager asks it")
        });

        // `None` when the kind is misspelt: the checks that depend on it are skipped.
        let kind = match &raw.kind {
            None => Some(AnswerKind::Text),
            Some(kind) => {
                let name = kind.get_ref().trim();
                let found = AnswerKind::from_word(name);
                if found.is_none() {
                    let names: Vec<&str> = AnswerKind::ALL.iter().map(|k| k.as_str()).collect();
                    let guess =
                        closest(name, names.iter().copied()).map(|close| format!(": did you mean \"{close}\"?"));
                    let message = format!(
                        "unknown kind \"{name}\"{} (kind is one of: {})",
                        guess.unwrap_or_default(),
                        names.join(", ")
                    );
                    self.error(kind.span(), message);
                }
                found
            }
        };
        let kind_span = raw.kind.as_ref().map_or_else(|| table.clone(), Spanned::span);

        let stages = match &raw.stages {
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
                            "{label} names stage \"{}\", which is not defined (stage keys: {})",
                            stage.get_ref(),
                            stage_keys.join(", ")
                        );
                        self.error(stage.span(), message);
                    }
                }
                Some(list.get_ref().iter().map(|s| s.get_ref().clone()).collect())
            }
            None => None,
        };
        if prospecting && kind.is_some_and(AnswerKind::is_deal_only) {
            self.error(
                kind_span.clone(),
                "criteria and hypotheses questions are about a deal: not allowed in [[prospecting]]",
            );
        }

        let choices = match (&raw.choices, kind) {
            (Some(list), Some(kind)) if kind != AnswerKind::Choice => {
                self.error(list.span(), "`choices` only applies to kind = \"choice\"");
                Vec::new()
            }
            (Some(list), _) => {
                let items = list.get_ref();
                if items.len() < 2 || items.iter().any(|c| c.trim().is_empty()) {
                    self.error(list.span(), "a choice question needs at least two non-empty choices");
                }
                let mut seen = HashSet::new();
                for choice in items {
                    if !seen.insert(name_key(choice)) && !choice.trim().is_empty() {
                        self.error(list.span(), format!("the choice \"{}\" is listed twice", choice.trim()));
                    }
                }
                items.iter().map(|c| c.trim().to_string()).collect()
            }
            (None, Some(AnswerKind::Choice)) => {
                self.error(kind_span, "kind = \"choice\" needs a `choices` list, e.g. choices = [\"Yes\", \"No\"]");
                Vec::new()
            }
            (None, _) => Vec::new(),
        };

        let scale = match (&raw.scale, kind) {
            (Some(scale), Some(kind)) if kind != AnswerKind::Scale => {
                self.error(scale.span(), "`scale` only applies to kind = \"scale\"");
                None
            }
            (Some(scale), _) => Some(self.scale(scale)),
            (None, Some(AnswerKind::Scale)) => Some(Scale { min: 1, max: 5, low: String::new(), high: String::new() }),
            (None, _) => None,
        };

        let figure = match &raw.figure {
            None => None,
            Some(word) if !prospecting => {
                self.error(
                    word.span(),
                    "`figure` only applies to [[prospecting]] questions: the figure shown beside it",
                );
                None
            }
            Some(word) => {
                let name = word.get_ref().trim();
                let figure = Figure::from_word(name);
                if figure.is_none() {
                    let names: Vec<&str> = Figure::ALL.iter().map(|f| f.as_str()).collect();
                    self.error(
                        word.span(),
                        format!("unknown figure \"{name}\" (figure is one of: {})", names.join(", ")),
                    );
                }
                figure
            }
        };

        Question {
            id,
            text,
            hint: raw.hint.trim().to_string(),
            kind: kind.unwrap_or(AnswerKind::Text),
            stages,
            choices,
            scale,
            required: raw.required,
            figure,
        }
    }

    fn scale(&mut self, raw: &Spanned<RawScale>) -> Scale {
        let span = raw.span();
        let raw = raw.get_ref();
        let (min, max) = (raw.min.unwrap_or(1), raw.max.unwrap_or(5));
        let problem = if min < 0 {
            Some(format!("scale min must be 0 or more, not {min}"))
        } else if max <= min {
            Some(format!("scale max must be greater than min (got min = {min}, max = {max})"))
        } else if max - min > MAX_SCALE_STEPS {
            Some(format!("a scale spans at most {MAX_SCALE_STEPS} steps (got min = {min}, max = {max})"))
        } else {
            None
        };
        if let Some(problem) = problem {
            self.error(span, problem);
        }
        Scale {
            min: u8::try_from(min.clamp(0, 100)).unwrap_or(1),
            max: u8::try_from(max.clamp(0, 100)).unwrap_or(5),
            low: raw.low.trim().to_string(),
            high: raw.high.trim().to_string(),
        }
    }

    fn skill(&mut self, raw: &Spanned<RawSkill>, ids: &mut HashMap<String, usize>) -> Skill {
        let table = raw.span();
        let raw = raw.get_ref();
        let id = self.required_id(raw.id.as_ref(), ids, ("skill id", ""), &table, || {
            "this skill has no `id`: add id = \"...\", a lowercase word".to_string()
        });
        let name = self.required_text(raw.name.as_ref(), "skill name", &table, || {
            let which = if id.is_empty() { "this skill".to_string() } else { format!("skill \"{id}\"") };
            format!("{which} has no `name`: add name = \"...\", the name shown when rating")
        });
        Skill { id, name, description: raw.description.trim().to_string() }
    }
}

/// A valid identifier close to `text` ("Step 1" → "step_1"), if one can be made.
fn as_identifier(text: &str) -> Option<String> {
    if text.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
        return None; // "Étape" would become "tape": better no example than a wrong one
    }
    let mut id = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('_') {
            id.push('_');
        }
    }
    let id = id.trim_end_matches('_').to_string();
    id.starts_with(|c: char| c.is_ascii_lowercase()).then_some(id)
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
    fn a_number_too_large_for_any_field_says_so_in_words() {
        let src = "name = \"Mini\"\n[[stages]]\nkey = \"q\"\nname = \"Q\"\nexpected_days = 99999999999999999999\n";
        let errors = Script::parse(src, "big.toml").unwrap_err();
        assert_eq!(
            errors.to_string(),
            "big.toml:5:17: `expected_days` must be a whole number, and 99999999999999999999 is far too large"
        );
    }

    #[test]
    fn every_offset_is_located_as_reading_from_the_start_would() {
        let src = "name = \"Été\"\r\n\n[[stages]]\nkey = \"q\" # ✓ done\n\nlast";
        let lines = Lines::new(src);
        for offset in (0..=src.len() + 2).filter(|&o| o >= src.len() || src.is_char_boundary(o)) {
            let before = &src[..offset.min(src.len())];
            let line = before.matches('\n').count() + 1;
            let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
            assert_eq!(lines.locate(offset), (line, column), "offset {offset}");
        }
    }

    #[test]
    fn typos_find_their_word() {
        assert_eq!(edit_distance("hint", "hint"), 0);
        assert_eq!(edit_distance("hnit", "hint"), 1, "a swap is one edit");
        assert_eq!(edit_distance("skils", "skills"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("étape", "etape"), 1, "characters, not bytes");
        assert_eq!(closest("expected_day", ["key", "name", "expected_days"]), Some("expected_days"));
        assert_eq!(closest("Name", ["key", "name"]), Some("name"), "case is not a typo to count");
        assert_eq!(closest("colour", ["key", "name", "expected_days"]), None, "no far-fetched guess");
    }

    #[test]
    fn the_key_of_a_value_is_found_on_its_line() {
        let src = "expected_days = \"14\"\nscale = { min = \"1\" }\naliases = [\"a\", 3]\n";
        let at = |needle: &str| src.find(needle).unwrap();
        assert_eq!(key_before(src, at("\"14\"")), Some("expected_days"));
        assert_eq!(key_before(src, at("\"1\"")), Some("min"));
        assert_eq!(key_before(src, at("3]")), None, "a list element has no key of its own");
    }

    #[test]
    fn identifiers_are_suggested_when_they_can_be() {
        assert_eq!(as_identifier("Sponsor check"), Some("sponsor_check".to_string()));
        assert_eq!(as_identifier("Step-1 "), Some("step_1".to_string()));
        assert_eq!(as_identifier("1st"), None);
        assert_eq!(as_identifier("Étape"), None);
    }

    #[test]
    fn names_compare_without_case_accents_included() {
        assert!(same_name("Closed Won", "closed won"));
        assert!(same_name("NÉGOCIATION", "Négociation"));
        assert!(!same_name("Négociation", "Negociation"));
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
