-- 0008: what the team view reads instead of every activity row of its weeks, kept in step by
-- triggers: each rep's activity per week by kind, outcome and half-day, and by channel and
-- segment; and the whole team's per day by channel, message, segment and real chance, and by
-- hour. A week of the team is then a few hundred short rows read in key order, where its
-- activity rows are thousands read one by one.

-- Each activity as the prospecting dashboard counts it (docs/report.md's counting rules): its
-- day, its funnel figures, its day of the week (0 = Monday) and its hour of day (-1 when it has
-- none: a bare date, exactly midnight, or a row standing for several actions). Rows of a kind
-- or a day the dashboard cannot read are left out, as the dashboard leaves them out.
CREATE VIEW activity_tallies AS
SELECT id, rep_id, week, substr(occurred_at, 1, 10) AS day, kind, outcome,
       coalesce(channel, '') AS channel,
       coalesce(message, '') AS message,
       coalesce(segment, '') AS segment,
       CASE qualified WHEN 1 THEN 'yes' WHEN 0 THEN 'no' ELSE '' END AS real_chance,
       CASE WHEN kind <> 'meeting' THEN count ELSE 0 END AS touches,
       CASE WHEN kind <> 'meeting' AND outcome <> 'none' THEN count ELSE 0 END AS conversations,
       CASE WHEN kind <> 'meeting' AND outcome IN ('meeting', 'opportunity') THEN count ELSE 0 END AS booked,
       CASE WHEN kind = 'meeting' THEN count ELSE 0 END AS meetings,
       CASE WHEN outcome = 'opportunity' THEN count ELSE 0 END AS opportunities,
       count,
       (CAST(strftime('%w', substr(occurred_at, 1, 10)) AS INTEGER) + 6) % 7 AS weekday,
       CASE WHEN count = 1 AND length(occurred_at) >= 16 AND time(occurred_at) IS NOT NULL
                 AND substr(occurred_at, 11, 1) IN ('T', ' ') AND substr(occurred_at, 14, 1) = ':'
                 AND NOT (substr(occurred_at, 12, 5) = '00:00'
                          AND (length(occurred_at) < 19 OR substr(occurred_at, 17, 1) <> ':'
                               OR substr(occurred_at, 18, 2) = '00'))
            THEN CAST(substr(occurred_at, 12, 2) AS INTEGER)
            ELSE -1 END AS hour
FROM activities
WHERE kind IN ('call', 'email', 'social', 'event', 'meeting')
  AND date(substr(occurred_at, 1, 10)) IS substr(occurred_at, 1, 10);

-- Per rep, week and kind: sum(count) by outcome, and of the rows with a time of day, by day of
-- the week and half-day (`am` before noon, `pm` from noon).
CREATE TABLE activity_rep_week_kinds (
    rep_id               INTEGER NOT NULL,
    week                 TEXT    NOT NULL,
    kind                 TEXT    NOT NULL,
    outcome_none         INTEGER NOT NULL,
    outcome_conversation INTEGER NOT NULL,
    outcome_meeting      INTEGER NOT NULL,
    outcome_opportunity  INTEGER NOT NULL,
    mon_am               INTEGER NOT NULL,
    mon_pm               INTEGER NOT NULL,
    tue_am               INTEGER NOT NULL,
    tue_pm               INTEGER NOT NULL,
    wed_am               INTEGER NOT NULL,
    wed_pm               INTEGER NOT NULL,
    thu_am               INTEGER NOT NULL,
    thu_pm               INTEGER NOT NULL,
    fri_am               INTEGER NOT NULL,
    fri_pm               INTEGER NOT NULL,
    sat_am               INTEGER NOT NULL,
    sat_pm               INTEGER NOT NULL,
    sun_am               INTEGER NOT NULL,
    sun_pm               INTEGER NOT NULL,
    PRIMARY KEY (rep_id, week, kind)
) WITHOUT ROWID;

-- Per rep and week, what each channel and segment brought (what a rep's line in the team view
-- is judged on): every activity counts once under its channel and once under its segment.
CREATE TABLE activity_rep_week_breakdowns (
    rep_id        INTEGER NOT NULL,
    dimension     TEXT    NOT NULL,
    week          TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    touches       INTEGER NOT NULL,
    conversations INTEGER NOT NULL,
    booked        INTEGER NOT NULL,
    meetings      INTEGER NOT NULL,
    opportunities INTEGER NOT NULL,
    PRIMARY KEY (rep_id, dimension, week, key)
) WITHOUT ROWID;

-- Every rep's activity together, per day, by channel, message, segment and real chance ('yes',
-- 'no', '' when not assessed): every activity counts once in each of the four dimensions. (No
-- CHECK on `dimension`: written by the triggers only, and older sqlite3 builds run a trigger into
-- a table with one many times slower.)
CREATE TABLE activity_day_breakdowns (
    day           TEXT    NOT NULL,
    dimension     TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    touches       INTEGER NOT NULL,
    conversations INTEGER NOT NULL,
    booked        INTEGER NOT NULL,
    meetings      INTEGER NOT NULL,
    opportunities INTEGER NOT NULL,
    PRIMARY KEY (day, dimension, key)
) WITHOUT ROWID;

-- Every rep's touches together, per day and hour (-1: no time of day): the team's heatmap.
CREATE TABLE activity_day_hours (
    day     TEXT    NOT NULL,
    hour    INTEGER NOT NULL,
    touches INTEGER NOT NULL,
    PRIMARY KEY (day, hour)
) WITHOUT ROWID;

-- The rows already there are summed into these tables by sparring itself, once, in the
-- migration's transaction (one pass over the rows, with the dashboard's own rules).

-- The triggers read the row through `activity_tallies`, so the rules are written once: after
-- it is inserted, before it is deleted, and on both sides of an update. A row taken away
-- subtracts through the same upsert (its figures negated), then rows left at zero go. Named
-- `activity_days_…` so the bulk writer drops and restores them with the daily totals' own.

CREATE TRIGGER activity_days_tallies_insert AFTER INSERT ON activities BEGIN
    INSERT INTO activity_rep_week_kinds
    SELECT rep_id, week, kind,
           CASE outcome WHEN 'none' THEN count ELSE 0 END,
           CASE outcome WHEN 'conversation' THEN count ELSE 0 END,
           CASE outcome WHEN 'meeting' THEN count ELSE 0 END,
           CASE outcome WHEN 'opportunity' THEN count ELSE 0 END,
           CASE WHEN weekday = 0 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 0 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 1 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 1 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 2 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 2 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 3 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 3 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 4 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 4 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 5 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 5 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 6 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 6 AND hour >= 12 THEN count ELSE 0 END
    FROM activity_tallies WHERE id = new.id
    ON CONFLICT (rep_id, week, kind) DO UPDATE SET
        outcome_none = outcome_none + excluded.outcome_none,
        outcome_conversation = outcome_conversation + excluded.outcome_conversation,
        outcome_meeting = outcome_meeting + excluded.outcome_meeting,
        outcome_opportunity = outcome_opportunity + excluded.outcome_opportunity,
        mon_am = mon_am + excluded.mon_am, mon_pm = mon_pm + excluded.mon_pm,
        tue_am = tue_am + excluded.tue_am, tue_pm = tue_pm + excluded.tue_pm,
        wed_am = wed_am + excluded.wed_am, wed_pm = wed_pm + excluded.wed_pm,
        thu_am = thu_am + excluded.thu_am, thu_pm = thu_pm + excluded.thu_pm,
        fri_am = fri_am + excluded.fri_am, fri_pm = fri_pm + excluded.fri_pm,
        sat_am = sat_am + excluded.sat_am, sat_pm = sat_pm + excluded.sat_pm,
        sun_am = sun_am + excluded.sun_am, sun_pm = sun_pm + excluded.sun_pm;
    INSERT INTO activity_rep_week_breakdowns
    SELECT rep_id, d.column1, week, CASE d.column1 WHEN 'channel' THEN channel ELSE segment END,
           touches, conversations, booked, meetings, opportunities
    FROM activity_tallies, (VALUES ('channel'), ('segment')) AS d
    WHERE id = new.id
    ON CONFLICT (rep_id, dimension, week, key) DO UPDATE SET
        touches = touches + excluded.touches,
        conversations = conversations + excluded.conversations, booked = booked + excluded.booked,
        meetings = meetings + excluded.meetings,
        opportunities = opportunities + excluded.opportunities;
    INSERT INTO activity_day_breakdowns
    SELECT day, d.column1,
           CASE d.column1 WHEN 'channel' THEN channel WHEN 'message' THEN message WHEN 'segment' THEN segment
                          ELSE real_chance END,
           touches, conversations, booked, meetings, opportunities
    FROM activity_tallies, (VALUES ('channel'), ('message'), ('segment'), ('real_chance')) AS d
    WHERE id = new.id
    ON CONFLICT (day, dimension, key) DO UPDATE SET
        touches = touches + excluded.touches,
        conversations = conversations + excluded.conversations, booked = booked + excluded.booked,
        meetings = meetings + excluded.meetings,
        opportunities = opportunities + excluded.opportunities;
    INSERT INTO activity_day_hours
    SELECT day, hour, touches FROM activity_tallies WHERE id = new.id AND touches > 0
    ON CONFLICT (day, hour) DO UPDATE SET touches = touches + excluded.touches;
END;

CREATE TRIGGER activity_days_tallies_delete BEFORE DELETE ON activities BEGIN
    INSERT INTO activity_rep_week_kinds
    SELECT rep_id, week, kind,
           -CASE outcome WHEN 'none' THEN count ELSE 0 END,
           -CASE outcome WHEN 'conversation' THEN count ELSE 0 END,
           -CASE outcome WHEN 'meeting' THEN count ELSE 0 END,
           -CASE outcome WHEN 'opportunity' THEN count ELSE 0 END,
           -CASE WHEN weekday = 0 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 0 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 1 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 1 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 2 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 2 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 3 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 3 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 4 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 4 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 5 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 5 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 6 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 6 AND hour >= 12 THEN count ELSE 0 END
    FROM activity_tallies WHERE id = old.id
    ON CONFLICT (rep_id, week, kind) DO UPDATE SET
        outcome_none = outcome_none + excluded.outcome_none,
        outcome_conversation = outcome_conversation + excluded.outcome_conversation,
        outcome_meeting = outcome_meeting + excluded.outcome_meeting,
        outcome_opportunity = outcome_opportunity + excluded.outcome_opportunity,
        mon_am = mon_am + excluded.mon_am, mon_pm = mon_pm + excluded.mon_pm,
        tue_am = tue_am + excluded.tue_am, tue_pm = tue_pm + excluded.tue_pm,
        wed_am = wed_am + excluded.wed_am, wed_pm = wed_pm + excluded.wed_pm,
        thu_am = thu_am + excluded.thu_am, thu_pm = thu_pm + excluded.thu_pm,
        fri_am = fri_am + excluded.fri_am, fri_pm = fri_pm + excluded.fri_pm,
        sat_am = sat_am + excluded.sat_am, sat_pm = sat_pm + excluded.sat_pm,
        sun_am = sun_am + excluded.sun_am, sun_pm = sun_pm + excluded.sun_pm;
    DELETE FROM activity_rep_week_kinds
    WHERE rep_id = old.rep_id AND week = old.week AND kind = old.kind
      AND outcome_none = 0 AND outcome_conversation = 0 AND outcome_meeting = 0 AND outcome_opportunity = 0;
    INSERT INTO activity_rep_week_breakdowns
    SELECT rep_id, d.column1, week, CASE d.column1 WHEN 'channel' THEN channel ELSE segment END,
           -touches, -conversations, -booked, -meetings, -opportunities
    FROM activity_tallies, (VALUES ('channel'), ('segment')) AS d
    WHERE id = old.id
    ON CONFLICT (rep_id, dimension, week, key) DO UPDATE SET
        touches = touches + excluded.touches,
        conversations = conversations + excluded.conversations, booked = booked + excluded.booked,
        meetings = meetings + excluded.meetings,
        opportunities = opportunities + excluded.opportunities;
    DELETE FROM activity_rep_week_breakdowns
    WHERE rep_id = old.rep_id AND week = old.week AND touches = 0 AND meetings = 0;
    INSERT INTO activity_day_breakdowns
    SELECT day, d.column1,
           CASE d.column1 WHEN 'channel' THEN channel WHEN 'message' THEN message WHEN 'segment' THEN segment
                          ELSE real_chance END,
           -touches, -conversations, -booked, -meetings, -opportunities
    FROM activity_tallies, (VALUES ('channel'), ('message'), ('segment'), ('real_chance')) AS d
    WHERE id = old.id
    ON CONFLICT (day, dimension, key) DO UPDATE SET
        touches = touches + excluded.touches,
        conversations = conversations + excluded.conversations, booked = booked + excluded.booked,
        meetings = meetings + excluded.meetings,
        opportunities = opportunities + excluded.opportunities;
    DELETE FROM activity_day_breakdowns WHERE day = substr(old.occurred_at, 1, 10) AND touches = 0 AND meetings = 0;
    INSERT INTO activity_day_hours
    SELECT day, hour, -touches FROM activity_tallies WHERE id = old.id AND touches > 0
    ON CONFLICT (day, hour) DO UPDATE SET touches = touches + excluded.touches;
    DELETE FROM activity_day_hours WHERE day = substr(old.occurred_at, 1, 10) AND touches = 0;
END;

CREATE TRIGGER activity_days_tallies_update_old
BEFORE UPDATE OF rep_id, occurred_at, week, kind, channel, segment, message, outcome, count, qualified
ON activities BEGIN
    INSERT INTO activity_rep_week_kinds
    SELECT rep_id, week, kind,
           -CASE outcome WHEN 'none' THEN count ELSE 0 END,
           -CASE outcome WHEN 'conversation' THEN count ELSE 0 END,
           -CASE outcome WHEN 'meeting' THEN count ELSE 0 END,
           -CASE outcome WHEN 'opportunity' THEN count ELSE 0 END,
           -CASE WHEN weekday = 0 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 0 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 1 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 1 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 2 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 2 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 3 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 3 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 4 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 4 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 5 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 5 AND hour >= 12 THEN count ELSE 0 END,
           -CASE WHEN weekday = 6 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           -CASE WHEN weekday = 6 AND hour >= 12 THEN count ELSE 0 END
    FROM activity_tallies WHERE id = old.id
    ON CONFLICT (rep_id, week, kind) DO UPDATE SET
        outcome_none = outcome_none + excluded.outcome_none,
        outcome_conversation = outcome_conversation + excluded.outcome_conversation,
        outcome_meeting = outcome_meeting + excluded.outcome_meeting,
        outcome_opportunity = outcome_opportunity + excluded.outcome_opportunity,
        mon_am = mon_am + excluded.mon_am, mon_pm = mon_pm + excluded.mon_pm,
        tue_am = tue_am + excluded.tue_am, tue_pm = tue_pm + excluded.tue_pm,
        wed_am = wed_am + excluded.wed_am, wed_pm = wed_pm + excluded.wed_pm,
        thu_am = thu_am + excluded.thu_am, thu_pm = thu_pm + excluded.thu_pm,
        fri_am = fri_am + excluded.fri_am, fri_pm = fri_pm + excluded.fri_pm,
        sat_am = sat_am + excluded.sat_am, sat_pm = sat_pm + excluded.sat_pm,
        sun_am = sun_am + excluded.sun_am, sun_pm = sun_pm + excluded.sun_pm;
    DELETE FROM activity_rep_week_kinds
    WHERE rep_id = old.rep_id AND week = old.week AND kind = old.kind
      AND outcome_none = 0 AND outcome_conversation = 0 AND outcome_meeting = 0 AND outcome_opportunity = 0;
    INSERT INTO activity_rep_week_breakdowns
    SELECT rep_id, d.column1, week, CASE d.column1 WHEN 'channel' THEN channel ELSE segment END,
           -touches, -conversations, -booked, -meetings, -opportunities
    FROM activity_tallies, (VALUES ('channel'), ('segment')) AS d
    WHERE id = old.id
    ON CONFLICT (rep_id, dimension, week, key) DO UPDATE SET
        touches = touches + excluded.touches,
        conversations = conversations + excluded.conversations, booked = booked + excluded.booked,
        meetings = meetings + excluded.meetings,
        opportunities = opportunities + excluded.opportunities;
    DELETE FROM activity_rep_week_breakdowns
    WHERE rep_id = old.rep_id AND week = old.week AND touches = 0 AND meetings = 0;
    INSERT INTO activity_day_breakdowns
    SELECT day, d.column1,
           CASE d.column1 WHEN 'channel' THEN channel WHEN 'message' THEN message WHEN 'segment' THEN segment
                          ELSE real_chance END,
           -touches, -conversations, -booked, -meetings, -opportunities
    FROM activity_tallies, (VALUES ('channel'), ('message'), ('segment'), ('real_chance')) AS d
    WHERE id = old.id
    ON CONFLICT (day, dimension, key) DO UPDATE SET
        touches = touches + excluded.touches,
        conversations = conversations + excluded.conversations, booked = booked + excluded.booked,
        meetings = meetings + excluded.meetings,
        opportunities = opportunities + excluded.opportunities;
    DELETE FROM activity_day_breakdowns WHERE day = substr(old.occurred_at, 1, 10) AND touches = 0 AND meetings = 0;
    INSERT INTO activity_day_hours
    SELECT day, hour, -touches FROM activity_tallies WHERE id = old.id AND touches > 0
    ON CONFLICT (day, hour) DO UPDATE SET touches = touches + excluded.touches;
    DELETE FROM activity_day_hours WHERE day = substr(old.occurred_at, 1, 10) AND touches = 0;
END;

CREATE TRIGGER activity_days_tallies_update_new
AFTER UPDATE OF rep_id, occurred_at, week, kind, channel, segment, message, outcome, count, qualified
ON activities BEGIN
    INSERT INTO activity_rep_week_kinds
    SELECT rep_id, week, kind,
           CASE outcome WHEN 'none' THEN count ELSE 0 END,
           CASE outcome WHEN 'conversation' THEN count ELSE 0 END,
           CASE outcome WHEN 'meeting' THEN count ELSE 0 END,
           CASE outcome WHEN 'opportunity' THEN count ELSE 0 END,
           CASE WHEN weekday = 0 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 0 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 1 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 1 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 2 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 2 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 3 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 3 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 4 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 4 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 5 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 5 AND hour >= 12 THEN count ELSE 0 END,
           CASE WHEN weekday = 6 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END,
           CASE WHEN weekday = 6 AND hour >= 12 THEN count ELSE 0 END
    FROM activity_tallies WHERE id = new.id
    ON CONFLICT (rep_id, week, kind) DO UPDATE SET
        outcome_none = outcome_none + excluded.outcome_none,
        outcome_conversation = outcome_conversation + excluded.outcome_conversation,
        outcome_meeting = outcome_meeting + excluded.outcome_meeting,
        outcome_opportunity = outcome_opportunity + excluded.outcome_opportunity,
        mon_am = mon_am + excluded.mon_am, mon_pm = mon_pm + excluded.mon_pm,
        tue_am = tue_am + excluded.tue_am, tue_pm = tue_pm + excluded.tue_pm,
        wed_am = wed_am + excluded.wed_am, wed_pm = wed_pm + excluded.wed_pm,
        thu_am = thu_am + excluded.thu_am, thu_pm = thu_pm + excluded.thu_pm,
        fri_am = fri_am + excluded.fri_am, fri_pm = fri_pm + excluded.fri_pm,
        sat_am = sat_am + excluded.sat_am, sat_pm = sat_pm + excluded.sat_pm,
        sun_am = sun_am + excluded.sun_am, sun_pm = sun_pm + excluded.sun_pm;
    INSERT INTO activity_rep_week_breakdowns
    SELECT rep_id, d.column1, week, CASE d.column1 WHEN 'channel' THEN channel ELSE segment END,
           touches, conversations, booked, meetings, opportunities
    FROM activity_tallies, (VALUES ('channel'), ('segment')) AS d
    WHERE id = new.id
    ON CONFLICT (rep_id, dimension, week, key) DO UPDATE SET
        touches = touches + excluded.touches,
        conversations = conversations + excluded.conversations, booked = booked + excluded.booked,
        meetings = meetings + excluded.meetings,
        opportunities = opportunities + excluded.opportunities;
    INSERT INTO activity_day_breakdowns
    SELECT day, d.column1,
           CASE d.column1 WHEN 'channel' THEN channel WHEN 'message' THEN message WHEN 'segment' THEN segment
                          ELSE real_chance END,
           touches, conversations, booked, meetings, opportunities
    FROM activity_tallies, (VALUES ('channel'), ('message'), ('segment'), ('real_chance')) AS d
    WHERE id = new.id
    ON CONFLICT (day, dimension, key) DO UPDATE SET
        touches = touches + excluded.touches,
        conversations = conversations + excluded.conversations, booked = booked + excluded.booked,
        meetings = meetings + excluded.meetings,
        opportunities = opportunities + excluded.opportunities;
    INSERT INTO activity_day_hours
    SELECT day, hour, touches FROM activity_tallies WHERE id = new.id AND touches > 0
    ON CONFLICT (day, hour) DO UPDATE SET touches = touches + excluded.touches;
END;
