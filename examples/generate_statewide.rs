//! A deterministic, seeded generator of realistic statewide CTE catalogs, for benchmarks.
//!
//! ```sh
//! cargo run --release --example generate_statewide -- --rows 1000000 --seed 1 > statewide.csv
//! cargo run --release --example generate_statewide -- --rows 500 --seed 1 --districts 1 > district.csv
//! ```
//!
//! It loads the built-in standards through the library and uses their real pathways, their
//! required standards at coverage depth (`FS-7.1`, `TS-2.3`, ...), the depth scale, the
//! credentials each pathway offers, levels 1-4 and the kinds of work-based learning. Each
//! district (about 300 courses by default, 200-400 each) offers Therapeutic Services and some of
//! the other pathways, shares some courses across all of them (`*`), cross-lists a few between
//! two, and leaves a few standards untaught, so the audit has gaps to find. Course numbers are
//! unique within a district. Every row has 8 alignments with depths that rise with the level.
//! About 130 bytes a row: a million rows is about 130 MB.
//!
//! `--shape gappy` makes the shape of a state office's real export instead: districts of 50
//! courses, each course in one pathway with 8 alignments drawn at random from that pathway's
//! required standards, so every district leaves most standards uncovered and `gaps` writes
//! about 8 findings a row (about 120 bytes a row).
//!
//! The same `--rows`, `--seed`, `--districts` and `--shape` give byte-identical output. The benches include
//! this file as a module (`generate`), so they audit exactly what `bench/compare` does.

use std::fmt::Write as _;
use std::io::Write as _;

use cte_align::model::{AppliesTo, StandardIdx, StandardsSet};

/// The header row, as a statewide SIS export writes it.
pub const HEADER: &str = "District,Course Number,Course Title,Pathway,Level,Credits,SCED Code,Standards,Credentials,Work-Based Learning\n";

/// Alignments per course.
const ALIGNMENTS: usize = 8;
/// Courses per district when `--districts` is not given (each district gets 200 to 400).
const COURSES_PER_DISTRICT: usize = 300;

/// SplitMix64: tiny, fast, and good enough to make catalogs look varied.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64) < p
    }

    /// An index drawn with the given weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total.max(1) as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Course titles and SCED codes, by pathway ID; `*` holds the courses shared by all pathways.
const TITLES: &[(&str, &[(&str, &str)])] = &[
    (
        "*",
        &[
            ("Principles of Health Sci", "14001"),
            ("Medical Terminology", "14251"),
            ("Anatomy & Physiology", "14201"),
            ("Health Careers Explor", "14002"),
            ("Human Body Systems", "14202"),
            ("Medical Interventions", "14203"),
        ],
    ),
    (
        "TS",
        &[
            ("Nurse Aide Training", "14052"),
            ("Medical Assisting", "14053"),
            ("Pharmacy Technician", "14151"),
            ("Emergency Med Responder", "14156"),
            ("Dental Assisting", "14101"),
            ("Patient Care Tech", "14054"),
            ("Sports Medicine", "14153"),
            ("Physical Therapy Aide", "14152"),
            ("Clinical Internship", "14998"),
            ("Health Science Theory", "14003"),
        ],
    ),
    (
        "DS",
        &[
            ("Clinical Lab Science", "14105"),
            ("Phlebotomy", "14106"),
            ("Electrocardiography", "14108"),
            ("Medical Imaging", "14107"),
            ("Diagnostic Practicum", "14109"),
        ],
    ),
    (
        "HI",
        &[
            ("Medical Coding & Billing", "14252"),
            ("Health Information Tech", "14253"),
            ("Medical Office Admin", "14254"),
            ("Electronic Hlth Records", "14255"),
            ("Health Informatics", "14256"),
        ],
    ),
    (
        "SS",
        &[
            ("Sterile Processing", "14301"),
            ("Environmental Svcs", "14302"),
            ("Dietary Services", "14303"),
            ("Central Supply", "14304"),
            ("Facility Operations", "14305"),
        ],
    ),
    (
        "BRD",
        &[
            ("Biotech Foundations", "14401"),
            ("Biomedical Innovation", "14402"),
            ("Lab Research Methods", "14403"),
            ("Bioinformatics", "14404"),
            ("Molecular Biology", "14405"),
        ],
    ),
];

/// Roman numerals after a title, by level.
const LEVEL_SUFFIX: [&str; 5] = ["", "", " II", " III", " IV"];

/// Work-based learning kinds a course of each pathway offers, in the words catalogs use.
const WBL: &[(&str, &[&str])] = &[
    ("TS", &["clinical", "internship", "job shadowing"]),
    ("DS", &["clinical", "internship"]),
    ("HI", &["internship", "job shadowing", "school-based enterprise"]),
    ("SS", &["internship", "apprenticeship"]),
    ("BRD", &["internship", "practicum"]),
];

/// How likely a district is to offer each pathway (Therapeutic Services always), and how many
/// of its courses each takes, by pathway ID.
const OFFER: &[(&str, f64, u32)] =
    &[("TS", 1.0, 35), ("DS", 0.8, 20), ("HI", 0.75, 20), ("SS", 0.6, 15), ("BRD", 0.45, 10)];

const PLACES: &[&str] = &[
    "Alder", "Aspen", "Bay", "Bear", "Birch", "Cedar", "Clay", "Clear", "Copper", "Cotton", "Crystal",
    "Deer", "Eagle", "Elk", "Elm", "Fair", "Fox", "Glen", "Granite", "Green", "Hazel", "Iron", "Laurel",
    "Lime", "Linden", "Maple", "Marsh", "Meadow", "Mill", "Oak", "Pine", "Red", "Rock", "Rose", "Salt",
    "Sand", "Silver", "Spring", "Stone", "Sun", "Walnut", "White", "Willow", "Wolf",
];
const FEATURES: &[&str] = &[
    "Creek", "Valley", "Ridge", "Falls", "Grove", "Harbor", "Park", "Point", "View", "Field", "Wood",
    "Brook", "Haven", "Hollow", "Lake", "Mount", "Port", "Dale",
];
const KINDS: &[&str] = &["USD", "ISD", "SD", "Schools", "CSD", "PS", "County SD"];

/// The `i`th district name; distinct for every `i`.
fn district_name(i: usize) -> String {
    let (p, f, k) = (PLACES.len(), FEATURES.len(), KINDS.len());
    let mut name = format!("{} {} {}", PLACES[i % p], FEATURES[(i / p) % f], KINDS[(i / (p * f)) % k]);
    let round = i / (p * f * k);
    if round > 0 {
        let _ = write!(name, " {}", round + 1);
    }
    name
}

/// What the generator takes from the standards set.
struct Vocabulary {
    /// Pathway IDs, in the cluster's order.
    pathways: Vec<String>,
    /// Foundation standards (frameworks that apply to all pathways) at coverage depth.
    foundation: Vec<StandardIdx>,
    /// Each pathway's own competencies at coverage depth.
    competencies: Vec<Vec<StandardIdx>>,
    /// Standard IDs, by index.
    ids: Vec<String>,
    /// Depth codes, lowest first (I, R, M).
    depths: Vec<String>,
    /// Credential IDs each pathway offers; `all` holds those every pathway offers.
    credentials: Vec<Vec<String>>,
    all_credentials: Vec<String>,
    /// Offer probability and course weight per pathway.
    offer: Vec<(f64, u32)>,
    titles: Vec<&'static [(&'static str, &'static str)]>,
    shared_titles: &'static [(&'static str, &'static str)],
    wbl: Vec<&'static [&'static str]>,
}

impl Vocabulary {
    fn new(set: &StandardsSet) -> Self {
        let cluster = &set.cluster;
        let pathways: Vec<String> = cluster.pathways.iter().map(|p| p.id.clone()).collect();
        let is_foundation = |s: StandardIdx| matches!(set.framework_of(s).applies_to, AppliesTo::All);
        let mut foundation: Vec<StandardIdx> = (0..pathways.len())
            .flat_map(|p| set.required(p).iter().copied())
            .filter(|&s| is_foundation(s))
            .collect();
        foundation.sort_unstable();
        foundation.dedup();
        let competencies = (0..pathways.len())
            .map(|p| set.required(p).iter().copied().filter(|&s| !is_foundation(s)).collect())
            .collect();
        let ids = set.standards.iter().map(|s| s.id.clone()).collect();
        let depths = cluster.depth_scale.iter().map(|d| d.code.clone()).collect();
        let everywhere = |c: &cte_align::model::Credential| c.pathways.len() == pathways.len();
        let credentials = (0..pathways.len())
            .map(|p| {
                cluster
                    .credentials
                    .iter()
                    .filter(|c| c.pathways.contains(&p) && !everywhere(c))
                    .map(|c| c.id.clone())
                    .collect()
            })
            .collect();
        let all_credentials =
            cluster.credentials.iter().filter(|c| everywhere(c)).map(|c| c.id.clone()).collect();
        let lookup = |table: &'static [(&'static str, f64, u32)], id: &str| {
            table.iter().find(|(k, _, _)| *k == id).map_or((0.5, 10), |&(_, p, w)| (p, w))
        };
        let offer = pathways.iter().map(|id| lookup(OFFER, id)).collect();
        let titles_of = |id: &str| TITLES.iter().find(|(k, _)| *k == id).map(|(_, t)| *t);
        let titles = pathways.iter().map(|id| titles_of(id).unwrap_or(TITLES[1].1)).collect();
        let wbl = pathways
            .iter()
            .map(|id| WBL.iter().find(|(k, _)| k == id).map_or(&["internship"][..], |(_, w)| *w))
            .collect();
        Vocabulary {
            pathways,
            foundation,
            competencies,
            ids,
            depths,
            credentials,
            all_credentials,
            offer,
            titles,
            shared_titles: TITLES[0].1,
            wbl,
        }
    }
}

/// The kind of statewide file to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Districts of 200-400 courses whose alignments cover most standards (few findings).
    Covered,
    /// Districts of 50 courses with alignments drawn at random (most standards uncovered).
    Gappy,
}

/// Courses per district in the gappy shape.
const GAPPY_COURSES_PER_DISTRICT: usize = 50;

/// Writes a catalog of `rows` courses (plus the header) to `out`, in `districts` districts
/// (default: one per 300 rows).
pub fn write(
    rows: usize,
    seed: u64,
    districts: Option<usize>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    write_shaped(rows, seed, districts, Shape::Covered, out)
}

/// [`write`], in the given shape.
pub fn write_shaped(
    rows: usize,
    seed: u64,
    districts: Option<usize>,
    shape: Shape,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let set = cte_align::load::standards::load_builtin().map_err(std::io::Error::other)?;
    let vocab = Vocabulary::new(&set);
    let mut rng = Rng::new(seed);
    if shape == Shape::Gappy {
        return write_gappy(&vocab, &mut rng, rows, districts, out);
    }
    let n_districts = districts.unwrap_or(rows.div_ceil(COURSES_PER_DISTRICT)).max(1);
    // District sizes: 200-400 each, scaled to sum to `rows`.
    let weights: Vec<usize> = (0..n_districts).map(|_| 200 + rng.below(201)).collect();
    let total: usize = weights.iter().sum();
    let mut sizes: Vec<usize> = weights.iter().map(|&w| rows * w / total).collect();
    let short = rows - sizes.iter().sum::<usize>();
    for s in sizes.iter_mut().take(short) {
        *s += 1;
    }
    // District names in a shuffled order, so neighbouring districts look unrelated.
    let mut order: Vec<usize> = (0..n_districts).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    out.write_all(HEADER.as_bytes())?;
    let mut buf = String::with_capacity(1 << 16);
    for (d, &size) in sizes.iter().enumerate() {
        district(&vocab, &mut rng, &district_name(order[d]), size, &mut buf);
        out.write_all(buf.as_bytes())?;
        buf.clear();
    }
    Ok(())
}

/// The gappy shape: `rows` courses in districts of 50 (or `districts` of equal size).
fn write_gappy(
    v: &Vocabulary,
    rng: &mut Rng,
    rows: usize,
    districts: Option<usize>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let n_districts = districts.unwrap_or(rows.div_ceil(GAPPY_COURSES_PER_DISTRICT)).max(1);
    out.write_all(HEADER.as_bytes())?;
    let mut buf = String::with_capacity(1 << 16);
    for d in 0..n_districts {
        let size = rows / n_districts + usize::from(d < rows % n_districts);
        gappy_district(v, rng, &district_name(d), size, &mut buf);
        out.write_all(buf.as_bytes())?;
        buf.clear();
    }
    Ok(())
}

/// One gappy district: each course in one pathway, with 8 of that pathway's required
/// standards (foundation and its own competencies) at random depths.
fn gappy_district(v: &Vocabulary, rng: &mut Rng, name: &str, courses: usize, buf: &mut String) {
    let mut scratch: Vec<StandardIdx> = Vec::with_capacity(128);
    let mut chosen: Vec<(StandardIdx, usize)> = Vec::with_capacity(ALIGNMENTS);
    let mut pool: Vec<StandardIdx> = Vec::with_capacity(128);
    for k in 0..courses {
        let p = rng.below(v.pathways.len());
        let level = 1 + rng.below(4);
        pool.clear();
        pool.extend_from_slice(&v.foundation);
        pool.extend_from_slice(&v.competencies[p]);
        chosen.clear();
        pick_distinct(rng, &pool, ALIGNMENTS, &mut scratch, &mut chosen, level);
        chosen.sort_unstable();
        let (title, sced) = *rng.pick(v.titles[p]);
        let _ = write!(
            buf,
            "{name},HS{level}{k:03},{title}{},{},{level},1.0,{sced},",
            LEVEL_SUFFIX[level], v.pathways[p]
        );
        push_alignments(v, &chosen, buf);
        buf.push_str(",,\n");
    }
}

/// The whole catalog as a string (for benches and tests).
pub fn generate(rows: usize, seed: u64, districts: Option<usize>) -> String {
    let mut out = Vec::with_capacity(rows * 140 + HEADER.len());
    // Writing to a Vec cannot fail; the built-in standards are valid (a test keeps them so).
    if write(rows, seed, districts, &mut out).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Appends one district's courses to `buf`.
fn district(v: &Vocabulary, rng: &mut Rng, name: &str, courses: usize, buf: &mut String) {
    let n = v.pathways.len();
    // The pathways it offers (the first always), and a few standards it never gets to.
    let offered: Vec<usize> = (0..n).filter(|&p| p == 0 || rng.chance(v.offer[p].0)).collect();
    let weights: Vec<u32> = offered.iter().map(|&p| v.offer[p].1).collect();
    let taught = |pool: &[StandardIdx], rng: &mut Rng| -> Vec<StandardIdx> {
        let kept: Vec<StandardIdx> = pool.iter().copied().filter(|_| !rng.chance(0.04)).collect();
        if kept.len() < ALIGNMENTS { pool.to_vec() } else { kept }
    };
    let foundation = taught(&v.foundation, rng);
    let competencies: Vec<Vec<StandardIdx>> = v.competencies.iter().map(|c| taught(c, rng)).collect();
    let mut candidates: Vec<StandardIdx> = Vec::with_capacity(128);
    let mut chosen: Vec<(StandardIdx, usize)> = Vec::with_capacity(ALIGNMENTS);
    for k in 0..courses {
        // Which pathways the course counts for: shared by all, cross-listed in two, or one.
        let roll = rng.below(100);
        let course_pathways: Vec<usize> = if roll < 10 {
            Vec::new()
        } else if roll < 14 && offered.len() >= 2 {
            let a = rng.below(offered.len());
            let b = (a + 1 + rng.below(offered.len() - 1)) % offered.len();
            let mut two = vec![offered[a], offered[b]];
            two.sort_unstable();
            two
        } else {
            vec![offered[rng.weighted(&weights)]]
        };
        let shared = course_pathways.is_empty();
        let level = if shared { 1 + rng.weighted(&[60, 40]) } else { 1 + rng.weighted(&[25, 35, 28, 12]) };
        // Alignments: foundation standards, then the pathways' own competencies.
        candidates.clear();
        chosen.clear();
        let n_foundation = if shared { ALIGNMENTS } else { 2 + rng.below(3) };
        pick_distinct(rng, &foundation, n_foundation, &mut candidates, &mut chosen, level);
        let mut own: Vec<StandardIdx> = Vec::new();
        for &p in &course_pathways {
            own.extend_from_slice(&competencies[p]);
        }
        pick_distinct(rng, &own, ALIGNMENTS - chosen.len(), &mut candidates, &mut chosen, level);
        chosen.sort_unstable();
        let pathway_main = course_pathways.first().copied();
        let (title, sced) = match pathway_main {
            None => *rng.pick(v.shared_titles),
            Some(p) => *rng.pick(v.titles[p]),
        };
        // District, course number, title, pathway, level, credits, SCED code.
        let _ = write!(buf, "{name},HS{level}{k:03},{title}{},", LEVEL_SUFFIX[level]);
        if shared {
            buf.push('*');
        }
        for (i, &p) in course_pathways.iter().enumerate() {
            if i > 0 {
                buf.push_str("; ");
            }
            buf.push_str(&v.pathways[p]);
        }
        let credits = match rng.below(100) {
            0..20 if level < 4 => "0.5",
            80.. => "2.0",
            _ => "1.0",
        };
        let _ = write!(buf, ",{level},{credits},{sced},");
        push_alignments(v, &chosen, buf);
        buf.push(',');
        // Credentials: advanced courses often prepare for one; shared ones now and then for CPR.
        let credential = match pathway_main {
            None if rng.chance(0.08) && !v.all_credentials.is_empty() => Some(rng.pick(&v.all_credentials)),
            Some(p) if level >= 3 && rng.chance(0.45) && !v.credentials[p].is_empty() => {
                Some(rng.pick(&v.credentials[p]))
            }
            Some(p) if level == 2 && rng.chance(0.08) && !v.credentials[p].is_empty() => {
                Some(rng.pick(&v.credentials[p]))
            }
            _ => None,
        };
        if let Some(c) = credential {
            buf.push_str(c);
            if rng.chance(0.1) && !v.all_credentials.is_empty() {
                buf.push_str("; ");
                buf.push_str(rng.pick::<String>(&v.all_credentials));
            }
        }
        buf.push(',');
        // Work-based learning: most capstones, some advanced courses, a little job shadowing.
        if let Some(p) = pathway_main {
            let odds = [0.0, 0.03, 0.03, 0.25, 0.7][level];
            if rng.chance(odds) {
                buf.push_str(if level <= 2 { "job shadowing" } else { rng.pick::<&str>(v.wbl[p]) });
            }
        }
        buf.push('\n');
    }
}

/// Appends the standards cell's items: `FS-1.1:I;TS-2.3:R`.
fn push_alignments(v: &Vocabulary, chosen: &[(StandardIdx, usize)], buf: &mut String) {
    for (i, &(s, depth)) in chosen.iter().enumerate() {
        if i > 0 {
            buf.push(';');
        }
        let _ = write!(buf, "{}:{}", v.ids[s as usize], v.depths[depth.min(v.depths.len() - 1)]);
    }
}

/// Adds up to `count` standards from `pool` that are not chosen yet, each with a depth drawn
/// for the course's level (introductory courses introduce, capstones master).
fn pick_distinct(
    rng: &mut Rng,
    pool: &[StandardIdx],
    count: usize,
    scratch: &mut Vec<StandardIdx>,
    chosen: &mut Vec<(StandardIdx, usize)>,
    level: usize,
) {
    scratch.clear();
    scratch.extend(pool.iter().copied().filter(|s| !chosen.iter().any(|(c, _)| c == s)));
    for i in 0..count.min(scratch.len()) {
        let j = i + rng.below(scratch.len() - i);
        scratch.swap(i, j);
        let depth = match level {
            1 => rng.weighted(&[70, 25, 5]),
            2 => rng.weighted(&[20, 60, 20]),
            3 => rng.weighted(&[5, 35, 60]),
            _ => rng.weighted(&[0, 20, 80]),
        };
        chosen.push((scratch[i], depth));
    }
}

/// `--rows N --seed S [--districts D] [--shape covered|gappy]`.
#[allow(dead_code)] // unused where the benches include this file as a module
fn parse_args() -> Result<(usize, u64, Option<usize>, Shape), String> {
    let (mut rows, mut seed, mut districts, mut shape) = (10_000usize, 1u64, None, Shape::Covered);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |v: &str| v.parse::<u64>().map_err(|_| format!("{flag}: not a number: {v}"));
        match flag.as_str() {
            "--rows" => rows = number(&value)? as usize,
            "--seed" => seed = number(&value)?,
            "--districts" => districts = Some(number(&value)?.max(1) as usize),
            "--shape" => {
                shape = match value.as_str() {
                    "covered" => Shape::Covered,
                    "gappy" => Shape::Gappy,
                    _ => return Err(format!("--shape: expected covered or gappy, not {value}")),
                }
            }
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok((rows, seed, districts, shape))
}

#[allow(dead_code)] // unused where the benches include this file as a module
fn main() -> std::process::ExitCode {
    let (rows, seed, districts, shape) = match parse_args() {
        Ok(a) => a,
        Err(message) => {
            let _ = writeln!(
                std::io::stderr(),
                "{message}\nusage: generate_statewide --rows N --seed S [--districts D] [--shape covered|gappy] > catalog.csv"
            );
            return std::process::ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    match write_shaped(rows, seed, districts, shape, &mut out).and_then(|()| out.flush()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "generate_statewide: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
