import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SessionLive from "./SessionLive.svelte";
import SessionVote from "./SessionVote.svelte";
import type { SessionDetail } from "../bindings/SessionDetail";
import { fakeCore, real, page } from "../../test/ipc";
import { detail, item, member, session } from "../../test/sessions";
import { deskUnits, encargo } from "../../test/desk";

describe("Sesión en curso", () => {
  it("takes attendance with one key and the quorum panel follows", async () => {
    const user = userEvent.setup();
    const members = [
      member(1, "Zenaida Salazar Ayala", "presente", "alcalde"),
      member(2, "Jorge Luis Flores Cárdenas", "presente"),
      member(3, "Wilber Ticona Condori"),
      member(4, "Rosa Huamán Quispe"),
      member(5, "Edith Mamani Apaza"),
    ];
    const state = { d: detail({ members }) };
    const sent = fakeCore({
      "attendance.set": (p) => {
        const ms = state.d.members.map((m) =>
          Number(m.member_id) === p.member_id ? { ...m, status: String(p.status), arrival: (p.arrival as string) ?? null, note: String(p.note) } : m,
        );
        state.d = detail({ members: ms });
        return state.d;
      },
    });
    const view = render(SessionLive, {
      detail: state.d,
      onchange: (x: SessionDetail) => void view.rerender({ detail: x }),
    });

    expect(screen.getByTestId("q-present")).toHaveTextContent("2");
    expect(screen.getByTestId("q-quorum")).toHaveTextContent("3");
    expect(screen.getByTestId("q-verdict")).toHaveTextContent("SIN QUÓRUM");
    expect(screen.getByTestId("quorum-panel")).not.toHaveClass("ok");

    const rows = screen.getAllByTestId("attendance-row");
    rows[2].focus();
    await user.keyboard("p");
    await waitFor(() => expect(screen.getByTestId("q-present")).toHaveTextContent("3"));
    expect(screen.getByTestId("q-verdict")).toHaveTextContent("HAY QUÓRUM");
    expect(screen.getByTestId("quorum-panel")).toHaveClass("ok");
    const sentP = real(sent, "attendance.set")[0].params;
    expect(sentP).toMatchObject({ session_id: 7, member_id: 3, status: "presente", departure: null, note: "" });
    expect(String(sentP.arrival)).toMatch(/^\d{2}:\d{2}$/);

    // A marks the member absent again: no quorum.
    screen.getAllByTestId("attendance-row")[2].focus();
    await user.keyboard("a");
    await waitFor(() => expect(screen.getByTestId("q-verdict")).toHaveTextContent("SIN QUÓRUM"));
    expect(real(sent, "attendance.set")[1].params).toMatchObject({ member_id: 3, status: "ausente", arrival: null });
    expect(within(screen.getAllByTestId("attendance-row")[2]).getByTestId("attendance-status")).toHaveTextContent("Ausente");
  });
});

describe("Quórum sin el alcalde (Chile)", () => {
  it("counts toward the quorum only the concejales when the rule set says so", () => {
    const members = [
      member(1, "Carolina Flores Condori", "presente", "alcalde"),
      member(2, "Javiera Flores Condori", "presente"),
      member(3, "Matías Huanca Vargas"),
    ];
    render(SessionLive, {
      detail: detail({ members, quorum: 2, quorum_present: 1, has_quorum: false }),
      onchange: () => {},
    });
    expect(screen.getByTestId("q-present")).toHaveTextContent("1");
    expect(screen.getByTestId("quorum-panel")).toHaveTextContent("Presentes sin contar al alcalde");
    expect(screen.getByTestId("q-verdict")).toHaveTextContent("SIN QUÓRUM");
  });
});

describe("Votación", () => {
  const voting = (decision: string) =>
    fakeCore({
      "vote.cast": (p) => ({
        item: item(21, "orden_del_dia", 1, "Dictamen"),
        ballots: [],
        outcome: {
          decision: p.casting ? "aprobado" : decision,
          required: 2,
          tally: { a_favor: 2, en_contra: 1, abstenciones: 0 },
          casting_vote_used: !!p.casting,
          explanation: p.casting
            ? "Empate (2-2); aprobado con el voto dirimente del alcalde."
            : decision === "aprobado"
              ? "Aprobado por mayoría simple: 2 votos a favor, 1 en contra."
              : "Empate (2-2): corresponde el voto dirimente del alcalde.",
        },
      }),
      "session.get": () => detail({ session: session({ status: "en_curso" }) }),
      "vote.adopt": () => ({ id: 3, kind: "acuerdo", identifier: "ACUERDO DE CONCEJO N° 041-2026-MDPR" }),
      "followup.of_norm": () => [],
      "org.unit.list": () => deskUnits,
      "rules.get": () => ({ country: "PE", entries: [] }),
      "calendar.add_working_days": () => ({ date: "2026-12-01" }),
      "followup.create": () => encargo(6, {}, { number: "Encargo N° 006-2026" }),
    });

  it("sends «todos a favor» with one exception, then adopts the agreement", async () => {
    const user = userEvent.setup();
    const sent = voting("aprobado");
    const d = detail({ session: session({ status: "en_curso" }) });
    render(SessionVote, { detail: d, item: d.agenda[0] ?? item(21, "orden_del_dia", 1, "Dictamen"), onvoted: () => {} });

    // The alcalde does not vote (only his casting vote in a tie): three voters present.
    const ballots = screen.getAllByTestId("ballot");
    expect(ballots).toHaveLength(3);
    await user.click(screen.getByTestId("vote-all"));
    await user.click(ballots[1]); // Wilber Ticona: en contra
    expect(ballots[1]).toHaveTextContent("En contra");
    expect(screen.queryByTestId("casting")).toBeNull();
    await user.click(screen.getByTestId("vote-cast"));

    expect(await screen.findByTestId("vote-outcome")).toHaveTextContent("Aprobado por mayoría simple");
    expect(real(sent, "vote.cast")[0].params).toEqual({
      item_id: 21,
      all: "a_favor",
      ballots: [{ member_id: 3, ballot: "en_contra" }],
      casting: null,
    });
    expect(screen.queryByTestId("casting")).toBeNull();

    await user.click(screen.getByTestId("adopt-open"));
    await user.type(screen.getByTestId("adopt-articles"), "APROBAR el dictamen.{Enter}ENCARGAR a la Gerencia Municipal.");
    await user.click(screen.getByTestId("adopt-save"));
    expect(await screen.findByTestId("agreement-number")).toHaveTextContent("ACUERDO DE CONCEJO N° 041-2026-MDPR");
    expect(real(sent, "vote.adopt")[0].params).toEqual({
      item_id: 21,
      articles: ["APROBAR el dictamen.", "ENCARGAR a la Gerencia Municipal."],
    });

    // «Encargar a…» beside the agreement: an encargo from that acuerdo.
    expect(await screen.findByTestId("norm-encargos-empty")).toHaveTextContent("Aún no se encargó a ninguna unidad.");
    expect(real(sent, "followup.of_norm")[0].params).toEqual({ norm_id: 3 });
    await user.click(screen.getByTestId("norm-encargar"));
    const dialog = screen.getByTestId("encargo-dialog");
    expect(dialog).toHaveTextContent("ACUERDO DE CONCEJO N° 041-2026-MDPR — Dictamen");
    await user.selectOptions(within(dialog).getByTestId("encargo-unit"), "1");
    await user.click(within(dialog).getByTestId("encargo-mode-date"));
    await user.type(within(dialog).getByTestId("encargo-due"), "15122026");
    await user.type(within(dialog).getByTestId("encargo-detail"), "Informar al Concejo.");
    await user.click(within(dialog).getByTestId("encargo-save"));
    await waitFor(() => expect(real(sent, "followup.create")).toHaveLength(1));
    expect(real(sent, "followup.create")[0].params).toEqual({
      source: "acuerdo",
      norm_id: 3,
      source_ref: "",
      subject: "Dictamen",
      detail: "Informar al Concejo.",
      unit_id: 1,
      received_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      due_on: "2026-12-15",
    });
  });

  it("offers the alcalde's casting vote only on a tie", async () => {
    const user = userEvent.setup();
    const sent = voting("empate_voto_dirimente");
    const d = detail({ session: session({ status: "en_curso" }) });
    render(SessionVote, { detail: d, item: item(21, "orden_del_dia", 1, "Dictamen"), onvoted: () => {} });
    expect(screen.queryByTestId("casting")).toBeNull();
    const ballots = screen.getAllByTestId("ballot");
    await user.click(ballots[2]);
    await user.click(screen.getByTestId("vote-cast"));
    const casting = await screen.findByTestId("casting");
    expect(screen.getByTestId("vote-outcome")).toHaveTextContent("corresponde el voto dirimente");
    await user.click(within(casting).getByTestId("casting-favor"));
    await waitFor(() => expect(screen.getByTestId("vote-outcome")).toHaveTextContent("aprobado con el voto dirimente"));
    expect(real(sent, "vote.cast")[1].params).toEqual({
      item_id: 21,
      all: "a_favor",
      ballots: [{ member_id: 4, ballot: "en_contra" }],
      casting: "a_favor",
    });
    expect(screen.queryByTestId("casting")).toBeNull();
  });

  it("lets the alcalde cast his own ballot where the rule set makes him vote (two-thirds)", async () => {
    const user = userEvent.setup();
    const sent = voting("aprobado");
    const d = detail({ session: session({ status: "en_curso" }) });
    render(SessionVote, {
      detail: d,
      item: item(22, "orden_del_dia", 2, "Donación del terreno", { majority: "two_thirds_legal" }),
      onvoted: () => {},
    });
    const ballots = screen.getAllByTestId("ballot");
    expect(ballots).toHaveLength(4);
    expect(ballots[0]).toHaveTextContent("Zenaida Salazar Ayala (alcalde)");
    expect(screen.queryByTestId("mayor-note")).toBeNull();
    await user.click(ballots[0]);
    await user.click(screen.getByTestId("vote-cast"));
    await screen.findByTestId("vote-outcome");
    expect(real(sent, "vote.cast")[0].params).toMatchObject({ ballots: [{ member_id: 1, ballot: "en_contra" }] });
  });

  it("says the alcalde only breaks ties on a simple-majority item", () => {
    voting("aprobado");
    const d = detail({ session: session({ status: "en_curso" }) });
    render(SessionVote, { detail: d, item: item(21, "orden_del_dia", 1, "Dictamen"), onvoted: () => {} });
    expect(screen.getByTestId("mayor-note")).toHaveTextContent("solo dirime un empate");
  });

  it("in a comisión the presidente breaks the tie and an approved item is a dictamen, not an acuerdo", async () => {
    const user = userEvent.setup();
    voting("empate_voto_dirimente");
    const members = [
      { ...member(2, "Jorge Luis Flores Cárdenas", "presente"), body_role: "presidente" },
      { ...member(3, "Wilber Ticona Condori", "presente"), body_role: "miembro" },
    ];
    const d = detail({
      members,
      session: session({ status: "en_curso", body_kind: "comision", body_name: "Comisión de Desarrollo Económico" }),
      voting: { tie_rule: "casting_vote", casting_by: "presidente de la comisión, Jorge Luis Flores Cárdenas", mayor_votes_in: [] },
    });
    render(SessionVote, { detail: d, item: item(21, "orden_del_dia", 1, "Dictamen"), onvoted: () => {} });
    await user.click(screen.getAllByTestId("ballot")[1]);
    await user.click(screen.getByTestId("vote-cast"));
    const casting = await screen.findByTestId("casting");
    expect(casting).toHaveTextContent("Voto dirimente del presidente de la comisión, Jorge Luis Flores Cárdenas");
    await user.click(within(casting).getByTestId("casting-favor"));
    expect(await screen.findByTestId("commission-dictamen")).toHaveTextContent("dictamen de la comisión");
    expect(screen.queryByTestId("adopt-open")).toBeNull();
  });
});

describe("Intervenciones", () => {
  it("shows what was said on the item before, when the screen is opened again", async () => {
    fakeCore({
      "intervention.list": (p) =>
        page(
          p.item_id === 21
            ? [{ id: 1, member_id: 2, speaker: "Jorge Luis Flores Cárdenas", text: "Pide que las ferias incluyan a Ñuñunhuayco." }]
            : [],
        ),
    });
    const d = detail({ session: session({ status: "en_curso" }) });
    render(SessionVote, { detail: d, item: item(21, "orden_del_dia", 1, "Dictamen"), onvoted: () => {} });
    await waitFor(() => expect(screen.getByText("Intervenciones (1)")).toBeInTheDocument());
    expect(screen.getByText(/Ñuñunhuayco/)).toBeInTheDocument();
  });
});
