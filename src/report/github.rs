//! `--format github`: one GitHub Actions workflow command per finding or diagnostic
//! (`::error file=F,line=L,col=C,title=CODE::MESSAGE`), which a workflow run shows as an
//! annotation on that line of the file. Values are escaped as GitHub's runner unescapes them:
//! the message (data) `%`, CR and LF; the properties also `:` and `,`.

use std::io::{self, Write};

/// The command's name, by severity: GitHub has three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Notice,
}

/// One annotation: where, how severe, a short title (a finding's code) and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation<'a> {
    pub level: Level,
    pub file: &'a str,
    /// `None` when the problem has no line (a finding about a pathway as a whole).
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub title: &'a str,
    pub message: String,
}

pub fn render(annotations: &[Annotation<'_>], out: &mut dyn Write) -> io::Result<()> {
    for a in annotations {
        let level = match a.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
        };
        let mut props = vec![format!("file={}", property(a.file))];
        if let Some(line) = a.line.filter(|&l| l > 0) {
            props.push(format!("line={line}"));
            if let Some(col) = a.column.filter(|&c| c > 0) {
                props.push(format!("col={col}"));
            }
        }
        props.push(format!("title={}", property(a.title)));
        writeln!(out, "::{level} {}::{}", props.join(","), data(&a.message))?;
    }
    Ok(())
}

/// A command's message: `%`, CR and LF escaped as the runner unescapes them; any other
/// invisible character (a control character, a zero-width one) as `\u{XXXX}`, as every text
/// format shows it: the runner's log shows ESC sequences as colours and moves, so a raw one in
/// a course title could rewrite what the log says.
fn data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if crate::text::is_invisible(c) => {
                out.push_str(&crate::text::escape_invisible(c.encode_utf8(&mut [0; 4])))
            }
            c => out.push(c),
        }
    }
    out
}

/// A property's value: as data, and `:` and `,` too.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties() {
        let a = Annotation {
            level: Level::Warning,
            file: "a,b:c.csv",
            line: Some(3),
            column: Some(2),
            title: "x",
            message: "100%\r\nok: a,b".into(),
        };
        let mut out = Vec::new();
        render(&[a], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::warning file=a%2Cb%3Ac.csv,line=3,col=2,title=x::100%25%0D%0Aok: a,b\n"
        );
    }

    #[test]
    fn no_line_no_position() {
        let a = Annotation {
            level: Level::Notice,
            file: "c.csv",
            line: None,
            column: Some(4),
            title: "t",
            message: "m".into(),
        };
        let mut out = Vec::new();
        render(&[a], &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "::notice file=c.csv,title=t::m\n");
    }
}
