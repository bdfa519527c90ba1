-- The SQL equivalent of one rep's dashboard, for comparing
--   sparring report dashboard --rep NAME --period 12w --format json
-- with the sqlite3 command-line tool on the same file (issue 4: the report, as a whole
-- process, takes no more than 1.2× what sqlite3 takes to run this).
--
-- It computes every figure the report prints, the way sparring reads them (see
-- src/store/prospecting.rs and src/domain/prospecting.rs): the rep's targets, blocks and
-- main currency; their activity over the period by kind and outcome (the funnel and the
-- volumes), by channel, message and segment, meetings by real chance, the heatmap and the
-- share in planned blocks; the 12 weekly trends; the deals created; and the team's funnel
-- from the daily totals. sparring reads the rep's rows once and adds them up in Rust; here
-- SQLite adds them up, one statement per figure.
--
-- Rep and days: 'Hélène Petit' (the first rep of the large demo, a strong performer), the
-- last 12 weeks on 2026-11-27, i.e. 2026-09-07 to 2026-11-27 (weeks 2026-09-07 … 2026-11-23).
-- For another rep or day, replace the name and the dates (`sed` works).
--
-- Rerun the comparison (hyperfine: `apt-get install hyperfine`):
--   sparring demo --db /tmp/big.db --reps 50 --deals 10000 --activities 1000000 --today 2026-11-27
--   hyperfine -N -w 5 -r 100 \
--     "sqlite3 /tmp/big.db '.read benches/dashboard.sql'" \
--     "target/release/sparring --db /tmp/big.db --today 2026-11-27 report dashboard --rep 'Hélène Petit' --period 12w --format json"
-- Without hyperfine: time a loop of 100 runs of each, output to /dev/null.

-- Finding the rep by name (sparring compares names itself, accents and case folded).
SELECT id, name FROM reps ORDER BY id;

-- Targets, planned blocks, main currency.
SELECT kind, per_week FROM targets WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit');
SELECT weekday, start_hour, end_hour FROM planned_blocks
WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit') ORDER BY weekday, start_hour;
SELECT currency FROM deals WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit')
GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1;

-- Funnel and volumes: activity by kind and outcome over the period.
SELECT kind, outcome, sum(count) FROM activities
WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit') AND week BETWEEN '2026-09-07' AND '2026-11-23'
  AND occurred_at >= '2026-09-07' AND occurred_at < '2026-11-28'
GROUP BY kind, outcome;

-- By channel, message and segment: touches, conversations, booked, meetings, opportunities.
SELECT coalesce(channel, '') AS k,
       sum(count) FILTER (WHERE kind <> 'meeting'),
       sum(count) FILTER (WHERE kind <> 'meeting' AND outcome <> 'none'),
       sum(count) FILTER (WHERE kind <> 'meeting' AND outcome IN ('meeting', 'opportunity')),
       sum(count) FILTER (WHERE kind = 'meeting'),
       sum(count) FILTER (WHERE outcome = 'opportunity')
FROM activities
WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit') AND week BETWEEN '2026-09-07' AND '2026-11-23'
  AND occurred_at >= '2026-09-07' AND occurred_at < '2026-11-28'
GROUP BY k;
SELECT coalesce(message, '') AS k,
       sum(count) FILTER (WHERE kind <> 'meeting'),
       sum(count) FILTER (WHERE kind <> 'meeting' AND outcome <> 'none'),
       sum(count) FILTER (WHERE kind <> 'meeting' AND outcome IN ('meeting', 'opportunity')),
       sum(count) FILTER (WHERE kind = 'meeting'),
       sum(count) FILTER (WHERE outcome = 'opportunity')
FROM activities
WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit') AND week BETWEEN '2026-09-07' AND '2026-11-23'
  AND occurred_at >= '2026-09-07' AND occurred_at < '2026-11-28'
GROUP BY k;
SELECT coalesce(segment, '') AS k,
       sum(count) FILTER (WHERE kind <> 'meeting'),
       sum(count) FILTER (WHERE kind <> 'meeting' AND outcome <> 'none'),
       sum(count) FILTER (WHERE kind <> 'meeting' AND outcome IN ('meeting', 'opportunity')),
       sum(count) FILTER (WHERE kind = 'meeting'),
       sum(count) FILTER (WHERE outcome = 'opportunity')
FROM activities
WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit') AND week BETWEEN '2026-09-07' AND '2026-11-23'
  AND occurred_at >= '2026-09-07' AND occurred_at < '2026-11-28'
GROUP BY k;

-- Meetings held by real chance.
SELECT qualified, sum(count) FROM activities
WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit') AND week BETWEEN '2026-09-07' AND '2026-11-23'
  AND occurred_at >= '2026-09-07' AND occurred_at < '2026-11-28' AND kind = 'meeting'
GROUP BY qualified;

-- Heatmap: touches by weekday (0 = Monday) and hour; untimed rows (a weekly count, a bare
-- date or midnight) by weekday only. The half-days and the share in planned blocks follow.
SELECT (strftime('%w', occurred_at) + 6) % 7 AS weekday,
       CASE WHEN count = 1 AND substr(occurred_at, 12) NOT IN ('', '00:00:00')
            THEN CAST(substr(occurred_at, 12, 2) AS INTEGER) END AS hour,
       kind, sum(count)
FROM activities
WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit') AND week BETWEEN '2026-09-07' AND '2026-11-23'
  AND occurred_at >= '2026-09-07' AND occurred_at < '2026-11-28' AND kind <> 'meeting'
GROUP BY weekday, hour, kind;
SELECT sum(a.count) FROM activities a
JOIN planned_blocks b ON b.rep_id = a.rep_id
  AND b.weekday = (strftime('%w', a.occurred_at) + 6) % 7
  AND CAST(substr(a.occurred_at, 12, 2) AS INTEGER) >= b.start_hour
  AND CAST(substr(a.occurred_at, 12, 2) AS INTEGER) < b.end_hour
WHERE a.rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit') AND a.week BETWEEN '2026-09-07' AND '2026-11-23'
  AND a.occurred_at >= '2026-09-07' AND a.occurred_at < '2026-11-28' AND a.kind <> 'meeting'
  AND a.count = 1 AND substr(a.occurred_at, 12) NOT IN ('', '00:00:00');

-- 12-week trends: touches and meetings per week, deals and pipeline created per week.
SELECT week, sum(count) FILTER (WHERE kind <> 'meeting'), sum(count) FILTER (WHERE kind = 'meeting')
FROM activities
WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit') AND week BETWEEN '2026-09-07' AND '2026-11-23'
  AND occurred_at < '2026-11-28'
GROUP BY week;
SELECT date(created_on, '-6 days', 'weekday 1') AS week, count(*), sum(amount_minor)
FROM deals
WHERE rep_id = (SELECT id FROM reps WHERE name = 'Hélène Petit') AND created_on BETWEEN '2026-09-07' AND '2026-11-27'
GROUP BY week;

-- The team's funnel: daily totals over the period, less the inactive reps, and deals created.
SELECT kind, outcome, sum(count) FROM activity_days
WHERE day BETWEEN '2026-09-07' AND '2026-11-27' GROUP BY kind, outcome;
SELECT kind, outcome, sum(count) FROM activities
WHERE rep_id IN (SELECT id FROM reps WHERE active = 0) AND week BETWEEN '2026-09-07' AND '2026-11-23'
  AND occurred_at >= '2026-09-07' AND occurred_at < '2026-11-28'
GROUP BY kind, outcome;
SELECT count(*), coalesce(sum(amount_minor), 0) FROM deals
WHERE rep_id IN (SELECT id FROM reps WHERE active = 1) AND created_on BETWEEN '2026-09-07' AND '2026-11-27';
