// The transparency portal in a real browser: the site `cabildo portal -o DIR` writes, opened
// from the file system (file://) in WebKitGTK's MiniBrowser through WebKitWebDriver, the way a
// citizen opens it from a USB stick. No app, no server.
//
// Needs a display: `xvfb-run -a npx wdio run e2e/portal/wdio.portal.conf.ts` (from ui/), or
// `make test-portal`. The CLI is built beforehand (`cargo build -p cabildo --bin cabildo`).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const cli = path.resolve(root, process.env.CABILDO_CLI ?? "target/debug/cabildo");
const driverBinary = process.env.WEBKIT_WEBDRIVER ?? "/usr/bin/WebKitWebDriver";
const miniBrowser =
  process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
// Away from tauri-driver's 4444/4445, so both suites can run on one machine.
const driverPort = Number(process.env.PORTAL_DRIVER_PORT ?? 4446);

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.end();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver no respondió en el puerto ${port}`);
}

/** The demo municipality with two norms of 2019 from its history, published with the CLI. */
function publishDemo(dir: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, CABILDO_DB: path.join(dir, "cabildo.db") };
  delete env.CABILDO_USER;
  delete env.CABILDO_PASSWORD;
  const run = (args: string[], user = false) =>
    execFileSync(cli, args, {
      env: user ? { ...env, CABILDO_USER: "admin", CABILDO_PASSWORD: "cabildo-demo" } : env,
      stdio: ["ignore", "pipe", "inherit"],
    });
  run(["demo", "--seed", "7"]);
  const originals = path.join(dir, "originales");
  mkdirSync(originals);
  copyFileSync(
    path.join(root, "tests/fixtures/norm_import/libreoffice.pdf"),
    path.join(originals, "ORD-012-2019.pdf"),
  );
  const sheet = path.join(dir, "historia.csv");
  writeFileSync(
    sheet,
    "Tipo;Número;Fecha;Asunto;Archivo\n" +
      "ordenanza;12;12/03/2019;Ordenanza que regula el servicio de desagüe pluvial;ORD-012-2019.pdf\n" +
      "ordenanza;13;20/03/2019;Ordenanza de ornato y limpieza;sin archivo\n",
  );
  run(["import-norms", "--sheet", sheet, "--folder", originals, "--apply"], true);
  const site = path.join(dir, "portal");
  run(["portal", "-o", site], true);
  return site;
}

let driver: ChildProcess | null = null;

export const config: WebdriverIO.Config = {
  runner: "local",
  hostname: "127.0.0.1",
  port: driverPort,
  specs: ["./portal.e2e.ts"],
  maxInstances: 1,
  capabilities: [
    {
      browserName: "MiniBrowser",
      // WebKitWebDriver speaks classic WebDriver only (no BiDi session).
      "wdio:enforceWebDriverClassic": true,
      // @ts-expect-error WebKitWebDriver's own capability, unknown to the WebDriver typings.
      "webkitgtk:browserOptions": { binary: miniBrowser, args: ["--automation"] },
    },
  ],
  logLevel: "warn",
  reporters: ["spec"],
  framework: "mocha",
  mochaOpts: { ui: "bdd", timeout: 60_000 },
  waitforTimeout: 15_000,
  connectionRetryTimeout: 60_000,
  connectionRetryCount: 0,

  // In the launcher: the site first (the workers inherit PORTAL_SITE), then the driver.
  async onPrepare() {
    for (const [what, file] of [
      ["la línea de órdenes de Cabildo (cargo build -p cabildo --bin cabildo)", cli],
      ["WebKitWebDriver (paquete webkit2gtk-driver)", driverBinary],
      ["MiniBrowser (paquete libwebkit2gtk-4.1-0)", miniBrowser],
    ]) {
      if (!existsSync(file)) throw new Error(`Falta ${what}: ${file}`);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), "cabildo-portal-"));
    process.env.PORTAL_DIR = dir;
    process.env.PORTAL_SITE = publishDemo(dir);
    if (await portOpen(driverPort)) {
      throw new Error(`El puerto ${driverPort} ya está en uso: use PORTAL_DRIVER_PORT=otro.`);
    }
    driver = spawn(driverBinary, [`--port=${driverPort}`], { stdio: ["ignore", "inherit", "inherit"] });
    await waitForPort(driverPort, 15_000);
  },

  onComplete() {
    driver?.kill();
    driver = null;
    const dir = process.env.PORTAL_DIR;
    if (dir && !process.env.CABILDO_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.log(`Portal de la prueba conservado en ${dir}`);
  },
};
