//! Every field of a finding reaches the JSON: what used to be flattened into the message text
//! (an input problem's file, line and column) or dropped (a credential's missing standards,
//! the second course of an out-of-sequence finding).

use crate::util::Workdir;

const LENIENT: &str = "Course Number,Course Title,Pathway,Level,Standards\n\
    A1,One,TS,1,\"FS-1.1:I; FS-99.9:I\"\n\
    A2,Two,TS,2,\"FS-1.1:M\"\n";

/// Regression: a lenient run's input problem kept its place only in the message text.
#[test]
fn an_input_problem_gives_its_file_line_and_column() {
    let w = Workdir::new();
    w.write("c.csv", LENIENT);
    let run = w.run(&["gaps", "c.csv", "--lenient", "--fail-on", "never", "--format", "json"]);
    run.code(0);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let input = findings.iter().find(|f| f["code"] == "invalid-input").expect("an invalid-input finding");
    assert_eq!(input["file"], "c.csv");
    assert_eq!(input["line"], 2);
    assert!(input["column"].as_u64().is_some_and(|c| c > 1), "{input}");
    let message = input["message"].as_str().unwrap();
    assert!(message.starts_with(&format!("c.csv:2:{}: ", input["column"])), "{message}");
    // Fields of other kinds are there, and empty.
    assert_eq!(input["credential"], serde_json::Value::Null);
    assert_eq!(input["missing_standards"], serde_json::json!([]));
    for f in findings.iter().filter(|f| f["code"] == "credential-gap") {
        assert!(f["credential"].is_string() && !f["missing_standards"].as_array().unwrap().is_empty(), "{f}");
    }
}
