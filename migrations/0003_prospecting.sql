-- 0003: the prospecting dashboard. A rep's planned prospecting blocks, and the activity of
-- the whole team summed per day, kept in step by triggers, so the team's figures read a
-- few thousand rows instead of every activity.

-- A weekly time slot a rep plans for prospecting ("Tuesday 9–11"). weekday 0 is Monday;
-- hours are whole hours of local time, start included, end excluded.
CREATE TABLE planned_blocks (
    rep_id      INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_hour  INTEGER NOT NULL CHECK (start_hour BETWEEN 0 AND 23),
    end_hour    INTEGER NOT NULL CHECK (end_hour BETWEEN 1 AND 24 AND end_hour > start_hour),
    PRIMARY KEY (rep_id, weekday, start_hour)
) WITHOUT ROWID;

-- sum(activities.count) per day (the date part of occurred_at), kind and outcome, over
-- every rep. Written only by the triggers below: never by hand.
CREATE TABLE activity_days (
    day      TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    outcome  TEXT    NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (day, kind, outcome)
) WITHOUT ROWID;

INSERT INTO activity_days (day, kind, outcome, count)
SELECT substr(occurred_at, 1, 10), kind, outcome, sum(count)
FROM activities
GROUP BY substr(occurred_at, 1, 10), kind, outcome;

CREATE TRIGGER activity_days_insert AFTER INSERT ON activities BEGIN
    INSERT INTO activity_days (day, kind, outcome, count)
    VALUES (substr(new.occurred_at, 1, 10), new.kind, new.outcome, new.count)
    ON CONFLICT (day, kind, outcome) DO UPDATE SET count = count + excluded.count;
END;

CREATE TRIGGER activity_days_delete AFTER DELETE ON activities BEGIN
    UPDATE activity_days SET count = count - old.count
    WHERE day = substr(old.occurred_at, 1, 10) AND kind = old.kind AND outcome = old.outcome;
    DELETE FROM activity_days
    WHERE day = substr(old.occurred_at, 1, 10) AND kind = old.kind AND outcome = old.outcome AND count = 0;
END;

CREATE TRIGGER activity_days_update AFTER UPDATE OF occurred_at, kind, outcome, count ON activities BEGIN
    UPDATE activity_days SET count = count - old.count
    WHERE day = substr(old.occurred_at, 1, 10) AND kind = old.kind AND outcome = old.outcome;
    DELETE FROM activity_days
    WHERE day = substr(old.occurred_at, 1, 10) AND kind = old.kind AND outcome = old.outcome AND count = 0;
    INSERT INTO activity_days (day, kind, outcome, count)
    VALUES (substr(new.occurred_at, 1, 10), new.kind, new.outcome, new.count)
    ON CONFLICT (day, kind, outcome) DO UPDATE SET count = count + excluded.count;
END;
