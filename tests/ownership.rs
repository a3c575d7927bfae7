//! SQL owned by its area: a table is read and written only by the module that owns it; other
//! areas call that module's functions or read the views the owner publishes in a migration
//! (`person_name`, `council_seat`, `stored_file_type`). See docs/adr/0008-the-house.md.

use std::path::Path;

/// Table → the top-level module that owns it.
const OWNERS: &[(&str, &str)] = &[
    ("municipality", "municipality"),
    ("person", "org"),
    ("org_unit", "org"),
    ("position", "org"),
    ("council_term", "council"),
    ("council_member", "council"),
    ("numbering_series", "numbering"),
    ("numbering_assignment", "numbering"),
    ("stored_file", "files"),
    ("audit_log", "audit"),
    ("app_user", "auth"),
    ("role", "auth"),
    ("role_permission", "auth"),
    ("user_role", "auth"),
    ("auth_method", "auth"),
    ("auth_setting", "auth"),
    ("norm", "norms"),
    ("norm_validity", "norms"),
    ("norm_publication", "norms"),
    ("norm_ratification", "norms"),
    ("norm_relation", "norms"),
    ("norm_relation_kind", "norms"),
    ("norm_distribution", "norms"),
    ("strategic_plan", "plans"),
    ("strategic_objective", "plans"),
    ("strategic_action", "plans"),
    ("plan_indicator", "plans"),
    ("plan_indicator_value", "plans"),
    ("operational_plan", "plans"),
    ("operational_activity", "plans"),
    ("operational_programme", "plans"),
    ("operational_target", "plans"),
    ("operational_execution", "plans"),
    ("operational_report", "plans"),
    ("plan_report", "plans"),
    ("backup_settings", "backup"),
    ("followup_status", "followup"),
    ("followup_item", "followup"),
    ("followup_milestone", "followup"),
    ("info_request", "followup"),
    ("citizen_complaint", "followup"),
    ("tied_ballot", "sessions"),
    ("search_text", "search"),
    ("instrument_type", "instruments"),
    ("instrument", "instruments"),
    ("instrument_version", "instruments"),
];

/// (module, table): reads another area still makes of a table it does not own, to be replaced
/// by the owner's functions or a view it publishes. Empty: keep it so.
const KNOWN_READS: &[(&str, &str)] = &[];

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `sql` touches `table` (as a whole word after FROM, JOIN, INTO or UPDATE).
fn touches(sql: &str, table: &str) -> bool {
    ["FROM ", "JOIN ", "INTO ", "UPDATE "].iter().any(|kw| {
        sql.match_indices(&format!("{kw}{table}")).any(|(at, m)| {
            sql[at + m.len()..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
        })
    })
}

#[test]
fn tables_are_touched_only_by_their_owner() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut wrong = Vec::new();
    let mut seen = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src");
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(&file).expect("text");
        for (table, owner) in OWNERS {
            if KNOWN_READS.contains(&(module.as_str(), table)) && touches(&text, table) {
                seen.push((module.clone(), *table));
            }
            if module != *owner
                && touches(&text, table)
                && !KNOWN_READS.contains(&(module.as_str(), table))
            {
                wrong.push(format!(
                    "{} touches {table} (owned by {owner})",
                    rel.display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    for (module, table) in KNOWN_READS {
        assert!(
            seen.iter().any(|(m, t)| m == module && t == table),
            "{module} no longer reads {table}: remove it from KNOWN_READS"
        );
    }
}

#[test]
fn the_reader_matches_whole_table_names() {
    assert!(touches("SELECT 1 FROM person WHERE", "person"));
    assert!(!touches("SELECT 1 FROM person_name WHERE", "person"));
    assert!(touches("UPDATE norm SET", "norm"));
    assert!(!touches("INSERT INTO norm_article", "norm"));
}
