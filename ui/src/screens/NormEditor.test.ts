import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import NormEditor from "./NormEditor.svelte";
import { app } from "../lib/app.svelte";
import { dialogs } from "../lib/dialogs.svelte";
import { fakeCore, real } from "../test/ipc";
import { norm, normInput, normSeries } from "../test/records";
import type { NormInput } from "../lib/bindings/NormInput";

const preview = () => ({ identifier: "RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR", number: 1, year: 2026 });

function props(over: Record<string, unknown> = {}) {
  return {
    id: 7 as number | null,
    initial: normInput(),
    heading: "Proyecto de resolución",
    seriesList: normSeries,
    nextIdentifier: "RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR",
    onclose: vi.fn(),
    onsealed: vi.fn(),
    ondiscarded: vi.fn(),
    ...over,
  };
}

describe("Editor de normas", () => {
  it("shows the core's error at the article's text, focuses it and keeps what was typed", async () => {
    const user = userEvent.setup();
    const sent = fakeCore({
      "numbering.preview": preview,
      "norm.update": () => {
        throw { kind: "validation", message: "El artículo 2 no tiene texto.", field: "articles[1].text" };
      },
    });
    render(NormEditor, props());
    const title = await screen.findByTestId("norm-title");
    await waitFor(() => expect(title).toHaveValue("Designa al responsable del Libro de Actas"));
    await user.clear(title);
    await user.type(title, "Designa al fedatario");
    await user.click(screen.getByTestId("norm-save"));

    await waitFor(() => expect(real(sent, "norm.update")).toHaveLength(1));
    const text = screen.getByTestId("norm-article-1-text");
    await waitFor(() => expect(screen.getByTestId("error-articles[1].text")).toHaveTextContent("El artículo 2 no tiene texto."));
    expect(text).toHaveAttribute("aria-invalid", "true");
    expect(text).toHaveFocus();
    // The error is announced with the field, and nothing typed was touched.
    expect(text.getAttribute("aria-describedby")).toBe(screen.getByTestId("error-articles[1].text").id);
    expect(title).toHaveValue("Designa al fedatario");
    expect(screen.getByTestId("norm-article-1-title")).toHaveValue("Vigencia");
    expect(screen.getByTestId("error-articles[0].text")).not.toBeVisible();
  });

  it("creates a new norm with every part as typed, then tells what still prevents sealing", async () => {
    const user = userEvent.setup();
    let saved: NormInput | null = null;
    const sent = fakeCore({
      "numbering.preview": preview,
      "norm.create": (p, dry) => {
        if (!dry) saved = p as unknown as NormInput;
        return norm(11, p as unknown as NormInput);
      },
      "norm.seal": () => {
        throw { kind: "validation", message: "La norma necesita al menos un artículo.", field: "articles" };
      },
    });
    render(
      NormEditor,
      props({ id: null, initial: normInput({ title: "", vistos: [], considerandos: [], articles: [], signatories: [] }) }),
    );
    await user.type(await screen.findByTestId("norm-title"), "Aprueba el Plan de Capacitación");
    await user.click(screen.getByTestId("norm-vistos-add"));
    await user.type(screen.getByTestId("norm-vistos-0"), "El Informe N° 1");
    await user.click(screen.getByTestId("norm-signer-add"));
    await user.type(screen.getByTestId("norm-signer-0-name"), "Ana Pérez Ñahui");
    await user.type(screen.getByTestId("norm-signer-0-cargo"), "Alcaldesa");
    await user.keyboard("{Control>}s{/Control}");

    await waitFor(() => expect(real(sent, "norm.create")).toHaveLength(1));
    expect(saved).toMatchObject({
      series: "resolucion-alcaldia",
      session_kind: null,
      date: "2026-11-21",
      title: "Aprueba el Plan de Capacitación",
      vistos: ["El Informe N° 1"],
      considerandos: [],
      articles: [],
      signatories: [{ name: "Ana Pérez Ñahui", cargo: "Alcaldesa", dni: null }],
    });
    // The seal is only tried (dry run), never done.
    await waitFor(() => expect(sent.filter((s) => s.method === "norm.seal")).toHaveLength(1));
    expect(sent.find((s) => s.method === "norm.seal")).toMatchObject({ params: { id: 11 }, dryRun: true });
    expect(await screen.findByTestId("norm-seal-pending")).toHaveTextContent(
      "Para sellar falta: La norma necesita al menos un artículo.",
    );
    expect(screen.getByTestId("error-articles")).toHaveTextContent("La norma necesita al menos un artículo.");
    expect(screen.getByTestId("norm-save-state")).toHaveTextContent("Guardado");
  });

  it("moves a visto down with Alt+↓ and saves the new order", async () => {
    const user = userEvent.setup();
    const sent = fakeCore({
      "numbering.preview": preview,
      "norm.update": (p) => norm(7, (p as { norm: NormInput }).norm),
      "norm.seal": () => ({}),
    });
    render(NormEditor, props({ initial: normInput({ vistos: ["Primero", "Segundo"] }) }));
    const first = await screen.findByTestId("norm-vistos-0");
    await waitFor(() => expect(first).toHaveValue("Primero"));
    first.focus();
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    expect(screen.getByTestId("norm-vistos-0")).toHaveValue("Segundo");
    expect(screen.getByTestId("norm-vistos-1")).toHaveValue("Primero");
    expect(screen.getByTestId("norm-vistos-1")).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Subir Visto 2" }));
    expect(screen.getByTestId("norm-vistos-0")).toHaveValue("Primero");
    await user.click(screen.getByRole("button", { name: "Bajar Visto 1" }));
    await user.click(screen.getByTestId("norm-save"));
    await waitFor(() => expect(real(sent, "norm.update")).toHaveLength(1));
    expect((real(sent, "norm.update")[0].params.norm as NormInput).vistos).toEqual(["Segundo", "Primero"]);
    expect(await screen.findByTestId("norm-seal-ready")).toHaveTextContent("Lista para sellar");
  });

  it("seals only after the confirmation, then hands the sealed norm over", async () => {
    const user = userEvent.setup();
    const sealed = norm(7, normInput(), {
      identifier: "RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR",
      next_identifier: null,
      seal: { digest: "ab".repeat(32), verification_code: "7KQ2M-XW4PA", sealed_at: "2026-11-21T10:10:00-05:00", sealed_by: "admin" },
    });
    const sent = fakeCore({ "numbering.preview": preview, "norm.seal": () => sealed });
    const confirm = vi.spyOn(dialogs, "confirm").mockResolvedValueOnce({ ok: false, reason: "" });
    const p = props();
    render(NormEditor, p);
    await screen.findByTestId("norm-title");
    // Nothing changed since it was opened: no save before sealing.
    await user.click(screen.getByTestId("norm-seal"));
    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    expect(confirm.mock.calls[0][0].message).toContain("RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR");
    expect(confirm.mock.calls[0][0].message).toContain("ya no podrán cambiar");
    expect(real(sent, "norm.seal")).toHaveLength(0);

    confirm.mockResolvedValueOnce({ ok: true, reason: "" });
    await user.click(screen.getByTestId("norm-seal"));
    await waitFor(() => expect(real(sent, "norm.seal")).toHaveLength(1));
    expect(real(sent, "norm.update")).toHaveLength(0);
    await waitFor(() => expect(p.onsealed).toHaveBeenCalledWith(sealed));
  });

  it("a sealing error lands at its field (a signatory's DNI)", async () => {
    const sent = fakeCore({
      "numbering.preview": preview,
      "norm.seal": (_p, dry) => {
        if (dry) return {};
        throw { kind: "validation", message: "El DNI debe tener 8 dígitos.", field: "signatories[0].dni" };
      },
    });
    vi.spyOn(dialogs, "confirm").mockResolvedValue({ ok: true, reason: "" });
    render(NormEditor, props());
    await screen.findByTestId("norm-title");
    await fireEvent.click(screen.getByTestId("norm-seal"));
    await waitFor(() => expect(real(sent, "norm.seal")).toHaveLength(1));
    const dni = screen.getByTestId("norm-signer-0-dni");
    await waitFor(() => expect(dni).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByTestId("error-signatories[0].dni")).toHaveTextContent("El DNI debe tener 8 dígitos.");
    expect(dni).toHaveFocus();
  });

  it("shows the session kind only for series numbered by session, and the identifier it would get", async () => {
    const user = userEvent.setup();
    fakeCore({
      "numbering.preview": (p) => ({
        identifier: p.series === "acuerdo" ? `ACUERDO DE CONCEJO N° 001-2026-${p.session_kind === "extraordinaria" ? "SE" : "SO"}-CM/MDPR` : "X",
        number: 1,
        year: 2026,
      }),
    });
    render(NormEditor, props({ initial: normInput({ series: "acuerdo", session_kind: "ordinaria" }) }));
    const kind = await screen.findByTestId("norm-session-kind");
    await user.selectOptions(kind, "extraordinaria");
    await waitFor(() =>
      expect(screen.getByTestId("norm-next-identifier")).toHaveTextContent("ACUERDO DE CONCEJO N° 001-2026-SE-CM/MDPR"),
    );
    await user.selectOptions(screen.getByTestId("norm-series"), "ordenanza");
    expect(screen.queryByTestId("norm-session-kind")).not.toBeInTheDocument();
  });

  it("asks before leaving for another screen with unsaved changes", async () => {
    const user = userEvent.setup();
    fakeCore({ "numbering.preview": preview, "norm.update": () => ({}) });
    const confirm = vi.spyOn(dialogs, "confirm").mockResolvedValue({ ok: false, reason: "" });
    const { unmount } = render(NormEditor, props());
    const title = await screen.findByTestId("norm-title");
    expect(app.leaveGuard).not.toBeNull();
    expect(await app.leaveGuard!()).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
    await user.type(title, " y otro");
    expect(await app.leaveGuard!()).toBe(false);
    expect(confirm.mock.calls[0][0].title).toBe("Cambios sin guardar");
    unmount();
    expect(app.leaveGuard).toBeNull();
  });
});
