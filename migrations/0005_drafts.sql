-- 0005: drafts. What is typed in a form that is written only when the manager saves it (a
-- deal's verdict), kept as it is typed so a crash loses at most the last two seconds of it.
-- A draft is not a decision: the verdict goes to `verdicts` only on Enter, and its draft is
-- deleted in the same transaction. One row per field of the form, its value as typed.
CREATE TABLE drafts (
    review_id   INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    form        TEXT    NOT NULL CHECK (form IN ('verdict')),
    field       TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    saved_at    TEXT    NOT NULL,
    PRIMARY KEY (review_id, deal_id, form, field)
) WITHOUT ROWID;
