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
