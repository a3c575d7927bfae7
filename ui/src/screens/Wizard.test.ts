import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Wizard from "./Wizard.svelte";
import { fakeCore, real, municipality } from "../test/ipc";

describe("Wizard", () => {
  it("creates the municipality with the typed values", async () => {
    const user = userEvent.setup();
    const sent = fakeCore({
      "municipality.create": (p) => ({ ...municipality, ...p }),
    });
    const ondone = vi.fn();
    render(Wizard, { ondone });

    await user.click(screen.getByTestId("wizard-create"));
    await user.type(screen.getByLabelText("Nombre oficial"), "Municipalidad Distrital de Prueba");
    await user.type(screen.getByLabelText("Siglas"), "MDPR");
    await user.selectOptions(screen.getByLabelText("País"), "PE");
    await user.selectOptions(screen.getByLabelText("Tipo"), "distrital");
    await user.click(screen.getByTestId("wizard-submit"));

    await waitFor(() => expect(ondone).toHaveBeenCalled());
    const creates = real(sent, "municipality.create");
    expect(creates).toHaveLength(1);
    expect(creates[0].params).toEqual({
      name: "Municipalidad Distrital de Prueba",
      short_name: "MDPR",
      country: "PE",
      kind: "distrital",
    });
  });

  it("offers comuna only for Chile", async () => {
    const user = userEvent.setup();
    fakeCore({ "municipality.create": () => municipality });
    render(Wizard, { ondone: vi.fn() });
    await user.click(screen.getByTestId("wizard-create"));
    const kind = screen.getByLabelText("Tipo") as HTMLSelectElement;
    expect(Array.from(kind.options).map((o) => o.value)).not.toContain("comuna");
    await user.selectOptions(screen.getByLabelText("País"), "CL");
    expect(Array.from(kind.options).map((o) => o.value)).toEqual(["comuna"]);
    expect(kind.value).toBe("comuna");
  });

  it("shows the core's validation message under the siglas input as you type", async () => {
    const user = userEvent.setup();
    const sent = fakeCore({
      "municipality.create": (p) => {
        if (!String(p.short_name).match(/^[A-Z]{2,10}$/)) {
          throw {
            kind: "validation",
            message: "Las siglas deben tener de 2 a 10 letras mayúsculas.",
            field: "short_name",
          };
        }
        return municipality;
      },
    });
    const ondone = vi.fn();
    render(Wizard, { ondone });
    await user.click(screen.getByTestId("wizard-create"));
    await user.type(screen.getByLabelText("Nombre oficial"), "Municipalidad Distrital de Prueba");
    const siglas = screen.getByLabelText("Siglas");
    await user.type(siglas, "m");

    // The dry run (debounced) brings the message; it sits under the siglas input.
    const msg = await screen.findByText("Las siglas deben tener de 2 a 10 letras mayúsculas.");
    expect(siglas).toHaveAttribute("aria-invalid", "true");
    expect(siglas.getAttribute("aria-describedby")).toBe(msg.id);
    expect(siglas.closest(".field")).toContainElement(msg);
    expect(sent.some((s) => s.method === "municipality.create" && s.dryRun)).toBe(true);
    expect(real(sent, "municipality.create")).toHaveLength(0);

    // On submit the error stays at the field and nothing typed is lost.
    await user.click(screen.getByTestId("wizard-submit"));
    await waitFor(() => expect(real(sent, "municipality.create")).toHaveLength(1));
    expect(ondone).not.toHaveBeenCalled();
    expect(siglas).toHaveValue("m");
    expect(screen.getByLabelText("Nombre oficial")).toHaveValue("Municipalidad Distrital de Prueba");
    expect(screen.getByTestId("error-short_name")).toHaveTextContent("Las siglas deben");

    // Fixing the value clears the message.
    await user.clear(siglas);
    await user.type(siglas, "MDPR");
    await waitFor(() => expect(screen.getByTestId("error-short_name")).not.toBeVisible());
  });

  it("loads the demonstration municipality", async () => {
    const user = userEvent.setup();
    const sent = fakeCore({
      "demo.load": () => ({ municipality: "Demo", units: 10, people: 20, council_members: 9 }),
    });
    const ondone = vi.fn();
    render(Wizard, { ondone });
    await user.click(screen.getByTestId("wizard-demo"));
    await waitFor(() => expect(ondone).toHaveBeenCalled());
    expect(real(sent, "demo.load")[0].params).toEqual({ seed: null, history: null });
  });
});
