//! `cte-align import-case PACKAGE.json -o DIR`: a CASE package -> our YAML (DIR/cluster.yaml
//! and DIR/PREFIX.yaml), checked by loading it back before anything is written.

use crate::Outcome;
use crate::diagnostic::{Diagnostics, InputError};
use crate::load::standards::from_case::{self, CaseTree};
use crate::load::standards::import::{ImportChoice, cluster_yaml, framework_yaml};
use crate::load::standards::{Source, load_sources};
use crate::settings::ImportJob;

pub fn run(job: &ImportJob) -> anyhow::Result<Outcome> {
    let name = job.package.display().to_string();
    let text = crate::load::read_text_limited(&job.package, from_case::MAX_CASE_BYTES)
        .map_err(|d| InputError(Diagnostics::from(d)))?;
    let mut diags = Diagnostics::default();
    let tree = from_case::read_tree(&Source { name, text }, &mut diags);
    let Some(mut tree) = tree.filter(|_| !diags.has_errors()) else {
        diags.sort();
        return Err(InputError(diags).into());
    };
    if let Some(prefix) = &job.prefix {
        tree.prefix = prefix.trim().to_string();
    }
    let (coverage_depth, why) = depth(&tree, job)?;
    let pathways = if job.pathways.is_empty() { vec![tree.prefix.clone()] } else { job.pathways.clone() };
    let choice = ImportChoice { prefix: tree.prefix.clone(), coverage_depth, pathways };
    let cluster = cluster_yaml(&tree, &choice);
    let framework = framework_yaml(&tree, &choice);
    let framework_file = format!("{}.yaml", choice.prefix.to_lowercase());
    // What is written must load: check it as `--standards DIR` will read it.
    let sources = vec![
        Source { name: job.dir.join("cluster.yaml").display().to_string(), text: cluster.clone() },
        Source { name: job.dir.join(&framework_file).display().to_string(), text: framework.clone() },
    ];
    let set = load_sources(sources).map_err(InputError)?;
    let files = [(job.dir.join("cluster.yaml"), cluster), (job.dir.join(&framework_file), framework)];
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| std::fs::symlink_metadata(p).is_ok())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() && !job.force {
        anyhow::bail!("{} already exist(s); pass --force to overwrite", existing.join(", "));
    }
    std::fs::create_dir_all(&job.dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", job.dir.display()))?;
    for (path, text) in &files {
        crate::report::write_new_file(path, text, &job.dir)?;
    }
    let counted = set.required(0).len();
    crate::report::to_stderr(&format!(
        "import-case: framework {} ({} standards), pathway(s) {}; coverage counted at depth \
         {coverage_depth} ({why}; {counted} standards counted); choose with --depth N or \
         --item-type TYPE, --pathway ID, --prefix\n",
        choice.prefix,
        set.standards.len(),
        choice.pathways.join(", "),
    ));
    if let Some(note) = matches_note(&tree) {
        crate::report::to_stderr(&note);
    }
    crate::report::write_stdout(&format!(
        "wrote {}/cluster.yaml and {}/{framework_file}\nnext: cte-align --standards {0} standards\n",
        job.dir.display(),
        job.dir.display()
    ))?;
    Ok(Outcome::Pass)
}

/// What became of the package's `exactMatchOf` / `isRelatedTo` associations, when it has any:
/// crosswalk entries need both of their frameworks loaded, so the YAML written keeps none.
fn matches_note(tree: &CaseTree) -> Option<String> {
    let n = tree.matches.len();
    (n > 0).then(|| {
        format!(
            "import-case: {n} exactMatchOf/isRelatedTo association{} not imported; to credit \
             another framework through {}, load the package itself beside that framework (in a \
             standards directory), or write the mapping in DIR/crosswalks/*.csv\n",
            if n == 1 { " was" } else { "s were" },
            if n == 1 { "it" } else { "them" }
        )
    })
}

/// The coverage depth, and why it was chosen.
fn depth(tree: &CaseTree, job: &ImportJob) -> anyhow::Result<(u8, String)> {
    let levels = tree.levels();
    if let Some(d) = job.depth {
        if d == 0 || d as usize > levels.len() {
            anyhow::bail!("--depth {d} is outside the tree, which is {} levels deep", levels.len());
        }
        return Ok((d, "as given by --depth".to_string()));
    }
    if let Some(wanted) = &job.item_type {
        let mut by_depth = vec![0usize; levels.len()];
        let mut types: Vec<&str> = Vec::new();
        for (i, item) in tree.items.iter().enumerate() {
            let Some(t) = item.item_type.as_deref() else { continue };
            if !types.contains(&t) {
                types.push(t);
            }
            if t.eq_ignore_ascii_case(wanted.trim()) && tree.depth[i] > 0 {
                by_depth[tree.depth[i] as usize - 1] += 1;
            }
        }
        let best = by_depth.iter().enumerate().filter(|(_, n)| **n > 0).max_by_key(|(d, n)| (**n, *d));
        let Some((d, n)) = best else {
            types.sort_unstable();
            anyhow::bail!(
                "no item of the package has CFItemType \"{wanted}\"; its types are: {}",
                if types.is_empty() { "(none)".to_string() } else { types.join(", ") }
            );
        };
        return Ok((d as u8 + 1, format!("where {n} items of type \"{wanted}\" are")));
    }
    let d = from_case::default_depth(tree);
    let (items, coded) = levels.get(d as usize - 1).copied().unwrap_or_default();
    Ok((d, format!("the default: the level with the most coded items, {coded} of its {items}")))
}
