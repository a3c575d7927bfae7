// End-to-end tests against the real desktop app, the official Tauri way: WebdriverIO talks to
// `tauri-driver` (port 4444), which starts WebKitWebDriver and our binary.
//
// The binary is built beforehand from ui/ with `npx tauri build --debug --no-bundle`. Run under a
// display, e.g. `xvfb-run -a -s "-screen 0 1366x768x24" npm run e2e` (from ui/).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const application = path.resolve(
  here,
  "../..",
  process.env.CABILDO_APP ?? "target/debug/cabildo-app",
);

function tauriDriverPath(): string {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const cargoBin = path.resolve(os.homedir(), ".cargo", "bin", "tauri-driver");
  return existsSync(cargoBin) ? cargoBin : "tauri-driver";
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver no respondió en el puerto ${port}`);
}

// Another run on the same machine would take 4444: TAURI_DRIVER_PORT moves this one.
const driverPort = Number(process.env.TAURI_DRIVER_PORT ?? 4444);

async function portOpen(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.end();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

let tauriDriver: ChildProcess | null = null;
let dataDir: string | null = null;
let ownDir = false;

export const config: WebdriverIO.Config = {
  runner: "local",
  hostname: "127.0.0.1",
  port: driverPort,
  // In this order, one app session each. Foundation and records share one database (see
  // onPrepare): the records spec works in the municipality the foundation spec created. The
  // sessions specs (any "*sessions.e2e.ts") and the plans spec start on a database of their own
  // and load the demonstration municipality.
  specs: [
    "./specs/foundation.e2e.ts",
    "./specs/records.e2e.ts",
    "./specs/sessions.e2e.ts",
    "./specs/commission-sessions.e2e.ts",
    "./specs/committee-sessions.e2e.ts",
    "./specs/plans.e2e.ts",
    "./specs/followup.e2e.ts",
    "./specs/users.e2e.ts",
    "./specs/chile.e2e.ts",
    "./specs/registry.e2e.ts",
  ],
  maxInstances: 1,
  capabilities: [
    {
      // @ts-expect-error tauri-driver's own capability, unknown to the WebDriver typings.
      "tauri:options": { application },
    },
  ],
  logLevel: "warn",
  reporters: ["spec"],
  framework: "mocha",
  mochaOpts: { ui: "bdd", timeout: 120_000 },
  waitforTimeout: 20_000,
  connectionRetryTimeout: 120_000,
  connectionRetryCount: 0,

  // One data folder for the whole run, made here in the launcher: the workers (one per spec)
  // inherit CABILDO_E2E_DIR, so the specs share the database and go on from each other.
  onPrepare() {
    if (!existsSync(application)) {
      throw new Error(
        `No existe ${application}. Compile primero la aplicación desde ui/: npx tauri build --debug --no-bundle`,
      );
    }
    process.env.CABILDO_E2E_DIR = mkdtempSync(path.join(os.tmpdir(), "cabildo-e2e-"));
  },

  onComplete() {
    const dir = process.env.CABILDO_E2E_DIR;
    if (!dir) return;
    if (process.env.CABILDO_E2E_KEEP) console.log(`Datos de la prueba conservados en ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  },

  // The app reads CABILDO_DB, and tauri-driver → WebKitWebDriver → the app inherit this
  // environment. `reloadSession()` restarts the app against the same file (tauri-driver keeps
  // running). CABILDO_TEST_PICKS scripts the native file dialogs (support/picks.ts).
  async beforeSession(_config, _capabilities, specs) {
    ownDir = specs.some(
      (s) =>
        s.includes("sessions.e2e") ||
        s.includes("plans.e2e") ||
        s.includes("users.e2e") ||
        s.includes("followup.e2e") ||
        s.includes("chile.e2e") ||
        s.includes("registry.e2e"),
    );
    dataDir =
      (!ownDir && process.env.CABILDO_E2E_DIR) || mkdtempSync(path.join(os.tmpdir(), "cabildo-e2e-"));
    process.env.CABILDO_DB = path.join(dataDir, "cabildo.db");
    process.env.CABILDO_TEST_PICKS = path.join(dataDir, "picks.txt");
    writeFileSync(process.env.CABILDO_TEST_PICKS, "");
    if (await portOpen(driverPort)) {
      throw new Error(
        `El puerto ${driverPort} ya está en uso (¿otra prueba E2E en curso?). Use TAURI_DRIVER_PORT=otro.`,
      );
    }
    tauriDriver = spawn(
      tauriDriverPath(),
      ["--port", String(driverPort), "--native-port", String(driverPort + 1)],
      { stdio: [null, process.stdout, process.stderr] },
    );
    await waitForPort(driverPort, 15_000);
    // The first-screen timer starts when the session is requested.
    process.env.CABILDO_E2E_T0 = String(Date.now());
  },

  afterSession() {
    tauriDriver?.kill();
    tauriDriver = null;
    // A folder of this worker alone (its own spec, or no launcher) is removed here.
    if (dataDir && (ownDir || !process.env.CABILDO_E2E_DIR) && !process.env.CABILDO_E2E_KEEP) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
