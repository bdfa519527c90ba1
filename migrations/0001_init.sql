-- 0001: the foundation schema. Shipped migrations are never edited: add 0002_… instead.
-- Dates are ISO-8601 text (YYYY-MM-DD), timestamps are local 'YYYY-MM-DDTHH:MM:SS',
-- money is integer minor units (cents), enumerations are lowercase words.

CREATE TABLE reps (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    email       TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    manager     TEXT,
    team        TEXT
);

-- Weekly targets. kind is an activity kind (call, email, social, event, meeting),
-- 'opportunity' (opportunities created) or 'pipeline' (pipeline amount created, minor units).
CREATE TABLE targets (
    rep_id      INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    per_week    INTEGER NOT NULL CHECK (per_week >= 0),
    PRIMARY KEY (rep_id, kind)
) WITHOUT ROWID;

CREATE TABLE deals (
    id               INTEGER PRIMARY KEY,
    external_id      TEXT UNIQUE,
    rep_id           INTEGER NOT NULL REFERENCES reps(id),
    account          TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    amount_minor     INTEGER NOT NULL DEFAULT 0,
    currency         TEXT    NOT NULL DEFAULT 'EUR',
    stage            TEXT    NOT NULL,
    stage_entered_on TEXT    NOT NULL,
    close_on         TEXT,
    forecast         TEXT    NOT NULL DEFAULT 'pipeline'
                     CHECK (forecast IN ('pipeline', 'best_case', 'commit', 'won', 'lost')),
    sponsor_name     TEXT,
    sponsor_role     TEXT,
    next_step        TEXT,
    next_step_on     TEXT,
    source_channel   TEXT,
    segment          TEXT,
    status           TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    created_on       TEXT    NOT NULL,
    closed_on        TEXT
);
CREATE INDEX deals_by_rep_status ON deals (rep_id, status);
CREATE INDEX deals_by_rep_created ON deals (rep_id, created_on);

CREATE TABLE stage_history (
    id          INTEGER PRIMARY KEY,
    deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    stage       TEXT    NOT NULL,
    entered_on  TEXT    NOT NULL
);
CREATE INDEX stage_history_by_deal ON stage_history (deal_id, entered_on);

-- One row per exit criterion of a stage that has been validated for a deal.
-- criterion is the criterion id from questions.toml; criterion_text keeps its wording.
CREATE TABLE criteria_checks (
    deal_id        INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    stage          TEXT    NOT NULL,
    criterion      TEXT    NOT NULL,
    criterion_text TEXT    NOT NULL DEFAULT '',
    validated_on   TEXT    NOT NULL,
    evidence       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (deal_id, stage, criterion)
) WITHOUT ROWID;

-- A prospecting action, or a weekly summary of several (count).
-- week is the Monday of occurred_at's ISO week, stored so grouping needs no strftime.
-- outcome is the furthest step the action reached: none, conversation (connected or
-- replied), meeting (meeting booked) or opportunity (opportunity created).
-- qualified is the "real chance" flag of a meeting: 1, 0, or NULL when not assessed.
CREATE TABLE activities (
    id          INTEGER PRIMARY KEY,
    external_id TEXT UNIQUE,
    rep_id      INTEGER NOT NULL REFERENCES reps(id),
    occurred_at TEXT    NOT NULL,
    week        TEXT    NOT NULL CHECK (week = date(occurred_at, 'weekday 0', '-6 days')),
    kind        TEXT    NOT NULL,
    channel     TEXT,
    segment     TEXT,
    message     TEXT,
    outcome     TEXT    NOT NULL DEFAULT 'none'
                CHECK (outcome IN ('none', 'conversation', 'meeting', 'opportunity')),
    count       INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
    deal_id     INTEGER REFERENCES deals(id) ON DELETE SET NULL,
    qualified   INTEGER CHECK (qualified IN (0, 1))
);
CREATE INDEX activities_by_rep_week ON activities (rep_id, week, kind, outcome, count);

-- A meeting: prospecting or transformation, led by the manager or by the rep (prep).
-- current_deal_id / current_question remember where the review stopped, to resume it.
CREATE TABLE reviews (
    id               INTEGER PRIMARY KEY,
    kind             TEXT    NOT NULL CHECK (kind IN ('prospecting', 'transformation')),
    rep_id           INTEGER NOT NULL REFERENCES reps(id),
    held_on          TEXT    NOT NULL,
    led_by           TEXT    NOT NULL DEFAULT 'manager' CHECK (led_by IN ('manager', 'rep')),
    status           TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    notes            TEXT    NOT NULL DEFAULT '',
    opened_at        TEXT    NOT NULL,
    closed_at        TEXT,
    current_deal_id  INTEGER REFERENCES deals(id) ON DELETE SET NULL,
    current_question TEXT
);
CREATE INDEX reviews_by_rep ON reviews (rep_id, kind, status, held_on);
-- A rep has at most one open review of each kind, per leader, per day: answers always
-- land in the same one.
CREATE UNIQUE INDEX reviews_one_open ON reviews (rep_id, kind, led_by, held_on) WHERE status = 'open';

-- A reply to one script question. deal_id is NULL for prospecting questions.
-- question_text keeps the question as asked, so editing the script never rewrites history.
CREATE TABLE answers (
    id            INTEGER PRIMARY KEY,
    review_id     INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    deal_id       INTEGER REFERENCES deals(id) ON DELETE CASCADE,
    question_id   TEXT    NOT NULL,
    question_text TEXT    NOT NULL,
    answer        TEXT    NOT NULL,
    answered_at   TEXT    NOT NULL
);
CREATE UNIQUE INDEX answers_one_per_question ON answers (review_id, ifnull(deal_id, 0), question_id);
CREATE INDEX answers_by_deal ON answers (deal_id, question_id);

-- deal_id is NULL for prospecting commitments ("two call blocks Tue/Thu").
CREATE TABLE commitments (
    id                INTEGER PRIMARY KEY,
    deal_id           INTEGER REFERENCES deals(id) ON DELETE CASCADE,
    rep_id            INTEGER NOT NULL REFERENCES reps(id),
    owner             TEXT    NOT NULL CHECK (owner IN ('prospect', 'rep', 'manager')),
    what              TEXT    NOT NULL,
    due_on            TEXT,
    status            TEXT    NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'done', 'missed', 'dropped')),
    made_in_review    INTEGER REFERENCES reviews(id) ON DELETE SET NULL,
    settled_in_review INTEGER REFERENCES reviews(id) ON DELETE SET NULL,
    settled_on        TEXT,
    note              TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX commitments_by_deal ON commitments (deal_id, status);
CREATE INDEX commitments_by_rep ON commitments (rep_id, status);

CREATE TABLE skill_ratings (
    review_id   INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    skill_id    TEXT    NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    note        TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, skill_id)
) WITHOUT ROWID;
