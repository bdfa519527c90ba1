//! The deal challenge's store on real temporary files, through the public API: every write
//! (what it records, what it refuses, that a failure leaves nothing), the one-rep bulk load
//! `challenge_data` (exactly the rep's data, in a fixed number of queries), the migration of
//! a version-1 file, and the demo's challenge history.
//!
//! A plain `rusqlite::Connection` on the same file looks at the rows as `sqlite3` would.

mod fixtures;

use std::path::PathBuf;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use fixtures::{d, demo_file, dump};
use rusqlite::Connection;
use sparring::demo::DemoParams;
use sparring::domain::change::DealField;
use sparring::domain::commitment::{CommitmentStatus, Owner};
use sparring::domain::deal::{DealStatus, Forecast};
use sparring::domain::hypothesis::{HypothesisStatus, Topic};
use sparring::domain::ids::{CommitmentId, DealId, HypothesisId, RepId, ReviewId};
use sparring::domain::review::{LedBy, ReviewKind, ReviewStatus};
use sparring::domain::verdict::VerdictInput;
use sparring::store::bulk::{self, NewDeal, NewRep, NewReview};
use sparring::store::deal_edits::{DealEdit, NewDealInput};
use sparring::store::reviews::{AnswerToSave, ReviewContext};
use sparring::store::{SCHEMA_VERSION, Store, StoreError};
use tempfile::TempDir;

/// `Some` text, as the rows read back.
macro_rules! s {
    ($text:expr) => {
        Some(String::from($text))
    };
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn at(day: NaiveDate, h: u32, min: u32) -> NaiveDateTime {
    day.and_hms_opt(h, min, 0).unwrap()
}

/// The day of the one-on-one in most tests.
fn today() -> NaiveDate {
    d(2026, 11, 27)
}

fn ctx(rep: RepId) -> ReviewContext {
    ReviewContext::challenge(rep, at(today(), 14, 30))
}

struct Db {
    _dir: TempDir,
    path: PathBuf,
    store: Store,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sparring.db");
        let store = Store::open(&path).unwrap();
        Db { _dir: dir, path, store }
    }

    /// A plain connection, as a user with `sqlite3` would have.
    fn plain(&self) -> Connection {
        Connection::open(&self.path).unwrap()
    }

    fn count(&self, sql: &str) -> i64 {
        fixtures::count(&self.plain(), sql)
    }

    fn text(&self, sql: &str) -> Option<String> {
        self.plain().query_row(sql, [], |row| row.get(0)).unwrap()
    }

    fn rows(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        let conn = self.plain();
        let mut stmt = conn.prepare(sql).unwrap();
        let width = stmt.column_count();
        stmt.query_map([], |row| {
            (0..width)
                .map(|i| {
                    Ok(match row.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => None,
                        rusqlite::types::ValueRef::Integer(n) => Some(n.to_string()),
                        other => Some(other.as_str()?.to_string()),
                    })
                })
                .collect()
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    fn rep(&mut self, name: &str) -> RepId {
        self.store
            .write(|tx| bulk::insert_rep(tx, &NewRep { name, email: None, manager: Some("Claire"), team: None }))
            .unwrap()
    }

    /// An open deal in `proposal` since 1 October (history: qualify, then proposal), with a
    /// commit forecast, a close date, a sponsor and a next step.
    fn deal(&mut self, rep: RepId, account: &str) -> DealId {
        self.deal_with(&NewDeal { account, ..new_deal(rep) })
    }

    fn deal_with(&mut self, deal: &NewDeal<'_>) -> DealId {
        self.store
            .write(|tx| {
                let id = bulk::insert_deal(tx, deal)?;
                bulk::insert_stage_entry(tx, id, "qualify", deal.created_on)?;
                bulk::insert_stage_entry(tx, id, deal.stage, deal.stage_entered_on)?;
                Ok(id)
            })
            .unwrap()
    }

    fn review(&mut self, rep: RepId, held_on: NaiveDate, led_by: LedBy, status: ReviewStatus) -> ReviewId {
        self.store
            .write(|tx| {
                bulk::insert_review(
                    tx,
                    &NewReview {
                        kind: ReviewKind::Transformation,
                        rep,
                        held_on,
                        led_by,
                        status,
                        opened_at: at(held_on, 9, 0),
                        closed_at: (status == ReviewStatus::Closed).then(|| at(held_on, 10, 0)),
                    },
                )
            })
            .unwrap()
    }

    fn reviews(&self) -> i64 {
        self.count("SELECT count(*) FROM reviews")
    }

    /// The open manager transformation review of today, as the app finds it.
    fn todays_review(&self, rep: RepId) -> Option<ReviewId> {
        self.store.open_review_on(rep, ReviewKind::Transformation, LedBy::Manager, today()).unwrap()
    }

    fn history(&self, deal: DealId) -> Vec<(String, String)> {
        self.rows(&format!(
            "SELECT stage, entered_on FROM stage_history WHERE deal_id = {deal} ORDER BY entered_on, id"
        ))
        .into_iter()
        .map(|row| (row[0].clone().unwrap(), row[1].clone().unwrap()))
        .collect()
    }

    fn changes(&self, deal: DealId) -> Vec<Vec<Option<String>>> {
        self.rows(&format!(
            "SELECT field, old_value, new_value, review_id FROM deal_changes WHERE deal_id = {deal} ORDER BY id"
        ))
    }

    fn deal_row(&self, deal: DealId) -> sparring::domain::deal::Deal {
        self.store.deal(deal).unwrap().unwrap()
    }
}

fn new_deal(rep: RepId) -> NewDeal<'static> {
    NewDeal {
        external_id: None,
        rep,
        account: "Acme",
        name: "Rollout",
        amount_minor: 4_800_000,
        currency: "EUR",
        stage: "proposal",
        stage_entered_on: d(2026, 10, 1),
        close_on: Some(d(2026, 12, 15)),
        forecast: Forecast::Commit,
        sponsor_name: Some("Ines Roy"),
        sponsor_role: Some("CFO"),
        next_step: Some("Security review"),
        next_step_on: Some(d(2026, 11, 20)),
        source_channel: None,
        segment: None,
        status: DealStatus::Open,
        created_on: d(2026, 9, 1),
        closed_on: None,
    }
}

fn refused(err: &StoreError) -> &str {
    match err {
        StoreError::Refused(why) => why,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn verdict(forecast: Forecast, stage_to: &str) -> VerdictInput {
    VerdictInput {
        forecast,
        comment: String::new(),
        confidence: Some(3),
        next_step: s!("Call the CFO"),
        next_step_on: Some(d(2026, 12, 2)),
        stage_to: stage_to.to_string(),
    }
}

fn edit_of(deal: &sparring::domain::deal::Deal) -> DealEdit {
    DealEdit {
        account: deal.account.clone(),
        name: deal.name.clone(),
        amount_minor: deal.amount_minor,
        close_on: deal.close_on,
        sponsor_name: deal.sponsor_name.clone(),
        sponsor_role: deal.sponsor_role.clone(),
        next_step: deal.next_step.clone(),
        next_step_on: deal.next_step_on,
        stage: deal.stage.clone(),
        created_on: None,
    }
}

// ---------------------------------------------------------------------------------------
// Commitments
// ---------------------------------------------------------------------------------------

#[test]
fn commitments_are_made_in_todays_review_and_settled_there() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let c = ctx(ada);

    let first =
        db.store.add_commitment(&c, Some(deal), Owner::Prospect, "Send the usage data", Some(d(2026, 12, 4))).unwrap();
    let review = db.todays_review(ada).expect("adding a commitment opened today's review");
    let second = db.store.add_commitment(&c, None, Owner::Rep, "Block Tue/Thu 9–11 for calls", None).unwrap();
    assert_eq!(db.reviews(), 1, "the second write reuses the review");
    assert_eq!(
        db.rows(&format!(
            "SELECT deal_id, rep_id, owner, what, due_on, status, made_in_review, created_on, settled_on, note
             FROM commitments WHERE id = {first}"
        ))[0],
        vec![
            Some(deal.to_string()),
            Some(ada.to_string()),
            s!("prospect"),
            s!("Send the usage data"),
            s!("2026-12-04"),
            s!("open"),
            Some(review.to_string()),
            s!("2026-11-27"),
            None,
            s!("")
        ]
    );
    assert_eq!(db.text(&format!("SELECT deal_id FROM commitments WHERE id = {second}")), None, "prospecting");

    // Settled in a later review: done, with a word of why.
    let later = ReviewContext::challenge(ada, at(d(2026, 12, 11), 10, 0));
    db.store.settle_commitment(&later, first, CommitmentStatus::Done, "Received on Monday").unwrap();
    let later_review =
        db.store.open_review_on(ada, ReviewKind::Transformation, LedBy::Manager, d(2026, 12, 11)).unwrap();
    assert_eq!(
        db.rows(&format!("SELECT status, settled_on, settled_in_review, note FROM commitments WHERE id = {first}"))[0],
        vec![s!("done"), s!("2026-12-11"), later_review.map(|r| r.to_string()), s!("Received on Monday")]
    );
    // Reopened: when and where it was settled are cleared.
    db.store.settle_commitment(&later, first, CommitmentStatus::Open, "").unwrap();
    assert_eq!(
        db.rows(&format!("SELECT status, settled_on, settled_in_review, note FROM commitments WHERE id = {first}"))[0],
        vec![s!("open"), None, None, s!("")]
    );
    for status in [CommitmentStatus::Missed, CommitmentStatus::Dropped] {
        db.store.settle_commitment(&later, first, status, "Their CFO cancelled").unwrap();
        assert_eq!(db.text(&format!("SELECT status FROM commitments WHERE id = {first}")), s!(status.as_str()));
    }

    // Rewriting who, what and when keeps the status and history.
    db.store.update_commitment(first, Owner::Manager, "Call their COO", Some(d(2026, 12, 18))).unwrap();
    assert_eq!(
        db.rows(&format!("SELECT owner, what, due_on, status, made_in_review FROM commitments WHERE id = {first}"))[0],
        vec![s!("manager"), s!("Call their COO"), s!("2026-12-18"), s!("dropped"), Some(review.to_string())]
    );
    let err = db.store.update_commitment(CommitmentId(999), Owner::Rep, "x", None).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { what: "commitment", id: 999 }), "{err:?}");
}

#[test]
fn refused_commitments_leave_nothing_not_even_a_review() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let bob = db.rep("Bob");
    let bobs = db.deal(bob, "Globex");
    let c = ctx(ada);

    let err = db.store.add_commitment(&c, Some(bobs), Owner::Prospect, "Sign", None).unwrap_err();
    assert!(refused(&err).contains("another rep"), "{err}");
    let err = db.store.add_commitment(&c, None, Owner::Rep, "   ", None).unwrap_err();
    assert!(refused(&err).contains("needs a text"), "{err}");
    let err = db.store.add_commitment(&c, Some(DealId(999)), Owner::Rep, "Call", None).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { what: "deal", id: 999 }), "{err:?}");
    assert_eq!(db.count("SELECT count(*) FROM commitments"), 0);
    assert_eq!(db.reviews(), 0, "a refused write opens no review");

    let mine = db.store.add_commitment(&ctx(bob), Some(bobs), Owner::Prospect, "Sign", None).unwrap();
    let err = db.store.settle_commitment(&c, mine, CommitmentStatus::Done, "").unwrap_err();
    assert!(refused(&err).contains("another rep"), "{err}");
    assert_eq!(db.text(&format!("SELECT status FROM commitments WHERE id = {mine}")), s!("open"));
}

#[test]
fn only_a_commitment_of_the_review_under_way_can_be_deleted() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let c = ctx(ada);

    let typed = db.store.add_commitment(&c, Some(deal), Owner::Rep, "Send the proposal", None).unwrap();
    db.store.delete_commitment(typed).unwrap();
    assert_eq!(db.count("SELECT count(*) FROM commitments"), 0);

    // One from a review that has been closed since is history.
    let older = db.store.add_commitment(&c, Some(deal), Owner::Rep, "Send the proposal", None).unwrap();
    let review = db.todays_review(ada).unwrap();
    db.store.close_review(review, at(today(), 15, 0)).unwrap();
    let err = db.store.delete_commitment(older).unwrap_err();
    assert!(refused(&err).contains("done, missed or dropped"), "{err}");

    // So is one made outside any review (an import, say).
    let imported = db
        .store
        .write(|tx| {
            bulk::insert_commitment(
                tx,
                &bulk::NewCommitment {
                    deal: Some(deal),
                    rep: ada,
                    owner: Owner::Prospect,
                    what: "Return the questionnaire",
                    due_on: None,
                    status: CommitmentStatus::Open,
                    made_in: None,
                    settled_in: None,
                    settled_on: None,
                    note: "",
                    created_on: None,
                },
            )
        })
        .unwrap();
    assert!(matches!(db.store.delete_commitment(imported), Err(StoreError::Refused(_))));
    assert_eq!(db.count("SELECT count(*) FROM commitments"), 2);
    assert!(matches!(db.store.delete_commitment(CommitmentId(999)), Err(StoreError::NotFound { .. })));
}

// ---------------------------------------------------------------------------------------
// Exit criteria and hypotheses
// ---------------------------------------------------------------------------------------

#[test]
fn criteria_are_validated_with_evidence_and_taken_back() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let earlier = ReviewContext::challenge(ada, at(d(2026, 11, 13), 9, 30));
    db.store.validate_criterion(&earlier, deal, "proposal", "budget", "Budget confirmed", "CFO e-mail").unwrap();
    db.store
        .validate_criterion(&ctx(ada), deal, "proposal", "budget", "Budget confirmed by its owner", "Signed PO")
        .unwrap();
    assert_eq!(
        db.rows("SELECT deal_id, stage, criterion, criterion_text, validated_on, evidence FROM criteria_checks"),
        vec![vec![
            Some(deal.to_string()),
            s!("proposal"),
            s!("budget"),
            s!("Budget confirmed by its owner"),
            s!("2026-11-27"),
            s!("Signed PO")
        ]],
        "validated again: one row, today's wording, day and evidence"
    );
    assert_eq!(db.store.criteria_checks(deal).unwrap().len(), 1);

    db.store.unvalidate_criterion(deal, "proposal", "budget").unwrap();
    db.store.unvalidate_criterion(deal, "proposal", "budget").unwrap();
    assert_eq!(db.count("SELECT count(*) FROM criteria_checks"), 0);
}

#[test]
fn a_criterion_note_is_one_per_review_and_the_latest_is_loaded() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let earlier = ReviewContext::challenge(ada, at(d(2026, 11, 13), 9, 30));
    db.store.note_criterion(&earlier, deal, "proposal", "budget", "Waiting for the client").unwrap();
    db.store.note_criterion(&ctx(ada), deal, "proposal", "budget", "CFO holds it").unwrap();
    db.store.note_criterion(&ctx(ada), deal, "proposal", "budget", "CFO holds it; meeting on 2 Dec").unwrap();
    db.store.note_criterion(&ctx(ada), deal, "proposal", "presented", "Not presented yet").unwrap();
    assert_eq!(db.count("SELECT count(*) FROM criterion_notes"), 3, "one per review and criterion");

    let data = db.store.challenge_data(ada).unwrap();
    let notes: Vec<(&str, &str, NaiveDate)> =
        data.criterion_notes.iter().map(|n| (n.criterion.as_str(), n.note.as_str(), n.held_on)).collect();
    assert_eq!(
        notes,
        vec![("budget", "CFO holds it; meeting on 2 Dec", today()), ("presented", "Not presented yet", today())]
    );
    assert_eq!(data.criterion_notes[0].review_id, db.todays_review(ada).unwrap());

    // An empty note removes today's, and the earlier one is the latest again.
    db.store.note_criterion(&ctx(ada), deal, "proposal", "budget", " ").unwrap();
    let data = db.store.challenge_data(ada).unwrap();
    assert_eq!(data.criterion_notes[0].note, "Waiting for the client");
    assert_eq!(data.criterion_notes[0].held_on, d(2026, 11, 13));
}

#[test]
fn hypotheses_are_made_tested_reopened_and_deleted() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let made = ReviewContext::challenge(ada, at(d(2026, 11, 13), 9, 30));
    let h = db
        .store
        .add_hypothesis(
            &made,
            deal,
            Topic::Budget,
            "Budget sits with operations",
            "Ask who signed",
            Some(d(2026, 11, 20)),
        )
        .unwrap();
    let made_in = db.store.open_review_on(ada, ReviewKind::Transformation, LedBy::Manager, d(2026, 11, 13)).unwrap();
    assert_eq!(
        db.rows(&format!(
            "SELECT deal_id, rep_id, topic, statement, test_plan, test_by, status, result, made_in_review, created_on
             FROM hypotheses WHERE id = {h}"
        ))[0],
        vec![
            Some(deal.to_string()),
            Some(ada.to_string()),
            s!("budget"),
            s!("Budget sits with operations"),
            s!("Ask who signed"),
            s!("2026-11-20"),
            s!("open"),
            s!(""),
            made_in.map(|r| r.to_string()),
            s!("2026-11-13")
        ]
    );
    let loaded = &db.store.challenge_data(ada).unwrap().hypotheses[0];
    assert!(loaded.is_overdue(today()), "open, tested by 20 Nov");

    db.store.update_hypothesis(h, Topic::Decision, "The COO signs", "Check the delegation", None).unwrap();
    db.store.settle_hypothesis(&ctx(ada), h, HypothesisStatus::Refuted, "The board signs over €100k").unwrap();
    let today_review = db.todays_review(ada).unwrap();
    assert_eq!(
        db.rows(&format!(
            "SELECT topic, statement, test_by, status, result, settled_on, settled_in_review FROM hypotheses WHERE id = {h}"
        ))[0],
        vec![
            s!("decision"),
            s!("The COO signs"),
            None,
            s!("refuted"),
            s!("The board signs over €100k"),
            s!("2026-11-27"),
            Some(today_review.to_string())
        ]
    );
    db.store.settle_hypothesis(&ctx(ada), h, HypothesisStatus::Open, "").unwrap();
    assert_eq!(
        db.rows(&format!("SELECT status, settled_on, settled_in_review FROM hypotheses WHERE id = {h}"))[0],
        vec![s!("open"), None, None]
    );

    // Made in a review that is closed now: refused; made in today's: deleted.
    db.store.close_review(made_in.unwrap(), at(d(2026, 11, 13), 10, 30)).unwrap();
    let err = db.store.delete_hypothesis(h).unwrap_err();
    assert!(refused(&err).contains("confirmed or refuted"), "{err}");
    let typed = db.store.add_hypothesis(&ctx(ada), deal, Topic::Timing, "Board in December", "", None).unwrap();
    db.store.delete_hypothesis(typed).unwrap();
    assert_eq!(db.count("SELECT count(*) FROM hypotheses"), 1);

    let err = db.store.add_hypothesis(&ctx(ada), deal, Topic::Other, "", "", None).unwrap_err();
    assert!(refused(&err).contains("statement"));
    assert!(matches!(
        db.store.update_hypothesis(HypothesisId(99), Topic::Other, "x", "", None),
        Err(StoreError::NotFound { what: "hypothesis", .. })
    ));
}

// ---------------------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------------------

#[test]
fn a_verdict_applies_forecast_next_step_and_stage_to_the_deal() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let mut input = verdict(Forecast::BestCase, "negotiate");
    input.comment = "No signatory date yet".to_string();
    let v = db.store.save_verdict(&ctx(ada), deal, &input).unwrap();
    let review = db.todays_review(ada).unwrap();

    assert_eq!(v.review_id, review);
    assert_eq!((v.rep_forecast, v.forecast), (Forecast::Commit, Forecast::BestCase));
    assert!(v.overrules() && v.moves_stage());
    assert_eq!((v.stage_from.as_str(), v.stage_to.as_str()), ("proposal", "negotiate"));
    assert_eq!(db.store.verdict(review, deal).unwrap(), Some(v));
    assert_eq!(
        db.rows("SELECT rep_forecast, forecast, comment, confidence, next_step, next_step_on, stage_from, stage_to, decided_at FROM verdicts")[0],
        vec![
            s!("commit"),
            s!("best_case"),
            s!("No signatory date yet"),
            s!("3"),
            s!("Call the CFO"),
            s!("2026-12-02"),
            s!("proposal"),
            s!("negotiate"),
            s!("2026-11-27T14:30:00")
        ]
    );

    let after = db.deal_row(deal);
    assert_eq!(after.forecast, Forecast::BestCase);
    assert_eq!(after.next_step.as_deref(), Some("Call the CFO"));
    assert_eq!(after.next_step_on, Some(d(2026, 12, 2)));
    assert_eq!((after.stage.as_str(), after.stage_entered_on), ("negotiate", today()));
    let r = Some(review.to_string());
    assert_eq!(
        db.changes(deal),
        vec![
            vec![s!("forecast"), s!("commit"), s!("best_case"), r.clone()],
            vec![s!("next_step"), s!("Security review"), s!("Call the CFO"), r.clone()],
            vec![s!("next_step_on"), s!("2026-11-20"), s!("2026-12-02"), r.clone()],
        ]
    );
    assert_eq!(db.text("SELECT DISTINCT changed_at FROM deal_changes"), s!("2026-11-27T14:30:00"));
    assert_eq!(
        db.history(deal),
        vec![
            ("qualify".into(), "2026-09-01".into()),
            ("proposal".into(), "2026-10-01".into()),
            ("negotiate".into(), "2026-11-27".into())
        ]
    );

    // The deal's data in the open review is not yet "its last review".
    let data = db.store.challenge_data(ada).unwrap();
    assert!(data.last_verdict.is_empty() && data.last_review.is_empty());
    db.store.close_review(review, at(today(), 15, 0)).unwrap();
    let data = db.store.challenge_data(ada).unwrap();
    assert_eq!(data.last_verdict[&deal].forecast, Forecast::BestCase);
    assert_eq!(data.last_review[&deal], today());
}

#[test]
fn saving_a_verdict_again_keeps_the_reps_call_and_a_true_history() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let c = ctx(ada);

    // First save: the manager takes the deal down to best case and moves it on.
    db.store.save_verdict(&c, deal, &verdict(Forecast::BestCase, "negotiate")).unwrap();
    // Second save, a minute later: pipeline, and back in proposal after all.
    let later = ReviewContext { now: at(today(), 14, 31), ..c };
    let v = db.store.save_verdict(&later, deal, &verdict(Forecast::Pipeline, "proposal")).unwrap();
    assert_eq!(v.rep_forecast, Forecast::Commit, "the rep's call is the one before the first save");
    assert_eq!((v.stage_from.as_str(), v.stage_to.as_str()), ("proposal", "proposal"));
    assert!(!v.moves_stage());
    assert_eq!(db.count("SELECT count(*) FROM verdicts"), 1);

    let after = db.deal_row(deal);
    assert_eq!((after.stage.as_str(), after.stage_entered_on), ("proposal", d(2026, 10, 1)), "back to its entry");
    assert_eq!(
        db.history(deal),
        vec![("qualify".into(), "2026-09-01".into()), ("proposal".into(), "2026-10-01".into())]
    );
    let r = Some(db.todays_review(ada).unwrap().to_string());
    assert_eq!(
        db.changes(deal),
        vec![
            vec![s!("forecast"), s!("commit"), s!("pipeline"), r.clone()],
            vec![s!("next_step"), s!("Security review"), s!("Call the CFO"), r.clone()],
            vec![s!("next_step_on"), s!("2026-11-20"), s!("2026-12-02"), r.clone()],
        ],
        "one row per field for the review, from the value before it"
    );
    assert_eq!(db.text("SELECT changed_at FROM deal_changes WHERE field = 'forecast'"), s!("2026-11-27T14:31:00"));

    // Third save: to solution (a different move), keeping the rep's call; then the rep's
    // own forecast again, which leaves no forecast change at all.
    let mut input = verdict(Forecast::Commit, "solution");
    input.next_step = None;
    input.next_step_on = None;
    let v = db.store.save_verdict(&later, deal, &input).unwrap();
    assert_eq!((v.rep_forecast, v.forecast, v.stage_from.as_str()), (Forecast::Commit, Forecast::Commit, "proposal"));
    assert!(!v.overrules());
    let after = db.deal_row(deal);
    assert_eq!((after.stage.as_str(), after.stage_entered_on, after.next_step), ("solution", today(), None));
    assert_eq!(
        db.history(deal),
        vec![
            ("qualify".into(), "2026-09-01".into()),
            ("proposal".into(), "2026-10-01".into()),
            ("solution".into(), "2026-11-27".into())
        ]
    );
    assert_eq!(
        db.changes(deal),
        vec![
            vec![s!("next_step"), s!("Security review"), None, r.clone()],
            vec![s!("next_step_on"), s!("2026-11-20"), None, r.clone()],
        ]
    );

    // A later review's verdict starts from the deal as the first review left it.
    let next = ReviewContext::challenge(ada, at(d(2026, 12, 11), 10, 0));
    let v = db.store.save_verdict(&next, deal, &verdict(Forecast::BestCase, "solution")).unwrap();
    assert_eq!((v.rep_forecast, v.stage_from.as_str()), (Forecast::Commit, "solution"));
    assert_eq!(db.count("SELECT count(*) FROM verdicts"), 2);
    assert_eq!(db.count("SELECT count(*) FROM deal_changes WHERE field = 'forecast'"), 1);
}

#[test]
fn a_verdict_is_refused_for_what_it_cannot_say() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let won = db.deal_with(&NewDeal { status: DealStatus::Won, forecast: Forecast::Won, ..new_deal(ada) });
    let c = ctx(ada);
    let err = db.store.save_verdict(&c, deal, &verdict(Forecast::Won, "proposal")).unwrap_err();
    assert!(refused(&err).contains("won and lost are outcomes"), "{err}");
    let err = db
        .store
        .save_verdict(&c, deal, &VerdictInput { confidence: Some(6), ..verdict(Forecast::Commit, "proposal") })
        .unwrap_err();
    assert!(refused(&err).contains("1 to 5"), "{err}");
    let err = db.store.save_verdict(&c, deal, &verdict(Forecast::Commit, " ")).unwrap_err();
    assert!(refused(&err).contains("stage"), "{err}");
    let err = db.store.save_verdict(&c, won, &verdict(Forecast::Commit, "proposal")).unwrap_err();
    assert!(refused(&err).contains("open deals"), "{err}");
    let bob = db.rep("Bob");
    let err = db.store.save_verdict(&ctx(bob), deal, &verdict(Forecast::Commit, "proposal")).unwrap_err();
    assert!(refused(&err).contains("another rep"), "{err}");
    assert_eq!(db.count("SELECT count(*) FROM verdicts") + db.count("SELECT count(*) FROM deal_changes"), 0);
    assert_eq!(db.reviews(), 0);
    assert_eq!(db.deal_row(deal).forecast, Forecast::Commit);
}

#[test]
fn a_verdict_failing_half_way_leaves_nothing() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    // A user's trigger refuses stage moves: the failure comes after the verdict, the deal's
    // forecast and its recorded changes were written in the transaction.
    db.plain()
        .execute_batch(
            "CREATE TRIGGER no_moves BEFORE INSERT ON stage_history BEGIN SELECT RAISE(ABORT, 'moves are frozen'); END",
        )
        .unwrap();
    let before = db.deal_row(deal);
    let err = db.store.save_verdict(&ctx(ada), deal, &verdict(Forecast::BestCase, "negotiate")).unwrap_err();
    assert!(err.to_string().contains("moves are frozen"), "{err}");
    assert_eq!(db.deal_row(deal), before);
    assert_eq!(db.count("SELECT count(*) FROM verdicts") + db.count("SELECT count(*) FROM deal_changes"), 0);
    assert_eq!(db.reviews(), 0, "the review opened in the transaction is gone too");
    assert_eq!(db.history(deal).len(), 2);

    // Without a move, the same verdict goes through, and the store is still usable.
    db.store.save_verdict(&ctx(ada), deal, &verdict(Forecast::BestCase, "proposal")).unwrap();
    assert_eq!(db.count("SELECT count(*) FROM verdicts"), 1);
}

// ---------------------------------------------------------------------------------------
// Deal edits and new deals
// ---------------------------------------------------------------------------------------

#[test]
fn editing_a_deal_records_each_changed_field_and_nothing_else() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let now = at(d(2026, 11, 20), 16, 0);

    // Nothing changed: nothing written.
    db.store.edit_deal(deal, &edit_of(&db.deal_row(deal)), now, None).unwrap();
    assert!(db.changes(deal).is_empty());

    // Close date pushed, amount down, sponsor gone (blank is none), next step undated.
    let mut edit = edit_of(&db.deal_row(deal));
    edit.close_on = Some(d(2027, 1, 31));
    edit.amount_minor = 4_000_000;
    edit.sponsor_name = s!("  ");
    edit.sponsor_role = None;
    edit.next_step_on = None;
    db.store.edit_deal(deal, &edit, now, None).unwrap();
    assert_eq!(
        db.changes(deal),
        vec![
            vec![s!("amount_minor"), s!("4800000"), s!("4000000"), None],
            vec![s!("close_on"), s!("2026-12-15"), s!("2027-01-31"), None],
            vec![s!("sponsor_name"), s!("Ines Roy"), None, None],
            vec![s!("sponsor_role"), s!("CFO"), None, None],
            vec![s!("next_step_on"), s!("2026-11-20"), None, None],
        ]
    );
    let after = db.deal_row(deal);
    assert_eq!((after.amount_minor, after.close_on, after.sponsor_name), (4_000_000, Some(d(2027, 1, 31)), None));
    assert_eq!(db.text("SELECT DISTINCT changed_at FROM deal_changes"), s!("2026-11-20T16:00:00"));

    // Outside a review, each edit is its own row: the close date pushed twice is two pushes.
    edit.close_on = Some(d(2027, 2, 28));
    db.store.edit_deal(deal, &edit, at(d(2026, 11, 21), 9, 0), None).unwrap();
    assert_eq!(db.count("SELECT count(*) FROM deal_changes WHERE field = 'close_on'"), 2);

    // During a review, edits of the same field fold into one row; undone, it disappears.
    let review = db.store.open_review(&ctx(ada)).unwrap();
    edit.close_on = Some(d(2027, 3, 31));
    db.store.edit_deal(deal, &edit, at(today(), 10, 0), Some(review)).unwrap();
    edit.close_on = Some(d(2027, 4, 30));
    db.store.edit_deal(deal, &edit, at(today(), 10, 5), Some(review)).unwrap();
    assert_eq!(
        db.rows(
            "SELECT old_value, new_value, review_id, changed_at FROM deal_changes WHERE field = 'close_on' ORDER BY id"
        )[2],
        vec![s!("2027-02-28"), s!("2027-04-30"), Some(review.to_string()), s!("2026-11-27T10:05:00")]
    );
    edit.close_on = Some(d(2027, 2, 28));
    db.store.edit_deal(deal, &edit, at(today(), 10, 10), Some(review)).unwrap();
    assert_eq!(db.count("SELECT count(*) FROM deal_changes WHERE field = 'close_on'"), 2);

    let err = db.store.edit_deal(deal, &DealEdit { amount_minor: -1, ..edit.clone() }, now, None).unwrap_err();
    assert!(refused(&err).contains("negative"));
    assert!(matches!(db.store.edit_deal(DealId(99), &edit, now, None), Err(StoreError::NotFound { what: "deal", .. })));
}

#[test]
fn stage_moves_keep_the_stage_history_true() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let mut edit = edit_of(&db.deal_row(deal));

    // Moved on one day, moved on again the next: two entries.
    edit.stage = "negotiate".into();
    db.store.edit_deal(deal, &edit, at(d(2026, 11, 20), 9, 0), None).unwrap();
    edit.stage = "closing".into();
    db.store.edit_deal(deal, &edit, at(d(2026, 11, 21), 9, 0), None).unwrap();
    // Corrected the same day: the deal never spent a day in "closing".
    edit.stage = "negotiate".into();
    db.store.edit_deal(deal, &edit, at(d(2026, 11, 21), 9, 5), None).unwrap();
    assert_eq!(
        db.history(deal),
        vec![
            ("qualify".into(), "2026-09-01".into()),
            ("proposal".into(), "2026-10-01".into()),
            ("negotiate".into(), "2026-11-20".into())
        ]
    );
    let after = db.deal_row(deal);
    assert_eq!((after.stage.as_str(), after.stage_entered_on), ("negotiate", d(2026, 11, 20)));
    assert!(db.changes(deal).is_empty(), "stage moves are in stage_history only");

    // A deal without any history (imported) gets its current stage's entry first.
    let bare = db.store.write(|tx| bulk::insert_deal(tx, &NewDeal { account: "Bare", ..new_deal(ada) })).unwrap();
    let mut edit = edit_of(&db.deal_row(bare));
    edit.stage = "negotiate".into();
    db.store.edit_deal(bare, &edit, at(today(), 9, 0), None).unwrap();
    assert_eq!(
        db.history(bare),
        vec![("proposal".into(), "2026-10-01".into()), ("negotiate".into(), "2026-11-27".into())]
    );

    // A deal added today and moved today keeps its first entry.
    let new = db.store.add_deal(ada, &new_input("Fresh"), today()).unwrap();
    let mut edit = edit_of(&db.deal_row(new));
    edit.stage = "discover".into();
    db.store.edit_deal(new, &edit, at(today(), 9, 0), None).unwrap();
    edit.stage = "qualify".into();
    db.store.edit_deal(new, &edit, at(today(), 9, 1), None).unwrap();
    assert_eq!(db.history(new), vec![("qualify".into(), "2026-11-27".into())]);
    assert_eq!(db.deal_row(new).stage, "qualify");
}

fn new_input(account: &str) -> NewDealInput {
    NewDealInput {
        account: account.to_string(),
        name: "Pilot".to_string(),
        amount_minor: 1_200_000,
        currency: "EUR".to_string(),
        stage: "qualify".to_string(),
        close_on: Some(d(2027, 3, 31)),
        forecast: Forecast::Pipeline,
        sponsor_name: None,
        sponsor_role: None,
        next_step: s!("Discovery call"),
        next_step_on: Some(d(2026, 12, 3)),
        created_on: None,
    }
}

#[test]
fn a_deal_loaded_from_before_counts_as_created_then() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let created = d(2026, 10, 2);
    let id =
        db.store.add_deal(ada, &NewDealInput { created_on: Some(created), ..new_input("Old Co") }, today()).unwrap();
    let deal = db.deal_row(id);
    assert_eq!((deal.created_on, deal.stage_entered_on), (created, created), "not pipeline created today");
    assert_eq!(db.history(id), vec![("qualify".into(), "2026-10-02".into())]);
    let future = NewDealInput { created_on: Some(d(2026, 12, 1)), ..new_input("Later") };
    assert!(refused(&db.store.add_deal(ada, &future, today()).unwrap_err()).contains("created today or before"));
}

#[test]
fn a_deal_is_added_open_with_its_first_stage_entry() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let id =
        db.store.add_deal(ada, &NewDealInput { sponsor_name: s!(""), ..new_input("  Initech ") }, today()).unwrap();
    let deal = db.deal_row(id);
    assert_eq!((deal.account.as_str(), deal.name.as_str(), deal.amount_minor), ("Initech", "Pilot", 1_200_000));
    assert_eq!(
        (deal.status, deal.forecast, deal.created_on, deal.stage_entered_on),
        (DealStatus::Open, Forecast::Pipeline, today(), today())
    );
    assert_eq!((deal.sponsor_name.as_deref(), deal.next_step.as_deref()), (None, Some("Discovery call")));
    assert_eq!(db.history(id), vec![("qualify".into(), "2026-11-27".into())]);
    assert_eq!(db.store.challenge_data(ada).unwrap().deals, vec![deal]);

    for (bad, why) in [
        (NewDealInput { account: " ".into(), ..new_input("x") }, "account and a name"),
        (NewDealInput { stage: String::new(), ..new_input("x") }, "stage"),
        (NewDealInput { amount_minor: -5, ..new_input("x") }, "negative"),
        (NewDealInput { forecast: Forecast::Won, ..new_input("x") }, "pipeline, best case or commit"),
        (NewDealInput { currency: String::new(), ..new_input("x") }, "currency"),
    ] {
        let err = db.store.add_deal(ada, &bad, today()).unwrap_err();
        assert!(refused(&err).contains(why), "{err}");
    }
    assert!(matches!(
        db.store.add_deal(RepId(99), &new_input("x"), today()),
        Err(StoreError::NotFound { what: "rep", .. })
    ));
    assert_eq!(db.count("SELECT count(*) FROM deals"), 1);
}

// ---------------------------------------------------------------------------------------
// Where a review stopped, and its end
// ---------------------------------------------------------------------------------------

#[test]
fn the_review_position_is_saved_resumed_and_closing_ends_the_review() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let review = db.store.set_review_position(&ctx(ada), Some(deal), ":verdict").unwrap();
    let resume = db.store.resume_point().unwrap().unwrap();
    assert_eq!((resume.review, resume.deal, resume.question.as_deref()), (review, Some(deal), Some(":verdict")));

    // An answer moves the position too, in the same review.
    db.store
        .save_answer(&AnswerToSave {
            rep: ada,
            kind: ReviewKind::Transformation,
            led_by: LedBy::Manager,
            deal: Some(deal),
            question_id: "real_progress",
            question_text: "What moved?",
            answer: "CFO meeting booked",
            today: today(),
            now: at(today(), 14, 40),
        })
        .unwrap();
    assert_eq!(db.store.resume_point().unwrap().unwrap().question.as_deref(), Some("real_progress"));

    db.store.close_review(review, at(today(), 15, 10)).unwrap();
    assert_eq!(db.store.resume_point().unwrap(), None);
    assert_eq!(
        db.rows(&format!("SELECT status, closed_at FROM reviews WHERE id = {review}"))[0],
        vec![s!("closed"), s!("2026-11-27T15:10:00")]
    );
    // Closing again changes nothing; a review that does not exist is said so.
    db.store.close_review(review, at(today(), 18, 0)).unwrap();
    assert_eq!(db.text(&format!("SELECT closed_at FROM reviews WHERE id = {review}")), s!("2026-11-27T15:10:00"));
    assert!(matches!(db.store.close_review(ReviewId(99), at(today(), 18, 0)), Err(StoreError::NotFound { .. })));
    // A write after the close the same day opens a new review.
    let again = db.store.set_review_position(&ctx(ada), Some(deal), ":summary").unwrap();
    assert_ne!(again, review);
}

// ---------------------------------------------------------------------------------------
// challenge_data
// ---------------------------------------------------------------------------------------

/// Two reps with a bit of everything, and a closed deal of Ada's with history of its own.
fn two_reps(db: &mut Db) -> (RepId, RepId, Vec<DealId>) {
    let ada = db.rep("Ada");
    let bob = db.rep("Bob");
    let mut ada_deals = Vec::new();
    for (rep, account) in [(ada, "Acme"), (bob, "Globex"), (ada, "Initech"), (bob, "Hooli"), (ada, "Umbrella")] {
        let id = db.deal(rep, account);
        let c = ReviewContext::challenge(rep, at(d(2026, 11, 13), 10, 0));
        db.store.add_commitment(&c, Some(id), Owner::Prospect, &format!("{account}: send the data"), None).unwrap();
        db.store.add_hypothesis(&c, id, Topic::Timing, &format!("{account} decides in December"), "", None).unwrap();
        db.store.validate_criterion(&c, id, "qualify", "pain", "Pain", &format!("{account} said so")).unwrap();
        db.store.note_criterion(&c, id, "proposal", "budget", &format!("{account}: CFO holds it")).unwrap();
        db.store.save_verdict(&c, id, &verdict(Forecast::BestCase, "negotiate")).unwrap();
        if rep == ada {
            ada_deals.push(id);
        }
    }
    // Umbrella is lost since: nothing of it is loaded.
    let lost = ada_deals.pop().unwrap();
    db.plain().execute("UPDATE deals SET status = 'lost', forecast = 'lost' WHERE id = ?1", [lost.0]).unwrap();
    for rep in [ada, bob] {
        let review = db.store.open_review_on(rep, ReviewKind::Transformation, LedBy::Manager, d(2026, 11, 13)).unwrap();
        db.store.close_review(review.unwrap(), at(d(2026, 11, 13), 11, 0)).unwrap();
    }
    (ada, bob, ada_deals)
}

#[test]
fn challenge_data_is_exactly_the_reps_open_deals() {
    let mut db = Db::new();
    let (ada, _bob, ada_deals) = two_reps(&mut db);
    let data = db.store.challenge_data(ada).unwrap();

    let ids = |v: Vec<DealId>| {
        let mut v = v;
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(ids(data.deals.iter().map(|d| d.id).collect()), ada_deals);
    assert_eq!(data.deals, db.store.open_deals(ada).unwrap());
    assert_eq!(ids(data.commitments.iter().filter_map(|c| c.deal_id).collect()), ada_deals);
    assert_eq!(ids(data.hypotheses.iter().map(|h| h.deal_id).collect()), ada_deals);
    assert_eq!(ids(data.checks.iter().map(|(d, _)| *d).collect()), ada_deals);
    assert_eq!(ids(data.criterion_notes.iter().map(|n| n.deal_id).collect()), ada_deals);
    assert_eq!(ids(data.changes.iter().map(|c| c.deal_id).collect()), ada_deals);
    assert_eq!(ids(data.stage_history.iter().map(|e| e.deal_id).collect()), ada_deals);
    assert_eq!(ids(data.last_review.keys().copied().collect()), ada_deals);
    assert_eq!(ids(data.last_verdict.keys().copied().collect()), ada_deals);
    assert_eq!((data.commitments.len(), data.hypotheses.len(), data.checks.len()), (2, 2, 2));
    assert!(data.commitments.iter().all(|c| c.what.starts_with("Acme") || c.what.starts_with("Initech")));

    // Each list agrees with the per-deal queries it replaces, and is ordered by deal.
    for &deal in &ada_deals {
        let checks: Vec<_> = data.checks.iter().filter(|(d, _)| *d == deal).map(|(_, c)| c.clone()).collect();
        assert_eq!(checks, db.store.criteria_checks(deal).unwrap());
        let open: Vec<_> = data.commitments.iter().filter(|c| c.deal_id == Some(deal)).cloned().collect();
        assert_eq!(open, db.store.open_commitments(deal).unwrap());
        let entries: Vec<_> =
            data.stage_history.iter().filter(|e| e.deal_id == deal).map(|e| e.stage.as_str()).collect();
        assert_eq!(entries, ["qualify", "proposal", "negotiate"]);
        let fields: Vec<_> = data.changes.iter().filter(|c| c.deal_id == deal).map(|c| c.field).collect();
        assert_eq!(fields, [DealField::Forecast, DealField::NextStep, DealField::NextStepOn]);
    }
    assert!(data.changes.windows(2).all(|w| w[0].deal_id <= w[1].deal_id));
    for deal in ada_deals.iter().copied().chain([DealId(0), DealId(999)]) {
        let mine = |id: DealId| id == deal;
        assert!(data.commitments_of(deal).iter().all(|c| c.deal_id == Some(deal)));
        assert_eq!(
            data.commitments_of(deal).len(),
            data.commitments.iter().filter(|c| c.deal_id == Some(deal)).count()
        );
        assert_eq!(data.hypotheses_of(deal).len(), data.hypotheses.iter().filter(|h| mine(h.deal_id)).count());
        assert_eq!(data.checks_of(deal).len(), data.checks.iter().filter(|(d, _)| mine(*d)).count());
        assert_eq!(
            data.criterion_notes_of(deal).len(),
            data.criterion_notes.iter().filter(|n| mine(n.deal_id)).count()
        );
        assert_eq!(data.changes_of(deal).len(), data.changes.iter().filter(|c| mine(c.deal_id)).count());
        assert_eq!(data.stage_history_of(deal).len(), data.stage_history.iter().filter(|e| mine(e.deal_id)).count());
    }
    assert_eq!(data.stage_history_of(ada_deals[0]).len(), 3);

    // A rep with no open deal has nothing.
    let carl = db.rep("Carl");
    let empty = db.store.challenge_data(carl).unwrap();
    assert!(empty.deals.is_empty() && empty.commitments.is_empty() && empty.last_review.is_empty());
}

#[test]
fn last_review_and_last_verdict_ignore_open_and_rep_led_reviews() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let answered = db.deal(ada, "Answered only");
    let answer = |rep, deal, day| AnswerToSave {
        rep,
        kind: ReviewKind::Transformation,
        led_by: LedBy::Manager,
        deal: Some(deal),
        question_id: "real_progress",
        question_text: "What moved?",
        answer: "Not much",
        today: day,
        now: at(day, 10, 0),
    };

    // 30 Oct: a closed manager review with a verdict (pipeline).
    let oct = ReviewContext::challenge(ada, at(d(2026, 10, 30), 10, 0));
    db.store.save_verdict(&oct, deal, &verdict(Forecast::Pipeline, "proposal")).unwrap();
    let oct_review = db.store.open_review_on(ada, ReviewKind::Transformation, LedBy::Manager, d(2026, 10, 30)).unwrap();
    db.store.close_review(oct_review.unwrap(), at(d(2026, 10, 30), 11, 0)).unwrap();
    // 6 Nov: a closed manager review with only an answer about the other deal.
    let nov6 = db.store.save_answer(&answer(ada, answered, d(2026, 11, 6))).unwrap();
    db.store.close_review(nov6, at(d(2026, 11, 6), 11, 0)).unwrap();
    // 20 Nov: the rep's own prep, closed, with a verdict-like row and answers: not a review.
    let prep = ReviewContext { led_by: LedBy::Rep, ..ReviewContext::challenge(ada, at(d(2026, 11, 20), 20, 0)) };
    db.store.save_verdict(&prep, deal, &verdict(Forecast::Commit, "proposal")).unwrap();
    db.store.save_answer(&AnswerToSave { led_by: LedBy::Rep, ..answer(ada, answered, d(2026, 11, 20)) }).unwrap();
    let prep_review = db.store.open_review_on(ada, ReviewKind::Transformation, LedBy::Rep, d(2026, 11, 20)).unwrap();
    db.store.close_review(prep_review.unwrap(), at(d(2026, 11, 20), 21, 0)).unwrap();
    // 24 Nov: a prospecting review that talked about the deal (by hand): not its review.
    let prospecting = db.review(ada, d(2026, 11, 24), LedBy::Manager, ReviewStatus::Closed);
    db.plain().execute("UPDATE reviews SET kind = 'prospecting' WHERE id = ?1", [prospecting.0]).unwrap();
    db.plain()
        .execute(
            "INSERT INTO answers (review_id, deal_id, question_id, question_text, answer, answered_at)
             VALUES (?1, ?2, 'q', 'q', 'a', '2026-11-24T10:00:00')",
            [prospecting.0, deal.0],
        )
        .unwrap();
    // Today: the open review, with a verdict and answers.
    db.store.save_verdict(&ctx(ada), deal, &verdict(Forecast::BestCase, "proposal")).unwrap();
    db.store.save_answer(&answer(ada, answered, today())).unwrap();

    let data = db.store.challenge_data(ada).unwrap();
    assert_eq!(data.last_review[&deal], d(2026, 10, 30));
    assert_eq!(data.last_review[&answered], d(2026, 11, 6), "an answer is enough");
    assert_eq!(data.last_verdict[&deal].forecast, Forecast::Pipeline);
    assert_eq!(data.last_verdict[&deal].review_id, oct_review.unwrap());
    assert!(!data.last_verdict.contains_key(&answered));
}

#[test]
fn challenge_data_costs_a_fixed_number_of_queries() {
    let mut db = Db::new();
    let (ada, bob, _) = two_reps(&mut db);
    let (small, few) = db.store.count_statements(|store| store.challenge_data(ada).unwrap()).unwrap();
    assert_eq!(small.deals.len(), 2);

    // Bob gets 300 more deals, each with a commitment, a check, a change and a verdict.
    let c = ReviewContext::challenge(bob, at(d(2026, 11, 13), 10, 0));
    for n in 0..300 {
        let account = format!("Account {n}");
        let deal = db.deal(bob, &account);
        db.store.add_commitment(&c, Some(deal), Owner::Rep, "Call", None).unwrap();
        db.store.validate_criterion(&c, deal, "qualify", "pain", "Pain", "Said so").unwrap();
        db.store.save_verdict(&c, deal, &verdict(Forecast::Pipeline, "proposal")).unwrap();
    }
    let (large, many) = db.store.count_statements(|store| store.challenge_data(bob).unwrap()).unwrap();
    assert_eq!(large.deals.len(), 302);
    assert_eq!(large.commitments.len(), 302);
    assert!(few <= 10, "{few} statements for one rep");
    assert_eq!(few, many, "the same number of statements for 2 deals and for 302");
}

// ---------------------------------------------------------------------------------------
// Migration from version 1
// ---------------------------------------------------------------------------------------

#[test]
fn a_version_1_database_is_migrated_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/0001_init.sql")).unwrap();
        conn.execute_batch(
            "PRAGMA application_id = 1397772871;
             PRAGMA user_version = 1;
             INSERT INTO reps (name) VALUES ('Ada');
             INSERT INTO deals (rep_id, account, name, stage, stage_entered_on, created_on)
               VALUES (1, 'Acme', 'Rollout', 'proposal', '2026-10-01', '2026-09-01');
             INSERT INTO reviews (kind, rep_id, held_on, status, opened_at)
               VALUES ('transformation', 1, '2026-11-13', 'closed', '2026-11-13T09:00:00');
             INSERT INTO answers (review_id, deal_id, question_id, question_text, answer, answered_at)
               VALUES (1, 1, 'real_progress', 'What moved?', 'Nothing yet', '2026-11-13T09:10:00');
             INSERT INTO commitments (deal_id, rep_id, owner, what, made_in_review) VALUES (1, 1, 'prospect', 'Sign', 1);",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let conn = Connection::open(&path).unwrap();
    for table in ["hypotheses", "verdicts", "criterion_notes", "deal_changes"] {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "{table} exists and is empty");
    }
    let data = store.challenge_data(RepId(1)).unwrap();
    assert_eq!(data.deals.len(), 1);
    assert_eq!(data.commitments[0].what, "Sign");
    assert_eq!(data.commitments[0].created_on, None, "commitments made before 0002 have no creation day");
    assert_eq!(data.last_review[&DealId(1)], d(2026, 11, 13));

    // The migrated file takes the new writes.
    let c = ReviewContext::challenge(RepId(1), at(today(), 10, 0));
    store.save_verdict(&c, DealId(1), &verdict(Forecast::Commit, "negotiate")).unwrap();
    store.add_hypothesis(&c, DealId(1), Topic::Budget, "Budget is there", "", None).unwrap();
    assert_eq!(store.challenge_data(RepId(1)).unwrap().stage_history.len(), 2, "the imported stage, then the move");
}

// ---------------------------------------------------------------------------------------
// The demo's challenge history
// ---------------------------------------------------------------------------------------

const CHALLENGE_TABLES: [(&str, &str); 5] = [
    ("hypotheses", "id"),
    ("verdicts", "id"),
    ("criterion_notes", "review_id, deal_id, stage, criterion"),
    ("deal_changes", "id"),
    ("stage_history", "id"),
];

#[test]
fn the_demo_challenge_history_is_deterministic_and_consistent() {
    let dir = TempDir::new().unwrap();
    let params = DemoParams::default_for(today());
    let a = demo_file(&dir, "a.db", &params).0;
    let b = demo_file(&dir, "b.db", &params).0;
    assert!(dump(&a, &CHALLENGE_TABLES) == dump(&b, &CHALLENGE_TABLES), "same seed, same history");

    let conn = Connection::open(&a).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let t = today();

    // Something of everything.
    for (sql, what) in [
        ("SELECT count(*) FROM hypotheses WHERE status = 'open' AND test_by < '2026-11-27'", "overdue hypotheses"),
        ("SELECT count(*) FROM hypotheses WHERE status = 'confirmed'", "confirmed hypotheses"),
        ("SELECT count(*) FROM hypotheses WHERE status = 'refuted'", "refuted hypotheses"),
        ("SELECT count(*) FROM verdicts WHERE forecast <> rep_forecast AND comment <> ''", "overruling verdicts"),
        ("SELECT count(*) FROM verdicts WHERE stage_from <> stage_to", "verdicts moving a stage"),
        ("SELECT count(*) FROM criterion_notes", "criterion notes"),
        ("SELECT count(*) FROM deal_changes WHERE field = 'amount_minor'", "amount changes"),
        ("SELECT count(*) FROM commitments WHERE created_on IS NOT NULL", "commitments with their day"),
    ] {
        assert!(count(sql) > 0, "no {what}");
    }
    assert_eq!(count("SELECT count(*) FROM commitments WHERE created_on IS NULL"), 0);
    assert_eq!(count("SELECT count(*) FROM verdicts WHERE confidence NOT BETWEEN 1 AND 5"), 0);
    assert_eq!(count("SELECT count(*) FROM reviews WHERE status = 'open'"), 0, "no open review at the end");
    let topics = count(
        "SELECT count(DISTINCT topic) FROM hypotheses WHERE topic IN ('budget', 'decision', 'competition', 'timing')",
    );
    assert_eq!(topics, 4);

    // The staller (rep 3) pushes close dates, several times per deal.
    let pushes_of = |rep: i64| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM deal_changes c JOIN deals d ON d.id = c.deal_id
             WHERE d.rep_id = ?1 AND c.field = 'close_on' AND c.new_value > c.old_value",
            [rep],
            |r| r.get(0),
        )
        .unwrap()
    };
    let pushed_thrice: i64 = count(
        "SELECT count(*) FROM (SELECT c.deal_id FROM deal_changes c JOIN deals d ON d.id = c.deal_id
         WHERE d.rep_id = 3 AND c.field = 'close_on' AND c.new_value > c.old_value GROUP BY c.deal_id HAVING count(*) >= 3)",
    );
    assert!(pushed_thrice >= 3, "staller deals pushed 3 times or more: {pushed_thrice}");
    assert!(pushes_of(3) > 3 * pushes_of(1).max(1), "staller {} vs strong {}", pushes_of(3), pushes_of(1));

    // Nothing in the future, nothing before the deal existed.
    for sql in [
        "SELECT count(*) FROM deal_changes WHERE changed_at >= date(?1, '+1 day')",
        "SELECT count(*) FROM hypotheses WHERE created_on > ?1 OR settled_on > ?1",
        "SELECT count(*) FROM verdicts WHERE decided_at >= date(?1, '+1 day')",
        "SELECT count(*) FROM criterion_notes WHERE noted_at >= date(?1, '+1 day')",
    ] {
        let n: i64 = conn.query_row(sql, [t.to_string()], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "{sql}");
    }

    assert_eq!(
        count("SELECT count(*) FROM deal_changes c JOIN deals d ON d.id = c.deal_id WHERE c.changed_at < d.created_on"),
        0
    );

    // Each field's changes chain, and the last one is the deal's current value.
    let broken = count(
        "WITH c AS (SELECT old_value, lag(new_value) OVER (PARTITION BY deal_id, field ORDER BY changed_at, id) AS prev
                    FROM deal_changes)
         SELECT count(*) FROM c WHERE prev IS NOT NULL AND prev IS NOT old_value",
    );
    assert_eq!(broken, 0, "a change starts from the value the previous one left");
    let not_current = count(
        "WITH c AS (SELECT deal_id, field, new_value,
                           row_number() OVER (PARTITION BY deal_id, field ORDER BY changed_at DESC, id DESC) AS rn
                    FROM deal_changes)
         SELECT count(*) FROM c JOIN deals d ON d.id = c.deal_id WHERE c.rn = 1 AND c.new_value IS NOT CASE c.field
             WHEN 'amount_minor' THEN CAST(d.amount_minor AS TEXT) WHEN 'close_on' THEN d.close_on
             WHEN 'forecast' THEN d.forecast WHEN 'sponsor_name' THEN d.sponsor_name
             WHEN 'sponsor_role' THEN d.sponsor_role WHEN 'next_step' THEN d.next_step
             WHEN 'next_step_on' THEN d.next_step_on END",
    );
    assert_eq!(not_current, 0, "the latest change of a field is the deal's value");
    assert_eq!(
        count("SELECT count(*) FROM deal_changes WHERE field = 'close_on' AND new_value < substr(changed_at, 1, 10)"),
        0,
        "a close date is never moved to a day already past"
    );

    // Verdicts agree with the stage history, and the latest one with the deal.
    assert_eq!(
        count(
            "SELECT count(*) FROM verdicts v JOIN reviews r ON r.id = v.review_id WHERE v.stage_from <> v.stage_to
               AND NOT EXISTS (SELECT 1 FROM stage_history h
                               WHERE h.deal_id = v.deal_id AND h.stage = v.stage_to AND h.entered_on = r.held_on)"
        ),
        0,
        "a verdict's move is in the stage history, on the review day"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM verdicts v JOIN reviews r ON r.id = v.review_id
             WHERE (SELECT h.stage FROM stage_history h WHERE h.deal_id = v.deal_id AND h.entered_on <= r.held_on
                    ORDER BY h.entered_on DESC LIMIT 1) <> v.stage_to
                OR (v.stage_from <> v.stage_to
                    AND (SELECT h.stage FROM stage_history h WHERE h.deal_id = v.deal_id AND h.entered_on < r.held_on
                         ORDER BY h.entered_on DESC LIMIT 1) <> v.stage_from)"
        ),
        0,
        "a verdict ends in the stage the deal is in that day, and a move starts from the one before"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM verdicts v JOIN deals d ON d.id = v.deal_id
             WHERE v.decided_at = (SELECT max(w.decided_at) FROM verdicts w WHERE w.deal_id = v.deal_id)
               AND ((v.forecast <> d.forecast AND NOT EXISTS (SELECT 1 FROM deal_changes c WHERE c.deal_id = d.id
                       AND c.field = 'forecast' AND c.changed_at > v.decided_at))
                    OR v.next_step IS NOT d.next_step OR v.next_step_on IS NOT d.next_step_on)"
        ),
        0,
        "the latest verdict's forecast and next step are the deal's"
    );
    assert_eq!(
        count("SELECT count(*) FROM verdicts v JOIN reviews r ON r.id = v.review_id WHERE v.next_step_on < r.held_on"),
        0
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM criterion_notes n JOIN reviews r ON r.id = n.review_id JOIN criteria_checks k
               ON k.deal_id = n.deal_id AND k.stage = n.stage AND k.criterion = n.criterion AND k.validated_on <= r.held_on"
        ),
        0,
        "notes are about criteria not validated on the review day"
    );

    // What the app loads for a rep is what the per-deal queries say.
    let store = Store::open(&a).unwrap();
    for rep in store.reps().unwrap() {
        let data = store.challenge_data(rep.id).unwrap();
        assert_eq!(data.deals.len() as i64, rep.open_deals);
        for deal in &data.deals {
            let open: Vec<_> =
                data.commitments_of(deal.id).iter().filter(|c| c.status == CommitmentStatus::Open).cloned().collect();
            assert_eq!(open, store.open_commitments(deal.id).unwrap());
            let checks: Vec<_> = data.checks_of(deal.id).iter().map(|(_, c)| c.clone()).collect();
            assert_eq!(checks, store.criteria_checks(deal.id).unwrap());
            let last = data.stage_history_of(deal.id).last().unwrap();
            assert_eq!((&last.stage, last.entered_on), (&deal.stage, deal.stage_entered_on));
        }
        assert!(data.last_review.values().all(|day| *day < t - Duration::days(6)));
    }
}

/// One rep's load on the large demo (50 reps, 10,000 deals, a million activities). Slow to
/// build, so run on demand: `cargo test --release --test store_challenge -- --ignored --nocapture`.
#[test]
#[ignore = "builds the large demo"]
fn challenge_data_on_the_large_demo() {
    let dir = TempDir::new().unwrap();
    let params = DemoParams { reps: 50, deals: 10_000, activities: 1_000_000, seed: 42, today: today() };
    let path = demo_file(&dir, "large.db", &params).0;
    let mut store = Store::open(&path).unwrap();
    let reps = store.reps().unwrap();
    let mut timings = Vec::new();
    for rep in &reps {
        let started = std::time::Instant::now();
        let (data, statements) = store.count_statements(|s| s.challenge_data(rep.id).unwrap()).unwrap();
        timings.push(started.elapsed());
        assert_eq!(data.deals.len() as i64, rep.open_deals);
        assert!(statements <= 9);
    }
    timings.sort();
    println!(
        "challenge_data over {} reps: median {:?}, max {:?}",
        reps.len(),
        timings[timings.len() / 2],
        timings[timings.len() - 1]
    );
}

#[test]
fn a_review_left_open_closes_when_the_next_one_opens_on_another_day() {
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let monday = ReviewContext::challenge(ada, at(d(2026, 11, 16), 10, 0));
    let first = db.store.set_review_position(&monday, Some(deal), "sponsor").unwrap();
    let friday = ReviewContext::challenge(ada, at(d(2026, 11, 20), 10, 0));
    let second = db.store.set_review_position(&friday, Some(deal), "sponsor").unwrap();
    assert_ne!(first, second);
    let resume = db.store.resume_point().unwrap().unwrap();
    assert_eq!(resume.review, second, "only today's review is open");
    let (status, closed_at): (String, Option<String>) = db
        .plain()
        .query_row("SELECT status, closed_at FROM reviews WHERE id = ?1", [first.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(status, "closed");
    assert_eq!(closed_at.as_deref(), Some("2026-11-20T10:00:00"));
}

// ---------------------------------------------------------------------------------------
// Undo
// ---------------------------------------------------------------------------------------

fn step(rep: RepId, group: u64, label: &str) -> sparring::store::undo::Recording {
    sparring::store::undo::Recording { rep, day: today(), group, label: label.into(), now: at(today(), 14, 31) }
}

#[test]
fn every_change_of_a_meeting_is_put_back_exactly_by_undo() {
    use sparring::store::undo::UndoScope;
    let mut db = Db::new();
    let rep = db.rep("Ada");
    let deal = db.deal(rep, "Acme");
    let tables = [
        ("deals", "id"),
        ("commitments", "id"),
        ("criteria_checks", "deal_id, stage, criterion"),
        ("criterion_notes", "deal_id, stage, criterion"),
        ("hypotheses", "id"),
        ("verdicts", "id"),
        ("deal_changes", "id"),
        ("stage_history", "id"),
        ("answers", "id"),
    ];
    db.store.enable_undo().unwrap();
    let before = dump(&db.path, &tables);
    let c = ctx(rep);
    // One form: a commitment written, then edited, folds into one step.
    let id = db
        .store
        .recording(step(rep, 1, "the commitment"), |s| s.add_commitment(&c, Some(deal), Owner::Prospect, "Send", None))
        .unwrap();
    db.store
        .recording(step(rep, 1, "the commitment"), |s| s.update_commitment(id, Owner::Prospect, "Send the data", None))
        .unwrap();
    db.store
        .recording(step(rep, 2, "the criterion"), |s| {
            s.validate_criterion(&c, deal, "proposal", "budget", "Budget", "CFO")
        })
        .unwrap();
    db.store
        .recording(step(rep, 3, "the note"), |s| s.note_criterion(&c, deal, "proposal", "legal", "Not met"))
        .unwrap();
    db.store
        .recording(step(rep, 4, "the verdict"), |s| s.save_verdict(&c, deal, &verdict(Forecast::BestCase, "negotiate")))
        .unwrap();
    let mut edit = edit_of(&db.deal_row(deal));
    edit.amount_minor = 9_900_000;
    edit.close_on = Some(d(2027, 1, 31));
    db.store.recording(step(rep, 5, "the edit"), |s| s.edit_deal(deal, &edit, at(today(), 14, 40), None)).unwrap();
    // Writes made without a recording (the command line) are not steps.
    db.store.add_commitment(&c, Some(deal), Owner::Rep, "Outside the meeting", None).unwrap();
    assert_eq!(db.count("SELECT count(*) FROM undo_steps"), 5, "one step per group");

    let now = at(today(), 15, 0);
    assert_eq!(db.store.undo(rep, today(), UndoScope::Last, now).unwrap().as_deref(), Some("the edit"));
    assert_eq!(db.deal_row(deal).amount_minor, 4_800_000);
    assert_eq!(db.store.undo(rep, today(), UndoScope::Group(2), now).unwrap().as_deref(), Some("the criterion"));
    for _ in 0..3 {
        assert!(db.store.undo(rep, today(), UndoScope::Last, now).unwrap().is_some());
    }
    assert_eq!(db.store.undo(rep, today(), UndoScope::Last, now).unwrap(), None, "back at the start");
    db.store
        .delete_commitment(CommitmentId(db.count("SELECT id FROM commitments WHERE what = 'Outside the meeting'")))
        .unwrap();
    assert_eq!(dump(&db.path, &tables), before, "every row as it was, the deal's stage and history included");
    assert_eq!(db.count("SELECT count(*) FROM undo_steps WHERE undone_at IS NULL"), 0);
}

#[test]
fn an_undo_that_cannot_be_applied_changes_nothing_and_says_why() {
    use sparring::store::undo::UndoScope;
    let mut db = Db::new();
    let rep = db.rep("Ada");
    let deal = db.deal(rep, "Acme");
    db.store.enable_undo().unwrap();
    let c = ctx(rep);
    db.store
        .recording(step(rep, 1, "the commitment “Send”"), |s| {
            s.add_commitment(&c, Some(deal), Owner::Prospect, "Send", None)?;
            s.note_criterion(&c, deal, "proposal", "legal", "Not met")
        })
        .unwrap();
    // The step's oldest change names a table the app does not write: the newer ones are put
    // back first, then the whole undo is refused and rolled back.
    db.plain()
        .execute(
            r#"UPDATE undo_steps SET changes = '[{"table": "reviews", "op": "insert", "key": {"id": 1}},' || substr(changes, 2)"#,
            [],
        )
        .unwrap();
    let err = db.store.undo(rep, today(), UndoScope::Last, at(today(), 15, 0)).unwrap_err();
    assert!(refused(&err).starts_with("cannot undo the commitment “Send”: it names an unknown table"), "{err}");
    assert_eq!(db.count("SELECT count(*) FROM commitments WHERE what = 'Send'"), 1, "nothing was undone");
    assert_eq!(db.count("SELECT count(*) FROM criterion_notes"), 1);
    assert_eq!(db.count("SELECT count(*) FROM reps"), 1);
    assert_eq!(db.count("SELECT count(*) FROM undo_steps WHERE undone_at IS NULL"), 1, "the step still stands");
}

#[test]
fn a_draft_is_kept_replaced_and_deleted_with_the_verdict() {
    use sparring::store::drafts::DraftForm;
    let mut db = Db::new();
    let ada = db.rep("Ada");
    let deal = db.deal(ada, "Acme");
    let kind = ReviewKind::Transformation;
    assert!(db.store.draft(ada, deal, DraftForm::Verdict, kind, today()).unwrap().is_empty());
    let typed = |c: &str| vec![("comment".to_string(), c.to_string()), ("forecast".to_string(), "commit".to_string())];
    db.store.save_draft(&ctx(ada), deal, DraftForm::Verdict, &typed("Sponsor conf")).unwrap();
    db.store.save_draft(&ctx(ada), deal, DraftForm::Verdict, &typed("Sponsor confirmed")).unwrap();
    let draft = db.store.draft(ada, deal, DraftForm::Verdict, kind, today()).unwrap();
    assert_eq!(draft.get("comment").map(String::as_str), Some("Sponsor confirmed"), "the latest typing wins");
    assert_eq!(draft.len(), 2);
    assert!(db.store.draft(ada, deal, DraftForm::Verdict, kind, d(2026, 11, 28)).unwrap().is_empty(), "another day");
    db.store.save_draft(&ctx(ada), deal, DraftForm::Verdict, &[]).unwrap();
    assert_eq!(db.count("SELECT count(*) FROM drafts"), 0, "no fields: the draft is forgotten");
    db.store.save_draft(&ctx(ada), deal, DraftForm::Verdict, &typed("Sponsor confirmed")).unwrap();
    db.store.save_verdict(&ctx(ada), deal, &verdict(Forecast::Commit, "proposal")).unwrap();
    assert_eq!(db.count("SELECT count(*) FROM drafts"), 0, "saved: no longer a draft");
}
