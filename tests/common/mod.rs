//! Shared helpers for the integration tests: an isolated environment and a pseudo-terminal
//! session that runs the real binary and reads its screen.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// The day every test pretends it is.
pub const TODAY: &str = "2026-11-27";

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_sparring")
}

/// How long a command run to completion may take: one that wrongly opened the app (a broken
/// script that slipped through) would otherwise wait for keys and hang the suite.
pub const RUN_LIMIT: Duration = Duration::from_secs(20);

/// Runs `cmd` to completion with no input and returns its output; kills it and panics if it
/// has not finished within `limit`.
pub fn run_bounded(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", cmd.get_program().to_string_lossy()));
    // Read both pipes while waiting, so a long output cannot fill a pipe and stall the child.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                pipe.read_to_end(&mut bytes).expect("read the output");
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the command") {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            let args: Vec<_> = cmd.get_args().map(|a| a.to_string_lossy()).collect();
            panic!("`{} {}` did not finish in {limit:?}", cmd.get_program().to_string_lossy(), args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: stdout.join().expect("stdout reader"), stderr: stderr.join().expect("stderr reader") }
}

/// A temporary home, so no test reads or writes the user's real files.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `contents` to `name` in the sandbox, its folders too, and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// A `sparring` command with the sandbox as home and working directory, and the test's
    /// day as today.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(binary());
        self.isolate(&mut |k, v| {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        });
        cmd.current_dir(self.dir.path()).arg("--today").arg(TODAY);
        cmd
    }

    /// Runs `sparring ARGS` in the sandbox to completion (see `run_bounded`).
    pub fn run(&self, args: &[&str]) -> Output {
        run_bounded(self.command().args(args), RUN_LIMIT)
    }

    /// The environment of every run: the sandbox as home, config and data directories (state
    /// and cache unset, so they fall under home too); no database, no NO_COLOR from the user.
    fn isolate(&self, set: &mut dyn FnMut(&str, Option<&Path>)) {
        set("HOME", Some(self.dir.path()));
        set("XDG_DATA_HOME", Some(&self.dir.path().join("data")));
        set("XDG_CONFIG_HOME", Some(&self.dir.path().join("config")));
        for unset in ["XDG_STATE_HOME", "XDG_CACHE_HOME", "SPARRING_DB", "NO_COLOR"] {
            set(unset, None);
        }
    }

    /// Writes the default demo team into `name` and returns its path.
    pub fn demo(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        let out = run_bounded(self.command().arg("demo").arg("--db").arg(&path), RUN_LIMIT);
        assert!(out.status.success(), "sparring demo failed: {}", String::from_utf8_lossy(&out.stderr));
        path
    }

    /// The app on a fresh demo team (`demo.db`) in a `cols` × `rows` terminal, once its
    /// first pane has drawn; and the database's path.
    pub fn app_on_demo(&self, cols: u16, rows: u16) -> (Session, PathBuf) {
        let db = self.demo("demo.db");
        let app = self.spawn(&["--db", db.to_str().expect("a UTF-8 path")], cols, rows);
        app.wait_for("Volume against target");
        (app, db)
    }

    /// Starts `sparring ARGS` in a pseudo-terminal of `cols` × `rows`.
    pub fn spawn(&self, args: &[&str], cols: u16, rows: u16) -> Session {
        self.spawn_with_env(args, cols, rows, &[])
    }

    /// Same, with extra environment variables.
    pub fn spawn_with_env(&self, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(binary());
        cmd.args(["--today", TODAY]);
        cmd.args(args);
        self.isolate(&mut |k, v| match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        });
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(self.dir.path());
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn sparring");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().expect("rows > 0"),
            cols.try_into().expect("cols > 0"),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&parser);
        let received = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&received);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("parser lock").process(&buf[..n]);
                counter.fetch_add(n, Ordering::SeqCst);
            }
        });
        let writer = pty.master.take_writer().expect("pty writer");
        Session { child, writer, parser, received, reader, master: pty.master }
    }
}

/// The real binary running in a pseudo-terminal.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// How many bytes of output `parser` has taken so far.
    received: Arc<AtomicUsize>,
    /// The thread feeding the pty's output to `parser`; it ends when the output does.
    reader: std::thread::JoinHandle<()>,
    master: Box<dyn portable_pty::MasterPty + Send>,
}

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const ALT_ENTER: &str = "\x1b\r";
pub const PAGE_DOWN: &str = "\x1b[6~";
pub const PAGE_UP: &str = "\x1b[5~";
pub const DOWN: &str = "\x1b[B";
pub const RIGHT: &str = "\x1b[C";
pub const LEFT: &str = "\x1b[D";
pub const TAB: &str = "\t";

impl Session {
    /// Types keys, then waits for the app to draw what they did. Escape sequences are sent
    /// as one write so they parse as one key; waiting for the frame before the next write
    /// lets a lone Esc be read as Esc, not as Alt+next key. No fixed sleep per key.
    pub fn send(&mut self, keys: &str) {
        let before = self.received.load(Ordering::SeqCst);
        self.writer.write_all(keys.as_bytes()).expect("write to pty");
        self.writer.flush().expect("flush pty");
        self.settle(before);
    }

    /// Types text one character at a time, `every` apart, as a person typing steadily does
    /// (no waiting for frames: the person does not either).
    pub fn type_steadily(&mut self, text: &str, every: Duration) {
        let mut buf = [0u8; 4];
        for c in text.chars() {
            self.writer.write_all(c.encode_utf8(&mut buf).as_bytes()).expect("write to pty");
            self.writer.flush().expect("flush pty");
            std::thread::sleep(every);
        }
    }

    /// Resizes the terminal, as dragging the window's corner does, and waits for the redraw.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let before = self.received.load(Ordering::SeqCst);
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize the pty");
        let (r, c) = (rows.try_into().expect("rows > 0"), cols.try_into().expect("cols > 0"));
        self.parser.lock().expect("parser lock").set_size(r, c);
        self.settle(before);
    }

    /// Waits until output has come since `before` and the app has gone quiet (at most 2 s:
    /// a key that changes nothing on screen still ends its frame with a cursor command).
    fn settle(&self, before: usize) {
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut last = before;
        let mut quiet_since = Instant::now();
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
            let now = self.received.load(Ordering::SeqCst);
            if now != last {
                last = now;
                quiet_since = Instant::now();
            } else if now != before && quiet_since.elapsed() >= Duration::from_millis(25) {
                return;
            }
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser lock").screen().contents()
    }

    /// Whether any cell on screen has a colour (foreground or background).
    pub fn has_colour(&self) -> bool {
        let parser = self.parser.lock().expect("parser lock");
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get()).any(|r| {
            (0..cols.get()).any(|c| {
                screen.cell(r, c).is_some_and(|cell| {
                    cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
                })
            })
        })
    }

    /// Sends a signal to the process (`TERM`, `HUP`, `KILL`…) with the `kill` command.
    pub fn signal(&mut self, name: &str) {
        let pid = self.child.process_id().expect("a running child has a pid");
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} {pid} failed");
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().expect("parser lock").screen().alternate_screen()
    }

    /// Waits until the screen shows `needle`; panics with the screen after 10 s.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_within(needle, Duration::from_secs(10))
    }

    /// Waits until the screen shows `needle`; panics with the screen after `limit`.
    pub fn wait_for_within(&self, needle: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {needle:?}; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// From any pane, the deal challenge's first deal at its first question; returns the screen.
    pub fn open_first_deal(&mut self) -> String {
        self.send("2");
        self.wait_for("Open deals");
        self.send(ENTER);
        self.wait_for("Question 1/")
    }

    /// Presses Page Down until the screen shows `needle`, at most `max` times, and returns
    /// the screen; panics as `wait_for` does. After each press it waits up to 2 s for the
    /// app to redraw and go quiet, so a slow frame cannot let an extra press through. (The
    /// app draws a frame after every key, even one that changes no cell: a second warning
    /// with the same words.)
    pub fn page_down_until(&mut self, needle: &str, max: usize) -> String {
        for _ in 0..max {
            if self.screen().contains(needle) {
                break;
            }
            let before = self.received.load(Ordering::SeqCst);
            self.send(PAGE_DOWN);
            let deadline = Instant::now() + Duration::from_secs(2);
            let mut last = before;
            loop {
                std::thread::sleep(Duration::from_millis(40));
                let now = self.received.load(Ordering::SeqCst);
                if (now != before && now == last) || Instant::now() >= deadline {
                    break;
                }
                last = now;
            }
        }
        self.wait_for(needle)
    }

    /// Waits for the process to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // The reader thread must take the last bytes (the terminal restore) first.
                while !self.reader.is_finished() {
                    assert!(
                        Instant::now() < deadline,
                        "sparring exited but its output did not end; the screen shows:\n{}",
                        self.screen()
                    );
                    std::thread::sleep(Duration::from_millis(10));
                }
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "sparring did not exit; the screen shows:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Kills the process at once with SIGKILL: no signal handler, no cleanup, like a
    /// laptop losing power.
    pub fn kill_hard(&mut self) {
        self.signal("KILL");
        let _ = self.child.wait();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
