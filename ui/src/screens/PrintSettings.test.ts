import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import PrintSettings from "./PrintSettings.svelte";
import { fakeCore, real } from "../test/ipc";
import type { PrintSettings as Settings } from "../lib/bindings/PrintSettings";

const settings: Settings = {
  paper: "a4",
  margin_top_mm: 25,
  margin_right_mm: 20,
  margin_bottom_mm: 25,
  margin_left_mm: 30,
  letterhead_subtitle: "Provincia de Quispicanchi — Región Cusco",
};

function core() {
  return fakeCore({
    "print.settings.get": () => settings,
    "print.settings.set": (p) => {
      for (const k of ["margin_top_mm", "margin_right_mm", "margin_bottom_mm", "margin_left_mm"]) {
        const v = p[k] as number;
        if (v < 5 || v > 60) throw { kind: "validation", message: "Cada margen debe medir entre 5 y 60 milímetros.", field: k };
      }
      return p;
    },
  });
}

describe("Impresión", () => {
  it("validates a margin as it is typed, at its field", async () => {
    const user = userEvent.setup();
    const sent = core();
    render(PrintSettings);
    const left = await screen.findByTestId("print-margin_left_mm");
    expect(left).toHaveValue(30);
    await user.clear(left);
    await user.type(left, "70");
    await waitFor(
      () => expect(screen.getByTestId("error-margin_left_mm")).toHaveTextContent("entre 5 y 60 milímetros"),
      { timeout: 2000 },
    );
    expect(left).toHaveAttribute("aria-invalid", "true");
    expect(sent.filter((s) => s.method === "print.settings.set" && s.dryRun).length).toBeGreaterThan(0);
    expect(real(sent, "print.settings.set")).toHaveLength(0);
  });

  it("saves paper, margins in millimetres and the letterhead subtitle", async () => {
    const user = userEvent.setup();
    const sent = core();
    render(PrintSettings);
    await user.selectOptions(await screen.findByTestId("print-paper"), "oficio");
    const top = screen.getByTestId("print-margin_top_mm");
    await user.clear(top);
    await user.type(top, "30");
    const sub = screen.getByTestId("print-subtitle");
    await user.clear(sub);
    await user.click(screen.getByTestId("print-save"));
    await waitFor(() => expect(real(sent, "print.settings.set")).toHaveLength(1));
    expect(real(sent, "print.settings.set")[0].params).toEqual({
      paper: "oficio",
      margin_top_mm: 30,
      margin_right_mm: 20,
      margin_bottom_mm: 25,
      margin_left_mm: 30,
      letterhead_subtitle: null,
    });
  });
});
