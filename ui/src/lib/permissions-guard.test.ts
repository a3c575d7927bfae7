// The window hides what the signed-in user may not do: every write method a component calls must
// be guarded by `app.can("method")` in that component or in a component that renders it (a file
// that imports it: ApproveDialog approves either plan, each screen guards its own kind). This test reads the sources, so a new button that calls a write
// method without a guard fails here, not in front of a user who then gets a refusal.
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ui = resolve(__dirname, "../..");
const src = join(ui, "src");

/** The write methods: `=> Write` in the core's `methods!` table, and the backup operations. */
function writeMethods(): Set<string> {
  const table = readFileSync(resolve(ui, "../src/api/mod.rs"), "utf8");
  const found = [...table.matchAll(/^\s*"([a-z_.]+)"\s*=>\s*Write\b/gm)].map((m) => m[1]);
  // Outside the table (shell commands `backup_create`, `backup_restore`), with a permission each.
  return new Set([...found, "backup.create", "backup.restore"]);
}

/**
 * Write methods whose whole screen is only for the administrator, or that every signed-in user
 * (or nobody yet) may call: no button to hide.
 */
const ALLOWED = new Set([
  // Signing in and the signed-in user's own password: every user may.
  "auth.sign_in",
  "auth.password.change",
  // The first start (Wizard): nobody is signed in yet.
  "auth.first_admin",
  "municipality.create",
  "demo.load",
  // Usuarios and Roles y permisos (the shell shows them with `user.list`, `role.list`): the
  // administrator's screens, where every action is theirs.
  "auth.settings.set",
  "user.create",
  "user.update",
  "user.password.reset",
  "role.save",
  "role.delete",
  // Copias de seguridad (shown with `backup.settings.get`): the administrator's screen.
  "backup.settings.set",
  "backup.create",
  "backup.restore",
]);

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    // src/test holds harnesses for the tests, not screens.
    if (e.isDirectory()) return p === join(src, "test") ? [] : svelteFiles(p);
    return e.name.endsWith(".svelte") ? [p] : [];
  });
}

/** The write methods a component names: as a string literal (a call, a form, a method chosen in a
 * variable) or as a backup shell command; `app.can("m")` itself does not count. */
function usedWrites(source: string, writes: Set<string>): Set<string> {
  const used = new Set<string>();
  const stripped = source.replace(/app\.can\(\s*"[a-z_.]+"\s*\)/g, "");
  for (const m of stripped.matchAll(/"([a-z_]+(?:\.[a-z_]+)+)"/g)) {
    if (writes.has(m[1])) used.add(m[1]);
  }
  for (const m of stripped.matchAll(/command(?:<[^>]*>)?\(\s*"(backup_create|backup_restore)"/g)) {
    used.add(m[1].replace("_", "."));
  }
  return used;
}

/** The method names of each `const NAME = { key: "method", … }` table in `source`. */
function tablesIn(source: string): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const m of source.matchAll(/const (\w+)(?::[^=]+)? = \{([^}]*)\}/g)) {
    tables.set(m[1], [...m[2].matchAll(/"([a-z_]+(?:\.[a-z_]+)+)"/g)].map((v) => v[1]));
  }
  return tables;
}

/** The tables exported by src/lib/*.ts (the access requests' `ACTION_METHOD`). */
const libTables = new Map(
  readdirSync(join(src, "lib"))
    .filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))
    .flatMap((f) => [...tablesIn(readFileSync(join(src, "lib", f), "utf8"))]),
);

/** The methods `source` asks `app.can` about: by name, or through a table of methods
 * (`app.can(ACTION_METHOD[a])`, `app.can(SAVE.objective)`: every method of that table). */
function guards(source: string): Set<string> {
  const direct = [...source.matchAll(/app\.can\(\s*"([a-z_.]+)"\s*\)/g)].map((m) => m[1]);
  const own = tablesIn(source);
  const tabled = [...source.matchAll(/app\.can\(\s*(\w+)\s*[.[]/g)].flatMap(
    (m) => own.get(m[1]) ?? libTables.get(m[1]) ?? [],
  );
  // The shell's menu shows a screen only when `app.can(entry.needs)`: a screen needed by a write
  // method (Importar normas históricas) is guarded by its menu entry.
  const needs = /app\.can\(\s*\w+\.needs\s*\)/.test(source)
    ? [...source.matchAll(/needs:\s*"([a-z_.]+)"/g)].map((m) => m[1])
    : [];
  return new Set([...direct, ...tabled, ...needs]);
}

/** Which files import each component (by file name: `import X from "…/X.svelte"`). */
function importers(files: Map<string, string>): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const [file, source] of files) {
    for (const m of source.matchAll(/import\s+\w+\s+from\s+"([^"]+\.svelte)"/g)) {
      const target = resolve(dirname(file), m[1]);
      by.set(target, [...(by.get(target) ?? []), file]);
    }
  }
  return by;
}

function unguarded(files: Map<string, string>, writes: Set<string>): string[] {
  const parents = importers(files);
  const problems: string[] = [];
  for (const [file, source] of files) {
    const own = guards(source);
    for (const method of usedWrites(source, writes)) {
      if (ALLOWED.has(method) || own.has(method)) continue;
      const up = parents.get(file) ?? [];
      if (up.some((p) => guards(files.get(p) ?? "").has(method))) continue;
      problems.push(`${relative(src, file)}: ${method}`);
    }
  }
  return problems.sort();
}

describe("write actions are hidden from users without the permission", () => {
  const writes = writeMethods();
  const files = new Map(svelteFiles(src).map((f) => [f, readFileSync(f, "utf8")]));

  it("reads the write methods and the components", () => {
    expect(writes.size).toBeGreaterThan(50);
    expect(writes.has("norm.update")).toBe(true);
    expect(writes.has("norm.get")).toBe(false);
    expect(files.size).toBeGreaterThan(50);
  });

  it("every write method a component uses is guarded by app.can there or where it is rendered", () => {
    expect(unguarded(files, writes)).toEqual([]);
  });

  it("notices a guard that is removed", () => {
    const editor = [...files.keys()].find((f) => basename(f) === "NormEditor.svelte")!;
    expect(unguarded(files, writes)).not.toContain("screens/NormEditor.svelte: norm.delete");
    const copy = new Map(files);
    copy.set(editor, files.get(editor)!.replace(/app\.can\(\s*"norm\.delete"\s*\)/g, "true"));
    expect(unguarded(copy, writes)).toContain("screens/NormEditor.svelte: norm.delete");
  });
});
