//! The columns cte-align understands, and how a district's headers map onto them.
//!
//! Headers are matched with case, spaces, underscores and punctuation ignored, against each
//! column's usual names in SIS exports ("Course Number", "Course #", "Local Course ID", ...).
//! `--column course_id="Crs No"` maps any header by hand.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    CourseId,
    Title,
    Pathway,
    Level,
    Credits,
    Grades,
    Sced,
    Description,
    Standards,
    Credentials,
    Wbl,
    District,
    School,
    Standard,
    Depth,
    Evidence,
}

impl Column {
    pub const ALL: [Column; 16] = [
        Column::CourseId,
        Column::Title,
        Column::Pathway,
        Column::Level,
        Column::Credits,
        Column::Grades,
        Column::Sced,
        Column::Description,
        Column::Standards,
        Column::Credentials,
        Column::Wbl,
        Column::District,
        Column::School,
        Column::Standard,
        Column::Depth,
        Column::Evidence,
    ];

    /// The column's canonical name, as `--column` and the docs spell it.
    pub fn name(self) -> &'static str {
        match self {
            Column::CourseId => "course_id",
            Column::Title => "title",
            Column::Pathway => "pathway",
            Column::Level => "level",
            Column::Credits => "credits",
            Column::Grades => "grades",
            Column::Sced => "sced",
            Column::Description => "description",
            Column::Standards => "standards",
            Column::Credentials => "credentials",
            Column::Wbl => "wbl",
            Column::District => "district",
            Column::School => "school",
            Column::Standard => "standard",
            Column::Depth => "depth",
            Column::Evidence => "evidence",
        }
    }

    /// Header spellings that mean this column, already folded (see [`fold_header`]).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Column::CourseId => &[
                "courseid",
                "coursenumber",
                "coursecode",
                "courseno",
                "coursenum",
                "localcourseid",
                "localcoursecode",
                "localcoursenumber",
                "crsno",
                "crsnum",
                "crsid",
                "crscode",
                "crsnumber",
                "coursenbr",
                "coursenmbr",
                "crsnbr",
                "courseidnumber",
                "courseidentifier",
                "moduleid",
                "modulecode",
                "id",
                "code",
            ],
            Column::Title => &[
                "title",
                "coursetitle",
                "coursename",
                "name",
                "crstitle",
                "crsname",
                "moduletitle",
                "modulename",
                "longtitle",
                "coursetitlelong",
            ],
            Column::Pathway => &[
                "pathway",
                "pathways",
                "programofstudy",
                "programsofstudy",
                "program",
                "programs",
                "careerpathway",
                "ctepathway",
                "pathwayid",
                "pathwayname",
                "pathwaytitle",
                "programname",
                "programofstudyname",
                "ctepathwayname",
            ],
            Column::Level => &[
                "level",
                "courselevel",
                "sequencelevel",
                "sequence",
                "seqlevel",
                "coursesequence",
                "sequenceno",
            ],
            Column::Credits => &["credits", "credit", "credithours", "creditvalue", "availablecredit"],
            Column::Grades => &["grades", "grade", "gradelevel", "gradelevels", "gradesoffered", "gradespan"],
            Column::Sced => &["sced", "scedcode", "scedcourse", "scedcoursecode", "scedid", "scedidentifier"],
            Column::Description => &["description", "coursedescription", "desc", "summary"],
            Column::Standards => {
                &["standards", "alignments", "alignedstandards", "standardsalignment", "standardsaligned"]
            }
            Column::Credentials => &[
                "credentials",
                "credential",
                "industrycredential",
                "industrycredentials",
                "industrycertification",
                "industrycertifications",
                "industryrecognizedcredential",
                "industryrecognizedcredentials",
                "certification",
                "certifications",
                "ibc",
                "ibcs",
            ],
            Column::Wbl => &["wbl", "workbasedlearning", "workbased", "wbltype", "workbasedlearningtype"],
            Column::District => &["district", "districtname", "districtid", "lea", "leaname", "leaid"],
            Column::School => &["school", "schoolname", "schoolid", "campus", "campusname", "site"],
            Column::Standard => &["standard", "standardid", "standardcode", "competency", "competencyid"],
            Column::Depth => &["depth", "level", "irm", "depthofcoverage", "mastery"],
            Column::Evidence => &["evidence", "unit", "lesson", "assessment", "artifact", "source"],
        }
    }
}

impl FromStr for Column {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let key = fold_header(s);
        Column::ALL.into_iter().find(|c| fold_header(c.name()) == key).ok_or_else(|| {
            let names: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
            format!(
                "unknown column \"{s}\"{}; the columns are {}",
                crate::suggest::did_you_mean(s, names.iter().copied()),
                names.join(", ")
            )
        })
    }
}

/// Folds a header for matching: lower case, `#` read as "number", everything but letters and
/// digits dropped.
pub fn fold_header(h: &str) -> String {
    h.replace('#', "number").chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The header most like one of a column's usual names, when it is close enough to suggest.
pub fn closest_header<'a>(col: Column, headers: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let score = |h: &str| {
        let key = fold_header(h);
        let len = key.chars().count();
        col.synonyms()
            .iter()
            // An edit distance is at least the difference in length: past half the longer
            // length the score is below the 0.5 kept, so the distance (quadratic in the
            // lengths, and a header can be long) is not computed.
            .filter(|s| 2 * len.abs_diff(s.chars().count()) <= len.max(s.chars().count()))
            .map(|s| strsim::normalized_damerau_levenshtein(&key, s))
            .fold(0.0, f64::max)
    };
    headers
        .into_iter()
        .map(|h| (score(h), h))
        .filter(|(s, _)| *s >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, h)| h)
}

/// The header most like one of a column's usual names when it is nearly one (a typo, not
/// merely a related word): for warning that a header was ignored.
pub fn near_miss<'a>(col: Column, headers: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let score = |h: &str| {
        let key = fold_header(h);
        let allowed = 1 + key.len() / 8;
        let len = key.chars().count();
        // As in closest_header: lengths further apart than the distance allowed cannot be near.
        let near = |s: &&str| {
            key.len() >= 4
                && len.abs_diff(s.chars().count()) <= allowed
                && strsim::damerau_levenshtein(&key, s) <= allowed
        };
        col.synonyms().iter().any(|s| s.len() >= 4 && near(s))
    };
    headers.into_iter().find(|h| score(h))
}

/// `--column course_id="Crs No"`: the header that holds a column, named by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnOverride {
    pub column: Column,
    pub header: String,
}

impl FromStr for ColumnOverride {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (key, header) = s
            .split_once('=')
            .ok_or_else(|| format!("expected COLUMN=HEADER, like course_id=\"Crs No\"; got \"{s}\""))?;
        Ok(ColumnOverride { column: key.parse()?, header: header.trim().trim_matches('"').to_string() })
    }
}

/// A column claimed by two headers: the column, the first header's index, the second's.
pub type Duplicate = (Column, usize, usize);

/// Which known column each header is, for the columns a file kind accepts. Overrides win;
/// a header matching no synonym is kept out (ignored). Returns the duplicates too: a column
/// claimed by two headers, as (column, first header index, second header index).
pub fn map_headers(
    headers: &[String],
    accepted: &[Column],
    overrides: &[ColumnOverride],
) -> (Vec<Option<Column>>, Vec<Duplicate>) {
    let mut mapped: Vec<Option<Column>> = vec![None; headers.len()];
    for o in overrides.iter().filter(|o| accepted.contains(&o.column)) {
        if let Some(i) = headers.iter().position(|h| fold_header(h) == fold_header(&o.header)) {
            mapped[i] = Some(o.column);
        }
    }
    let overridden: Vec<Column> = overrides.iter().map(|o| o.column).collect();
    for (i, h) in headers.iter().enumerate() {
        if mapped[i].is_some() {
            continue;
        }
        let key = fold_header(h);
        mapped[i] = accepted
            .iter()
            .copied()
            .filter(|c| !overridden.contains(c))
            .find(|c| c.synonyms().contains(&key.as_str()));
    }
    let mut dups = Vec::new();
    for (j, col) in mapped.iter().enumerate() {
        if let Some(c) = col
            && let Some(i) = mapped[..j].iter().position(|x| x == col)
        {
            dups.push((*c, i, j));
        }
    }
    (mapped, dups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sis_headers_map_to_columns() {
        let headers: Vec<String> =
            ["Course #", "Course Title", "Program of Study", "SCED Code", "Notes"].map(String::from).into();
        let (mapped, dups) = map_headers(&headers, &Column::ALL[..13], &[]);
        assert_eq!(
            mapped,
            [Some(Column::CourseId), Some(Column::Title), Some(Column::Pathway), Some(Column::Sced), None]
        );
        assert!(dups.is_empty());
    }

    #[test]
    fn overrides_win() {
        let headers: Vec<String> = ["Crs No", "Course Code"].map(String::from).into();
        let o: ColumnOverride = "course_id=\"Crs No\"".parse().unwrap();
        let (mapped, _) = map_headers(&headers, &[Column::CourseId], &[o]);
        assert_eq!(mapped, [Some(Column::CourseId), None]);
    }

    /// The length bound skips only distances that could not have counted: on headers made of
    /// two synonyms of each column (cut, grown, misspelt, far longer), the answers are the
    /// unbounded ones.
    #[test]
    fn the_length_bound_changes_no_answer() {
        fn closest(col: Column, headers: &[String]) -> Option<&str> {
            let score = |h: &str| {
                let key = fold_header(h);
                col.synonyms()
                    .iter()
                    .map(|s| strsim::normalized_damerau_levenshtein(&key, s))
                    .fold(0.0, f64::max)
            };
            headers
                .iter()
                .map(|h| (score(h), h.as_str()))
                .filter(|(s, _)| *s >= 0.5)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, h)| h)
        }
        fn near(col: Column, headers: &[String]) -> Option<&str> {
            headers.iter().map(String::as_str).find(|h| {
                let key = fold_header(h);
                col.synonyms().iter().any(|s| {
                    s.len() >= 4
                        && key.len() >= 4
                        && strsim::damerau_levenshtein(&key, s) <= 1 + key.len() / 8
                })
            })
        }
        let mut headers: Vec<String> = Vec::new();
        for col in Column::ALL {
            for s in col.synonyms().iter().take(2) {
                for cut in 0..=s.len() {
                    headers.push(s[..cut].to_string());
                    headers.push(format!("{}{}", &s[..cut], "x".repeat(cut)));
                    headers.push(format!("{}é{}", &s[..cut], &s[cut..]));
                }
                headers.push(s.repeat(3));
            }
        }
        for col in Column::ALL {
            for h in &headers {
                let one = std::slice::from_ref(h);
                assert_eq!(
                    closest_header(col, one.iter().map(String::as_str)),
                    closest(col, one),
                    "{col:?} {h:?}"
                );
                assert_eq!(near_miss(col, one.iter().map(String::as_str)), near(col, one), "{col:?} {h:?}");
            }
            for window in headers.chunks(7) {
                assert_eq!(closest_header(col, window.iter().map(String::as_str)), closest(col, window));
            }
        }
    }
}
