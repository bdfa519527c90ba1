#!/usr/bin/env python3
"""Startup to first drawn frame, and peak memory, of the interactive app (issue 4: under
150 ms and 60 MB on the large demo).

Runs the binary in a pseudo-terminal of 100x30, times from just before exec until the
frame's last line (the footer's "q quit") has been written, then reads the app's peak
resident memory (VmHWM of /proc/PID/status: the exec'd binary's own, where the reaped
child's ru_maxrss would count the forked Python before exec, 11 MB even for `true`) and
sends `q`.

    cargo build --release
    sparring demo --db /tmp/big.db --reps 50 --deals 10000 --activities 1000000 --today 2026-11-27
    python3 benches/startup.py [BINARY] [DB] [RUNS]

Defaults: target/release/sparring, /tmp/big.db, 20 runs. Prints the median, min and max.
"""

import fcntl
import os
import pty
import resource
import select
import statistics
import struct
import sys
import termios
import time

# The footer is the last row (30) and ends with "quit"; styles sit between key and word.
LAST_ROW = b"\x1b[30;"
MARKER = b"quit"


def frame_done(seen):
    row = seen.rfind(LAST_ROW)
    return row >= 0 and MARKER in seen[row:]


def once(binary, db):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = dict(os.environ, TERM="xterm-256color")
        env.pop("SPARRING_DB", None)
        os.execve(binary, [binary, "--db", db, "--today", "2026-11-27"], env)
    seen = b""
    first_frame = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if frame_done(seen):
            first_frame = time.perf_counter() - start
            break
    peak_kb = high_water_kb(pid)
    os.write(fd, b"q")
    # Drain until the child exits, so it is never blocked writing to a full pty.
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], 2)
            if not ready or not os.read(fd, 1 << 16):
                break
        except OSError:
            break
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)
    if first_frame is None:
        raise SystemExit("no frame within 10 s; output so far: %r" % seen[-400:])
    return first_frame, peak_kb


def high_water_kb(pid):
    """The process's peak resident memory so far, in kB (0 if the kernel does not say)."""
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/sparring"
    db = sys.argv[2] if len(sys.argv) > 2 else "/tmp/big.db"
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    once(binary, db)  # warm the OS file cache
    frames, peaks = [], []
    for _ in range(runs):
        frame, peak = once(binary, db)
        frames.append(frame * 1000)
        peaks.append(peak / 1024)
    print(
        "first frame: median %.1f ms (min %.1f, max %.1f) over %d runs"
        % (statistics.median(frames), min(frames), max(frames), runs)
    )
    print("peak RSS:    median %.1f MB (max %.1f)" % (statistics.median(peaks), max(peaks)))


if __name__ == "__main__":
    main()
