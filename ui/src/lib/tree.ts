// Turn the flat list of organic units into an indented tree, and filter it by a search text.
import type { OrgUnit } from "./bindings/OrgUnit";

export interface TreeRow {
  unit: OrgUnit;
  depth: number;
  /** The unit itself matches the search (ancestors are shown only as context). */
  match: boolean;
  hasChildren: boolean;
}

/** Lowercase without accents, for searching "Gerencia" with "gerencia" or "Órgano" with "organo". */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function childrenMap(units: OrgUnit[]): Map<number | null, OrgUnit[]> {
  const ids = new Set(units.map((u) => u.id));
  const m = new Map<number | null, OrgUnit[]>();
  for (const u of units) {
    // A unit whose parent is missing is shown as a root rather than lost.
    const p = u.parent_id !== null && ids.has(u.parent_id) ? u.parent_id : null;
    const list = m.get(p);
    if (list) list.push(u);
    else m.set(p, [u]);
  }
  for (const list of m.values()) {
    list.sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, "es"));
  }
  return m;
}

/** Depth-first rows, ordered by `sort_order` among siblings; with a query, matches and their ancestors. */
export function buildTree(units: OrgUnit[], query = ""): TreeRow[] {
  const kids = childrenMap(units);
  const q = fold(query.trim());
  const matches = new Set<number>();
  const keep = new Set<number>();
  if (q) {
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units) {
      if (fold(u.name).includes(q) || fold(u.code ?? "").includes(q)) {
        matches.add(u.id);
        let cur: OrgUnit | undefined = u;
        const seen = new Set<number>();
        while (cur && !seen.has(cur.id)) {
          seen.add(cur.id);
          keep.add(cur.id);
          cur = cur.parent_id !== null ? byId.get(cur.parent_id) : undefined;
        }
      }
    }
  }
  const rows: TreeRow[] = [];
  const visited = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const u of kids.get(parent) ?? []) {
      if (visited.has(u.id)) continue;
      visited.add(u.id);
      if (!q || keep.has(u.id)) {
        rows.push({
          unit: u,
          depth,
          match: q ? matches.has(u.id) : true,
          hasChildren: (kids.get(u.id)?.length ?? 0) > 0,
        });
      }
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/** The ids of `id` and all its descendants (a unit cannot be moved under itself). */
export function subtreeIds(units: OrgUnit[], id: number): Set<number> {
  const kids = childrenMap(units);
  const out = new Set<number>([id]);
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop() as number;
    for (const c of kids.get(cur) ?? []) {
      if (!out.has(c.id)) {
        out.add(c.id);
        stack.push(c.id);
      }
    }
  }
  return out;
}

const MINOR_WORDS = new Set(["de", "del", "la", "las", "el", "los", "y", "e", "en", "para", "a"]);

/** A code from a unit's name: "Oficina de Prueba" -> "OP", "Gerencia Municipal" -> "GM". */
export function suggestCode(name: string): string {
  return fold(name)
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !MINOR_WORDS.has(w))
    .map((w) => w[0])
    .join("")
    .toUpperCase()
    .slice(0, 20);
}
