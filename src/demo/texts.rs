//! What people wrote: evidence for criteria, answers to the script's questions, commitments.
//!
//! Answers come in two registers: specific (names, dates, the prospect's own words) and
//! vague (the status update the method wants to get rid of); the persona sets the mix.
//! Known question ids of the default script get their own phrasings; any other question
//! gets a phrasing by answer kind, so a custom script still gets believable history.
//! Structured kinds are stored as plain values (`yes`/`no`, the choice text, the scale
//! number) so the app can pre-select them.

use chrono::{Duration, NaiveDate};

use super::personas::Persona;
use super::rng::Rng;
use crate::domain::commitment::Owner;
use crate::script::{AnswerKind, Question};
use crate::tui::strings::owner_name;

/// "12 Mar": how people write dates in notes, as the app shows them.
pub use crate::tui::strings::short_date;

/// Replaces `{name}` placeholders; unknown ones are left as they are.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = after.find('}').and_then(|close| {
            let key = &after[..close];
            values.iter().find(|(k, _)| *k == key).map(|(_, v)| (close, *v))
        });
        if let Some((close, value)) = known {
            out.push_str(value);
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

// ----- exit criteria ------------------------------------------------------------------

/// A note of how a criterion was validated, and whether it carries the day it was written;
/// kept as a `'static` phrase until written, so a large demo does not hold a string per check.
pub fn evidence(criterion: &str, rng: &mut Rng) -> (&'static str, bool) {
    let options: &[&str] = match criterion {
        "pain" => &[
            "Ops director: \"we lose two days of output a month to unplanned stops\"",
            "\"Our audit findings keep piling up\" — Head of Compliance, first call",
            "Finance lead: month-end close takes 9 days, target is 4",
        ],
        "timing" => &[
            "Regulatory deadline drives the project; budget must be committed before the freeze",
            "Current contract ends in the spring; they want a decision a quarter ahead",
            "New plant opens next year and needs the system from day one",
        ],
        "fit" => &["1,200 employees, 4 sites, core segment", "Mid-size group, three countries, our main use case"],
        "needs" => {
            &["Needs document sent back with the prospect's edits", "Requirements list validated in the workshop"]
        }
        "sponsor" => &["Met the sponsor; agreed to champion it internally", "Sponsor chaired the second meeting"],
        "stakeholders" => &[
            "Org chart drawn with the sponsor: IT, finance, purchasing",
            "Stakeholder map shared; the blocker is IT security",
        ],
        "value" => &["Business case agreed: payback in 14 months", "Savings model reviewed line by line with finance"],
        "decision_makers" => {
            &["Met the COO and the CFO, not only our champion", "Steering committee presentation done"]
        }
        "decision_process" => {
            &["Decision steps and dates written in a shared plan", "Committee date and criteria confirmed"]
        }
        "presented" => &["Proposal walked through live with the committee", "Presented on site; questions answered"],
        "budget" => &["CFO confirmed the budget line", "Budget owner confirmed the amount by e-mail"],
        "paper_process" => &[
            "Procurement, legal and security owners named with dates",
            "Security questionnaire and DPA steps agreed with owners",
        ],
        "terms" => &["Price and payment terms agreed in principle", "Discount and term length agreed on the call"],
        "signatory" => &["Signatory and signature week confirmed by the sponsor", "MD signs; date in the close plan"],
        "close_plan" => &["Mutual close plan shared; both sides have dates", "Close plan signed off by the sponsor"],
        _ => &["Confirmed by the prospect in the meeting", "Written confirmation received by e-mail"],
    };
    (rng.word(options), rng.chance(0.3))
}

// ----- transformation review ----------------------------------------------------------

/// A commitment as planned for a review.
#[derive(Debug, Clone)]
pub struct PlannedCommitment {
    pub owner: Owner,
    pub what: String,
    pub due: NaiveDate,
}

/// What an answer about one deal in one review may refer to.
pub struct DealContext<'a> {
    pub persona: Persona,
    /// Specific rather than vague.
    pub good: bool,
    pub account: &'a str,
    pub sponsor: Option<(&'a str, &'a str)>,
    pub held: NaiveDate,
    /// Texts of the current stage's criteria not validated on the review day.
    pub missing: Vec<&'a str>,
    pub commitments: &'a [PlannedCommitment],
    /// Days in the stage on the review day, against the expected days.
    pub days_in_stage: i64,
    pub expected_days: i64,
}

pub fn deal_answer(q: &Question, ctx: &DealContext<'_>, rng: &mut Rng) -> String {
    let (sponsor, role) = ctx.sponsor.unwrap_or(("our contact", "contact"));
    let date = short_date(ctx.held + Duration::days(rng.range(4, 15)));
    let days = ctx.days_in_stage.to_string();
    let values = [("sponsor", sponsor), ("role", role), ("account", ctx.account), ("date", &date), ("days", &days)];
    match q.kind {
        AnswerKind::YesNo => yes_no(q, ctx, rng).to_string(),
        AnswerKind::Choice => choice(q, ctx, rng),
        AnswerKind::Scale => {
            let (min, max) = q.scale.as_ref().map_or((1, 5), |s| (i64::from(s.min), i64::from(s.max)));
            let stalled = ctx.days_in_stage > ctx.expected_days * 2;
            let level = match (ctx.good, stalled) {
                (true, false) => rng.range(max - 1, max),
                (true, true) => rng.range(min + 1, max - 1),
                (false, _) => rng.range(min, min + 1),
            };
            level.clamp(min, max).to_string()
        }
        AnswerKind::Commitments => commitments_answer(q, ctx, rng),
        AnswerKind::Criteria => criteria_answer(ctx, &values, rng),
        AnswerKind::Hypotheses => {
            let bank = if ctx.good { HYPOTHESES_GOOD } else { HYPOTHESES_VAGUE };
            fill(rng.word(bank), &values)
        }
        AnswerKind::Text => {
            let (good, vague) = match q.id.as_str() {
                "real_progress" => (PROGRESS_GOOD, PROGRESS_VAGUE),
                "worrying_behaviour" => (WORRY_GOOD, WORRY_VAGUE),
                "decision_process" => (DECISION_GOOD, DECISION_VAGUE),
                _ => (TEXT_GOOD, TEXT_VAGUE),
            };
            let bank = if ctx.good {
                good
            } else if ctx.persona == Persona::Staller && rng.chance(0.5) {
                STALLER_VAGUE
            } else {
                vague
            };
            fill(rng.word(bank), &values)
        }
    }
}

fn yes_no(q: &Question, ctx: &DealContext<'_>, rng: &mut Rng) -> &'static str {
    let yes = match q.id.as_str() {
        "sponsor" => ctx.sponsor.is_some() && (ctx.good || rng.chance(0.7)),
        // "Has a step been skipped?": the undisciplined skip steps.
        "process_respected" => match ctx.persona {
            Persona::Strong => rng.chance(0.05),
            Persona::Misser | Persona::Staller => rng.chance(0.45),
            _ => rng.chance(0.2),
        },
        _ => rng.chance(if ctx.good { 0.75 } else { 0.45 }),
    };
    if yes { "yes" } else { "no" }
}

fn choice(q: &Question, ctx: &DealContext<'_>, rng: &mut Rng) -> String {
    match q.choices.split_first() {
        None => String::new(),
        // The first choice of the default script is "Nobody known": the vague answer.
        Some((first, rest)) if rest.is_empty() || (!ctx.good && rng.chance(0.5)) => first.clone(),
        Some((_, rest)) => rng.pick(rest).clone(),
    }
}

fn commitments_answer(q: &Question, ctx: &DealContext<'_>, rng: &mut Rng) -> String {
    let only_prospect = q.id == "prospect_commitments";
    // "Secure the next step" wants one action per side, not the whole list again.
    let mut owners_seen = Vec::new();
    let lines: Vec<String> = ctx
        .commitments
        .iter()
        .filter(|c| {
            if only_prospect {
                return c.owner == Owner::Prospect;
            }
            let first = !owners_seen.contains(&c.owner);
            owners_seen.push(c.owner);
            first
        })
        .map(|c| format!("{} — {}, by {}", owner_name(c.owner.as_str()), c.what, short_date(c.due)))
        .collect();
    if lines.is_empty() {
        let bank: &[&str] = if only_prospect {
            &[
                "None yet. They said they would come back to us after their internal meeting.",
                "Nothing concrete: \"send us more information\".",
                "Not really, they are friendly but they have not committed to anything.",
            ]
        } else {
            &["Nothing agreed yet; I'll propose dates by e-mail.", "To be defined after their internal meeting."]
        };
        rng.word(bank).to_string()
    } else {
        lines.join("\n")
    }
}

fn criteria_answer(ctx: &DealContext<'_>, values: &[(&str, &str)], rng: &mut Rng) -> String {
    if ctx.missing.is_empty() {
        return "All exit criteria of this stage are validated; moving to the next stage this week.".to_string();
    }
    let reasons = if ctx.good { CRITERIA_GOOD } else { CRITERIA_VAGUE };
    // Consecutive reasons, so two missing criteria never get the same sentence.
    let first = rng.index(reasons.len());
    let mut out = String::new();
    for (i, text) in ctx.missing.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("Missing: ");
        out.push_str(text);
        out.push_str(" — ");
        out.push_str(&fill(reasons[(first + i) % reasons.len()], values));
    }
    out
}

const CRITERIA_GOOD: &[&str] = &[
    "{sponsor} holds it; meeting on {date} to close it.",
    "I asked for it in writing; {sponsor} ({role}) promised it for {date}.",
    "Needs their finance team: the {role} set up the call for {date}.",
    "We have it verbally only; I'll get it confirmed in the {date} meeting.",
];
const CRITERIA_VAGUE: &[&str] = &[
    "waiting for the client.",
    "they are busy, I'll chase them.",
    "should come soon.",
    "not discussed yet.",
    "I think it's fine, just not written anywhere.",
];

const PROGRESS_GOOD: &[&str] = &[
    "{sponsor} sent the usage data we asked for and booked the workshop for {date}.",
    "They shared the current contract and the renewal date; IT joined the last call.",
    "The {role} forwarded our business case to the executive committee with a positive note.",
    "They ran the pilot figures themselves and came back with questions on rollout.",
    "Procurement opened the supplier file — a step they only take when they mean it.",
    "{sponsor} introduced us to the IT security lead and set a review for {date}.",
];
const PROGRESS_VAGUE: &[&str] = &[
    "Not much since last time, they are busy with the quarter end.",
    "I sent the proposal again, waiting for feedback.",
    "They said it's still a priority.",
    "I followed up twice by e-mail, no reply yet.",
    "Any news from the client? Not yet, I'll chase them.",
];
const STALLER_VAGUE: &[&str] = &[
    "Still waiting for the client to come back — {days} days in this stage now.",
    "Same as last time: they need to talk internally.",
    "Nothing moved, but they say the project is still on.",
    "They postponed the meeting again, no new date.",
];
const WORRY_GOOD: &[&str] = &[
    "The {role} delegated the last meeting to a junior analyst — the project may have lost priority.",
    "They asked only about price in the last call; no questions on rollout.",
    "A new IT director joined and we have not met them yet.",
    "Meeting moved twice, the second time without a new date.",
    "{sponsor} stopped replying within the day; now it takes a week.",
];
const WORRY_VAGUE: &[&str] =
    &["Nothing special, it's going fine.", "They seem positive.", "Hard to say, they're quiet.", "Maybe the budget."];
const DECISION_GOOD: &[&str] = &[
    "{sponsor} ({role}) signs; IT security can block; purchasing runs the tender. We haven't met purchasing yet.",
    "Committee of three: CFO, COO and the IT director. The CFO needs payback under 18 months.",
    "The board approves anything over €100k; {sponsor} presents it on {date}.",
];
const DECISION_VAGUE: &[&str] =
    &["I think the {role} decides.", "Not sure yet, I'll ask next time.", "Our contact says it's his call."];
const TEXT_GOOD: &[&str] = &[
    "Agreed with {sponsor} on the next step, in writing, for {date}.",
    "Discussed with the {role}: they confirmed by e-mail the same day.",
    "Clear answer from {sponsor}; details in the meeting notes of {date}.",
];
const TEXT_VAGUE: &[&str] = &["To be confirmed.", "I'll check with them.", "Probably, yes.", "Not discussed yet."];
const HYPOTHESES_GOOD: &[&str] = &[
    "Budget sits with operations, not IT — test it by asking {sponsor} who signed the last tool purchase.",
    "We assume no competitor: ask openly on {date} who else they are talking to.",
    "Timing hinges on their board on {date}: confirm it is on the agenda.",
    "We believe the {role} can sign alone up to €150k — check the delegation of authority.",
];
const HYPOTHESES_VAGUE: &[&str] = &[
    "Budget should be fine.",
    "I think we are the only vendor.",
    "They will probably sign this quarter.",
    "None really, it's all clear.",
];

// ----- commitments ----------------------------------------------------------------------

pub fn deal_commitment(owner: Owner, rng: &mut Rng) -> String {
    let bank: &[&str] = match owner {
        Owner::Prospect => &[
            "Send the usage data for the last 12 months",
            "Book the meeting with the CFO",
            "Confirm the budget line in writing",
            "Share the org chart of the project team",
            "Introduce us to the IT security lead",
            "Return the security questionnaire",
            "Sign the pilot scope",
            "Give written feedback on the proposal draft",
            "Confirm the decision committee date",
            "Open the supplier account with purchasing",
        ],
        Owner::Rep => &[
            "Send the revised proposal",
            "Prepare the business case with their figures",
            "Book a reference call with a peer customer",
            "Send the mutual close plan draft",
            "Organise the technical workshop",
            "Map the stakeholders with the sponsor",
        ],
        Owner::Manager => &[
            "Call their COO peer to peer",
            "Join the CFO meeting",
            "Get the reference customer on the phone",
            "Approve the pilot discount",
        ],
    };
    rng.word(bank).to_string()
}

pub fn prospecting_commitment(owner: Owner, segment: &str, message: &str, rng: &mut Rng) -> String {
    let bank: &[&str] = match owner {
        Owner::Manager => &["Share the team's best {segment} call script", "Listen to two calls together on Thursday"],
        _ => &[
            "Block Tue/Thu 9–11 for calls",
            "Test \"{message}\" on 30 {segment} accounts",
            "Qualify every booked meeting: pain and sponsor named on the first call",
            "Follow up the ten warmest conversations from the event",
            "Ask two customers for an introduction",
            "Rewrite the opening e-mail of the \"{message}\" sequence",
        ],
    };
    fill(rng.word(bank), &[("segment", segment), ("message", message)])
}

/// Why a commitment was missed or dropped, in the words of whoever reports it.
pub fn commitment_note(owner: Owner, missed: bool, rng: &mut Rng) -> String {
    let bank: &[&str] = match (owner, missed) {
        (Owner::Prospect, true) => {
            &["Postponed by the prospect, no new date", "Prospect went silent", "Their CFO cancelled", ""]
        }
        (Owner::Rep, true) => &["Forgot — back on the list", "Ran out of time", "Did half of it", ""],
        (Owner::Manager, true) => &["Travel — rescheduled", ""],
        (_, false) => &["No longer relevant after the scope change", "Replaced by a better next step"],
    };
    rng.word(bank).to_string()
}

// ----- hypotheses, verdicts, notes ---------------------------------------------------------

/// One assumption of a deal: what is assumed, how to test it, and what the test showed.
pub struct HypothesisText {
    pub statement: &'static str,
    pub test_plan: &'static str,
    pub confirmed: &'static str,
    pub refuted: &'static str,
}

const fn h(
    statement: &'static str,
    test_plan: &'static str,
    confirmed: &'static str,
    refuted: &'static str,
) -> HypothesisText {
    HypothesisText { statement, test_plan, confirmed, refuted }
}

/// Assumptions by topic, in `Topic` order: budget, decision, competition, timing.
pub const HYPOTHESES: [&[HypothesisText]; 4] = [
    &[
        h(
            "Budget sits with operations, not IT",
            "Ask {sponsor} who signed the last tool purchase",
            "The COO signed the last two tools: operations owns it",
            "IT owns the budget line: we need the CIO on board",
        ),
        h(
            "The budget is already approved for this year",
            "Ask the CFO to confirm the amount in writing",
            "CFO confirmed the amount by e-mail",
            "No budget this year: it goes into next year's planning",
        ),
        h(
            "They can pay from the project budget, no new line needed",
            "Ask the project lead how the pilot was paid for",
            "Pilot and rollout come from the same project budget",
            "The project budget is spent: they need a new budget line",
        ),
    ],
    &[
        h(
            "The {role} can sign alone up to €150k",
            "Check the delegation of authority with purchasing",
            "Confirmed in the delegation table purchasing sent",
            "Anything over €100k goes to the board",
        ),
        h(
            "The steering committee follows the sponsor's recommendation",
            "Ask {sponsor} how the last vendor was chosen",
            "The last three vendors were the sponsor's picks",
            "The committee overruled the sponsor last year",
        ),
        h(
            "IT security will not block the project",
            "Send the security questionnaire before the proposal",
            "Questionnaire approved with two minor points",
            "Security wants an on-premise option we do not have",
        ),
    ],
    &[
        h(
            "We are the only vendor in the running",
            "Ask openly who else they are talking to",
            "No other vendor invited, in writing",
            "Two competitors were invited to the tender",
        ),
        h(
            "Their incumbent will not bid",
            "Ask {sponsor} whether the current supplier was consulted",
            "The incumbent declined to bid",
            "The incumbent offered a discount to stay",
        ),
        h(
            "Building it in-house is not an option for them",
            "Ask IT what they estimated for a build",
            "IT estimated 18 months: they dropped the idea",
            "IT still wants to build a prototype first",
        ),
    ],
    &[
        h(
            "They must decide before the budget freeze",
            "Confirm the freeze date with finance",
            "Freeze confirmed mid-December: the decision comes before",
            "There is no freeze this year: no deadline",
        ),
        h(
            "Their board meets before the end of the quarter",
            "Confirm the project is on the board's agenda",
            "On the agenda of the next board meeting",
            "Not on the agenda: it slips to next quarter",
        ),
        h(
            "The go-live date is tied to the new site opening",
            "Ask for the opening date and who owns it",
            "Opening date fixed; rollout must start two months before",
            "The opening was postponed by six months",
        ),
    ],
];

/// Fills a hypothesis text with the deal's sponsor and role.
pub fn about_sponsor(text: &str, sponsor: Option<(&str, &str)>) -> String {
    let (name, role) = sponsor.unwrap_or(("our contact", "contact"));
    fill(text, &[("sponsor", name), ("role", role)])
}

/// Why the manager put the deal below the rep's call.
pub const DOWNGRADE_COMMENTS: &[&str] = &[
    "No signatory date and the budget is not confirmed: best case at most.",
    "A commit needs a signature date from the prospect; we have none.",
    "Close date pushed again: it stays lower until the sponsor commits to a date.",
    "Only our champion is engaged; the decision makers have not been met.",
    "No prospect commitment since the last review: I don't see it closing this quarter.",
];

/// Why the manager put the deal above the rep's call.
pub const UPGRADE_COMMENTS: &[&str] = &[
    "Budget confirmed in writing and a close plan agreed: this is stronger than you say.",
    "Signature week confirmed by the signatory: moving it up.",
    "All exit criteria validated with evidence: be bolder on this one.",
];

/// When manager and rep agree; usually nothing is written.
pub const AGREED_COMMENTS: &[&str] =
    &["Agreed.", "Fair call; keep the next step dated.", "Agreed, confidence depends on the CFO meeting."];

pub const NO_NEXT_STEP_COMMENT: &str = "No next step agreed: get one in the calendar this week.";

/// The reason a criteria answer ("Missing: text — reason" lines) gives for one criterion,
/// with its first letter capitalised, to be kept as a note of its own.
pub fn missing_reason(answer: &str, criterion_text: &str) -> Option<String> {
    answer.lines().find_map(|line| {
        let reason = line.strip_prefix("Missing: ")?.strip_prefix(criterion_text)?.strip_prefix(" — ")?;
        let mut chars = reason.chars();
        let first = chars.next()?;
        Some(first.to_uppercase().chain(chars).collect())
    })
}

// ----- prospecting review ---------------------------------------------------------------

pub struct ProspectingContext<'a> {
    pub persona: Persona,
    pub good: bool,
    pub segment: &'a str,
    pub message: &'a str,
    pub other_message: &'a str,
    pub commitments: &'a [PlannedCommitment],
}

pub fn prospecting_answer(q: &Question, ctx: &ProspectingContext<'_>, rng: &mut Rng) -> String {
    let values = [("segment", ctx.segment), ("message", ctx.message), ("other", ctx.other_message)];
    let machine = ctx.persona == Persona::MeetingMachine;
    match q.kind {
        AnswerKind::Scale => {
            let (min, max) = q.scale.as_ref().map_or((1, 5), |s| (i64::from(s.min), i64::from(s.max)));
            let base = min + (ctx.persona.meeting_quality() - 1) * (max - min) / 4;
            (base + rng.range(0, 1) - i64::from(!ctx.good)).clamp(min, max).to_string()
        }
        AnswerKind::YesNo => if ctx.good { "yes" } else { "no" }.to_string(),
        AnswerKind::Choice => q.choices.first().cloned().unwrap_or_default(),
        AnswerKind::Commitments => {
            let lines: Vec<String> = ctx
                .commitments
                .iter()
                .map(|c| format!("{} — {}, by {}", owner_name(c.owner.as_str()), c.what, short_date(c.due)))
                .collect();
            if lines.is_empty() { "Same organisation as this week.".to_string() } else { lines.join("\n") }
        }
        AnswerKind::Text | AnswerKind::Criteria | AnswerKind::Hypotheses => {
            let bank: &[&str] = match (q.id.as_str(), machine, ctx.good) {
                ("targeting", true, _) => &[
                    "Mostly {segment} store managers: lots of meetings, but few of them own a budget.",
                    "Anyone who accepts a call — the calendar is full, I'm not sure the accounts are right.",
                ],
                ("targeting", false, true) => &[
                    "{segment} operations directors gave the real conversations: most of my meetings came from there.",
                    "Focused on {segment} accounts over 500 people; the smaller ones never get to a second meeting.",
                ],
                ("targeting", false, false) => {
                    &["I called everyone on the list.", "A bit of every segment, whoever picked up."]
                }
                ("messages", _, true) => &[
                    "\"{message}\" gets the replies; I'm stopping \"{other}\" — no meeting from it in three weeks.",
                    "\"{message}\" with a peer example works best; \"{other}\" only gets polite answers.",
                ],
                ("messages", _, false) => &["They all work more or less.", "I haven't compared them really."],
                ("channels", true, _) => &[
                    "LinkedIn and events bring meetings easily — but they rarely turn into projects.",
                    "Everything brings meetings; the question is which ones are real.",
                ],
                ("channels", false, true) => &[
                    "Phone brings the meetings; LinkedIn only warms people up. Events were a waste this month.",
                    "Partner introductions convert best by far; cold e-mail consumed a day for one meeting.",
                ],
                ("channels", false, false) => &["A bit of everything.", "Mostly phone, I think."],
                (_, _, true) => &["Clear plan: {segment} accounts, \"{message}\" first, measured weekly."],
                (_, _, false) => &["Same as usual.", "Not much to say this week."],
            };
            fill(rng.word(bank), &values)
        }
    }
}

// ----- skill ratings ------------------------------------------------------------------

pub fn skill_note(score: i64, rng: &mut Rng) -> String {
    let bank: &[&str] = match score {
        5 => &["Excellent — asked the prospect for the next step every time.", "A model for the team."],
        4 => &["Solid; challenged the prospect on dates.", "Good progress, keep asking for commitments."],
        3 => &[
            "Getting there; still accepts \"we'll come back to you\".",
            "Mixed: good on two deals, vague on the rest.",
        ],
        2 => &["Too many status updates, not enough facts.", "Work on this before the next review."],
        _ => &["To work on first.", "Needs a plan: we'll practise together."],
    };
    rng.word(bank).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("Hi {a}, {b} and {c}", &[("a", "Léa"), ("b", "José")]), "Hi Léa, José and {c}");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("{open", &[("open", "x")]), "{open");
    }

    #[test]
    fn missing_reasons_are_read_back_from_a_criteria_answer() {
        let answer = "Missing: Budget confirmed — waiting for the client.\nMissing: Signatory — known — Ines holds it.";
        assert_eq!(missing_reason(answer, "Budget confirmed").as_deref(), Some("Waiting for the client."));
        assert_eq!(missing_reason(answer, "Signatory — known").as_deref(), Some("Ines holds it."));
        assert_eq!(missing_reason(answer, "Budget"), None);
        assert_eq!(missing_reason("All exit criteria of this stage are validated", "Budget confirmed"), None);
    }

    #[test]
    fn short_dates() {
        assert_eq!(short_date(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()), "2 Mar");
    }
}
