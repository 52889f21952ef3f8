//! A work directory with files in it, and a way to run the real binary there that shows the
//! command, stdout and stderr when an assertion fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// How long one run of the binary may take before it is killed and its test fails. The
/// slowest runs here take a few seconds on a loaded two-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(120);

pub struct Workdir {
    dir: tempfile::TempDir,
}

/// The result of one run.
pub struct Run {
    pub cmd: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn context(&self) -> String {
        format!(
            "\n$ {}\n--- exit {} ---\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.cmd, self.code, self.stdout, self.stderr
        )
    }

    /// Asserts the exit code, showing everything on failure.
    #[track_caller]
    pub fn code(&self, want: i32) -> &Self {
        assert_eq!(self.code, want, "unexpected exit code{}", self.context());
        self.no_panic()
    }

    #[track_caller]
    pub fn no_panic(&self) -> &Self {
        for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
            assert!(!self.stderr.contains(bad), "panic text in stderr{}", self.context());
        }
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}{}", self.context());
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}{}", self.context());
        self
    }

    #[track_caller]
    pub fn stdout_lacks(&self, needle: &str) -> &Self {
        assert!(!self.stdout.contains(needle), "stdout has {needle:?}{}", self.context());
        self
    }

    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(!self.stderr.contains(needle), "stderr has {needle:?}{}", self.context());
        self
    }
}

/// Which of a run's output streams.
pub enum Stream {
    Stdout,
    Stderr,
}

impl Workdir {
    pub fn new() -> Self {
        Workdir { dir: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file (creating directories), returning its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Copies a fixture from tests/fixtures into the work directory under the same name.
    pub fn fixture(&self, name: &str) -> PathBuf {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        self.write(name, std::fs::read(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display())))
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.join(name)).unwrap()
    }

    /// Runs `cte-align ARGS` in the work directory with colour off and no terminal.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_stdin(args, None)
    }

    /// Runs `cte-align ARGS`, reads the first line of its standard output (`Stream::Stdout`)
    /// or error, then closes that pipe while the binary may still be writing, as `| head -1`
    /// does. Returns the line read, and the run with what it wrote to the other stream.
    pub fn run_closing_after_first_line(&self, args: &[&str], closed: Stream) -> (String, Run) {
        use std::io::{BufRead, BufReader, Read};
        use std::process::Stdio;
        let mut child = Command::new(env!("CARGO_BIN_EXE_cte-align"))
            .args(args)
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (out, err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
        let (read_first, mut other): (Box<dyn Read + Send>, Box<dyn Read + Send>) = match closed {
            Stream::Stdout => (Box::new(out), Box::new(err)),
            Stream::Stderr => (Box::new(err), Box::new(out)),
        };
        // The other stream is drained on a thread, so a full pipe there cannot stall the run.
        let drain = std::thread::spawn(move || {
            let mut text = String::new();
            other.read_to_string(&mut text).map(|_| text).unwrap_or_default()
        });
        let mut first = String::new();
        BufReader::new(read_first).read_line(&mut first).unwrap();
        // The reader, and the pipe with it, is dropped here.
        let code = child.wait().unwrap().code().unwrap_or(-1);
        let other = drain.join().unwrap();
        let (stdout, stderr) = match closed {
            Stream::Stdout => (first.clone(), other),
            Stream::Stderr => (other, first.clone()),
        };
        (
            first,
            Run {
                cmd: format!("cte-align {} (pipe closed after one line)", args.join(" ")),
                code,
                stdout,
                stderr,
            },
        )
    }

    /// Runs `cte-align ARGS` with `stdin` as its standard input (none: an empty one).
    pub fn run_stdin(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_cte-align"));
        cmd.args(args).write_stdin(stdin.unwrap_or_default());
        self.finish(cmd, format!("cte-align {}", args.join(" ")), TIMEOUT)
    }

    /// Runs `cte-align ARGS` with environment variables set (`(name, value)`).
    pub fn run_env(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_cte-align"));
        cmd.args(args).write_stdin("").envs(vars.iter().copied());
        let shown = vars.iter().map(|(k, v)| format!("{k}={v} ")).collect::<String>();
        self.finish(cmd, format!("{shown}cte-align {}", args.join(" ")), TIMEOUT)
    }

    /// Runs `cte-align ARGS`, killed after `timeout`, and with `memory_kb` under a
    /// virtual-memory limit (`ulimit -v`), so a tool that reads a huge file into memory fails
    /// visibly instead of passing slowly. Where `ulimit -v` is not supported the run goes on
    /// without the limit.
    pub fn run_limited(&self, args: &[&str], timeout: Duration, memory_kb: Option<u64>) -> Run {
        let bin = env!("CARGO_BIN_EXE_cte-align");
        let mut cmd = match memory_kb {
            None => assert_cmd::Command::new(bin),
            Some(kb) => {
                let mut sh = assert_cmd::Command::new("sh");
                sh.arg("-c").arg(format!("ulimit -v {kb} 2>/dev/null; exec \"$0\" \"$@\"")).arg(bin);
                sh
            }
        };
        cmd.args(args).write_stdin("");
        self.finish(cmd, format!("cte-align {}", args.join(" ")), timeout)
    }

    /// Runs a shell command line in the work directory, with `$BIN` naming the binary: for
    /// what only a shell sets up, such as standard input redirected from a device
    /// (`"$BIN" gaps - < /dev/zero`), which the test must not read into memory itself.
    pub fn run_shell(&self, line: &str) -> Run {
        let mut cmd = assert_cmd::Command::new("sh");
        cmd.args(["-c", line]).env("BIN", env!("CARGO_BIN_EXE_cte-align"));
        self.finish(cmd, line.to_string(), TIMEOUT)
    }

    /// Runs `cmd` in the work directory with colour off, killing it if it has not ended
    /// within `timeout` (assert_cmd's own time-out): a run that hangs (on a FIFO, an endless
    /// device) fails its test instead of stalling the suite.
    fn finish(&self, mut cmd: assert_cmd::Command, shown: String, timeout: Duration) -> Run {
        cmd.current_dir(self.path()).env("NO_COLOR", "1").env_remove("RUST_BACKTRACE").timeout(timeout);
        let output = cmd.output().unwrap();
        // assert_cmd kills a run that is over time with SIGKILL; nothing else here sends it.
        #[cfg(unix)]
        let timed_out = std::os::unix::process::ExitStatusExt::signal(&output.status) == Some(9);
        #[cfg(not(unix))]
        let timed_out = output.status.code().is_none();
        let run = Run {
            cmd: shown,
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert!(!timed_out, "still running after {timeout:?} (killed): a hang{}", run.context());
        run
    }

    /// The files in the work directory, for "nothing else was written" checks.
    pub fn files(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![self.path().to_path_buf()];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p.strip_prefix(self.path()).unwrap().display().to_string());
                }
            }
        }
        out.sort();
        out
    }
}

/// The repository's root, for the built-in standards and examples.
pub fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel).display().to_string()
}
