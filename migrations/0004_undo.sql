-- 0004: undo and the meeting's order. Every change the app makes is recorded with the rows as they were, so Ctrl-Z
-- (and Esc in a form) puts them back exactly as they were, in one transaction.

-- One step the app can undo: the rows one form or one answer changed, in one or more writes.
-- changes is a JSON array, oldest first, of {"table", "op" (insert, update, delete), "key"
-- (the row's primary key), "old" (the whole row before an update or a delete)}; undone_at
-- is set when the step was undone, and an undone step is never applied again.
CREATE TABLE undo_steps (
    id          INTEGER PRIMARY KEY,
    rep_id      INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
    made_on     TEXT    NOT NULL,
    grp         INTEGER NOT NULL,
    label       TEXT    NOT NULL,
    changes     TEXT    NOT NULL,
    made_at     TEXT    NOT NULL,
    undone_at   TEXT
);
CREATE INDEX undo_steps_by_rep ON undo_steps (rep_id, made_on, undone_at);

-- The meeting's order: the deals of a transformation review ranked by need of challenge at
-- the moment the review opened. "Next deal" follows it all meeting long, however the ranking
-- moves as verdicts are given; the list shows it until another sort is asked for.
CREATE TABLE review_deals (
    review_id   INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (review_id, deal_id)
) WITHOUT ROWID;
