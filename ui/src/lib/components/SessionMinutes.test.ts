import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SessionMinutes from "./SessionMinutes.svelte";
import { fakeCore, real, page } from "../../test/ipc";
import { detail, session } from "../../test/sessions";

const draft = {
  session_id: 7,
  title: "ACTA DE LA SESIÓN ORDINARIA N° 05-2026",
  status: "borrador",
  sections: [
    { heading: "", paragraphs: ["En el distrito de Prueba, siendo las 09:00 horas…"] },
    { heading: "ORDEN DEL DÍA", paragraphs: ["Se aprobó por unanimidad el dictamen."] },
  ],
  observations: "",
  approved_in: null,
  book: null,
  folio_from: null,
  folio_to: null,
  seal: null,
};

describe("Acta", () => {
  it("generates the draft of a concluded session, edits a paragraph and saves the sections", async () => {
    const user = userEvent.setup();
    const sent = fakeCore({
      "minutes.get": () => {
        throw { kind: "not_found", message: "La sesión aún no tiene acta.", field: null };
      },
      "book.list": () => page([]),
      "minutes.generate": () => draft,
      "minutes.update": (p) => ({ ...draft, sections: p.sections }),
    });
    render(SessionMinutes, { detail: detail({ session: session({ status: "concluida" }) }) });
    await user.click(await screen.findByTestId("minutes-generate"));
    expect(await screen.findByTestId("minutes-status")).toHaveTextContent("Borrador");
    expect(screen.getAllByTestId("minutes-section")).toHaveLength(2);

    const p = screen.getByLabelText("Párrafo 1 de la sección 2");
    await user.clear(p);
    await user.type(p, "Se aprobó por mayoría el dictamen.");
    await user.click(screen.getByTestId("minutes-save"));
    await waitFor(() => expect(real(sent, "minutes.update")).toHaveLength(1));
    expect(real(sent, "minutes.update")[0].params).toEqual({
      session_id: 7,
      sections: [draft.sections[0], { heading: "ORDEN DEL DÍA", paragraphs: ["Se aprobó por mayoría el dictamen."] }],
    });
  });

  it("does not offer the draft before the session has concluded", async () => {
    fakeCore({
      "minutes.get": () => {
        throw { kind: "not_found", message: "Sin acta.", field: null };
      },
      "book.list": () => page([]),
    });
    render(SessionMinutes, { detail: detail({ session: session({ status: "en_curso" }) }) });
    expect(await screen.findByTestId("minutes-generate")).toBeDisabled();
  });

  it("shows an approved acta sealed, with its verification code and its folios in the book", async () => {
    fakeCore({
      "minutes.get": () => ({
        ...draft,
        status: "aprobada",
        approved_in: 8,
        book: "LIBRO DE ACTAS N° 01",
        folio_from: 4,
        folio_to: 6,
        seal: { digest: "ab".repeat(32), verification_code: "K7QP-2M4X", sealed_at: "2026-12-03T10:00:00-05:00", sealed_by: "admin" },
      }),
      "book.list": () => page([]),
    });
    render(SessionMinutes, { detail: detail({ session: session({ status: "acta_aprobada" }) }) });
    expect(await screen.findByTestId("minutes-status")).toHaveTextContent("Aprobada");
    expect(screen.getByTestId("minutes-folios")).toHaveTextContent(
      "Aprobada y sellada; asentada en el LIBRO DE ACTAS N° 01, folios del 4 al 6.",
    );
    expect(screen.getByTestId("minutes-seal-code")).toHaveTextContent("K7QP-2M4X");
    expect(screen.queryByTestId("minutes-generate")).toBeNull();
  });
});
