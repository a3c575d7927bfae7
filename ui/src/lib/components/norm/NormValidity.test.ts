import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import NormValidity from "./NormValidity.svelte";
import { app } from "../../app.svelte";
import { dialogs } from "../../dialogs.svelte";
import { fakeCore, real } from "../../../test/ipc";
import type { NormValidity as View } from "../../bindings/NormValidity";
import type { NormSummary } from "../../bindings/NormSummary";

function view(over: Partial<View> = {}): View {
  return {
    id: 7,
    kind: "ordenanza",
    identifier: "ORDENANZA N° 004-2026-MDPR",
    title: "Regula el comercio ambulatorio",
    date: "2026-03-02",
    sealed: true,
    status: "sin_efecto",
    status_label: "Sin efecto hasta su publicación",
    status_detail: "No surte efecto hasta que se registre su publicación en un medio que le dé vigencia.",
    publication_rule: "yes",
    needs_publication: true,
    publication_flag: null,
    tax_ordinance: false,
    ratification_applies: true,
    needs_ratification: false,
    stated_from: null,
    published_on: null,
    in_force_from: null,
    ended_on: null,
    ended_by: null,
    publications: [],
    ratification: null,
    relations: [],
    distribution: [],
    history: [{ date: "2026-03-02", kind: "emision", text: "Emitida como ORDENANZA N° 004-2026-MDPR" }],
    media: [
      { code: "el_peruano", label: "Diario Oficial El Peruano", gives_effect: true },
      { code: "portal", label: "Portal institucional", gives_effect: false },
    ],
    relation_kinds: [
      { code: "modifica", active: "Modifica a", passive: "Modificada por", effect: "" },
      { code: "deroga_total", active: "Deroga totalmente a", passive: "Derogada totalmente por", effect: "deroga" },
    ],
    ...over,
  };
}

const older: NormSummary = {
  id: 3,
  kind: "ordenanza",
  series: "ordenanza",
  date: "2025-05-10",
  title: "Comercio en la vía pública",
  identifier: "ORDENANZA N° 010-2025-MDPR",
  sealed_at: "2025-05-10T10:00:00-05:00",
  verification_code: "AAAAA-BBBBB",
  signatures: 0,
  corrects_id: null,
  text_status: null,
};

describe("Vigencia y relaciones", () => {
  it("shows the status and records a publication, the core's error at its field first", async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const sent = fakeCore({
      "norm.validity": () => view(),
      "norm.publication.add": (_p, dry) => {
        if (dry) return view();
        attempts++;
        if (attempts === 1) {
          throw { kind: "validation", message: "La fecha de publicación no puede ser anterior a la fecha de la norma (02/03/2026).", field: "published_on" };
        }
        return view({
          status: "vigente",
          status_label: "Vigente",
          status_detail: "Vigente desde el 06/03/2026 (publicada el 05/03/2026).",
          in_force_from: "2026-03-06",
          publications: [
            { id: 1, medium: "el_peruano", medium_label: "Diario Oficial El Peruano", gives_effect: true, published_on: "2026-03-05", reference: "Edición 1234", file_sha256: null, file_name: null },
          ],
        });
      },
    });
    const onstatus = vi.fn();
    render(NormValidity, { normId: 7, onstatus });
    expect(await screen.findByTestId("norm-validity-status")).toHaveTextContent("Sin efecto hasta su publicación");
    expect(onstatus).toHaveBeenCalledWith("Sin efecto hasta su publicación");
    expect(screen.getByTestId("norm-validity-history")).toHaveTextContent("Emitida como ORDENANZA N° 004-2026-MDPR");

    await user.click(screen.getByTestId("norm-publication-add"));
    const date = screen.getByTestId("np-date");
    await user.clear(date);
    await user.type(date, "01/03/2026");
    await user.type(screen.getByTestId("np-reference"), "Edición 1234");
    await user.click(screen.getByTestId("np-save"));
    await waitFor(() => expect(screen.getByTestId("error-published_on")).toHaveTextContent("no puede ser anterior"));
    expect(date).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("np-reference")).toHaveValue("Edición 1234");

    await user.clear(date);
    await user.type(date, "05/03/2026");
    await user.click(screen.getByTestId("np-save"));
    await waitFor(() => expect(real(sent, "norm.publication.add")).toHaveLength(2));
    expect(real(sent, "norm.publication.add")[1].params).toMatchObject({
      id: 7,
      medium: "el_peruano",
      published_on: "2026-03-05",
      reference: "Edición 1234",
      file_path: null,
    });
    expect(await screen.findByTestId("norm-validity-status")).toHaveTextContent("Vigente");
    expect(screen.getByTestId("norm-publication")).toHaveTextContent("05/03/2026 · Diario Oficial El Peruano · Edición 1234");
    expect(onstatus).toHaveBeenLastCalledWith("Vigente");
  });

  it("finds the older norm by typing and records the relation; a refusal shows at the norm", async () => {
    const user = userEvent.setup();
    let tries = 0;
    const sent = fakeCore({
      "norm.validity": () => view(),
      "norm.list": (p) => ({ next: null, rows: String(p.query).includes("010") ? [older, { ...older, id: 7 }] : [] }),
      "norm.relation.add": (p, dry) => {
        if (dry || p.target_id === null) return view();
        tries++;
        if (tries === 1) {
          throw { kind: "validation", message: "ORDENANZA N° 010-2025-MDPR ya fue derogada totalmente por ORDENANZA N° 001-2026-MDPR.", field: "target_id" };
        }
        return view({
          relations: [
            { id: 9, kind: "modifica", direction: "activa", wording: "Modifica a", other: { id: 3, identifier: older.identifier, title: older.title }, other_date: older.date, note: "artículo 2", until_on: null },
          ],
        });
      },
    });
    const onopen = vi.fn();
    render(NormValidity, { normId: 7, onopen });
    await user.click(await screen.findByTestId("norm-relation-add"));
    await user.selectOptions(screen.getByTestId("rel-kind"), "deroga_total");
    await user.type(screen.getByTestId("rel-target"), "010");
    const found = await screen.findAllByTestId("rel-found-item");
    // The norm itself is never offered.
    expect(found).toHaveLength(1);
    await user.click(found[0]);
    expect(screen.getByTestId("rel-target")).toHaveValue("ORDENANZA N° 010-2025-MDPR");
    await user.click(screen.getByTestId("rel-save"));
    await waitFor(() => expect(screen.getByTestId("error-target_id")).toHaveTextContent("ya fue derogada totalmente"));
    expect(real(sent, "norm.relation.add")[0].params).toMatchObject({ id: 7, kind: "deroga_total", target_id: 3 });

    await user.selectOptions(screen.getByTestId("rel-kind"), "modifica");
    await user.type(screen.getByTestId("rel-note"), "artículo 2");
    await user.click(screen.getByTestId("rel-save"));
    const row = await screen.findByTestId("norm-relation");
    expect(row).toHaveTextContent("Modifica a ORDENANZA N° 010-2025-MDPR");
    expect(real(sent, "norm.relation.add")[1].params).toMatchObject({ kind: "modifica", target_id: 3, note: "artículo 2" });
    await user.click(within(row).getByRole("button", { name: "ORDENANZA N° 010-2025-MDPR" }));
    expect(onopen).toHaveBeenCalledWith(3);
  });

  it("shows each unit pending or acknowledged and records an acknowledgement", async () => {
    const user = userEvent.setup();
    const dist = [
      { unit_id: 2, unit_name: "Gerencia de Rentas", sent_on: "2026-03-03", received_on: null, received_by: null, note: null },
      { unit_id: 5, unit_name: "Subgerencia de Fiscalización", sent_on: "2026-03-03", received_on: "2026-03-04", received_by: "Luis Soto", note: null },
    ];
    const sent = fakeCore({
      "norm.validity": () => view({ distribution: dist }),
      "norm.distribution.acknowledge": (p, dry) => {
        if (dry) return view({ distribution: dist });
        return view({ distribution: dist.map((d) => (d.unit_id === 2 ? { ...d, received_on: "2026-03-05", received_by: String(p.received_by) } : d)) });
      },
    });
    vi.spyOn(dialogs, "notify").mockImplementation(() => {});
    render(NormValidity, { normId: 7 });
    expect(await screen.findByTestId("norm-distribution-summary")).toHaveTextContent("1 de 2 pendiente de acuse de recibo.");
    expect(screen.getByTestId("nd-pending")).toBeInTheDocument();
    await user.click(screen.getByTestId("nd-ack"));
    await user.type(screen.getByTestId("na-by"), "Rosa Díaz");
    const on = screen.getByTestId("na-on");
    await user.clear(on);
    await user.type(on, "05/03/2026");
    await user.click(screen.getByTestId("na-save"));
    await waitFor(() => expect(real(sent, "norm.distribution.acknowledge")).toHaveLength(1));
    expect(real(sent, "norm.distribution.acknowledge")[0].params).toMatchObject({
      id: 7,
      unit_id: 2,
      received_on: "2026-03-05",
      received_by: "Rosa Díaz",
      note: null,
    });
    expect(await screen.findByTestId("norm-distribution-summary")).toHaveTextContent("Todas las unidades acusaron recibo.");
  });

  it("asks the ratification of a district tax ordinance", async () => {
    const user = userEvent.setup();
    const pending = view({
      tax_ordinance: true,
      needs_ratification: true,
      status: "pendiente_ratificacion",
      status_label: "Pendiente de ratificación provincial",
    });
    const sent = fakeCore({
      "norm.validity": () => view(),
      "norm.validity.set": (p) => (p.tax_ordinance ? pending : view()),
      "norm.ratification.set": () => pending,
    });
    render(NormValidity, { normId: 7 });
    await user.click(await screen.findByTestId("nv-edit"));
    await user.click(screen.getByTestId("nv-tax"));
    await user.click(screen.getByTestId("nv-save"));
    await waitFor(() => expect(real(sent, "norm.validity.set")).toHaveLength(1));
    expect(real(sent, "norm.validity.set")[0].params).toEqual({
      id: 7,
      needs_publication: null,
      tax_ordinance: true,
      stated_from: null,
    });
    expect(await screen.findByTestId("norm-validity-status")).toHaveTextContent("Pendiente de ratificación provincial");
    expect(screen.getByTestId("norm-ratification-pending")).toBeInTheDocument();
    await user.click(screen.getByTestId("norm-ratify"));
    await user.type(screen.getByTestId("nr-identifier"), "Acuerdo de Concejo N° 100-2026-MPL");
    await user.type(screen.getByTestId("nr-date"), "20/03/2026");
    await user.click(screen.getByTestId("nr-save"));
    await waitFor(() => expect(real(sent, "norm.ratification.set")).toHaveLength(1));
    expect(real(sent, "norm.ratification.set")[0].params).toMatchObject({
      id: 7,
      identifier: "Acuerdo de Concejo N° 100-2026-MPL",
      date: "2026-03-20",
    });
  });

  it("a reader sees the status, the relations and the history, and no button that writes", async () => {
    fakeCore({
      "norm.validity": () =>
        view({
          relations: [
            { id: 9, kind: "modifica", direction: "pasiva", wording: "Modificada por", other: { id: 8, identifier: "ORDENANZA N° 009-2026-MDPR", title: "x" }, other_date: "2026-04-01", note: null, until_on: null },
          ],
          distribution: [{ unit_id: 2, unit_name: "Gerencia de Rentas", sent_on: "2026-03-03", received_on: null, received_by: null, note: null }],
        }),
    });
    app.me = { ...app.me!, permissions: ["norm.validity", "norm.list", "norm.get"] };
    render(NormValidity, { normId: 7 });
    expect(await screen.findByTestId("norm-relation")).toHaveTextContent("Modificada por ORDENANZA N° 009-2026-MDPR");
    for (const id of ["nv-edit", "norm-publication-add", "norm-relation-add", "norm-relation-remove", "norm-distribute", "nd-ack"]) {
      expect(screen.queryByTestId(id)).not.toBeInTheDocument();
    }
  });
});
