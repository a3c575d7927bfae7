// The Tauri CLI run from ui/ with the app in ../src-tauri, on Linux, macOS and Windows alike:
// the two paths are set here because `VAR=value tauri` in package.json needs a POSIX shell and
// npm runs scripts with cmd.exe on Windows.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ui = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.TAURI_APP_PATH ??= path.join(ui, "..", "src-tauri");
process.env.TAURI_FRONTEND_PATH ??= ui;

const cli = createRequire(import.meta.url)("@tauri-apps/cli/main.js");
cli.run(process.argv.slice(2), "npm run tauri").catch((err) => {
  cli.logError(err.message);
  process.exit(1);
});
