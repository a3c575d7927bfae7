import { afterEach, describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Instruments from "./Instruments.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real } from "../test/ipc";
import type { Instrument } from "../lib/bindings/Instrument";
import type { InstrumentSummary } from "../lib/bindings/InstrumentSummary";
import type { InstrumentType } from "../lib/bindings/InstrumentType";
import type { InstrumentVersion } from "../lib/bindings/InstrumentVersion";

const TYPES: InstrumentType[] = [
  { code: "rof", abbreviation: "ROF", name: "Reglamento de Organización y Funciones", approved_by: "Ordenanza municipal", norm_kind: "ordenanza", ratification: null, legal_source: "Ley N° 27972, arts. 9 inc. 3 y 40", mark: "S" },
  { code: "tupa", abbreviation: "TUPA", name: "Texto Único de Procedimientos Administrativos", approved_by: "Ordenanza municipal", norm_kind: "ordenanza", ratification: "En una municipalidad distrital, acuerdo del concejo provincial que ratifica la ordenanza", legal_source: "Ley N° 27972, arts. 40 y 44", mark: "S" },
];

function summary(id: number, title: string, extra: Partial<InstrumentSummary> = {}): InstrumentSummary {
  return { id, type_code: "rof", abbreviation: "ROF", type_name: TYPES[0].name, title, status: "vigente", versions: 1, current_number: 1, current_label: null, current_date: "2024-08-14", ...extra };
}

function version(id: number, number: number, extra: Partial<InstrumentVersion> = {}): InstrumentVersion {
  return {
    id, number, label: null, date: "2023-05-09", status: "vigente", norm_id: null, norm_identifier: null, norm_text: null,
    ratified_by_id: null, ratified_by_identifier: null, ratified_by_text: null, superseded_by: null, superseded_by_number: null,
    file: null, notes: null, ...extra,
  };
}

const TUPA: Instrument = {
  id: 7,
  instrument_type: TYPES[1],
  title: "Texto Único de Procedimientos Administrativos",
  notes: null,
  status: "vigente",
  versions: [
    version(70, 1, {
      status: "derogado", norm_id: 3, norm_identifier: "ORDENANZA MUNICIPAL N° 004-2023-MDPR",
      ratified_by_text: "Acuerdo de Concejo N° 087-2023-MPU", superseded_by: 71, superseded_by_number: 2,
      file: { name: "TUPA 2023.pdf", sha256: "a".repeat(64), mime: "application/pdf", size: 20480 },
    }),
    version(71, 2, { date: "2025-10-03", label: "Adecuación", norm_text: "Decreto de Alcaldía N° 009-2025-MDPR" }),
  ],
  created_at: "2025-01-02T09:00:00-05:00",
  updated_at: "2025-10-03T09:00:00-05:00",
};

function core(extra: Record<string, (p: Record<string, unknown>, dry: boolean) => unknown> = {}) {
  return fakeCore({
    "instrument.type.list": () => TYPES,
    "instrument.list": (p) =>
      p.after
        ? { rows: [summary(9, "Reglamento Z")], next: null, total: 3 }
        : { rows: [summary(1, "Reglamento A"), summary(7, TUPA.title, { type_code: "tupa", abbreviation: "TUPA", current_number: 2, current_label: "Adecuación", current_date: "2025-10-03" })], next: { position: 7, title: "texto", id: 7 }, total: 3 },
    "instrument.get": () => TUPA,
    ...extra,
  });
}

afterEach(() => {
  app.municipality = municipality;
});

describe("Instrumentos de gestión", () => {
  it("lists the core's pages, filters in the core and loads the next page after the cursor", async () => {
    const user = userEvent.setup();
    const sent = core();
    render(Instruments);
    const rows = await screen.findAllByTestId("instrument-row");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent("TUPA");
    expect(rows[1]).toHaveTextContent("Adecuación · 03/10/2025");
    expect(screen.getByTestId("instrument-total")).toHaveTextContent("3 instrumentos");
    expect(real(sent, "instrument.list")[0].params).toEqual({ limit: 50 });

    await user.click(screen.getByTestId("instrument-more"));
    await waitFor(() => expect(screen.getAllByTestId("instrument-row")).toHaveLength(3));
    expect(real(sent, "instrument.list")[1].params).toEqual({ after: { position: 7, title: "texto", id: 7 }, limit: 50 });
    expect(screen.queryByTestId("instrument-more")).toBeNull();

    await user.selectOptions(screen.getByTestId("instrument-filter-type"), "tupa");
    await waitFor(() => expect(real(sent, "instrument.list")).toHaveLength(3));
    await user.selectOptions(screen.getByTestId("instrument-filter-status"), "vigente");
    await user.type(screen.getByTestId("instrument-filter-text"), "único");
    await user.click(screen.getByTestId("instrument-search"));
    await waitFor(() => expect(real(sent, "instrument.list")).toHaveLength(5));
    expect(real(sent, "instrument.list")[4].params).toEqual({ type_code: "tupa", status: "vigente", text: "único", limit: 50 });
  });

  it("shows the TUPA's chain: each version with its norm, the ratification and what replaced it", async () => {
    const user = userEvent.setup();
    core();
    render(Instruments);
    await user.click((await screen.findAllByTestId("instrument-open"))[1]);
    const versions = await screen.findAllByTestId("instrument-version");
    expect(versions).toHaveLength(2);
    expect(versions[0]).toHaveTextContent("Versión 1");
    expect(versions[0]).toHaveTextContent("09/05/2023");
    expect(versions[0]).toHaveTextContent("Derogada");
    expect(versions[0]).toHaveTextContent("Aprobada por: ORDENANZA MUNICIPAL N° 004-2023-MDPR");
    expect(versions[0]).toHaveTextContent("Ratificada por: Acuerdo de Concejo N° 087-2023-MPU");
    expect(versions[0]).toHaveTextContent("Sustituida por la versión 2");
    expect(versions[0]).toHaveTextContent("TUPA 2023.pdf (20 KB)");
    expect(versions[1]).toHaveTextContent("Versión 2 — Adecuación");
    expect(versions[1]).toHaveTextContent("Aprobada por: Decreto de Alcaldía N° 009-2025-MDPR");
    expect(screen.getByTestId("instrument-type-facts")).toHaveTextContent("acuerdo del concejo provincial que ratifica");
    // Only a version en elaboración can be removed.
    expect(within(versions[1]).queryByTestId("version-remove")).toBeNull();
  });

  it("registers a version approved by a sealed norm found in the registry, and says which one gave way", async () => {
    const user = userEvent.setup();
    const approved: Instrument = {
      ...TUPA,
      versions: [
        TUPA.versions[0],
        { ...TUPA.versions[1], status: "derogado", superseded_by: 72, superseded_by_number: 3 },
        version(72, 3, { date: "2026-03-02", norm_id: 15, norm_identifier: "DECRETO DE ALCALDÍA N° 002-2026-MDPR" }),
      ],
    };
    const sent = core({
      "norm.list": () => ({ next: null, rows: [
        { id: 15, kind: "decreto", series: "decreto", date: "2026-03-02", title: "Adecua el TUPA", identifier: "DECRETO DE ALCALDÍA N° 002-2026-MDPR", sealed_at: "x", verification_code: null, signatures: 0, corrects_id: null },
      ] }),
      "instrument.version.add": () => approved,
    });
    render(Instruments);
    await user.click((await screen.findAllByTestId("instrument-open"))[1]);
    await user.click(await screen.findByTestId("version-add"));
    expect(screen.getByTestId("version-supersedes")).toHaveTextContent("la versión 2 quedará derogada");
    const date = screen.getByTestId("version-date");
    await user.clear(date);
    await user.type(date, "02/03/2026");
    await user.type(screen.getByTestId("version-norm-search"), "002-2026");
    const results = await screen.findByTestId("version-norm-results");
    await user.click(within(results).getByText(/DECRETO DE ALCALDÍA N° 002-2026-MDPR/));
    expect(screen.getByTestId("version-norm-chosen")).toHaveTextContent("DECRETO DE ALCALDÍA N° 002-2026-MDPR");
    expect(screen.getByTestId("version-norm-text")).toBeDisabled();
    await user.click(screen.getByTestId("version-save"));

    await waitFor(() => expect(real(sent, "instrument.version.add")).toHaveLength(1));
    expect(real(sent, "instrument.version.add")[0].params).toEqual({
      instrument_id: 7,
      label: null,
      date: "2026-03-02",
      status: "vigente",
      norm_id: 15,
      norm_text: null,
      ratified_by_id: null,
      ratified_by_text: null,
      file_path: null,
      notes: null,
    });
    await waitFor(() => expect(screen.getAllByTestId("instrument-version")).toHaveLength(3));
    expect(screen.getAllByTestId("instrument-version")[1]).toHaveTextContent("Sustituida por la versión 3");
  });

  it("shows the core's Spanish message at the field it names", async () => {
    const user = userEvent.setup();
    core({
      "instrument.version.add": () => {
        throw { kind: "validation", message: "La fecha 01/01/2025 es anterior a la de la versión 2 (del 03/10/2025): registre las versiones en orden, la más antigua primero.", field: "date" };
      },
    });
    render(Instruments);
    await user.click((await screen.findAllByTestId("instrument-open"))[1]);
    await user.click(await screen.findByTestId("version-add"));
    await user.type(screen.getByTestId("version-norm-text"), "Decreto de Alcaldía N° 1");
    await user.click(screen.getByTestId("version-save"));
    const date = screen.getByTestId("version-date");
    await waitFor(() => expect(date).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText(/anterior a la de la versión 2/)).toBeInTheDocument();
  });

  it("a reader sees the instruments and their files, and no button to change them", async () => {
    const user = userEvent.setup();
    app.me = { ...app.me!, permissions: ["instrument.list", "instrument.get", "instrument.type.list", "instrument.file"] };
    core();
    render(Instruments);
    await user.click((await screen.findAllByTestId("instrument-open"))[1]);
    await screen.findAllByTestId("instrument-version");
    expect(screen.queryByTestId("instrument-new")).toBeNull();
    expect(screen.queryByTestId("instrument-edit")).toBeNull();
    expect(screen.queryByTestId("version-add")).toBeNull();
    expect(screen.queryByTestId("version-edit")).toBeNull();
    expect(screen.getAllByTestId("version-save-file")).toHaveLength(1);
  });

  it("speaks as a Chilean comuna: its instruments and its decretos alcaldicios", async () => {
    const user = userEvent.setup();
    app.municipality = { ...municipality, country: "CL", kind: "comuna" };
    core();
    render(Instruments);
    expect(screen.getByText(/PLADECO, reglamento de organización interna/)).toBeInTheDocument();
    await user.click((await screen.findAllByTestId("instrument-open"))[1]);
    await user.click(await screen.findByTestId("version-add"));
    expect(screen.getByTestId("version-norm-text")).toHaveAttribute("placeholder", "Decreto Alcaldicio N° 2.314 de 2024");
    expect(screen.getByText("Aprobación o informe externo (opcional)")).toBeInTheDocument();
    expect(screen.getAllByTestId("instrument-version")[0]).toHaveTextContent("Aprobación externa: Acuerdo de Concejo N° 087-2023-MPU");
  });
});
