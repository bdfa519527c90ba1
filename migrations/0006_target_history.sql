-- 0006: targets have history. Editing a target used to rewrite the past: last month's
-- percentages changed when a target was edited today. Now each change is kept with the
-- Monday of the week it applies from, and a period is measured against the targets in force
-- on each of its days. `targets` stays as it was, the targets in force now, kept in step by
-- the app, so what reads it still works.

-- A rep's weekly target of one kind from the Monday `from_week` on, until the rep's next row
-- of that kind. per_week NULL: no target from that week on (the target was removed). set_on
-- is the day the row was last written (NULL for the rows below): a row written this week is
-- corrected in place, not followed by another.
CREATE TABLE target_history (
    rep_id      INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    from_week   TEXT    NOT NULL CHECK (date(from_week) IS from_week AND strftime('%w', from_week) = '1'),
    per_week    INTEGER CHECK (per_week IS NULL OR per_week >= 0),
    set_on      TEXT,
    PRIMARY KEY (rep_id, kind, from_week)
) WITHOUT ROWID;

-- The targets set before this migration were in force for every week anyone looked at: they
-- become the first history, from Monday 1 January of year 1, earlier than any activity.
INSERT INTO target_history (rep_id, kind, from_week, per_week, set_on)
SELECT rep_id, kind, '0001-01-01', per_week, NULL FROM targets;
