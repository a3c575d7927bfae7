import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import FollowupReports from "./FollowupReports.svelte";
import { fakeCore, real } from "../test/ipc";

const unit = { id: 4, name: "Gerencia de Obras", code: "GO" };

describe("Reportes de seguimiento", () => {
  it("previews the chosen report for a month and a unit, as the core prints it", async () => {
    const sent = fakeCore({
      "org.unit.list": () => [unit],
      "followup.report": () => ({ file_name: "r.pdf", path: null, bytes_base64: "JVBERi0=", size: 5, rows: 3 }),
    });
    const user = userEvent.setup();
    render(FollowupReports);
    await user.click(screen.getByTestId("fr-kind-solicitudes"));
    await waitFor(() => expect(screen.getByRole("option", { name: "Gerencia de Obras" })).toBeTruthy());
    await user.selectOptions(screen.getByTestId("fr-month"), "Marzo");
    await user.selectOptions(screen.getByTestId("fr-unit"), "Gerencia de Obras");
    await user.click(screen.getByTestId("fr-preview"));
    await waitFor(() => expect(real(sent, "followup.report").length).toBe(1));
    expect(real(sent, "followup.report")[0].params).toEqual({ kind: "solicitudes", year: new Date().getFullYear(), format: "pdf", month: 3, unit_id: 4 });
  });

  it("shows the core's refusal where the preview would be", async () => {
    fakeCore({
      "org.unit.list": () => [],
      "followup.report": () => {
        throw { kind: "forbidden", message: "Su permiso «Emitir los reportes de seguimiento» se limita a su propia unidad.", field: null };
      },
    });
    const user = userEvent.setup();
    render(FollowupReports);
    await user.click(screen.getByTestId("fr-preview"));
    await waitFor(() => expect(screen.getByText(/se limita a su propia unidad/)).toBeTruthy());
  });
});
