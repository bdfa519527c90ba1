//! The question script: the shipped English and French scripts, CRM stage names, and how
//! broken scripts are refused (exact `line:column`, a message a sales manager can act on).

use sparring::script::{AnswerKind, DEFAULT_SCRIPT, FRENCH_SCRIPT, Script, ScriptError, StageMatch};

fn english() -> Script {
    Script::parse(DEFAULT_SCRIPT, "questions.toml").unwrap_or_else(|e| panic!("questions.toml is invalid:\n{e}"))
}

fn french() -> Script {
    Script::parse(FRENCH_SCRIPT, "assets/questions.fr.toml")
        .unwrap_or_else(|e| panic!("assets/questions.fr.toml is invalid:\n{e}"))
}

/// French typography puts a no-break space before `?` and `:`, and the article writes ’;
/// compare wording, not spacing.
fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ").replace('’', "'")
}

/// Where a CRM stage name lands: a stage key, "WON", "LOST" or "NONE".
fn lands(script: &Script, name: &str) -> String {
    match script.match_stage_name(name) {
        Some(StageMatch::Stage(stage)) => stage.key.clone(),
        Some(StageMatch::Won) => "WON".into(),
        Some(StageMatch::Lost) => "LOST".into(),
        None => "NONE".into(),
    }
}

// ----- the shipped scripts ---------------------------------------------------------------

#[test]
fn shipped_scripts_are_valid() {
    let en = english();
    assert_eq!(en.language, "en");
    assert_eq!(en, Script::embedded(), "the embedded script is questions.toml");
    let fr = french();
    assert_eq!(fr.language, "fr");
    for script in [&en, &fr] {
        assert!(!script.name.is_empty());
        assert_eq!(script.stages.len(), 5);
        assert!(script.stages.iter().all(|s| !s.criteria.is_empty()), "every stage has exit criteria");
        assert!(script.questions.iter().all(|q| !q.hint.is_empty()), "every deal question has a coaching hint");
        assert!(script.prospecting.iter().all(|q| !q.hint.is_empty()), "every prospecting question has a hint");
    }
}

#[test]
fn french_script_has_the_same_structure_as_the_english_one() {
    let (en, fr) = (english(), french());

    let stages = |s: &Script| -> Vec<(String, u32, Vec<String>)> {
        s.stages
            .iter()
            .map(|st| (st.key.clone(), st.expected_days, st.criteria.iter().map(|c| c.id.clone()).collect()))
            .collect()
    };
    assert_eq!(stages(&fr), stages(&en), "stage keys, order, expected days and criterion ids");

    let questions = |list: &[sparring::script::Question]| -> Vec<_> {
        list.iter()
            .map(|q| {
                (q.id.clone(), q.kind, q.stages.clone(), q.choices.len(), q.scale.as_ref().map(|s| (s.min, s.max)))
            })
            .collect()
    };
    assert_eq!(questions(&fr.questions), questions(&en.questions), "deal questions");
    assert_eq!(questions(&fr.prospecting), questions(&en.prospecting), "prospecting questions");

    let skills = |s: &Script| -> Vec<String> { s.skills.iter().map(|k| k.id.clone()).collect() };
    assert_eq!(skills(&fr), skills(&en), "skill ids");
}

#[test]
fn french_script_is_translated() {
    let (en, fr) = (english(), french());
    assert_ne!(fr.name, en.name);
    let pairs = en.questions.iter().zip(&fr.questions).chain(en.prospecting.iter().zip(&fr.prospecting));
    for (e, f) in pairs {
        assert_ne!(f.text, e.text, "question {} is not translated", e.id);
        assert_ne!(f.hint, e.hint, "hint of {} is not translated", e.id);
        for (ec, fc) in e.choices.iter().zip(&f.choices) {
            assert_ne!(fc, ec, "a choice of {} is not translated", e.id);
        }
        if let (Some(es), Some(fs)) = (&e.scale, &f.scale) {
            assert!(fs.low != es.low && fs.high != es.high, "scale labels of {} are not translated", e.id);
        }
    }
    for (e, f) in en.stages.iter().zip(&fr.stages) {
        for (ec, fc) in e.criteria.iter().zip(&f.criteria) {
            assert_ne!(fc.text, ec.text, "criterion {}.{} is not translated", e.key, ec.id);
        }
    }
    for (e, f) in en.skills.iter().zip(&fr.skills) {
        assert_ne!(f.description, e.description, "skill {} is not translated", e.id);
    }
    let names: Vec<&str> = fr.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Qualification", "Découverte", "Solution et valeur", "Proposition", "Négociation"]);
}

#[test]
fn french_questions_never_wrap_before_their_punctuation() {
    // "validée ?" with a plain space can leave a lone "?" at the start of a wrapped line.
    let fr = french();
    let texts = fr.questions.iter().chain(&fr.prospecting).flat_map(|q| [&q.text, &q.hint]);
    for text in texts {
        for mark in [" ?", " :", " ;", " !", " »", "« "] {
            assert!(!text.contains(mark), "plain space in {mark:?}, use a no-break space: {text}");
        }
    }
}

// ----- CRM stage names -------------------------------------------------------------------

const SALESFORCE: [(&str, &str); 10] = [
    ("Prospecting", "qualify"),
    ("Qualification", "qualify"),
    ("Needs Analysis", "discover"),
    ("Value Proposition", "solution"),
    ("Id. Decision Makers", "solution"),
    ("Perception Analysis", "solution"),
    ("Proposal/Price Quote", "proposal"),
    ("Negotiation/Review", "negotiate"),
    ("Closed Won", "WON"),
    ("Closed Lost", "LOST"),
];

const HUBSPOT: [(&str, &str); 7] = [
    ("Appointment Scheduled", "qualify"),
    ("Qualified To Buy", "qualify"),
    ("Presentation Scheduled", "discover"),
    ("Decision Maker Bought-In", "solution"),
    ("Contract Sent", "proposal"),
    ("Closed Won", "WON"),
    ("Closed Lost", "LOST"),
];

const PIPEDRIVE: [(&str, &str); 6] = [
    ("Lead In", "qualify"),
    ("Contact Made", "qualify"),
    ("Demo Scheduled", "discover"),
    ("Needs Defined", "discover"),
    ("Proposal Made", "proposal"),
    ("Negotiations Started", "negotiate"),
];

#[test]
fn default_crm_stage_names_map_in_both_scripts() {
    for script in [english(), french()] {
        for (crm, table) in [("Salesforce", &SALESFORCE[..]), ("HubSpot", &HUBSPOT[..]), ("Pipedrive", &PIPEDRIVE[..])]
        {
            for &(name, expected) in table {
                assert_eq!(lands(&script, name), expected, "{crm} stage {name:?} in the {} script", script.language);
                assert_eq!(lands(&script, &name.to_uppercase()), expected, "{name:?} in capitals");
                assert_eq!(lands(&script, &format!("  {name} ")), expected, "{name:?} with spaces around");
            }
        }
        assert_eq!(lands(&script, "Something else"), "NONE");
        for outcome in ["won", "lost", "Won", "Lost"] {
            assert!(script.stage(&outcome.to_lowercase()).is_none(), "won and lost are outcomes, not stages");
        }
    }
}

#[test]
fn stage_keys_and_names_map_to_their_stage() {
    for script in [english(), french()] {
        for stage in &script.stages {
            assert_eq!(lands(&script, &stage.key), stage.key);
            assert_eq!(lands(&script, &stage.name), stage.key);
        }
    }
}

#[test]
fn french_crm_labels_map_to_stages_and_outcomes() {
    let fr = french();
    for (name, expected) in [
        ("Prospection", "qualify"),
        ("Découverte", "discover"),
        ("Analyse des besoins", "discover"),
        ("Proposition de valeur", "solution"),
        ("Proposition", "proposal"),
        ("Devis", "proposal"),
        ("Négociation", "negotiate"),
        ("NÉGOCIATION", "negotiate"),
        ("Gagné", "WON"),
        ("Perdu", "LOST"),
        ("perdue", "LOST"),
    ] {
        assert_eq!(lands(&fr, name), expected, "{name:?}");
    }
}

#[test]
fn every_crm_name_points_to_one_place() {
    for script in [english(), french()] {
        let mut seen = std::collections::HashMap::new();
        let stage_names = script.stages.iter().flat_map(|s| s.aliases.iter().map(move |a| (a, s.key.as_str())));
        let outcomes =
            script.won_aliases.iter().map(|a| (a, "WON")).chain(script.lost_aliases.iter().map(|a| (a, "LOST")));
        for (alias, owner) in stage_names.chain(outcomes) {
            if let Some(first) = seen.insert(alias.to_lowercase(), owner) {
                assert_eq!(first, owner, "alias {alias:?} is given to {first} and {owner}");
            }
        }
    }
}

// ----- the method of the article -----------------------------------------------------------

#[test]
fn the_articles_five_questions_are_asked_at_every_stage() {
    let article = [
        (
            "step_not_validated",
            AnswerKind::Criteria,
            "Pourquoi cette étape du processus n'est-elle pas encore validée ?",
        ),
        ("prospect_commitments", AnswerKind::Commitments, "Quels engagements concrets as-tu obtenus du prospect ?"),
        ("untested_hypotheses", AnswerKind::Hypotheses, "Quelles hypothèses n'as-tu pas encore testées ?"),
        ("worrying_behaviour", AnswerKind::Text, "Quel comportement du prospect t'inquiète ?"),
        ("secure_next_step", AnswerKind::Commitments, "Qu'est-ce qu'on peut faire ensemble pour sécuriser l'avancée ?"),
    ];
    let (en, fr) = (english(), french());
    for (id, kind, wording) in article {
        for script in [&en, &fr] {
            let question = script.questions.iter().find(|q| q.id == id).unwrap_or_else(|| panic!("no question {id}"));
            assert_eq!(question.kind, kind, "{id}");
            assert!(question.stages.is_none(), "{id} is asked at every stage");
        }
        let asked = &fr.questions.iter().find(|q| q.id == id).unwrap().text;
        assert_eq!(plain(asked), wording, "the French script uses the article's own words");
    }
}

#[test]
fn sponsor_real_progress_and_process_are_challenged() {
    for script in [english(), french()] {
        let kind = |id: &str| script.questions.iter().find(|q| q.id == id).map(|q| q.kind);
        assert_eq!(kind("sponsor"), Some(AnswerKind::YesNo));
        assert_eq!(kind("real_progress"), Some(AnswerKind::Text));
        assert_eq!(kind("process_respected"), Some(AnswerKind::YesNo));
        for stage in &script.stages {
            let asked: Vec<&str> = script.questions_for(&stage.key).iter().map(|q| q.id.as_str()).collect();
            for id in ["sponsor", "real_progress", "process_respected"] {
                assert!(asked.contains(&id), "{id} is asked in stage {}", stage.key);
            }
        }
        assert!(
            script.stages.iter().any(|s| s.criteria.iter().any(|c| c.id == "sponsor")),
            "a sponsor is an exit criterion"
        );
    }
}

#[test]
fn prospecting_review_covers_targeting_messages_channels_and_next_week() {
    for script in [english(), french()] {
        let ids: Vec<&str> = script.prospecting.iter().map(|q| q.id.as_str()).collect();
        for id in ["targeting", "messages", "channels", "next_week"] {
            assert!(ids.contains(&id), "prospecting question {id}");
        }
        let next_week = script.prospecting.iter().find(|q| q.id == "next_week").unwrap();
        assert_eq!(next_week.kind, AnswerKind::Commitments, "next week's organisation ends in commitments");
        assert!(script.prospecting.iter().all(|q| q.stages.is_none()));
    }
}

#[test]
fn skills_cover_discourse_posture_and_process() {
    for script in [english(), french()] {
        let ids: Vec<&str> = script.skills.iter().map(|s| s.id.as_str()).collect();
        for id in ["discovery", "discourse", "posture", "process_discipline", "prospecting"] {
            assert!(ids.contains(&id), "skill {id}");
        }
        assert!(script.skills.iter().all(|s| !s.name.is_empty() && !s.description.is_empty()));
    }
}

#[test]
fn summary_counts_everything() {
    assert_eq!(
        english().summary(),
        "5 stages (15 exit criteria), 11 deal questions, 5 prospecting questions, 5 skills"
    );
}

// ----- broken scripts ----------------------------------------------------------------------

/// A valid script in nine lines; broken scripts below are written out in full so each
/// expected position can be read off the text.
const VALID: &str = r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#;

/// Parses `source` (its first newline dropped, so line 1 is the first written line) and
/// returns the problems as `(line, column, message)`.
fn problems(source: &str) -> Vec<(usize, usize, String)> {
    let source = source.strip_prefix('\n').unwrap_or(source);
    match Script::parse(source, "t.toml") {
        Ok(_) => panic!("expected errors, the script was accepted:\n{source}"),
        Err(errors) => errors.0.into_iter().map(|e| (e.line, e.column, e.message)).collect(),
    }
}

/// Asserts exactly one problem, at `line:column`, whose message contains every fragment.
#[track_caller]
fn refused(source: &str, line: usize, column: usize, fragments: &[&str]) {
    let found = problems(source);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    let (l, c, message) = &found[0];
    assert_eq!((*l, *c), (line, column), "position of: {message}");
    for fragment in fragments {
        assert!(message.contains(fragment), "{message:?} should contain {fragment:?}");
    }
}

#[test]
fn the_valid_base_is_valid() {
    let script = Script::parse(VALID.trim_start(), "t.toml").unwrap();
    assert_eq!(script.summary(), "1 stages (0 exit criteria), 1 deal questions, 0 prospecting questions, 0 skills");
    assert_eq!(script.questions[0].kind, AnswerKind::Text, "kind defaults to text");
    assert_eq!(script.language, "en", "language defaults to en");
}

#[test]
fn toml_syntax_errors() {
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification
expected_days = 14
"#,
        4,
        22,
        &["not closed", "\""],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key "qualify"
"#,
        3,
        5,
        &["expected `=`"],
    );
    refused(
        r#"
name = "Mini"
[[stages]
key = "qualify"
"#,
        2,
        10,
        &["expected `]`"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = qualify
"#,
        3,
        7,
        &["text must be in quotes", "name = \"Discovery\""],
    );
}

#[test]
fn a_key_set_twice_is_named() {
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
name = "Discovery"
"#,
        5,
        1,
        &["`name` is set twice"],
    );
}

#[test]
fn unknown_keys_say_where_and_suggest_the_right_one() {
    refused(
        r#"
name = "Mini"
skils = []
"#,
        2,
        1,
        &["unknown key `skils` at the top of the script", "did you mean `skills`?", "allowed: name, language, stages"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_day = 14
"#,
        5,
        1,
        &["unknown key `expected_day` in a [[stages]] table", "did you mean `expected_days`?"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
colour = "blue"
"#,
        6,
        1,
        &["unknown key `colour` in a [[stages]] table", "allowed: key, name, expected_days, aliases, criteria"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
hnit = "Name, role"
"#,
        9,
        1,
        &["unknown key `hnit` in a question", "did you mean `hint`?"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
criteria = [{ id = "pain", txt = "Pain confirmed" }]
"#,
        6,
        28,
        &["unknown key `txt` in a criterion", "did you mean `text`?", "allowed: id, text"],
    );
    refused(
        r#"
name = "Mini"
[outcomes]
won = ["Closed Won"]
lose = ["Closed Lost"]
"#,
        4,
        1,
        &["unknown key `lose` in [outcomes]", "did you mean `lost`?"],
    );
}

#[test]
fn wrong_value_types_are_explained() {
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = "14"
"#,
        5,
        17,
        &["`expected_days` must be a whole number, not the text \"14\"", "remove the quotes"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14.5
"#,
        5,
        17,
        &["`expected_days` must be a whole number, not the number 14.5"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = 3
"#,
        4,
        8,
        &["`name` must be text in quotes, not the number 3", "put it in quotes"],
    );
    refused(
        r#"
name = "Mini"
[stages]
key = "qualify"
"#,
        2,
        1,
        &["write [[stages]] with double brackets"],
    );
}

#[test]
fn missing_required_fields_name_the_table_and_the_fix() {
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
expected_days = 14
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        2,
        1,
        &["stage \"qualify\" has no `name`", "add name = "],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        2,
        1,
        &["stage \"qualify\" has no `expected_days`", "expected_days = 14"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
name = "Qualification"
expected_days = 14
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        2,
        1,
        &["this stage has no `key`"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
criteria = [{ id = "pain" }]
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        6,
        13,
        &["criterion \"pain\" has no `text`"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "sponsor"
hint = "Name, role"
"#,
        6,
        1,
        &["question \"sponsor\" has no `text`", "add text = "],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
text = "Is there a sponsor?"
"#,
        6,
        1,
        &["this question has no `id`"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
[[skills]]
id = "posture"
"#,
        9,
        1,
        &["skill \"posture\" has no `name`"],
    );
    refused(
        r#"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        1,
        1,
        &["the script has no `name`"],
    );
}

#[test]
fn a_script_needs_stages_and_questions() {
    refused(
        r#"
name = "Mini"
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        1,
        1,
        &["the script has no stages", "[[stages]]"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
"#,
        1,
        1,
        &["the script has no deal questions", "[[questions]]"],
    );
    assert_eq!(
        problems(
            r#"
name = "Mini"
stages = []
questions = []
"#
        ),
        [
            (2, 10, "the script needs at least one stage".to_string()),
            (3, 13, "the script needs at least one deal question in [[questions]]".to_string()),
        ]
    );
}

#[test]
fn duplicates_point_at_the_second_one_and_name_the_first() {
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[stages]]
key = "qualify"
name = "Discovery"
expected_days = 21
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        7,
        7,
        &["duplicate stage key \"qualify\" (first defined on line 3)"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
criteria = [
  { id = "pain", text = "Pain confirmed" },
  { id = "pain", text = "Pain quantified" },
]
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        8,
        10,
        &["duplicate criterion id \"pain\" in stage \"qualify\" (first defined on line 7)"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
[[questions]]
id = "sponsor"
text = "Who is the sponsor?"
"#,
        10,
        6,
        &["duplicate question id \"sponsor\" (first defined on line 7)"],
    );
}

#[test]
fn question_ids_are_unique_across_deal_and_prospecting_questions() {
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "targeting"
text = "Is this account in our target?"
[[prospecting]]
id = "targeting"
text = "Which accounts did you target?"
"#,
        10,
        6,
        &["duplicate question id \"targeting\" (first defined on line 7)"],
    );
}

#[test]
fn a_crm_stage_name_points_to_one_stage_or_outcome() {
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
aliases = ["Lead In", "Demo Scheduled"]
[[stages]]
key = "discover"
name = "Discovery"
expected_days = 21
aliases = ["Needs Analysis", "demo scheduled"]
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        11,
        30,
        &["stage alias \"demo scheduled\" already stands for stage \"qualify\" (line 6)"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
aliases = ["Won"]
[outcomes]
won = ["Closed Won", "Won"]
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        8,
        22,
        &["won alias \"Won\" already stands for stage \"qualify\" (line 6)"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[stages]]
key = "discover"
name = "Qualification"
expected_days = 21
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        8,
        8,
        &["stage name \"Qualification\" already stands for stage \"qualify\" (line 4)"],
    );
    // A stage may list its own name as an alias, as CRMs often use the same word.
    let own_name = VALID.replace("expected_days = 14", "expected_days = 14\naliases = [\"Qualification\"]");
    assert!(Script::parse(own_name.trim_start(), "t.toml").is_ok());
}

#[test]
fn question_stages_must_exist() {
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
stages = ["qualify", "negotiation"]
"#,
        9,
        22,
        &["question \"sponsor\" names stage \"negotiation\", which is not defined (stage keys: qualify)"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
stages = []
"#,
        9,
        10,
        &["`stages` is empty", "leave it out"],
    );
}

#[test]
fn answer_kinds_are_checked() {
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
kind = "yesno"
"#,
        9,
        8,
        &[
            "unknown kind \"yesno\": did you mean \"yes_no\"?",
            "kind is one of: text, yes_no, choice, scale, commitments, criteria, hypotheses",
        ],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "competition"
text = "What are we up against?"
kind = "choice"
"#,
        9,
        8,
        &["kind = \"choice\" needs a `choices` list"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "competition"
text = "What are we up against?"
kind = "choice"
choices = ["Status quo"]
"#,
        10,
        11,
        &["at least two non-empty choices"],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "competition"
text = "What are we up against?"
choices = ["Status quo", "Another vendor"]
"#,
        9,
        11,
        &["`choices` only applies to kind = \"choice\""],
    );
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "confidence"
text = "How solid is the close date?"
scale = { min = 1, max = 5 }
"#,
        9,
        9,
        &["`scale` only applies to kind = \"scale\""],
    );
}

#[test]
fn a_misspelt_kind_does_not_add_follow_on_errors() {
    refused(
        r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "competition"
text = "What are we up against?"
kind = "choise"
choices = ["Status quo", "Another vendor"]
"#,
        9,
        8,
        &["did you mean \"choice\"?"],
    );
}

#[test]
fn scales_are_checked() {
    let scale = |line: &str| {
        format!(
            r#"
name = "Mini"
[[stages]]
key = "qualify"
name = "Qualification"
expected_days = 14
[[questions]]
id = "confidence"
text = "How solid is the close date?"
kind = "scale"
{line}
"#
        )
    };
    refused(
        &scale("scale = { min = 5, max = 1 }"),
        10,
        9,
        &["scale max must be greater than min (got min = 5, max = 1)"],
    );
    refused(&scale("scale = { min = 0, max = 20 }"), 10, 9, &["at most 10 steps"]);
    refused(&scale("scale = { min = -1, max = 3 }"), 10, 9, &["scale min must be 0 or more"]);
    refused(&scale("scale = { min = 1, max = 5, mid = 3 }"), 10, 29, &["unknown key `mid` in a scale"]);
    let default = Script::parse(scale("").trim_start(), "t.toml").unwrap();
    let bounds = default.questions[0].scale.as_ref().map(|s| (s.min, s.max));
    assert_eq!(bounds, Some((1, 5)), "a scale question without bounds is 1 to 5");
}

#[test]
fn expected_days_must_be_plausible() {
    let days = |value: &str| VALID.replace("expected_days = 14", &format!("expected_days = {value}"));
    refused(&days("0"), 5, 17, &["expected_days must be between 1 and 730, not 0"]);
    refused(&days("-3"), 5, 17, &["not -3"]);
    refused(&days("1000"), 5, 17, &["not 1000"]);
    assert!(Script::parse(days("730").trim_start(), "t.toml").is_ok());
}

#[test]
fn prospecting_questions_are_not_about_a_deal() {
    let prospecting =
        |lines: &str| format!("{VALID}[[prospecting]]\nid = \"targeting\"\ntext = \"Who did you target?\"\n{lines}\n");
    refused(&prospecting("kind = \"criteria\""), 12, 8, &["not allowed in [[prospecting]]"]);
    refused(&prospecting("kind = \"hypotheses\""), 12, 8, &["not allowed in [[prospecting]]"]);
    refused(&prospecting("stages = [\"qualify\"]"), 12, 10, &["not tied to a deal stage: remove `stages`"]);
}

#[test]
fn texts_must_not_be_empty() {
    refused(&VALID.replace("\"Is there a sponsor?\"", "\"  \""), 8, 8, &["question text must not be empty"]);
    refused(&VALID.replace("name = \"Qualification\"", "name = \"\""), 4, 8, &["stage name must not be empty"]);
    refused(&VALID.replace("name = \"Mini\"", "name = \"\""), 1, 8, &["name must not be empty"]);
}

#[test]
fn ids_are_lowercase_words() {
    refused(
        &VALID.replace("id = \"sponsor\"", "id = \"Sponsor check\""),
        7,
        6,
        &["question id \"Sponsor check\" must be a lowercase word", "(e.g. \"sponsor_check\")"],
    );
    refused(
        &VALID.replace("key = \"qualify\"", "key = \"1st\""),
        3,
        7,
        &["stage key \"1st\" must be a lowercase word"],
    );
    refused(&VALID.replace("key = \"qualify\"", "key = \"étape\""), 3, 7, &["starting with a letter"]);
}

#[test]
fn every_problem_is_reported_in_file_order() {
    let found = problems(
        r#"
name = "Mini"
[[stages]]
key = "Qualify"
expected_days = 0
[[stages]]
key = "discover"
name = "Discovery"
expected_days = 21
aliases = ["Qualify"]
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
kind = "yes_or_no"
stages = ["proposal"]
[[prospecting]]
id = "sponsor"
text = ""
"#,
    );
    let lines: Vec<String> = found.iter().map(|(l, c, m)| format!("{l}:{c}: {m}")).collect();
    assert_eq!(
        lines,
        [
            "2:1: stage \"Qualify\" has no `name`: add name = \"...\", the name shown on screen",
            "3:7: stage key \"Qualify\" must be a lowercase word: letters a-z, digits and _, starting with a letter \
             (e.g. \"qualify\")",
            "4:17: expected_days must be between 1 and 730, not 0: the number of days a healthy deal stays in this stage",
            "9:12: stage alias \"Qualify\" already stands for stage \"Qualify\" (line 3): \
             a CRM stage name must point to one stage or outcome only",
            "13:8: unknown kind \"yes_or_no\" (kind is one of: text, yes_no, choice, scale, commitments, criteria, \
             hypotheses)",
            "14:11: question \"sponsor\" names stage \"proposal\", which is not defined (stage keys: Qualify, discover)",
            "16:6: duplicate question id \"sponsor\" (first defined on line 11)",
            "17:8: question text must not be empty",
        ]
    );
}

#[test]
fn errors_display_as_origin_line_column_message() {
    let source = VALID.trim_start().replace("expected_days = 14", "expected_days = 0");
    let errors = Script::parse(&source, "team/questions.toml").unwrap_err();
    assert_eq!(
        errors.to_string(),
        "team/questions.toml:5:17: expected_days must be between 1 and 730, not 0: \
         the number of days a healthy deal stays in this stage"
    );
    let two = Script::parse(&source.replace("key = \"qualify\"", "key = \"Q\""), "x.toml").unwrap_err();
    let lines: Vec<String> = two.to_string().lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("x.toml:3:7: stage key \"Q\""));
    assert!(lines[1].starts_with("x.toml:5:17: expected_days"));
    let unreadable = ScriptError { origin: "gone.toml".into(), line: 0, column: 0, message: "cannot read".into() };
    assert_eq!(unreadable.to_string(), "gone.toml: cannot read", "no position when the file cannot be read");
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.toml");
    let err = Script::load(&path).unwrap_err().to_string();
    assert!(err.starts_with(&path.display().to_string()), "{err}");
    assert!(err.contains("cannot read the script"), "{err}");
}

#[test]
fn columns_count_characters_not_bytes() {
    // "É" and "é" are two bytes each but one column: the error after them must not drift right.
    // Names also collide whatever their case, accents included ("NÉGOCIATION" = "Négociation").
    refused(
        r#"
name = "Équipe"
[[stages]]
key = "negotiate"
name = "Négociation"
expected_days = 14
[outcomes]
lost = ["Échouée", "NÉGOCIATION"]
[[questions]]
id = "sponsor"
text = "Is there a sponsor?"
"#,
        7,
        20,
        &["lost alias \"NÉGOCIATION\" already stands for stage \"negotiate\" (line 4)"],
    );
}

#[test]
fn a_prospecting_question_names_the_figure_shown_beside_it() {
    let with = |section: &str, figure: &str| {
        format!(
            "{}[[{section}]]\nid = \"targeting\"\ntext = \"Which accounts?\"\nfigure = \"{figure}\"\n",
            VALID.trim_start()
        )
    };
    let script = Script::parse(&with("prospecting", "segments"), "t.toml").unwrap();
    assert_eq!(script.prospecting[0].figure, Some(sparring::script::Figure::Segments));
    refused(
        &format!("\n{}", with("prospecting", "segmnts")),
        12,
        10,
        &["unknown figure \"segmnts\"", "segments, channels"],
    );
    refused(&format!("\n{}", with("questions", "segments")), 12, 10, &["`figure` only applies to [[prospecting]]"]);
    assert!(english().prospecting.iter().any(|q| q.figure == Some(sparring::script::Figure::Qualified)));
}
