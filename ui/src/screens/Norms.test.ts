import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Norms from "./Norms.svelte";
import { app } from "../lib/app.svelte";
import { dialogs } from "../lib/dialogs.svelte";
import { fakeCore, municipality, real } from "../test/ipc";
import { norm, normInput, normSeries } from "../test/records";
import type { NormSummary } from "../lib/bindings/NormSummary";

const summaries: NormSummary[] = [
  {
    id: 2,
    kind: "resolucion",
    series: "resolucion-alcaldia",
    date: "2026-11-21",
    title: "Aprueba el Plan Anual de Capacitación",
    identifier: null,
    sealed_at: null,
    verification_code: null,
    signatures: 0,
    corrects_id: null,
  },
  {
    id: 1,
    kind: "ordenanza",
    series: "ordenanza",
    date: "2026-10-07",
    title: "Ordenanza que regula el comercio ambulatorio",
    identifier: "ORDENANZA N° 001-2026-MDPR",
    sealed_at: "2026-10-08T10:00:00-05:00",
    verification_code: "Q1QWN-X4VK7",
    signatures: 2,
    corrects_id: null,
  },
];

const sealed = norm(1, normInput({ series: "ordenanza", title: "Ordenanza que regula el comercio ambulatorio" }), {
  kind: "ordenanza",
  identifier: "ORDENANZA N° 001-2026-MDPR",
  next_identifier: null,
  seal: {
    digest: "d4c9b819f90af9f05c96c4d9c790eb0a1c3a57ddd1cd9e4c22ca4616da5e4090",
    verification_code: "Q1QWN-X4VK7",
    sealed_at: "2026-10-08T10:00:00-05:00",
    sealed_by: "admin",
  },
});

function core() {
  return fakeCore(
    {
      "numbering.series.list": () => [
        ...normSeries,
        { ...normSeries[0], id: 9, code: "sesion-ordinaria", name: "Sesiones ordinarias" },
      ],
      "norm.list": (p) =>
        summaries.filter((n) => (!p.status || (p.status === "sellada") === !!n.identifier) && (!p.kind || n.kind === p.kind)),
      "norm.get": () => sealed,
      "norm.template": (p) => ({
        kind: "resolucion",
        kind_label: "RESOLUCIÓN DE ALCALDÍA",
        norm: normInput({ series: String(p.series), title: "", vistos: [], considerandos: [], articles: [] }),
        next_identifier: "RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR",
      }),
      "numbering.preview": () => ({ identifier: "RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR", number: 1, year: 2026 }),
      "records.signatures": () => [],
      "records.history": () => [{ at: "2026-10-08T10:00:00-05:00", actor: "admin", event: "Sellada como ORDENANZA N° 001-2026-MDPR" }],
      "records.pdf": () => ({
        base64: "",
        pages: 1,
        filename: "ORDENANZA-N-001-2026-MDPR.pdf",
        signatures: 0,
        blocks: [{ block: 1, name: "Ana Pérez Ñahui", cargo: "Alcaldesa", signed: false }],
      }),
      "records.export": (p) => ({ path: p.path, pages: 1, bytes: 1000, sha256: "ab" }),
      "norm.correct": () => norm(3, normInput(), { corrects: { id: 1, identifier: "ORDENANZA N° 001-2026-MDPR", title: "x" }, correction_reason: "error material" }),
    },
    { save_file: (a) => `/home/sg/${String(a.defaultName)}` },
  );
}

describe("Normas", () => {
  it("lists norms with number or «Proyecto», status badge and signatures; filters by status", async () => {
    const user = userEvent.setup();
    const sent = core();
    render(Norms);
    const rows = await screen.findAllByTestId("norm-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Proyecto");
    expect(within(rows[0]).getByText("Proyecto", { selector: ".badge" })).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent("ORDENANZA N° 001-2026-MDPR");
    expect(rows[1]).toHaveTextContent("Sellada");
    expect(rows[1]).toHaveTextContent("07/10/2026");
    await user.selectOptions(screen.getByTestId("norm-filter-status"), "sellada");
    await waitFor(() => expect(screen.getAllByTestId("norm-row")).toHaveLength(1));
    expect(sent.filter((s) => s.method === "norm.list").at(-1)?.params).toEqual({ kind: null, status: "sellada", query: null });
  });

  it("a user who may only read norms is not offered «Nueva norma»", async () => {
    app.me = { ...app.me!, permissions: ["norm.list", "norm.get"] };
    core();
    render(Norms);
    await screen.findAllByTestId("norm-row");
    expect(screen.queryByTestId("norm-new")).not.toBeInTheDocument();
  });
  it("«Nueva norma» offers only the norm series and opens the editor from the template", async () => {
    app.municipality = { ...municipality };
    const user = userEvent.setup();
    const sent = core();
    render(Norms);
    await user.click(await screen.findByTestId("norm-new"));
    expect(screen.queryByTestId("norm-series-sesion-ordinaria")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("norm-series-resolucion-alcaldia"));
    expect(await screen.findByTestId("norm-editor")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("RESOLUCIÓN DE ALCALDÍA");
    expect(real(sent, "norm.template")[0].params).toMatchObject({ series: "resolucion-alcaldia" });
    await waitFor(() => expect(screen.getByTestId("norm-next-identifier")).toHaveTextContent("RESOLUCIÓN DE ALCALDÍA N° 001-2026-ALC/MDPR"));
  });

  it("a sealed norm is read-only: seal, history, and «Guardar PDF como…» writes where the clerk chose", async () => {
    const user = userEvent.setup();
    const sent = core();
    render(Norms);
    await user.click((await screen.findAllByTestId("norm-row"))[1]);
    expect(await screen.findByTestId("record-identifier")).toHaveTextContent("ORDENANZA N° 001-2026-MDPR");
    expect(screen.getByTestId("seal-code")).toHaveTextContent("Q1QWN-X4VK7");
    expect(screen.getByTestId("seal-digest")).toHaveTextContent("d4c9b819 f90af9f0");
    expect(await screen.findByTestId("history")).toHaveTextContent("Sellada como ORDENANZA N° 001-2026-MDPR");
    expect(screen.queryByTestId("norm-save")).not.toBeInTheDocument();
    expect(document.querySelectorAll("textarea, input:not([type=search])")).toHaveLength(0);

    await user.click(screen.getByTestId("record-save"));
    await waitFor(() => expect(real(sent, "records.export")).toHaveLength(1));
    expect(real(sent, "records.export")[0].params).toEqual({
      kind: "ordenanza",
      id: 1,
      path: "/home/sg/ORDENANZA-N-001-2026-MDPR.pdf",
    });
  });

  it("«Corregir…» asks the reason and opens the correction draft in the editor", async () => {
    const user = userEvent.setup();
    const sent = core();
    const confirm = vi.spyOn(dialogs, "confirm").mockResolvedValue({ ok: true, reason: "error material" });
    render(Norms);
    await user.click((await screen.findAllByTestId("norm-row"))[1]);
    await user.click(await screen.findByTestId("norm-correct"));
    expect(confirm.mock.calls[0][0].reasonLabel).toBeTruthy();
    await waitFor(() => expect(real(sent, "norm.correct")).toHaveLength(1));
    expect(real(sent, "norm.correct")[0].params).toEqual({ id: 1, reason: "error material" });
    expect(await screen.findByTestId("norm-corrects")).toHaveTextContent("Corrige ORDENANZA N° 001-2026-MDPR: error material");
  });
});
