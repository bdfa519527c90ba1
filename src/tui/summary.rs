//! What a structured answer said, in words: written to `answers` with the rows, so the
//! review keeps a readable record and the next review can show "what was said last time".

use super::editors::{Ctx, ListKind, commitment_rows, hypothesis_rows};
use super::strings;
use crate::domain::commitment::CommitmentStatus;
use crate::domain::hypothesis::HypothesisStatus;

/// The answer text of a commitments, criteria or hypotheses question, from the rows as
/// they stand: what was made, settled, validated or concluded today.
pub fn structured_answer(kind: ListKind, ctx: Ctx<'_>) -> String {
    let today = ctx.today;
    let lines: Vec<String> = match kind {
        ListKind::Commitments => commitment_rows(ctx.commitments, today)
            .into_iter()
            .filter(|c| c.created_on == Some(today) || c.settled_on == Some(today))
            .map(|c| {
                let owner = strings::owner_name(c.owner.as_str());
                match c.status {
                    CommitmentStatus::Open => strings::commitment_made(owner, &c.what, c.due_on),
                    status => strings::commitment_settled(owner, &c.what, strings::commitment_status(status), &c.note),
                }
            })
            .collect(),
        ListKind::Hypotheses => hypothesis_rows(ctx.hypotheses, today)
            .into_iter()
            .filter(|h| h.created_on == today || h.settled_on == Some(today))
            .map(|h| {
                let topic = strings::topic_name(h.topic);
                match h.status {
                    HypothesisStatus::Open => strings::hypothesis_made(topic, &h.statement, &h.test_plan, h.test_by),
                    status => strings::hypothesis_concluded(
                        topic,
                        &h.statement,
                        strings::hypothesis_status(status),
                        &h.result,
                    ),
                }
            })
            .collect(),
        ListKind::Criteria => ctx
            .criteria()
            .into_iter()
            .filter_map(|(stage, criterion, _)| match ctx.criterion(&stage.key, &criterion.id) {
                (Some(check), _) => Some(strings::criterion_validated(&criterion.text, &check.evidence)),
                (None, Some(note)) if !note.note.is_empty() && note.held_on == today => {
                    Some(strings::criterion_not_yet(&criterion.text, &note.note))
                }
                _ => None,
            })
            .collect(),
    };
    lines.join("\n")
}
