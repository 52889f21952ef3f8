//! The policy's verdict as a view part, shared by the commands that judge a run (`gaps`,
//! `coverage`): whether it passed and each reason it failed, as JSON (`policy.failures`), as
//! the last lines of a table ("coverage of DS is 90.7%, under --min-coverage 95"), and in a
//! handout's plain words ("Diagnostic Services (DS) does not yet meet the policy: ...").

use serde::Serialize;

use crate::audit::{PolicyFailure, Severity, Threshold};
use crate::diagnostic::plural;
use crate::model::{Catalog, PathwayIdx, StandardsSet, UnitIdx};

/// The verdict: `{passed, failures: [...]}`.
#[derive(Debug, Serialize)]
pub struct PolicyView<'a> {
    pub passed: bool,
    pub failures: Vec<FailureJson<'a>>,
}

/// One reason the run failed. `reason` is `findings`, `coverage` or `mastery`; the fields
/// that do not apply to it are `null`.
#[derive(Debug, Serialize)]
pub struct FailureJson<'a> {
    pub reason: &'static str,
    pub district: Option<&'a str>,
    pub school: Option<&'a str>,
    pub pathway: Option<&'a str>,
    /// Findings: how many, at or above `severity`.
    pub count: Option<usize>,
    pub severity: Option<Severity>,
    /// Coverage or mastery: the percentage (rounded to a tenth; `null` for a mastery that
    /// cannot be judged) and the minimum it is under.
    pub percent: Option<f64>,
    pub minimum: Option<f64>,
    /// The reason in the words of the command line.
    pub message: String,
    /// The reason in a handout's words.
    #[serde(skip)]
    pub plain: String,
}

/// At most this many reasons end a table; JSON holds every one.
const SHOWN: usize = 20;

impl<'a> PolicyView<'a> {
    pub fn new(failures: &[PolicyFailure], catalog: &'a Catalog, set: &'a StandardsSet) -> Self {
        let failures = failures.iter().map(|f| failure(f, catalog, set)).collect::<Vec<_>>();
        PolicyView { passed: failures.is_empty(), failures }
    }

    /// The last lines of a table: nothing when the run passed, else "the policy fails:" and
    /// a reason a line.
    pub fn lines(&self) -> Option<String> {
        if self.passed {
            return None;
        }
        let mut out = String::from("the policy fails:\n");
        for f in self.failures.iter().take(SHOWN) {
            out.push_str(&format!("  {}\n", f.message));
        }
        if self.failures.len() > SHOWN {
            out.push_str(&format!(
                "  and {} more (--format json lists every one)\n",
                plural(self.failures.len() - SHOWN, "reason")
            ));
        }
        Some(out)
    }

    /// The verdict in one clause, for the line `-o` leaves on standard error: "; the policy is
    /// met", or "; the policy fails: " and the first few reasons.
    pub fn summary(&self) -> String {
        const FIRST: usize = 3;
        if self.passed {
            return "; the policy is met".to_string();
        }
        let first: Vec<&str> = self.failures.iter().take(FIRST).map(|f| f.message.as_str()).collect();
        let more = match self.failures.len().saturating_sub(FIRST) {
            0 => String::new(),
            n => format!(" and {}", plural(n, "more reason")),
        };
        format!("; the policy fails: {}{more}", first.join("; "))
    }

    /// The verdict in a handout's words, a sentence a reason.
    pub fn plain(&self) -> Vec<String> {
        if self.passed {
            return vec!["Every pathway audited meets the policy.".to_string()];
        }
        self.failures.iter().map(|f| f.plain.clone()).collect()
    }
}

fn failure<'a>(f: &PolicyFailure, catalog: &'a Catalog, set: &'a StandardsSet) -> FailureJson<'a> {
    let mut json = FailureJson {
        reason: "findings",
        district: None,
        school: None,
        pathway: None,
        count: None,
        severity: None,
        percent: None,
        minimum: None,
        message: String::new(),
        plain: String::new(),
    };
    match *f {
        PolicyFailure::Findings { count, at } => {
            let at_text =
                if at == Severity::Error { "at error".to_string() } else { format!("at {at} or above") };
            json.count = Some(count);
            json.severity = Some(at);
            json.message = format!("{} {at_text}", plural(count, "finding"));
            json.plain = format!(
                "{} {at_text} must be resolved before the programs meet the policy.",
                plural(count, "finding")
            );
        }
        PolicyFailure::Coverage { unit, pathway, pct, min } => {
            json.reason = "coverage";
            place(&mut json, unit, pathway, catalog, set);
            json.percent = Some(round1(pct));
            json.minimum = Some(min.pct);
            let (id, name) = names(pathway, unit, catalog, set);
            json.message = format!(
                "coverage of {id} is {:.1}%, under {}",
                round1(pct),
                flag("--min-coverage", &min, pathway, set)
            );
            json.plain = format!(
                "{name} does not yet meet the policy: it covers {:.1}% of its required standards, and the policy asks for {}%.",
                round1(pct),
                min.pct
            );
        }
        PolicyFailure::Mastery { unit, pathway, pct, min } => {
            json.reason = "mastery";
            place(&mut json, unit, pathway, catalog, set);
            json.percent = pct.map(round1);
            json.minimum = Some(min.pct);
            let (id, name) = names(pathway, unit, catalog, set);
            let under = flag("--min-mastery", &min, pathway, set);
            json.message = match pct {
                Some(pct) => format!("mastery of {id} is {:.1}%, under {under}", round1(pct)),
                None => format!("mastery of {id} cannot be judged (no course gives a depth), under {under}"),
            };
            json.plain = match pct {
                Some(pct) => format!(
                    "{name} does not yet meet the policy: it teaches {:.1}% of its required standards to mastery, and the policy asks for {}%.",
                    round1(pct),
                    min.pct
                ),
                None => format!(
                    "{name} does not yet meet the policy: no course gives a depth, so its mastery cannot be judged, and the policy asks for {}%.",
                    min.pct
                ),
            };
        }
    }
    json
}

fn place<'a>(
    json: &mut FailureJson<'a>,
    unit: UnitIdx,
    pathway: PathwayIdx,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
) {
    if catalog.has_units() {
        json.district = Some(catalog.unit(unit).district.as_str());
        json.school = Some(catalog.unit(unit).school.as_str());
    }
    json.pathway = Some(set.cluster.pathways[pathway].id.as_str());
}

/// The pathway as the command line names it (`DS`, `DS in Lincoln`) and as a handout does
/// (`Diagnostic Services (DS)`, `Diagnostic Services (DS) in Lincoln`).
fn names(pathway: PathwayIdx, unit: UnitIdx, catalog: &Catalog, set: &StandardsSet) -> (String, String) {
    let p = &set.cluster.pathways[pathway];
    let within =
        if catalog.has_units() { format!(" in {}", catalog.unit(unit).label()) } else { String::new() };
    (format!("{}{within}", p.id), format!("{} ({}){within}", p.title, p.id))
}

/// The flag that set the minimum, as it would be given: `--min-coverage 95` or, for a
/// pathway's own, `--min-coverage DS=95`.
fn flag(name: &str, min: &Threshold, pathway: PathwayIdx, set: &StandardsSet) -> String {
    if min.own {
        format!("{name} {}={}", set.cluster.pathways[pathway].id, min.pct)
    } else {
        format!("{name} {}", min.pct)
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}
