//! Issue 14: a director's own export on the first try. Column and value detection, aliases,
//! header rows, the project config file, friendly YAML errors, `init --force` backups, SCED
//! codes, all through the binary on catalogs shaped like real exports
//! (`tests/fixtures/exports/`).

use crate::util::Workdir;

/// `--standards DIR` given the folder `init DIR` wrote (which holds `DIR/standards/`) loaded
/// nothing and said "no cluster.yaml".
#[test]
fn standards_accepts_the_folder_init_wrote() {
    let w = Workdir::new();
    w.run(&["init", "proj"]).code(0);
    w.run(&["--standards", "proj", "validate", "proj/catalog.csv"]).code(0);
    w.run(&["--standards", "proj", "standards"]).code(0).stdout_has("FS");
}

/// `init --force` overwrote an edited `cluster.yaml` with no backup.
#[test]
fn init_force_keeps_a_bak_of_edited_files_only() {
    let w = Workdir::new();
    w.run(&["init", "proj"]).code(0);
    let edited = format!("{}# our district's edit\n", w.read("proj/standards/cluster.yaml"));
    w.write("proj/standards/cluster.yaml", &edited);
    w.run(&["init", "proj", "--force"])
        .code(0)
        .stdout_has("kept the replaced files' text in ")
        .stdout_has("cluster.yaml.bak");
    assert_eq!(w.read("proj/standards/cluster.yaml.bak"), edited);
    assert!(!w.join("proj/standards/foundation.yaml.bak").exists(), "an unedited file needs no copy");
    // The backup is not read as part of the set.
    w.run(&["--standards", "proj", "validate", "proj/catalog.csv"]).code(0);
}
