//! Regressions on the load side (issue 15, items 5 to 8; issue 12's BOM sniffing): what the
//! binary reads from an endless device, identifiers holding characters a reader cannot see,
//! and district names spelled two ways.

use crate::util::Workdir;

const HEADER: &str = "district,course_id,title,pathway,standards\n";

/// Issue 15 item 5: `gaps /dev/zero` read a whole gigabyte before refusing it. Under a
/// 512 MiB address-space limit it now fails at once with the NUL error.
#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_without_reading_it() {
    let w = Workdir::new();
    let limit = Some(512 * 1024);
    w.run_limited(&["gaps", "/dev/zero", "-o", "out.csv"], crate::util::TIMEOUT, limit)
        .code(2)
        .stderr_has("/dev/zero:1:1: error: the file holds NUL bytes");
    w.run_shell("ulimit -v 524288 2>/dev/null; exec \"$BIN\" gaps - -o out.csv < /dev/zero")
        .code(2)
        .stderr_has("<stdin>:1:1: error: the file holds NUL bytes");
    assert!(w.files().is_empty(), "{:?}", w.files());
}

/// The alignment files are read the same way.
#[cfg(unix)]
#[test]
fn an_endless_alignment_file_is_refused_too() {
    let w = Workdir::new();
    w.write("c.csv", "course_id,title,pathway,standards\nHS1,Intro,TS,FS-1.1:I\n");
    w.run_limited(&["gaps", "c.csv", "--alignments", "/dev/zero"], crate::util::TIMEOUT, Some(512 * 1024))
        .code(2)
        .stderr_has("/dev/zero:1:1: error: the file holds NUL bytes");
}

/// Issue 12: byte-order marks are read by `Encoding::for_bom`; UTF-16 big-endian too.
#[test]
fn byte_order_marks_are_recognised() {
    let w = Workdir::new();
    let text = "course_id,title,pathway,standards\nHS1,Café,TS,FS-1.1:I\n";
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    w.write("be.csv", be);
    w.write("bom.csv", [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat());
    for file in ["be.csv", "bom.csv"] {
        w.run(&["validate", file]).code(0).stdout_has(&format!("{file}: 1 course; 0 errors"));
    }
}

/// Issue 15 item 6: an escape sequence in a course ID was accepted and printed raw.
#[test]
fn a_control_character_in_a_course_id_is_refused_where_it_is() {
    let w = Workdir::new();
    w.write("c.csv", format!("{HEADER}North,HS\u{1b}[2J1,Intro,TS,FS-1.1:I\n"));
    let run = w.run(&["validate", "c.csv"]);
    run.code(2)
        .stderr_has("c.csv:2:9: error: course ID \"HS\\u{1B}[2J1\" holds U+001B (a control character)")
        .stderr_has("delete it")
        .stderr_lacks("\u{1b}");
}

/// Issue 15 item 7: `HS1\u{200B}01`, `\u{FEFF}HS101` and `HS101` were three courses.
#[test]
fn invisible_characters_in_ids_are_refused_and_shown_escaped() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        [
            HEADER,
            "North,HS101,Intro,TS,FS-1.1:I\n",
            "North,HS1\u{200B}01,Intro,TS,FS-1.1:I\n",
            "North,\u{FEFF}HS102,Intro,TS,FS-1.1:I\n",
            "North,HS103,Intro,T\u{200D}S,FS-1.1:I\n",
            "North,HS104,Intro,TS,\"FS-1.1:I; FS-1.2\u{202E}:M\"\n",
            "No\u{2066}rth,HS105,Intro,TS,FS-1.1:I\n",
        ]
        .concat(),
    );
    w.run(&["validate", "c.csv"])
        .code(2)
        .stderr_has("c.csv:3:10: error: course ID \"HS1\\u{200B}01\" holds U+200B (a zero-width space)")
        .stderr_has("c.csv:4:7: error: course ID \"\\u{FEFF}HS102\" holds U+FEFF (a byte-order mark)")
        .stderr_has("c.csv:5:20: error: pathway \"T\\u{200D}S\" holds U+200D (a zero-width joiner)")
        .stderr_has(
            "c.csv:6:39: error: alignment \"FS-1.2\\u{202E}:M\" holds U+202E (a text-direction control)",
        )
        .stderr_has("c.csv:7:3: error: district \"No\\u{2066}rth\" holds U+2066")
        .stderr_has("5 errors")
        .stderr_lacks("\u{200B}")
        .stderr_lacks("\u{202E}");
}

/// The same characters in an alignment file's IDs and depth.
#[test]
fn invisible_characters_in_an_alignment_file_are_refused() {
    let w = Workdir::new();
    w.write("c.csv", "course_id,title,pathway,standards\nHS1,Intro,TS,\n");
    w.write(
        "a.csv",
        "course_id,standard,depth\nHS1,FS-1.1\u{200B},M\nHS1,FS-1.2,\u{7f}M\nH\u{85}S1,FS-1.3,M\n",
    );
    w.run(&["validate", "c.csv", "--alignments", "a.csv"])
        .code(2)
        .stderr_has("a.csv:2:11: error: standard ID \"FS-1.1\\u{200B}\" holds U+200B")
        .stderr_has("a.csv:3:12: error: depth \"\\u{7F}M\" holds U+007F (a control character)")
        .stderr_has("a.csv:4:2: error: course ID \"H\\u{85}S1\" holds U+0085 (a control character)");
}

/// Free text is not an identifier: a title or description with such characters is still
/// read (how a report shows it is the renderers' business).
#[test]
fn free_text_may_hold_them() {
    let w = Workdir::new();
    w.write("c.csv", "course_id,title,pathway,standards\nHS1,Intro\u{200B} to \u{1b}[1mCare,TS,FS-1.1:I\n");
    w.run(&["validate", "c.csv"]).code(0).stdout_has("1 course; 0 errors");
}

/// Issue 15 item 8: names differing only in case or inner spacing were split silently.
/// They stay separate (merging would change numbers unannounced) but are warned of, once
/// per group; surrounding spaces are trimmed, so "Lakeview USD " is "Lakeview USD".
#[test]
fn district_names_spelled_two_ways_are_warned_of() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        [
            HEADER,
            "Lakeview USD,HS1,Intro,TS,FS-1.1:I\n",
            "Lakeview USD ,HS2,Two,TS,FS-1.1:I\n",
            "LAKEVIEW USD,HS3,Three,TS,FS-1.1:I\n",
            "Hill,HS1,Intro,TS,FS-1.1:I\n",
            "Lakeview  USD,HS4,Four,TS,FS-1.1:I\n",
            "HILL,HS1,Intro,TS,FS-1.1:I\n",
        ]
        .concat(),
    );
    let run = w.run(&["validate", "c.csv"]);
    run.code(0)
        .stdout_has(
            "c.csv:4:1: warning: district names \"Lakeview USD\" (line 2), \"LAKEVIEW USD\" (line 4), \
             \"Lakeview  USD\" (line 6) differ only in case or spacing, so they are audited as 3 \
             separate districts; if they are one district, use one spelling throughout",
        )
        .stdout_has("c.csv:7:1: warning: district names \"Hill\" (line 5), \"HILL\" (line 7)")
        .stdout_has("0 errors, 2 warnings");
}

/// The same for schools within one district.
#[test]
fn school_names_spelled_two_ways_are_warned_of() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        "district,school,course_id,title,pathway,standards\nD,North High,HS1,Intro,TS,FS-1.1:I\nD,north high,HS2,Two,TS,FS-1.1:I\n",
    );
    w.run(&["validate", "c.csv"])
        .code(0)
        .stdout_has("c.csv:3:1: warning: school names \"North High\" (line 2), \"north high\" (line 3)");
}
