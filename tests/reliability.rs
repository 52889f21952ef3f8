//! Issue 15: nothing lost (an input is never written over, a killed or failed write leaves no
//! temporary file), nothing injected (control characters never reach a terminal raw), and
//! memory bounded on bad input.

use crate::audit_fixture::mini;
use crate::util::Workdir;

/// The work directory's files with the mini standards copied in, as a folder the run owns.
fn with_standards(w: &Workdir) {
    for f in ["aa.yaml", "bb.yaml", "cluster.yaml", "foundation.yaml"] {
        w.write(&format!("std/{f}"), std::fs::read(format!("{}/{f}", mini())).unwrap());
    }
}

/// Regression (issue 15, item 1): `gaps - -o catalog.csv < catalog.csv` replaced the catalog
/// with the report, as did `--alignments -`, and `-o /dev/stdin` appended the report to it: the
/// refusal compared paths, and `-` has none. Standard input is now compared by what it is.
#[test]
fn output_over_standard_input_is_refused() {
    let w = Workdir::new();
    let catalog = w.fixture("mini/gappy.csv");
    w.write("al.csv", "course_id,standard\nA1,FS-1.1\n");
    let before = std::fs::read(&catalog).unwrap();
    let std = mini();
    for line in [
        format!("\"$BIN\" --standards {std} gaps - -o mini/gappy.csv < mini/gappy.csv"),
        format!("\"$BIN\" --standards {std} gaps - -o ./mini/../mini/gappy.csv < mini/gappy.csv"),
        format!("\"$BIN\" --standards {std} gaps - -o /dev/stdin < mini/gappy.csv"),
        format!("\"$BIN\" --standards {std} coverage mini/gappy.csv --alignments - -o al.csv < al.csv"),
        format!("\"$BIN\" --standards {std} matrix - --pathway AA -o /dev/stdin < mini/gappy.csv"),
    ] {
        w.run_shell(&line)
            .code(2)
            .stderr_has("refusing to write the report over an input file (standard input)");
    }
    assert_eq!(std::fs::read(&catalog).unwrap(), before, "the catalog changed");
    assert_eq!(w.read("al.csv"), "course_id,standard\nA1,FS-1.1\n", "the alignments changed");
    // Standard input from a pipe, or from another file, is no input file to protect.
    w.run_shell(&format!("cat mini/gappy.csv | \"$BIN\" --standards {std} gaps - -o out.txt")).code(1);
    assert!(w.read("out.txt").contains("A3"));
}

/// Regression (issue 15, item 3): `-o` inside the `--standards` folder succeeded, and every
/// later run then failed on the report, read as a standards file.
#[test]
fn output_inside_the_standards_folder_is_refused() {
    let w = Workdir::new();
    with_standards(&w);
    w.fixture("mini/gappy.csv");
    w.write("std/sub/keep", "");
    std::os::unix::fs::symlink(w.join("std"), w.join("link")).unwrap();
    let before = w.files();
    for out in ["std/report.yaml", "./std/../std/r.md", "link/report.json", "std/sub/r.csv"] {
        w.run(&["--standards", "std", "gaps", "mini/gappy.csv", "-o", out])
            .code(2)
            .stderr_has(&format!("cte-align: error: {out}: inside the standards folder"))
            .stderr_has("choose an -o path outside it");
    }
    w.run(&["--standards", "link", "standards", "-o", "std/list.txt"])
        .code(2)
        .stderr_has("inside the standards folder");
    assert_eq!(w.files(), before, "nothing was written");
    // Beside the folder is fine, and the next run still reads the folder.
    w.run(&["--standards", "std", "gaps", "mini/gappy.csv", "-o", "std-report.txt"]).code(1);
    w.run(&["--standards", "std", "gaps", "mini/gappy.csv"]).code(1);
}

/// A catalog of `districts` districts, each with three Therapeutic Services courses that cover
/// one standard: every other standard of the pathway is a finding, so the report is large
/// (about 16 KB of JSON a district).
fn gappy_statewide(w: &Workdir, districts: usize) {
    let mut csv = String::from("District,Course Number,Course Title,Pathway,Standards\n");
    for d in 0..districts {
        for c in 0..3 {
            csv.push_str(&format!("D{d},C{c},Course {c},TS,FS-1.1\n"));
        }
    }
    w.write("cat.csv", csv);
    std::fs::create_dir(w.join("out")).unwrap();
}

fn out_files(w: &Workdir) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(w.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn signal(pid: u32, name: &str) {
    let status = std::process::Command::new("kill").args([name, &pid.to_string()]).status().unwrap();
    assert!(status.success(), "kill {name} {pid}");
}

/// Starts `gaps` writing a large JSON report to `out/report.json`, waits until its temporary
/// file appears, stops the process there (SIGSTOP, so the write cannot end before the signal
/// is sent), sends `sig` and lets it go on. Returns the exit code, or `None` when the run
/// ended before it could be caught writing. No clock: the wait is a bounded number of polls.
fn stop_while_writing(w: &Workdir, sig: &str) -> Option<i32> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_cte-align"))
        .args(["gaps", "cat.csv", "--format", "json", "-o", "out/report.json"])
        .current_dir(w.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let writing = |w: &Workdir| out_files(w).iter().any(|f| f.starts_with(".tmp"));
    for _ in 0..2_000_000 {
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        if writing(w) {
            signal(child.id(), "-STOP");
            if !writing(w) {
                // Renamed into place between the two looks: too late to catch.
                signal(child.id(), "-CONT");
                child.wait().unwrap();
                return None;
            }
            signal(child.id(), sig);
            signal(child.id(), "-CONT");
            return child.wait().unwrap().code();
        }
        std::thread::yield_now();
    }
    let _ = child.kill();
    panic!("no temporary file appeared in out/");
}

/// Regression (issue 15, item 2): SIGTERM or Ctrl-C while `-o` was being written left the
/// temporary file (`out/.tmpXXXXXX`) for good. Now the file is removed and the run exits 128 +
/// the signal: 143 for SIGTERM, 130 for SIGINT.
#[test]
fn a_run_stopped_while_writing_leaves_no_temporary_file() {
    let w = Workdir::new();
    gappy_statewide(&w, 1500);
    for (sig, want) in [("-TERM", 143), ("-INT", 130)] {
        let code = (0..3).find_map(|_| {
            let _ = std::fs::remove_file(w.join("out/report.json"));
            stop_while_writing(&w, sig)
        });
        assert_eq!(code, Some(want), "{sig}: the run was not caught writing in three tries, or exited wrong");
        assert_eq!(out_files(&w), Vec::<String>::new(), "{sig}: something was left in out/");
    }
}

/// Regression (issue 15, item 2): a write past `ulimit -f` killed the run with SIGXFSZ and
/// left its temporary file. The signal is ignored, so the write fails: exit 2, with the error,
/// and nothing left. `gaps` sets its findings aside in temporary files past 1 MB (issue 13),
/// and one of those is the first to run into the limit.
#[test]
fn a_write_past_the_file_size_limit_is_an_error_and_leaves_nothing() {
    let w = Workdir::new();
    gappy_statewide(&w, 100);
    w.run_shell("ulimit -f 64 && exec \"$BIN\" gaps cat.csv --format json -o out/report.json")
        .code(2)
        .stderr_has("cte-align: error: cannot set the findings aside in a temporary file")
        .stderr_has("File too large");
    assert_eq!(out_files(&w), Vec::<String>::new());
    // Few enough findings to keep in memory: the report itself is what runs into the limit.
    w.run_shell("ulimit -f 64 && exec \"$BIN\" coverage cat.csv --detail --format json -o out/report.json")
        .code(2)
        .stderr_has("cte-align: error: out/report.json: cannot write: File too large");
    assert_eq!(out_files(&w), Vec::<String>::new());
}

/// A full device written in place (`-o /dev/full`, ENOSPC) is an error, exit 2.
#[test]
fn a_full_device_is_an_error() {
    let w = Workdir::new();
    gappy_statewide(&w, 10);
    w.run(&["gaps", "cat.csv", "-o", "/dev/full"])
        .code(2)
        .stderr_has("cte-align: error: /dev/full: cannot write the report: No space left on device");
}

/// A full file system (ENOSPC while writing the temporary file): exit 2, nothing left, and the
/// report that was there before is kept. Needs a small tmpfs, so it runs only where the tests
/// may mount one (as root); elsewhere it says so and passes.
#[test]
fn a_full_file_system_is_an_error_and_keeps_the_old_report() {
    let w = Workdir::new();
    gappy_statewide(&w, 100);
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(w.join("out"))
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    }
    std::fs::write(w.join("out/report.json"), "old").unwrap();
    let run = w.run(&["gaps", "cat.csv", "--format", "json", "-o", "out/report.json"]);
    let left = out_files(&w);
    let old = std::fs::read_to_string(w.join("out/report.json")).unwrap();
    std::process::Command::new("umount").arg(w.join("out")).status().unwrap();
    run.code(2).stderr_has("out/report.json: cannot write: No space left on device");
    assert_eq!(left, ["report.json"]);
    assert_eq!(old, "old");
}

/// Regression (issue 15, item 4): every diagnostic was kept, then printed: a 20 MB file of
/// "Q;" rows (two bytes, one error each) took 3.0 GB, and under a 4 GiB limit `validate`
/// aborted without printing one error. Now the first 100 of each kind are shown, then how many
/// more, with exact counts; `--max-errors` shows more.
#[test]
fn a_flood_of_one_kind_of_error_is_capped_with_exact_counts() {
    let w = Workdir::new();
    let mut csv = String::from("course_id,title,pathway,standards\n");
    (0..5_000).for_each(|_| csv.push_str("Q;\n"));
    (0..3).for_each(|i| csv.push_str(&format!("C{i},Course,TS,FS-1.1:Z\n")));
    w.write("bad.csv", &csv);
    let run = w.run(&["validate", "bad.csv"]);
    run.code(2)
        .stderr_has("bad.csv:101:1: error: this row has 1 fields but the header has 4")
        .stderr_lacks("bad.csv:102:1:")
        .stderr_has("bad.csv:101:1: error: this row has 1 fields but the header has 4; check for a stray separator or an unclosed quote\nbad.csv: note: and 4,900 more errors like this; --max-errors to see more\n")
        .stderr_has("bad.csv:5004:21: error: unknown depth \"Z\"")
        .stderr_has("5003 errors, 0 warnings; fix the errors and run again");
    // The column mapping (issue 14: a header line and one line per header) comes first.
    assert_eq!(run.stderr.lines().count(), 5 + 100 + 1 + 3 + 1, "each message printed once");
    let two = w.run(&["gaps", "bad.csv", "--max-errors", "2"]);
    two.code(2)
        .stderr_has("bad.csv: note: and 4,998 more errors like this")
        .stderr_has("5003 errors, 0 warnings");
    assert_eq!(two.stderr.lines().count(), 2 + 1 + 2 + 1 + 1);
}

/// Regression (fuzz target render_github): a control character in a course title reached the
/// GitHub annotations raw, as only `%`, CR and LF were escaped, and a workflow's log shows ESC
/// sequences as colours and cursor moves. It is shown escaped, as in every text format; line
/// breaks keep GitHub's own escapes.
#[test]
fn control_characters_in_free_text_are_escaped_in_github_annotations() {
    let w = Workdir::new();
    let title = "Anatomy\u{1b}[2J\u{15}\u{200B}X";
    w.write("c.csv", format!("course_id,title,pathway,standards\nHS1,\"{title}\",TS,FS-1.1:I\n"));
    let run = w.run(&["gaps", "c.csv", "--format", "github"]);
    run.code(1).stdout_has("only HS1 Anatomy\\u{1B}[2J\\u{15}\\u{200B}X covers it");
    for raw in ['\u{1b}', '\u{15}', '\u{200B}'] {
        assert!(!run.stdout.contains(raw), "raw U+{:04X}:\n{}", raw as u32, run.stdout);
    }
    assert!(run.stdout.lines().all(|l| l.starts_with("::")), "{}", run.stdout);
}

/// Regression (issue 15, item 4, lenient side): `--lenient` with more input errors than
/// `--max-errors` keeps listed only those kept, and said nothing of the rest: `gaps` reported
/// 4 `invalid-input` findings of 5,003 errors, and `matrix` said "left out the 4 input errors
/// above". Both now give the exact count and how to see more, as the strict path does.
#[test]
fn a_lenient_run_says_how_many_input_errors_it_did_not_list() {
    let w = Workdir::new();
    let mut csv = String::from("course_id,title,pathway,standards\n");
    (0..5_000).for_each(|_| csv.push_str("Q;\n"));
    (0..3).for_each(|i| csv.push_str(&format!("C{i},Course,TS,FS-1.1:Z\n")));
    w.write("bad.csv", &csv);
    let gaps = w.run(&["gaps", "bad.csv", "--lenient", "--max-errors", "2", "--format", "csv"]);
    gaps.code(1).stderr_has(
        "cte-align: warning: --lenient left out 5,003 input errors; 4,999 of them, beyond --max-errors (2 of a kind), are not in this report as invalid-input findings; --max-errors to see more\n",
    );
    assert_eq!(gaps.stdout.matches("invalid-input").count(), 4, "{}", gaps.stdout);
    w.run(&["coverage", "bad.csv", "--lenient"]).stderr_has(
        "--lenient left out 5,003 input errors; 4,900 of them, beyond --max-errors (100 of a kind)",
    );
    let matrix = w.run(&["matrix", "bad.csv", "--pathway", "TS", "--lenient", "--max-errors", "2"]);
    matrix
        .code(0)
        .stderr_has("bad.csv:3:1: error: this row has 1 fields but the header has 4; check for a stray separator or an unclosed quote\nbad.csv: note: and 4,998 more errors like this; --max-errors to see more\n")
        .stderr_has("bad.csv:5003:21: error: unknown depth \"Z\" in \"FS-1.1:Z\"; the depth scale is I, R, M\nbad.csv: note: and 1 more error like this; --max-errors to see more\n")
        .stderr_has("cte-align: warning: --lenient left out 5,003 input errors, the 4 above and 4,999 more like them; this report is of the rest\n");
    // Under the limit, nothing changes: every error listed, and no note of more.
    let all = w.run(&["gaps", "bad.csv", "--lenient", "--max-errors", "6000", "--format", "csv"]);
    all.code(1).stderr_lacks("--max-errors");
    assert_eq!(all.stdout.matches("invalid-input").count(), 5_003);
}

/// Issue 15, item 4: memory on bad input stays within a small multiple of the file's size.
/// An 8 MB file of "Q;" rows (2.7 million errors; it took over 1 GB) is read under a 600 MB
/// address-space limit (`ulimit -v`; most of it is the threads' reserved stacks, not memory
/// in use). No clock: only that the run ends with its errors counted.
#[test]
fn memory_on_a_flood_of_errors_stays_bounded() {
    let w = Workdir::new();
    let rows = 8_000_000 / 3;
    let mut csv = String::with_capacity(8_000_100);
    csv.push_str("course_id,title,pathway,standards\n");
    (0..rows).for_each(|_| csv.push_str("Q;\n"));
    w.write("q.csv", &csv);
    drop(csv);
    let run = w.run_limited(&["validate", "q.csv"], crate::util::TIMEOUT, Some(600 * 1024));
    run.code(2).stderr_has(&format!("{rows} errors, 0 warnings"));
}

/// Regression (issue 15, items 6 and 7, output side): a title holding ESC sequences (clear
/// screen, colour) or invisible characters reached the terminal raw in the table and the
/// Markdown report, so a crafted catalog could rewrite what a director sees. They are shown
/// escaped in every text format; CSV and JSON carry the data as it is (valid, quoted).
#[test]
fn control_characters_in_free_text_never_reach_the_terminal_raw() {
    let w = Workdir::new();
    let title = "Anatomy\u{1b}[2J\u{1b}]0;owned\u{7}\u{200B} \u{8}\u{8}X";
    w.write("c.csv", format!("course_id,title,pathway,standards\nHS1,\"{title}\",TS,FS-1.1:I\n"));
    for format in ["table", "markdown"] {
        let run = w.run(&["course", "c.csv", "HS1", "--format", format]);
        run.code(0).stdout_has("Anatomy\\u{1B}[2J\\u{1B}]0;owned\\u{7}\\u{200B} \\u{8}\\u{8}X");
        for raw in ['\u{1b}', '\u{7}', '\u{8}', '\u{200B}'] {
            assert!(
                !run.stdout.contains(raw) && !run.stderr.contains(raw),
                "{format}: raw U+{:04X}",
                raw as u32
            );
        }
    }
    let json = w.run(&["course", "c.csv", "HS1", "--format", "json"]);
    json.code(0).stdout_has("Anatomy\\u001b[2J\\u001b]0;owned\\u0007\u{200B} \\b\\bX");
    // In a message quoting user text (an unknown course) too.
    let run = w.run(&["course", "c.csv", "HS\u{1b}[2J1"]);
    run.code(2).stderr_has("HS\\u{1B}[2J1");
    assert!(!run.stderr.contains('\u{1b}'));
}

/// Regression (found by the render_html fuzz target): the HTML format, added after items 6 and
/// 7, wrote a title's control characters raw (U+0017 in the finding's message of `gaps`).
/// Every HTML page shows them escaped, as the table and Markdown do.
#[test]
fn control_characters_in_free_text_are_escaped_in_html() {
    let w = Workdir::new();
    let title = "Anatomy\u{1b}[2J\u{17}\u{200B}\tX";
    w.write("c.csv", format!("course_id,title,pathway,standards\nHS1,\"{title}\",TS,FS-1.1:I\n"));
    for args in
        [&["course", "c.csv", "HS1"][..], &["gaps", "c.csv"], &["report", "c.csv"], &["coverage", "c.csv"]]
    {
        let mut args = args.to_vec();
        args.extend(["--format", "html"]);
        let run = w.run(&args);
        run.no_panic();
        for raw in ['\u{1b}', '\u{17}', '\u{200B}', '\t'] {
            assert!(!run.stdout.contains(raw), "{args:?}: raw U+{:04X}", raw as u32);
        }
        if args[0] != "coverage" {
            run.stdout_has("Anatomy\\u{1B}[2J\\u{17}\\u{200B}\\u{9}X");
        }
    }
}

/// Regression: a file whose first line is one enormous cell (1.2 MB, no separator) quoted the
/// whole of it in each "missing required column" error: megabytes of standard error, and
/// (before the header match was bounded by length) over a minute to find the closest header.
/// A header in a message is cut to its first 60 characters.
#[test]
fn an_enormous_header_is_quoted_cut() {
    let w = Workdir::new();
    w.write("wide.csv", format!("{}\nA,C1,T,TS,FS-1.1\n", "x".repeat(1_200_000)));
    let run = w.run(&["validate", "wide.csv"]);
    run.code(2).stderr_has(&format!(
        "wide.csv:1:1: error: missing required column course_id (found headers: \"{}…\")",
        "x".repeat(60)
    ));
    assert!(run.stderr.len() < 2_000, "{} bytes of stderr", run.stderr.len());
    // After the real columns, ignored: the column mapping (validate, --verbose) quoted it whole
    // too, padded to its width, and panicked past 65,533 characters.
    let header = format!("District,Course Number,Course Title,Pathway,Standards,{}", "y".repeat(70_000));
    w.write("wide.csv", format!("{header}\nNorth,C1,T,TS,FS-1.1,\n"));
    for args in [&["validate", "wide.csv"][..], &["gaps", "wide.csv", "--verbose"][..]] {
        let run = w.run(args);
        assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
        let shown = format!("\"{}…\" -> ignored", "y".repeat(60));
        assert!(run.stdout.contains(&shown) || run.stderr.contains(&shown), "{args:?}: {}", run.stderr);
        assert!(run.stdout.len() + run.stderr.len() < 20_000, "{args:?}");
    }
}

/// Regression (fuzz target catalog_reader, 3 December): a quote inside an unquoted field
/// (`;"`) was taken, when finding where a later field starts, for one that opens a quoted
/// field, so a problem in a field after a quoted line end was put on a line past the file's
/// end. Found on the file's last line, as the csv reader reads it.
#[test]
fn a_quote_inside_a_field_does_not_move_later_fields() {
    let w = Workdir::new();
    w.write("q.csv", "CourseNumber,CourseTitle,,,,,,,Credential,\n;\",,s\",,,,,,\"\n\"I,");
    let run = w.run(&["validate", "q.csv"]);
    run.code(2).stderr_has("q.csv:3:1: error: unknown credential \"I\"");
}
