-- 0002: the deal challenge. Hypotheses, verdicts, why an exit criterion is not validated
-- yet, and the history of a deal's facts (so "close date pushed 3 times" can be said).

-- What the rep assumes about a deal and has not tested yet. Untested hypotheses are where
-- deals die quietly.
CREATE TABLE hypotheses (
    id                INTEGER PRIMARY KEY,
    deal_id           INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    rep_id            INTEGER NOT NULL REFERENCES reps(id),
    topic             TEXT    NOT NULL DEFAULT 'other'
                      CHECK (topic IN ('budget', 'decision', 'competition', 'timing', 'other')),
    statement         TEXT    NOT NULL,
    test_plan         TEXT    NOT NULL DEFAULT '',
    test_by           TEXT,
    status            TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'refuted')),
    result            TEXT    NOT NULL DEFAULT '',
    made_in_review    INTEGER REFERENCES reviews(id) ON DELETE SET NULL,
    settled_in_review INTEGER REFERENCES reviews(id) ON DELETE SET NULL,
    created_on        TEXT    NOT NULL,
    settled_on        TEXT
);
CREATE INDEX hypotheses_by_deal ON hypotheses (deal_id, status);

-- The manager's conclusion on a deal at the end of its challenge, one per deal and review.
-- rep_forecast is the deal's forecast when the verdict was given: forecast differs from it
-- when the manager overrules the rep (comment says why).
CREATE TABLE verdicts (
    id            INTEGER PRIMARY KEY,
    review_id     INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    deal_id       INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    rep_forecast  TEXT    NOT NULL
                  CHECK (rep_forecast IN ('pipeline', 'best_case', 'commit', 'won', 'lost')),
    forecast      TEXT    NOT NULL CHECK (forecast IN ('pipeline', 'best_case', 'commit')),
    comment       TEXT    NOT NULL DEFAULT '',
    confidence    INTEGER CHECK (confidence BETWEEN 1 AND 5),
    next_step     TEXT,
    next_step_on  TEXT,
    stage_from    TEXT    NOT NULL,
    stage_to      TEXT    NOT NULL,
    decided_at    TEXT    NOT NULL,
    UNIQUE (review_id, deal_id)
);
CREATE INDEX verdicts_by_deal ON verdicts (deal_id, decided_at);

-- Why an exit criterion is not validated yet, as said in a review.
CREATE TABLE criterion_notes (
    review_id   INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    stage       TEXT    NOT NULL,
    criterion   TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    noted_at    TEXT    NOT NULL,
    PRIMARY KEY (review_id, deal_id, stage, criterion)
) WITHOUT ROWID;
CREATE INDEX criterion_notes_by_deal ON criterion_notes (deal_id, stage, criterion);

-- Every change of a deal's facts, old and new values as text (dates ISO, amounts in minor
-- units). Stage moves are in stage_history.
CREATE TABLE deal_changes (
    id          INTEGER PRIMARY KEY,
    deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    field       TEXT    NOT NULL CHECK (field IN ('amount_minor', 'close_on', 'forecast', 'sponsor_name',
                                                  'sponsor_role', 'next_step', 'next_step_on')),
    old_value   TEXT,
    new_value   TEXT,
    changed_at  TEXT    NOT NULL,
    review_id   INTEGER REFERENCES reviews(id) ON DELETE SET NULL
);
CREATE INDEX deal_changes_by_deal ON deal_changes (deal_id, changed_at);

-- When a commitment was made (commitments made outside a review have no review to date them).
ALTER TABLE commitments ADD COLUMN created_on TEXT;
