#!/usr/bin/env python3
"""The headless team report against the one-rep report, as whole processes (issue 8: the
team's `report dashboard --team --period 12w` at most 2.5 times the one-rep report).

Both commands run alternately, RUNS times each after a warm-up, output thrown away; the
script prints the median and p90 wall time of each and the ratio of the medians (the
machine is noisy: the ratio is what counts).

    cargo build --release
    sparring demo --db /tmp/big.db --reps 50 --deals 10000 --activities 1000000 --today 2026-11-27
    python3 benches/team_report.py [BINARY] [DB] [TODAY] [RUNS]

The rep is the database's first active rep; TODAY (default 2026-11-27) is passed as
`--today` so the periods fall where the demo has its data. Asserts nothing.
"""

import sqlite3
import statistics
import subprocess
import sys
import time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/sparring"
db = sys.argv[2] if len(sys.argv) > 2 else "/tmp/big.db"
today = sys.argv[3] if len(sys.argv) > 3 else "2026-11-27"
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 40

rep = sqlite3.connect(db).execute("SELECT name FROM reps WHERE active = 1 ORDER BY id LIMIT 1").fetchone()[0]
base = [binary, "--db", db, "--today", today, "report", "dashboard", "--period", "12w"]
commands = {"team": base + ["--team"], "one rep": base + ["--rep", rep]}


def once(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


for command in commands.values():
    for _ in range(3):
        once(command)
times = {name: [] for name in commands}
for _ in range(runs):
    for name, command in commands.items():
        times[name].append(once(command))

for name, seen in times.items():
    seen.sort()
    p90 = seen[int(len(seen) * 0.9) - 1]
    print(f"{name:8} median {statistics.median(seen) * 1000:6.1f} ms  p90 {p90 * 1000:6.1f} ms  ({runs} runs)")
ratio = statistics.median(times["team"]) / statistics.median(times["one rep"])
print(f"team / one rep: {ratio:.2f} (must be <= 2.5)")
