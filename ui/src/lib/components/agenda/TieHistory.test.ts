import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import TieHistory from "./TieHistory.svelte";
import type { TieNote } from "../../bindings/TieNote";
import { fakeCore, real } from "../../../test/ipc";
import { detail, session } from "../../../test/sessions";

const origin = { id: 7, label: "SESIÓN ORDINARIA N° 05-2026", date: "2026-11-24", status: "concluida" } as const;
const round = (n: number) => ({
  round: n,
  session: origin,
  a_favor: 4,
  en_contra: 4,
  abstenciones: 1,
  ballots: [],
});
const tied: TieNote = {
  item_id: 31,
  rounds: [round(1), round(2)],
  from: null,
  to: null,
  carry_by: "2026-11-27",
  targets: [],
} as unknown as TieNote;

describe("Empate que pasa a una nueva sesión", () => {
  it("tells both tied votes and schedules the new session in one step, with the core's message at the date", async () => {
    const user = userEvent.setup();
    const d = detail({ session: session({ status: "concluida" }) });
    let carried: unknown = null;
    const sent = fakeCore({
      "agenda.carry": (p, dryRun) => {
        const ns = p.new_session as { date: string } | undefined;
        if (ns && ns.date > "2026-11-27") {
          throw { kind: "validation", field: "date", message: "La nueva sesión debe celebrarse entre el 25/11/2026 y el 27/11/2026." };
        }
        if (!dryRun) carried = p;
        return detail({ session: session({ id: 8, identifier: null, kind: "extraordinaria", date: ns?.date ?? "", status: "borrador" }) });
      },
    });
    let done = 0;
    render(TieHistory, { detail: d, note: tied, oncarried: () => done++ });

    const rounds = screen.getAllByTestId("tie-round");
    expect(rounds).toHaveLength(2);
    expect(rounds[0]).toHaveTextContent("1.ª votación, empatada: 4 a favor, 4 en contra, 1 abstención");
    expect(screen.getByTestId("tie-due")).toHaveTextContent("hasta el 27/11/2026");

    await user.click(screen.getByTestId("carry-open"));
    // No session is scheduled in the three days: a new one, the day after the tie by default.
    expect(screen.getByTestId("carry-new")).toBeChecked();
    const date = screen.getByTestId("carry-date") as HTMLInputElement;
    await user.clear(date);
    await user.type(date, "28/11/2026");
    await user.click(screen.getByTestId("carry-save"));
    await waitFor(() => expect(screen.getByTestId("error-date")).toHaveTextContent("entre el 25/11/2026 y el 27/11/2026"));
    expect(carried).toBeNull();

    await user.clear(date);
    await user.type(date, "26/11/2026");
    await user.click(screen.getByTestId("carry-save"));
    await waitFor(() => expect(done).toBe(1));
    expect(real(sent, "agenda.carry").at(-1)?.params).toMatchObject({
      item_id: 31,
      new_session: { kind: "extraordinaria", date: "2026-11-26", time: "09:00", place: "Salón consistorial" },
    });
  });

  it("offers a session already scheduled and shows where a carried matter came from", async () => {
    const user = userEvent.setup();
    const sent = fakeCore({
      "agenda.carry": () => detail({ session: session({ id: 9, date: "2026-11-26" }) }),
    });
    const note = {
      ...tied,
      targets: [{ id: 9, label: "sesión extraordinaria", date: "2026-11-26", status: "borrador" }],
    } as unknown as TieNote;
    render(TieHistory, { detail: detail(), note });
    await user.click(screen.getByTestId("carry-open"));
    expect(screen.getByTestId("carry-target")).toBeChecked();
    expect(screen.getByText(/sesión extraordinaria del 26\/11\/2026/)).toBeInTheDocument();
    expect(screen.queryByTestId("carry-date")).toBeNull();
    await user.click(screen.getByTestId("carry-save"));
    await waitFor(() => expect(real(sent, "agenda.carry")).toHaveLength(1));
    expect(real(sent, "agenda.carry")[0].params).toEqual({ item_id: 31, session_id: 9 });
  });

  it("in the new session: where it came from, and no button", () => {
    fakeCore({});
    const note = { ...tied, from: origin, carry_by: null } as unknown as TieNote;
    render(TieHistory, { detail: detail(), note });
    expect(screen.getByTestId("tie-history")).toHaveTextContent("Viene de la SESIÓN ORDINARIA N° 05-2026 (24/11/2026)");
    expect(screen.getByTestId("tie-history")).toHaveTextContent("decide el voto dirimente (Alcalde Zenaida Salazar Ayala)");
    expect(screen.queryByTestId("carry-open")).toBeNull();
  });
});
