//! The `gaps --explain` view: what finding codes mean and how to fix them.

use serde::Serialize;

use crate::audit::{Code, Severity};
use crate::report::{Sheet, View, text};

#[derive(Serialize)]
pub struct ExplainView {
    codes: Vec<CodeJson>,
}

#[derive(Serialize)]
struct CodeJson {
    code: &'static str,
    default_severity: Severity,
    description: &'static str,
    fix: &'static str,
}

impl ExplainView {
    pub fn new(codes: &[Code]) -> Self {
        let json = |&c: &Code| CodeJson {
            code: c.name(),
            default_severity: c.default_severity(),
            description: c.description(),
            fix: c.fix(),
        };
        ExplainView { codes: codes.iter().map(json).collect() }
    }
}

impl View for ExplainView {
    const COMMAND: &'static str = "explain";

    fn sheets(&self) -> Vec<Sheet> {
        let rows = self
            .codes
            .iter()
            .map(|c| {
                vec![c.code.into(), c.default_severity.to_string().into(), c.description.into(), c.fix.into()]
            })
            .collect();
        vec![Sheet {
            columns: vec![text("code"), text("default severity"), text("meaning"), text("how to fix")],
            rows,
            ..Sheet::default()
        }]
    }
}
