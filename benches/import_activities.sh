#!/bin/sh
# Importing activities from CSV: `sparring import activities` against the sqlite3 tool
# loading the same file into the same table, indexes and triggers in place (issue 8:
# sparring must take at most half sqlite3's time). sqlite3 cannot `.import` straight into
# `activities` (empty fields would arrive as '' and fail its checks), so it loads an
# in-memory staging table, then moves the rows in one INSERT … SELECT transaction.
#
#     cargo build --release
#     sh benches/import_activities.sh [BINARY] [ACTIVITIES]
#
# Defaults: target/release/sparring, 1000000 activities (the large demo). The file is the
# large demo's own export, imported into a database holding only its reps and deals. Both
# runs are timed side by side, three times each, alternating (the machine is noisy: the
# ratio of the medians is what counts); peak memory is sparring's.
set -eu
bin=${1:-target/release/sparring}
activities=${2:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$bin" demo --db "$dir/source.db" --reps 50 --deals 10000 --activities "$activities" --today 2026-11-27 --force >/dev/null
"$bin" --db "$dir/source.db" export activities -o "$dir/activities.csv" >/dev/null
"$bin" --db "$dir/source.db" export deals -o "$dir/deals.csv" >/dev/null
"$bin" --db "$dir/source.db" export reps -o "$dir/reps.csv" >/dev/null
"$bin" --db "$dir/base.db" import reps "$dir/reps.csv" >/dev/null
"$bin" --db "$dir/base.db" import deals "$dir/deals.csv" >/dev/null
sqlite3 "$dir/base.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
echo "file: $(wc -l <"$dir/activities.csv") lines, $(du -m "$dir/activities.csv" | cut -f1) MB"

now() { date +%s.%N; }

# $1: "all" keeps every trigger (the issue's measure); "v7" drops the week tallies' triggers of
# migration 0008 first, to show what the load cost before them.
run_sqlite() {
    cp "$dir/base.db" "$dir/sqlite.db"
    if [ "$1" = v7 ]; then
        sqlite3 "$dir/sqlite.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master
                                  WHERE type = 'trigger' AND name LIKE 'activity_days_tallies_%'" | sqlite3 "$dir/sqlite.db"
    fi
    start=$(now)
    sqlite3 "$dir/sqlite.db" <<SQL
PRAGMA foreign_keys = ON;
ATTACH ':memory:' AS mem;
CREATE TABLE mem.staging (external_id, date, time, rep, kind, channel, segment, message, outcome, qualified, count, deal);
.import --csv --schema mem --skip 1 $dir/activities.csv staging
BEGIN IMMEDIATE;
INSERT INTO activities (external_id, rep_id, occurred_at, week, kind, channel, segment, message, outcome, count, deal_id, qualified)
SELECT nullif(s.external_id, ''), r.id, s.date || 'T' || s.time, date(s.date, 'weekday 0', '-6 days'), s.kind,
       nullif(s.channel, ''), nullif(s.segment, ''), nullif(s.message, ''), s.outcome, s.count,
       d.id, CASE s.qualified WHEN 'yes' THEN 1 WHEN 'no' THEN 0 END
FROM mem.staging s JOIN main.reps r ON r.name = s.rep LEFT JOIN main.deals d ON d.external_id = nullif(s.deal, '');
COMMIT;
SQL
    end=$(now)
    rows=$(sqlite3 "$dir/sqlite.db" 'SELECT count(*) FROM activities')
    echo "sqlite3 ($1 triggers)  $(echo "$end - $start" | bc) s  ($rows rows)"
    echo "$end - $start" | bc >>"$dir/sqlite-$1.times"
}

run_sparring() {
    cp "$dir/base.db" "$dir/sparring.db"
    start=$(now)
    /usr/bin/time -f '%M' -o "$dir/rss" "$bin" --db "$dir/sparring.db" import activities "$dir/activities.csv" >/dev/null 2>&1
    end=$(now)
    rows=$(sqlite3 "$dir/sparring.db" 'SELECT count(*) FROM activities')
    echo "sparring  $(echo "$end - $start" | bc) s  ($rows rows, peak RSS $(($(cat "$dir/rss") / 1024)) MB)"
    echo "$end - $start" | bc >>"$dir/sparring.times"
}

for _ in 1 2 3; do
    run_sqlite all
    run_sparring
    run_sqlite v7
done
median() { sort -n "$1" | sed -n 2p; }
s=$(median "$dir/sqlite-all.times")
v=$(median "$dir/sqlite-v7.times")
p=$(median "$dir/sparring.times")
echo "ratio per pair: $(paste -d/ "$dir/sparring.times" "$dir/sqlite-all.times" | while read -r r; do printf '%s ' "$(echo "scale=2; $r" | bc)"; done)"
echo "median: sqlite3 $s s, sparring $p s, ratio $(echo "scale=2; $p / $s" | bc) (must be <= 0.50)"
echo "against sqlite3 with the triggers of schema version 7 only: $v s, ratio $(echo "scale=2; $p / $v" | bc)"
same=$(sqlite3 "$dir/sparring.db" "ATTACH '$dir/sqlite.db' AS q;
    SELECT count(*) FROM (SELECT external_id, rep_id, occurred_at, kind, channel, segment, message, outcome, count, deal_id, qualified FROM activities
                          EXCEPT SELECT external_id, rep_id, occurred_at, kind, channel, segment, message, outcome, count, deal_id, qualified FROM q.activities);")
echo "rows that differ between the two databases: $same"
