-- 0007: each rep's activity summed per week, kind and outcome, kept in step by triggers, so
-- the team view reads its trend weeks and the days it compares with from a few hundred rows
-- a week instead of every activity row of every rep; and the deals' currencies by rep in an
-- index, so the team's main currency is counted without reading every deal.

-- sum(activities.count) per rep, week (its Monday, as `activities.week`), kind and outcome.
-- Written only by the triggers below and by the bulk activity writer: never by hand. The
-- triggers are named `activity_days_…` so the bulk writer drops and restores them with the
-- daily totals' own.
CREATE TABLE activity_rep_weeks (
    rep_id   INTEGER NOT NULL,
    week     TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    outcome  TEXT    NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (rep_id, week, kind, outcome)
) WITHOUT ROWID;

INSERT INTO activity_rep_weeks (rep_id, week, kind, outcome, count)
SELECT rep_id, week, kind, outcome, sum(count)
FROM activities
GROUP BY rep_id, week, kind, outcome;

CREATE TRIGGER activity_days_rep_weeks_insert AFTER INSERT ON activities BEGIN
    INSERT INTO activity_rep_weeks (rep_id, week, kind, outcome, count)
    VALUES (new.rep_id, new.week, new.kind, new.outcome, new.count)
    ON CONFLICT (rep_id, week, kind, outcome) DO UPDATE SET count = count + excluded.count;
END;

CREATE TRIGGER activity_days_rep_weeks_delete AFTER DELETE ON activities BEGIN
    UPDATE activity_rep_weeks SET count = count - old.count
    WHERE rep_id = old.rep_id AND week = old.week AND kind = old.kind AND outcome = old.outcome;
    DELETE FROM activity_rep_weeks
    WHERE rep_id = old.rep_id AND week = old.week AND kind = old.kind AND outcome = old.outcome AND count = 0;
END;

CREATE TRIGGER activity_days_rep_weeks_update AFTER UPDATE OF rep_id, week, kind, outcome, count ON activities BEGIN
    UPDATE activity_rep_weeks SET count = count - old.count
    WHERE rep_id = old.rep_id AND week = old.week AND kind = old.kind AND outcome = old.outcome;
    DELETE FROM activity_rep_weeks
    WHERE rep_id = old.rep_id AND week = old.week AND kind = old.kind AND outcome = old.outcome AND count = 0;
    INSERT INTO activity_rep_weeks (rep_id, week, kind, outcome, count)
    VALUES (new.rep_id, new.week, new.kind, new.outcome, new.count)
    ON CONFLICT (rep_id, week, kind, outcome) DO UPDATE SET count = count + excluded.count;
END;

CREATE INDEX deals_by_rep_currency ON deals (rep_id, currency);
