//! The house keeps its shape: dependencies between the core's top-level modules run one way
//! (api → areas → shared services → leaf modules) and form no cycle. Read from the source text
//! (`crate::x` paths and `use crate::{…}` groups), so a new arrow that runs back up fails here
//! before anyone has to find it in a graph. `make graph` draws the same modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `src/` and its layer: a module may import only modules of its
/// own layer or of layers below it (a higher number is lower in the house).
const LAYERS: &[(&str, u8)] = &[
    ("api", 0),
    ("demo", 1),
    ("setup", 1),
    ("home", 1),
    ("portal", 1),
    ("sessions", 2),
    ("norms", 2),
    ("copies", 2),
    ("plans", 2),
    ("instruments", 2),
    ("records", 3),
    ("backup", 3),
    ("followup", 3),
    ("search", 3),
    ("db", 4),
    ("audit", 4),
    ("auth", 4),
    ("files", 4),
    ("rules", 4),
    ("municipality", 4),
    ("org", 4),
    ("council", 4),
    ("numbering", 4),
    ("calendar", 4),
    ("xlsx", 4),
    ("sheets", 4),
    ("pdf", 5),
    ("signature", 5),
    ("context", 6),
    ("dates", 6),
    ("error", 6),
    ("ids", 6),
    ("paging", 6),
    ("spanish", 6),
];

/// Top-level module a source file belongs to (`src/sessions/agenda.rs` → `sessions`).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "bin").then(|| name.to_string())
}

/// The top-level modules a source text names through `crate::`.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find("crate::") {
        let start = from + at + "crate::".len();
        from = start;
        if bytes.get(start) == Some(&b'{') {
            // `use crate::{a, b::{c, d}, e}`: the leading name of each item at depth one.
            let mut depth = 0;
            let mut item = String::new();
            let mut items = Vec::new();
            for &b in &bytes[start..] {
                match b {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    b',' if depth == 1 => items.push(std::mem::take(&mut item)),
                    c if depth == 1 => item.push(c as char),
                    _ => {}
                }
            }
            items.push(item);
            for item in items {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = text[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

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

/// Module → the other top-level modules it imports.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let known: BTreeSet<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src");
        let Some(module) = module_of(rel) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("source is text");
        let deps = graph.entry(module.clone()).or_default();
        for name in imports(&text) {
            if name != module && known.contains(name.as_str()) {
                deps.insert(name);
            }
        }
    }
    graph
}

#[test]
fn every_module_has_a_layer() {
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    for module in graph().keys() {
        assert!(
            layers.contains_key(module.as_str()),
            "src/{module} has no layer in tests/architecture.rs: add it where it belongs"
        );
    }
}

#[test]
fn dependencies_run_one_way() {
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let mut wrong = Vec::new();
    for (module, deps) in graph() {
        let own = layers[module.as_str()];
        for dep in deps {
            if layers[dep.as_str()] < own {
                wrong.push(format!("{module} → {dep}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that run back up the house: {wrong:?}"
    );
}

#[test]
fn no_cycle_between_modules() {
    let graph = graph();
    // Depth-first search with colours; a grey node reached again closes a cycle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let at = path.iter().position(|n| n == next).expect("on the path");
                    let mut cycle = path[at..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(next, graph, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            let cycle = visit(node, &graph, &mut state, &mut Vec::new());
            assert!(cycle.is_none(), "cycle: {}", cycle.unwrap().join(" → "));
        }
    }
}

#[test]
fn the_reader_sees_use_groups() {
    let names =
        imports("use crate::{audit, calendar::{a, b}, org};\nlet x = crate::files::read();");
    let expected: BTreeSet<String> = ["audit", "calendar", "org", "files"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, expected);
}

/// `cargo test -q --test architecture -- --ignored --nocapture module_graph`: the graph of the
/// core's top-level modules in Graphviz DOT (pipe it to `dot -Tsvg` to draw it), one arrow per
/// import, grouped in the layers above.
#[test]
#[ignore = "prints the module graph; run it by name"]
fn module_graph() {
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    println!("digraph cabildo {{\n  rankdir=TB; node [shape=box];");
    for layer in 0..=6u8 {
        let names: Vec<&str> = LAYERS
            .iter()
            .filter(|(_, l)| *l == layer)
            .map(|(m, _)| *m)
            .collect();
        println!("  {{ rank=same; {} }}", names.join("; "));
    }
    for (module, deps) in graph() {
        for dep in deps {
            let back = layers[dep.as_str()] < layers[module.as_str()];
            println!(
                "  {module} -> {dep}{};",
                if back { " [color=red]" } else { "" }
            );
        }
    }
    println!("}}");
}
