// Not a test: loads the demonstration municipality and saves a screenshot of every screen to
// e2e/screenshots/ (for the README and for looking at the UI). `npm run screenshots`.
import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { $, $$, browser } from "@wdio/globals";
import { makePki } from "../support/pki";
import { scriptPicks } from "../support/picks";

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../screenshots");
const sel = (id: string) => `[data-testid="${id}"]`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function shot(name: string) {
  await pause(400);
  await browser.saveScreenshot(path.join(out, `${name}.png`));
}

async function previewReady(scope: string) {
  await browser.waitUntil(
    async () => (await $(`${scope} [data-testid="pdf-preview"]`).getAttribute("data-state")) === "ready",
    { timeout: 30_000 },
  );
}

describe("Recorrido de pantallas", () => {
  it("captura cada pantalla con la municipalidad de demostración", async () => {
    mkdirSync(out, { recursive: true });
    await $(sel("wizard")).waitForDisplayed({ timeout: 60_000 });
    await shot("01-bienvenida");
    await $(sel("wizard-create")).click();
    await $(sel("wizard-admin-password")).setValue("corta");
    await pause(800);
    await shot("02-administrador");
    await $("button=Volver").click();
    await $(sel("wizard-demo")).click();
    await $(sel("shell")).waitForDisplayed({ timeout: 60_000 });

    const rows = await $$(sel("unit-row")).getElements();
    if (rows.length > 2) await rows[2].click();
    await shot("03-unidades");

    const screens = ["people", "council", "profile", "numbering", "calendar", "rules", "audit", "users", "roles", "backups"];
    for (const [i, s] of screens.entries()) {
      await $(sel(`nav-${s}`)).click();
      await pause(300);
      if (s === "people") {
        const p = await $$(sel("person-row")).getElements();
        if (p.length > 0) await p[0].click();
      }
      if (s === "council") {
        const m = await $$(sel("member-status")).getElements();
        if (m.length > 1) await m[1].click();
      }
      if (s === "numbering") {
        const r = await $$(sel("series-row")).getElements();
        if (r.length > 1) await r[1].click();
      }
      await shot(`${String(i + 4).padStart(2, "0")}-${s}`);
    }
  });

  it("captura las normas, las copias certificadas, la firma y la verificación", async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), "cabildo-tour-"));
    // The demo's alcalde signs her own block (the core checks the DNI of the block).
    const pki = makePki(work, { name: "Zenaida Salazar Ayala", dni: "23749621" });
    const signed = path.join(work, "firmada.pdf");

    await $(sel("nav-norms")).click();
    await $(sel("norm-table")).waitForDisplayed();
    await shot("20-normas");
    await $(sel("norm-new")).click();
    await shot("21-nueva-norma");
    await $(sel("norm-series-ordenanza")).click();
    await $(sel("norm-editor")).waitForDisplayed();
    await shot("22-editor-ordenanza-nueva");
    await $(sel("norm-back")).click();

    // The demo's draft: the editor with its content, a field error, and its preview.
    await $(sel("norm-filter-status")).selectByAttribute("value", "borrador");
    await pause(300);
    await $$(sel("norm-row"))[0].$("td").click();
    await $(sel("norm-editor")).waitForDisplayed();
    await $(sel("norm-signer-0-dni")).setValue("1234");
    await $(sel("norm-save")).click();
    await $(sel("error-signatories[0].dni")).waitForDisplayed();
    await shot("23-editor-error-en-campo");
    await $(sel("norm-signer-0-dni")).setValue("23749621");
    await $(sel("norm-preview")).click();
    await previewReady(sel("norm-preview-dialog"));
    await shot("24-editor-vista-previa");
    await $(sel("norm-preview-close")).click();
    await $(sel("norm-back")).click();

    // A sealed norm: seal, preview, signing dialog, signature.
    await $(sel("norm-filter-status")).selectByAttribute("value", "sellada");
    await pause(300);
    await $$(sel("norm-row"))[0].$("td").click();
    await $(sel("record-view")).waitForDisplayed();
    await shot("25-norma-sellada");
    await $(sel("record-preview-open")).click();
    await previewReady(sel("record-preview"));
    await shot("26-norma-sellada-vista-previa");
    scriptPicks(pki.p12);
    await $(sel("record-sign")).click();
    await $(sel("sign-pick")).click();
    await $(sel("sign-file")).waitForDisplayed();
    await $(sel("sign-password")).setValue(pki.password);
    await shot("27-firmar");
    await $(sel("sign-submit")).click();
    await $(sel("signature-row")).waitForDisplayed({ timeout: 30_000 });
    await previewReady(sel("record-preview"));
    // The signature's visible stamp, at the foot of the page.
    await browser.execute(() => {
      const s = document.querySelector('[data-testid="record-preview"] .pdf-scroller');
      if (s) s.scrollTop = s.scrollHeight;
    });
    await shot("28-norma-firmada");
    scriptPicks(signed);
    await $(sel("record-save")).click();
    await pause(1500);

    // Verification before and after trusting the test CA.
    await $(sel("nav-verify")).click();
    await shot("29-verificar");
    scriptPicks(signed);
    await $(sel("verify-pick")).click();
    await $(sel("verify-verdict")).waitForDisplayed({ timeout: 30_000 });
    await shot("30-verificar-indeterminado");
    await $(sel("nav-trust")).click();
    await shot("31-certificados-vacio");
    scriptPicks(pki.ca);
    await $(sel("trust-import")).click();
    await $(sel("trust-row")).waitForDisplayed();
    await shot("32-certificados-de-confianza");
    await $(sel("nav-verify")).click();
    scriptPicks(signed);
    await $(sel("verify-pick")).click();
    await $(sel("verify-verdict")).waitForDisplayed({ timeout: 30_000 });
    await shot("33-verificar-valido");

    await $(sel("nav-copies")).click();
    await $(sel("copy-table")).waitForDisplayed();
    await shot("34-copias");
    await $$(sel("copy-row"))[0].$("td").click();
    await $(sel("record-view")).waitForDisplayed();
    await previewReady(sel("record-preview"));
    await shot("35-copia-certificada");
    await $(sel("record-back")).click();
    await $(sel("copy-new")).click();
    await shot("36-nueva-copia");

    await $(sel("nav-print")).click();
    await $(sel("print-form")).waitForDisplayed();
    await shot("37-impresion");
  });

  it("captura el planeamiento: el PEI con un indicador y el POI físico, financiero y en reprogramación", async () => {
    await $(sel("nav-plan-pei")).click();
    await $(sel("pei-tree")).waitForDisplayed({ timeout: 30_000 });
    await shot("40-pei");
    // The demo's first objective is followed by its indicator.
    const nodes = await $$(sel("pei-node")).getElements();
    if (nodes.length > 1) await nodes[1].click();
    await $(sel("pei-indicator-values")).waitForDisplayed();
    await shot("41-pei-indicador");

    await $(sel("nav-plan-poi")).click();
    await $(sel("grid")).waitForDisplayed({ timeout: 30_000 });
    await shot("42-poi");
    await $(sel("poi-financial")).click();
    await shot("43-poi-financiero");
    await $(sel("poi-physical")).click();
    if (await $(sel("poi-reprogram")).isExisting()) {
      await $(sel("poi-reprogram")).click();
      await shot("44-poi-reprogramar");
      await $(sel("poi-discard")).click();
    }
  });
});
