#!/usr/bin/env python3
"""Key to frame through a real pseudo-terminal: the release binary, its event loop, its
store worker and its terminal writes, as a manager's keyboard sees them (the in-memory
`cargo bench --bench keystrokes` times the same path without the terminal).

For each key the script writes it to the pty and times the app's answer: the first byte
of the redraw, and the last byte before the screen goes quiet (20 ms without output, or
300 ms for keys that load data, such as `t` into the team view and `[` inside it; the
quiet time itself is not counted). Keys are pressed at a person's pace, so the app has had
its quiet moment to prepare the team views `t`, `[` and `]` lead to; the last line presses
`t` as soon as the first frame is drawn, before anything is prepared.

    cargo build --release
    sparring demo --db /tmp/big.db --reps 50 --deals 10000 --activities 1000000 --today 2026-11-27
    python3 benches/keys_pty.py [BINARY] [DB]

Prints p50, p99 and max per kind of key; asserts nothing.
"""

import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time

COLS, ROWS = 100, 30


def start(binary, db):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color")
        env.pop("SPARRING_DB", None)
        os.execve(binary, [binary, "--db", db, "--today", "2026-11-27"], env)
    return pid, fd


def stop(pid, fd):
    """Quits the app and waits for it to exit."""
    os.write(fd, b"q")
    read_until_quiet(fd, 1.0)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def read_until_quiet(fd, quiet, limit=10.0):
    """Reads until `quiet` seconds pass without output; returns (first byte, last byte)
    times, or (None, None) when nothing came."""
    first = last = None
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            break
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        now = time.perf_counter()
        first = first or now
        last = now
    return first, last


def press(fd, key, quiet):
    sent = time.perf_counter()
    os.write(fd, key)
    first, last = read_until_quiet(fd, quiet)
    if first is None:
        return None
    return (first - sent) * 1000, (last - sent) * 1000


def report(label, samples):
    samples = [s for s in samples if s is not None]
    if not samples:
        print("%-34s no answer" % label)
        return
    firsts = sorted(s[0] for s in samples)
    lasts = sorted(s[1] for s in samples)

    def p(xs, q):
        return xs[min(len(xs) - 1, round((len(xs) - 1) * q))]

    print(
        "%-34s n=%4d  first byte p50 %6.2f ms  p99 %6.2f  |  frame done p50 %6.2f ms  p99 %6.2f  max %6.2f"
        % (label, len(samples), p(firsts, 0.5), p(firsts, 0.99), p(lasts, 0.5), p(lasts, 0.99), lasts[-1])
    )


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/sparring"
    db = sys.argv[2] if len(sys.argv) > 2 else "/tmp/big.db"
    pid, fd = start(binary, db)
    read_until_quiet(fd, 0.5)
    moves, team, periods = [], [], []
    press(fd, b"2", 0.3)
    for _ in range(3):
        for key in [b"j"] * 20 + [b"k"] * 20:
            moves.append(press(fd, key, 0.02))
    press(fd, b"1", 0.3)
    for _ in range(5):
        team.append(press(fd, b"t", 0.3))
        for _ in range(3):
            periods.append(press(fd, b"[", 0.3))
        for _ in range(3):
            press(fd, b"]", 0.3)
        press(fd, b"t", 0.3)
    stop(pid, fd)
    cold = [cold_team(binary, db) for _ in range(5)]
    print("key → frame through a %dx%d pty, %s" % (COLS, ROWS, os.path.basename(db)))
    report("j / k on the deal list", moves)
    report("t → team view", team)
    report("[ in the team view", periods)
    report("t at once, nothing prepared yet", cold)


def cold_team(binary, db):
    """`t` pressed as soon as the first frame is drawn, before the app has had a quiet
    moment to prepare the team view: the time to compute it from the rows."""
    pid, fd = start(binary, db)
    read_until_quiet(fd, 0.03)
    sample = press(fd, b"t", 0.3)
    stop(pid, fd)
    return sample


if __name__ == "__main__":
    main()
