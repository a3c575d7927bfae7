import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Norms from "./Norms.svelte";
import { app } from "../lib/app.svelte";
import { dialogs } from "../lib/dialogs.svelte";
import { fakeCore, municipality, real } from "../test/ipc";
import { norm, normInput, normSeries } from "../test/records";
import type { NormSummary } from "../lib/bindings/NormSummary";
import type { FollowupRow } from "../lib/bindings/FollowupRow";
import { deskUnits, encargo, row } from "../test/desk";

/** The encargos given for the sealed ordenanza (followup.of_norm). */
let given: FollowupRow[] = [];

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
    text_status: null,
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
    text_status: null,
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

function core(over: Parameters<typeof fakeCore>[0] = {}) {
  given = [row(4, { number: "Encargo N° 004-2026", unit_name: "Subgerencia de Servicios a la Ciudad", subject: "Difundir la ordenanza", source: "ordenanza" })];
  return fakeCore(
    {
      "numbering.series.list": () => [
        ...normSeries,
        { ...normSeries[0], id: 9, code: "sesion-ordinaria", name: "Sesiones ordinarias" },
      ],
      "search.find": (p) => ({
        hits: summaries
          .filter((n) => (!p.status || (p.status === "sellada") === !!n.identifier) && (!p.kind || n.kind === p.kind))
          .map((n) => ({
            source: "norma",
            id: n.id,
            kind: n.kind,
            identifier: n.identifier,
            title: n.title,
            date: n.date,
            status: n.identifier ? "sellada" : "borrador",
            validity: n.identifier ? "Vigente" : null,
            matched: "",
            passage: [],
          })),
        next: null,
      }),
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
      "followup.of_norm": () => given,
      "org.unit.list": () => deskUnits,
      "rules.get": () => ({ country: "PE", entries: [{ key: "followup.encargo_days", value: "30" }] }),
      "calendar.add_working_days": () => ({ date: "2026-11-20" }),
      "followup.create": (p) => {
        const d = encargo(5, {}, { number: "Encargo N° 005-2026", unit_name: "Gerencia de Desarrollo Urbano", subject: String(p.subject) });
        given = [...given, d.item];
        return d;
      },
      ...over,
    },
    { save_file: (a) => `/home/sg/${String(a.defaultName)}` },
  );
}

describe("Normas", () => {
  it("lists norms with number or «Proyecto» and status badge; filters by status in the core", async () => {
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
    expect(sent.filter((s) => s.method === "search.find").at(-1)?.params).toEqual({
      query: null,
      source: "norma",
      kind: null,
      status: "sellada",
      year: null,
      from: null,
      to: null,
      issuer: null,
      series: null,
      validity: null,
      after: null,
      limit: 25,
    });
  });

  it("searches in the core: the passage found is marked, the reason shown, and «Ver más» asks for the next page", async () => {
    const user = userEvent.setup();
    const hit = (id: number, title: string) => ({
      source: "norma",
      id,
      kind: "ordenanza",
      identifier: `ORDENANZA N° 00${id}-2019-MDPR`,
      title,
      date: "2019-03-0" + id,
      status: "sellada",
      validity: "Derogada",
      matched: "texto",
      passage: [
        { text: "…del servicio de ", hit: false },
        { text: "desagüe", hit: true },
        { text: " en el distrito…", hit: false },
      ],
    });
    const sent = core({
      "search.find": (p) =>
        p.after
          ? { hits: [hit(2, "Regula las conexiones domiciliarias")], next: null }
          : p.query
            ? { hits: [hit(1, "Aprueba el reglamento de saneamiento")], next: "2:123" }
            : { hits: [], next: null },
    });
    render(Norms);
    await user.type(screen.getByTestId("norm-search"), "desague");
    const passage = await screen.findByTestId("norm-passage");
    expect(passage.querySelector("mark")).toHaveTextContent("desagüe");
    expect(screen.getByTestId("norm-matched")).toHaveTextContent("En el texto");
    expect(screen.getByTestId("norm-row-validity")).toHaveTextContent("Derogada");
    await user.click(screen.getByTestId("norm-more"));
    await waitFor(() => expect(screen.getAllByTestId("norm-row")).toHaveLength(2));
    expect(sent.filter((s) => s.method === "search.find").at(-1)?.params).toMatchObject({ query: "desague", after: "2:123" });
    expect(screen.queryByTestId("norm-more")).not.toBeInTheDocument();
  });

  it("a year that is not a year is refused at its field, and the core's refusal is shown at the filter", async () => {
    const user = userEvent.setup();
    core({
      "search.find": (p) => {
        if (p.from && p.to && p.from > p.to) throw { kind: "validation", message: "La fecha final es anterior a la inicial: corríjala.", field: "to" };
        return { hits: [], next: null };
      },
    });
    render(Norms);
    await user.type(screen.getByTestId("norm-filter-year"), "19");
    expect(await screen.findByTestId("norm-filter-error-year")).toHaveTextContent("cuatro cifras");
    expect(screen.getByTestId("norm-filter-year")).toHaveAttribute("aria-invalid", "true");
    await user.clear(screen.getByTestId("norm-filter-year"));
    await user.type(screen.getByTestId("norm-filter-from"), "01052020");
    await user.type(screen.getByTestId("norm-filter-to"), "01052019");
    expect(await screen.findByTestId("norm-filter-error-to")).toHaveTextContent("anterior a la inicial");
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

  it("a sealed ordenanza lists its encargos, and «Encargar a…» sends the source ordenanza with its id", async () => {
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2026-10-09" };
    const user = userEvent.setup();
    const sent = core();
    render(Norms);
    await user.click((await screen.findAllByTestId("norm-row"))[1]);
    const panel = await screen.findByTestId("norm-encargos");
    expect(await within(panel).findByTestId("norm-encargo")).toHaveTextContent("Subgerencia de Servicios a la Ciudad — Difundir la ordenanza");
    expect(real(sent, "followup.of_norm")[0].params).toEqual({ norm_id: 1 });

    await user.click(within(panel).getByTestId("norm-encargar"));
    const dialog = screen.getByTestId("encargo-dialog");
    expect(dialog).toHaveTextContent("ORDENANZA N° 001-2026-MDPR — Ordenanza que regula el comercio ambulatorio");
    expect(within(dialog).queryByTestId("encargo-source")).toBeNull();
    expect(within(dialog).getByTestId("encargo-subject")).toHaveValue("Ordenanza que regula el comercio ambulatorio");
    await user.selectOptions(within(dialog).getByTestId("encargo-unit"), "2");
    await user.type(within(dialog).getByTestId("encargo-days"), "20");
    await user.click(within(dialog).getByTestId("encargo-save"));
    await waitFor(() => expect(real(sent, "followup.create")).toHaveLength(1));
    expect(real(sent, "followup.create")[0].params).toEqual({
      source: "ordenanza",
      norm_id: 1,
      source_ref: "",
      subject: "Ordenanza que regula el comercio ambulatorio",
      detail: "",
      unit_id: 2,
      received_on: "2026-10-09",
      days: 20,
    });
    await waitFor(() => expect(within(panel).getAllByTestId("norm-encargo")).toHaveLength(2));
    expect(screen.queryByTestId("encargo-dialog")).toBeNull();
  });

  describe("what a user may not do is not offered", () => {
    const draft = norm(2, normInput({ series: "resolucion-alcaldia", title: "Aprueba el Plan Anual de Capacitación" }));
    const openBoth = async () => {
      const user = userEvent.setup();
      core({ "norm.get": (p) => (p.id === 2 ? draft : sealed) });
      render(Norms);
      await user.click((await screen.findAllByTestId("norm-row"))[0]);
      expect(await screen.findByTestId("norm-editor")).toBeInTheDocument();
      const title = screen.getByLabelText<HTMLInputElement>("Título o sumilla");
      const editor = {
        title: title.value,
        editable: !title.matches(":disabled"),
        save: screen.queryByTestId("norm-save") !== null,
        discard: screen.queryByTestId("norm-discard") !== null,
        seal: screen.queryByTestId("norm-seal") !== null,
      };
      await user.click(screen.getByTestId("norm-back"));
      await user.click((await screen.findAllByTestId("norm-row"))[1]);
      expect(await screen.findByTestId("record-identifier")).toHaveTextContent("ORDENANZA N° 001-2026-MDPR");
      const record = {
        sign: screen.queryByTestId("record-sign"),
        correct: screen.queryByTestId("norm-correct"),
        copy: screen.queryByTestId("norm-copy"),
        save: screen.queryByTestId("record-save"),
      };
      return { editor, record };
    };

    it("a reader sees the draft not editable, and the sealed norm without signing, correcting or copying", async () => {
      app.me = {
        ...app.me!,
        permissions: ["norm.list", "norm.get", "numbering.series.list", "numbering.preview", "records.pdf", "records.signatures", "records.history", "records.export"],
      };
      const { editor, record } = await openBoth();
      expect(editor).toEqual({
        title: "Aprueba el Plan Anual de Capacitación",
        editable: false,
        save: false,
        discard: false,
        seal: false,
      });
      expect(record.sign).toBeNull();
      expect(record.correct).toBeNull();
      expect(record.copy).toBeNull();
      // Reading is still offered.
      expect(record.save).toBeInTheDocument();
    });

    it("a user with every permission is offered all of it", async () => {
      const { editor, record } = await openBoth();
      expect(editor).toEqual({
        title: "Aprueba el Plan Anual de Capacitación",
        editable: true,
        save: true,
        discard: true,
        seal: true,
      });
      expect(record.sign).toBeInTheDocument();
      expect(record.correct).toBeInTheDocument();
      expect(record.copy).toBeInTheDocument();
    });
  });
});
