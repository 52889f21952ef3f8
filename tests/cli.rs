//! The command-line contract: exit codes, the policy flags, `--explain`, and writing output
//! files whole, never over an input.

use crate::audit_fixture::{mini, mini_catalog};
use crate::util::{Stream, Workdir, repo};

#[test]
fn exit_codes_follow_the_policy() {
    let w = Workdir::new();
    let (m, gappy) = (mini(), mini_catalog("gappy.csv"));
    let gaps = |extra: &[&str]| {
        let mut args = vec!["--standards", m.as_str(), "gaps", gappy.as_str()];
        args.extend(extra);
        w.run(&args)
    };
    gaps(&[]).code(1).stdout_has("the policy fails");
    gaps(&["--fail-on", "never"]).code(0);
    gaps(&["--allow", "uncovered-standard", "--allow", "short-sequence"]).code(0);
    gaps(&["--allow", "uncovered-standard", "--warn", "short-sequence", "--fail-on", "warning"]).code(1);
    gaps(&["--allow", "uncovered-standard", "--allow", "short-sequence", "--deny", "single-course"]).code(1);
    gaps(&["--fail-on", "never", "--min-coverage", "50"]).code(0);
    gaps(&["--fail-on", "never", "--min-coverage", "55"]).code(1);
    gaps(&["--allow", "no-such-code"]).code(2).stderr_has("unknown finding code \"no-such-code\"");
    gaps(&["--min-coverage", "150"]).code(2);
}

#[test]
fn allow_removes_findings_and_deny_raises_them() {
    let w = Workdir::new();
    let run = w.run(&[
        "--standards",
        &mini(),
        "gaps",
        &mini_catalog("gappy.csv"),
        "--format",
        "csv",
        "--allow",
        "uncovered-standard",
        "--deny",
        "no-credential",
    ]);
    run.stdout_lacks("uncovered-standard").stdout_has("error,no-credential,BB");
}

#[test]
fn explain_describes_a_code() {
    let w = Workdir::new();
    w.run(&["gaps", "--explain", "short-sequence"]).code(0).stdout_has("Perkins V").stdout_has("error");
    let all = w.run(&["gaps", "--explain", "all", "--format", "csv"]);
    all.code(0);
    assert_eq!(all.stdout.lines().count(), 13, "a header and one row per code:\n{}", all.stdout);
    w.run(&["gaps", "--explain", "shallow-coverag"]).code(2).stderr_has("did you mean shallow-coverage?");
    w.run(&["gaps"]).code(2).stderr_has("<CATALOG>");
}

/// Regression: `gaps --explain CODE cat.csv -o cat.csv` replaced the catalog with the
/// explanation, since the explain job, which does not read the catalog, listed no inputs.
#[test]
fn explain_never_writes_over_the_catalog_beside_it() {
    let w = Workdir::new();
    let catalog = w.fixture("mini/gappy.csv");
    let before = std::fs::read(&catalog).unwrap();
    let cat = "mini/gappy.csv";
    w.run(&["gaps", "--explain", "all", cat, "-o", cat])
        .code(2)
        .stderr_has("refusing to write the report over an input file");
    assert_eq!(std::fs::read(&catalog).unwrap(), before, "the catalog was modified");
    w.write("alignments.csv", "course_id,standard\n");
    w.run(&["gaps", "--explain", "all", cat, "--alignments", "alignments.csv", "-o", "alignments.csv"])
        .code(2)
        .stderr_has("refusing to write the report over an input file");
    assert_eq!(w.read("alignments.csv"), "course_id,standard\n");
    // Elsewhere, it is written as before.
    w.run(&["gaps", "--explain", "all", cat, "-o", "explain.csv"]).code(0);
    assert!(w.read("explain.csv").contains("short-sequence"));
}

#[test]
fn output_file_is_written_whole_and_input_is_untouched() {
    let w = Workdir::new();
    let catalog = w.fixture("mini/gappy.csv");
    let before = std::fs::read(&catalog).unwrap();
    w.run(&["--standards", &mini(), "gaps", "mini/gappy.csv", "-o", "report.md", "--format", "markdown"])
        .code(1);
    assert!(w.read("report.md").starts_with("# Alignment gaps: gappy.csv\n"));
    assert_eq!(std::fs::read(&catalog).unwrap(), before);
    assert_eq!(w.files(), ["mini/gappy.csv", "report.md"], "no temporary files left behind");
}

#[test]
fn refuses_to_write_over_an_input_file() {
    let w = Workdir::new();
    let catalog = w.fixture("mini/gappy.csv");
    let before = std::fs::read(&catalog).unwrap();
    w.run(&["--standards", &mini(), "gaps", "mini/gappy.csv", "-o", "mini/gappy.csv"])
        .code(2)
        .stderr_has("refusing to write the report over an input file");
    assert_eq!(std::fs::read(&catalog).unwrap(), before);
}

#[test]
fn output_into_a_missing_directory_is_an_error_and_leaves_nothing() {
    let w = Workdir::new();
    w.fixture("mini/gappy.csv");
    w.run(&["--standards", &mini(), "gaps", "mini/gappy.csv", "-o", "nowhere/report.csv"])
        .code(2)
        .stderr_has("the directory nowhere does not exist");
    assert_eq!(w.files(), ["mini/gappy.csv"]);
}

/// Regression: `-o cat.csv/out.csv`, with cat.csv a file, said "the directory cat.csv does
/// not exist", and `-o newdir/` said "Not a directory (os error 20)" twice. Each says what is
/// wrong with the path, once; exit 2 and nothing written.
#[test]
fn an_output_path_that_cannot_be_a_file_says_why() {
    let w = Workdir::new();
    w.fixture("mini/gappy.csv");
    std::fs::create_dir(w.join("existing")).unwrap();
    for (out, message) in [
        ("mini/gappy.csv/out.csv", "mini/gappy.csv/out.csv: mini/gappy.csv is not a directory"),
        ("mini/gappy.csv/sub/out.csv", "mini/gappy.csv/sub/out.csv: mini/gappy.csv is not a directory"),
        ("newdir/", "newdir/: ends with /, so it names a directory"),
        ("existing/", "existing/: ends with /, so it names a directory"),
        ("existing", "existing: Is a directory; give a file name, like existing/report.txt"),
        (".", ".: Is a directory"),
    ] {
        let run = w.run(&["--standards", &mini(), "gaps", "mini/gappy.csv", "-o", out]);
        run.code(2).stderr_has(&format!("cte-align: error: {message}"));
        assert_eq!(run.stderr.matches("os error").count(), 0, "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    assert_eq!(w.files(), ["mini/gappy.csv"]);
}

#[test]
fn input_errors_stop_the_audit_with_exit_2_and_no_output_file() {
    let w = Workdir::new();
    w.write("c.csv", "Course Number,Course Title,Pathway,Standards\nA1,One,TS,FS-77.1\n");
    w.run(&["gaps", "c.csv", "-o", "out.csv"])
        .code(2)
        .stderr_has("c.csv:2:11: error: unknown standard \"FS-77.1\"");
    assert_eq!(w.files(), ["c.csv"]);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `cte-align standards FS | head -1`: the reader goes away after the first line.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' standards FS --format csv | head -1", env!("CARGO_BIN_EXE_cte-align")))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "id,depth,title,statement\r\n");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

/// Regression: a closed pipe hid a failing run. `gaps ... | head -1` exited 0 although the
/// policy failed, because `main` mapped the broken pipe to success; the exit code must be the
/// audit's outcome whoever reads the output.
#[test]
fn a_closed_pipe_keeps_the_exit_code_of_the_audit() {
    let w = Workdir::new();
    // Over a megabyte of findings, far more than a pipe holds, so the binary is still writing
    // when the reader goes away.
    let mut catalog = String::from("Course Number,Course Title,Pathway,Standards\n");
    (0..10_000).for_each(|i| catalog.push_str(&format!("C{i},Course {i},TS,\n")));
    w.write("many.csv", catalog);
    for (extra, want) in [(&[][..], 1), (&["--fail-on", "never"][..], 0)] {
        let args = [&["gaps", "many.csv", "--format", "csv"][..], extra].concat();
        let (first, run) = w.run_closing_after_first_line(&args, Stream::Stdout);
        assert_eq!(
            first,
            "severity,code,pathway,standard,course,message,second_course,credential,missing_standards,depth,file,line,column\r\n"
        );
        run.code(want);
        for bad in ["Broken pipe", "error"] {
            assert!(!run.stderr.contains(bad), "stderr has {bad:?}:\n{}", run.stderr);
        }
    }
}

/// Regression: diagnostics were printed one `eprintln!` per line to unbuffered standard
/// error (200,000 bad rows took 1.4 million write calls), and a reader of standard error that
/// went away (`2>&1 | head -1`) made `eprintln!` panic with exit 101. Now the whole list is one
/// write: complete when read, and exit 2 without a panic when not.
#[test]
fn a_flood_of_diagnostics_is_written_whole_and_a_closed_stderr_is_not_a_panic() {
    let w = Workdir::new();
    let mut catalog = String::from("Course Number,Course Title,Pathway,Standards\n");
    (0..20_000).for_each(|i| catalog.push_str(&format!("C{i},Course {i},TS,FS-1.1:Z\n")));
    w.write("bad.csv", catalog);
    let all = w.run(&["gaps", "bad.csv", "--max-errors", "20000"]);
    all.code(2).stderr_has("20000 errors, 0 warnings; fix the errors and run again");
    assert_eq!(all.stderr.lines().count(), 20_001);
    let (first, run) = w.run_closing_after_first_line(&["gaps", "bad.csv"], Stream::Stderr);
    assert!(first.starts_with("bad.csv:2:23: error: unknown depth \"Z\""), "{first}");
    run.code(2);
}

#[test]
fn usage_errors_exit_2() {
    let w = Workdir::new();
    w.run(&["frobnicate"]).code(2);
    w.run(&["gaps", "x.csv", "--format", "pdf"]).code(2);
    w.run(&["matrix", "x.csv"]).code(2).stderr_has("--pathway");
    w.run(&["--help"]).code(0).stdout_has("Exit codes:");
}

#[test]
fn matrix_needs_one_district_and_an_offered_pathway() {
    let w = Workdir::new();
    let state = repo("examples/state/statewide.csv");
    w.run(&["matrix", &state, "--pathway", "TS"]).code(2).stderr_has("choose one with --district");
    w.run(&["matrix", &mini_catalog("gappy.csv"), "--standards", &mini(), "--pathway", "Gamma"])
        .code(2)
        .stderr_has("unknown pathway \"Gamma\"");
}

#[test]
fn where_and_course_find_what_they_are_asked_for() {
    let w = Workdir::new();
    let (m, gappy) = (mini(), mini_catalog("gappy.csv"));
    let run = w.run(&["--standards", &m, "where", &gappy, "fs 1", "--format", "csv"]);
    run.code(0);
    assert_eq!(
        run.stdout,
        "course,title,pathways,level,standard,depth,evidence\r\n\
         A1,Alpha Two,AA,2,FS-1.1,M,\r\nA1,Alpha Two,AA,2,FS-1.2,I,\r\nA2,Alpha Three,AA,3,FS-1.1,I,\r\nB1,Beta Only,BB,1,FS-1.1,I,\r\n"
    );
    w.run(&["--standards", &m, "where", &gappy, "FS-3"]).code(2).stderr_has("unknown standard \"FS-3\"");
    w.run(&["--standards", &m, "course", &gappy, "a2"]).code(0).stdout_has("out-of-sequence");
    w.run(&["--standards", &m, "course", &gappy, "A9"]).code(2).stderr_has("no course \"A9\"");
}

/// Regression: reports written with -o used to be private (0600), the temporary file's mode.
#[cfg(unix)]
#[test]
fn output_files_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    w.fixture("mini/gappy.csv");
    w.run(&["--standards", &mini(), "gaps", "mini/gappy.csv", "-o", "report.csv", "--format", "csv"]).code(1);
    let mode = std::fs::metadata(w.join("report.csv")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

/// Regression: `-o -` wrote a file named `-` instead of meaning standard output, as `-` does
/// for the catalog.
#[test]
fn output_dash_is_standard_output() {
    let w = Workdir::new();
    w.fixture("mini/gappy.csv");
    w.run(&["--standards", &mini(), "gaps", "mini/gappy.csv", "-o", "-", "--format", "csv"])
        .code(1)
        .stdout_has("severity,code,pathway,standard,course,message,second_course,credential,missing_standards,depth,file,line,column\r\n");
    w.run(&["--standards", &mini(), "standards", "-o", "-"]).code(0).stdout_has("frameworks");
    assert_eq!(w.files(), ["mini/gappy.csv"]);
}

/// Regression: `-o` refused only the catalog and `--alignments` files, so `--standards my/std
/// gaps f.csv -o my/std/cluster.yaml` overwrote a standards file. Every input is refused, found
/// by identity, so a `./` prefix, a symlink or a hard link to it is caught too.
#[cfg(unix)]
#[test]
fn refuses_to_write_over_any_input_file_by_identity() {
    let w = Workdir::new();
    w.fixture("mini/gappy.csv");
    for name in ["cluster.yaml", "foundation.yaml", "aa.yaml", "bb.yaml"] {
        w.fixture(&format!("mini/standards/{name}"));
    }
    w.write("extra.csv", "course_id,standard,depth\nA3,FS-1.1,I\n");
    std::os::unix::fs::symlink("mini/standards/aa.yaml", w.join("link.yaml")).unwrap();
    std::fs::hard_link(w.join("extra.csv"), w.join("hard.csv")).unwrap();
    let before: Vec<Vec<u8>> = w.files().iter().map(|f| std::fs::read(w.join(f)).unwrap()).collect();
    let std_dir = ["--standards", "mini/standards"];
    for (command, out) in [
        ("gaps", "mini/standards/cluster.yaml"),
        ("gaps", "./mini/standards/../standards/foundation.yaml"),
        ("coverage", "link.yaml"),
        ("gaps", "hard.csv"),
        ("standards", "mini/standards/bb.yaml"),
        ("matrix", "./mini/gappy.csv"),
    ] {
        let mut args = std_dir.to_vec();
        args.push(command);
        if command != "standards" {
            args.extend(["mini/gappy.csv", "--alignments", "extra.csv"]);
        }
        if command == "matrix" {
            args.extend(["--pathway", "AA"]);
        }
        args.extend(["-o", out]);
        w.run(&args)
            .code(2)
            .stderr_has(&format!("cte-align: error: {out}: refusing to write the report over an input file"));
    }
    let after: Vec<Vec<u8>> = w.files().iter().map(|f| std::fs::read(w.join(f)).unwrap()).collect();
    assert!(before == after, "an input file changed");
    assert!(std::fs::symlink_metadata(w.join("link.yaml")).unwrap().file_type().is_symlink());
}

/// Regression: `-o` replaced whatever the path named by renaming a temporary file onto it, so a
/// symlink became a regular file and a FIFO or a device node (`-o /dev/null`, as root) was
/// replaced by a file. A symlink to a regular file is followed: the temporary file goes beside
/// the target and is renamed onto it, and the link stays.
#[cfg(unix)]
#[test]
fn output_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let w = Workdir::new();
    w.fixture("mini/gappy.csv");
    w.write("reports/real.csv", "old report\n");
    std::os::unix::fs::symlink("reports/real.csv", w.join("link.csv")).unwrap();
    std::os::unix::fs::symlink("reports/new.csv", w.join("dangling.csv")).unwrap();
    let gaps = |out: &str| {
        w.run(&["--standards", &mini(), "gaps", "mini/gappy.csv", "--format", "csv", "-o", out]).code(1);
    };
    gaps("link.csv");
    gaps("dangling.csv");
    for link in ["link.csv", "dangling.csv"] {
        let meta = std::fs::symlink_metadata(w.join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is no longer a symlink");
    }
    for target in ["reports/real.csv", "reports/new.csv"] {
        assert!(w.read(target).starts_with("severity,code,pathway,"), "{target}");
    }
    let files = w.files();
    assert_eq!(files, ["dangling.csv", "link.csv", "mini/gappy.csv", "reports/new.csv", "reports/real.csv"]);
}

/// See above: a FIFO is written to, not replaced.
#[cfg(unix)]
#[test]
fn output_to_a_fifo_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let w = Workdir::new();
    w.fixture("mini/gappy.csv");
    let fifo = w.join("out.fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let (tx, rx) = std::sync::mpsc::channel();
    let reading = fifo.clone();
    std::thread::spawn(move || tx.send(std::fs::read_to_string(reading).unwrap()));
    w.run(&["--standards", &mini(), "gaps", "mini/gappy.csv", "--format", "csv", "-o", "out.fifo"]).code(1);
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced");
    // A binary that never opened the FIFO leaves the reader blocked: fail instead of hanging.
    let got = rx.recv_timeout(std::time::Duration::from_secs(60)).expect("nothing was written to the FIFO");
    assert!(got.starts_with("severity,code,pathway,standard,course,message,second_course,credential,missing_standards,depth,file,line,column\r\n"), "{got}");
    assert_eq!(w.files(), ["mini/gappy.csv", "out.fifo"]);
}

/// See above: `-o /dev/null` writes to the device and leaves it a device; `-o /dev/stdout`
/// writes to standard output, even when that is a regular file the shell opened (`> file`):
/// the file is appended to, not replaced behind the shell's back.
#[cfg(unix)]
#[test]
fn output_to_a_device_writes_to_it() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let w = Workdir::new();
    w.fixture("mini/gappy.csv");
    let args = ["--standards", &mini(), "gaps", "mini/gappy.csv", "--format", "csv", "-o"];
    w.run(&[&args[..], &["/dev/null"]].concat()).code(1);
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    w.run(&[&args[..], &["/dev/stdout"]].concat()).code(1).stdout_has("severity,code,pathway,");
    let shell_file = w.write("stdout.txt", "before\n");
    let inode = std::fs::metadata(&shell_file).unwrap().ino();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_cte-align"))
        .args([&args[..], &["/dev/stdout"]].concat())
        .current_dir(w.path())
        .stdout(std::fs::OpenOptions::new().append(true).open(&shell_file).unwrap())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    assert_eq!(std::fs::metadata(&shell_file).unwrap().ino(), inode, "stdout.txt was replaced");
    assert!(w.read("stdout.txt").starts_with("before\nseverity,code,pathway,"), "{}", w.read("stdout.txt"));
    assert!(std::fs::symlink_metadata("/dev/stdout").unwrap().file_type().is_symlink());
    assert_eq!(w.files(), ["mini/gappy.csv", "stdout.txt"]);
}

/// Bug: `validate` wrote its list itself, so a closed pipe (`validate --strict | head -1`)
/// turned its exit code 1 (warnings, strict) into 0.
#[test]
fn validate_keeps_its_exit_code_when_the_pipe_closes() {
    let w = Workdir::new();
    let mut catalog = String::from("Course Number,Course Title,Pathway,Standards\n");
    (0..20_000).for_each(|i| catalog.push_str(&format!("C{i},Course {i},TS,\n")));
    w.write("warn.csv", catalog);
    let (first, run) = w.run_closing_after_first_line(&["validate", "warn.csv", "--strict"], Stream::Stdout);
    // The column mapping comes first (issue 14); the warnings follow it.
    assert!(first.starts_with("warn.csv: header on line 1"), "{first}");
    run.code(1);
}
