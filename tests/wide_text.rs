//! Tables with wide characters (CJK, emoji), which take two terminal columns each.

use unicode_width::UnicodeWidthStr;

use crate::util::Workdir;

const WIDE: &str = "Course Number,Course Title,Pathway,Level,Standards\n\
    A1,看護の基礎と実践 看護の基礎と実践 看護の基礎と実践,TS,1,FS-1.1:I\n\
    A2,🩺🩺🩺🩺 救急医療 救急医療 救急医療 救急医療,TS,2,\"FS-1.1:M; FS-2.1:I\"\n";

/// Regression: a report's title was wrapped counting characters, so a course title in Japanese
/// or with emoji ran past `--width` (53 columns at `--width 50`).
#[test]
fn wide_titles_wrap_within_the_width() {
    let w = Workdir::new();
    w.write("wide.csv", WIDE);
    for (course, width) in [("A1", 50), ("A2", 40)] {
        let run = w.run(&["course", "wide.csv", course, "--width", &width.to_string(), "--color", "never"]);
        run.code(0);
        let title: Vec<&str> = run.stdout.lines().take_while(|l| !l.starts_with('┌')).collect();
        assert!(title.len() > 1, "the title does not wrap:\n{}", run.stdout);
        for line in title {
            assert!(line.width() <= width, "{} columns, wider than {width}: {line}", line.width());
        }
    }
}

/// Tables of wide text keep to `--width` (comfy-table counts columns as the fitting does).
#[test]
fn wide_characters_stay_within_the_width() {
    let w = Workdir::new();
    w.write("wide.csv", WIDE);
    for (args, width) in [
        (&["where", "wide.csv", "FS-1", "--width", "40"][..], 40),
        (&["gaps", "wide.csv", "--fail-on", "never", "--width", "80"][..], 80),
        (&["matrix", "wide.csv", "--pathway", "TS", "--width", "50"][..], 50),
    ] {
        let run = w.run(&[args, &["--color", "never"][..]].concat());
        run.code(0);
        assert!(
            args[0] == "matrix" || run.stdout.contains("看護") || run.stdout.contains("救急"),
            "{}",
            run.stdout
        );
        for line in run.stdout.lines() {
            assert!(
                line.width() <= width,
                "{} columns, wider than {width}: {line}\n{}",
                line.width(),
                run.stdout
            );
        }
    }
}
