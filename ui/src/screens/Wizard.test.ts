import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Wizard from "./Wizard.svelte";
import { fakeCore, real, municipality } from "../test/ipc";
import { app } from "../lib/app.svelte";
import type { Me } from "../lib/bindings/Me";

const me: Me = {
  id: 1,
  login: "admin",
  name: "Ana Quispe",
  unit_id: null,
  unit_name: null,
  roles: ["Administrador del sistema"],
  permissions: ["municipality.create", "demo.load"],
  unit_only: [],
  must_change: false,
  idle_minutes: 15,
};

describe("Wizard", () => {
  it("creates the administrator first, signs in as them, then asks for the municipality", async () => {
    const user = userEvent.setup();
    app.me = null;
    app.status = null;
    const signIns: unknown[] = [];
    const sent = fakeCore(
      {
        "auth.first_admin": (p) => {
          if (String(p.password).length < 8)
            throw { kind: "validation", message: "La contraseña debe tener al menos 8 caracteres.", field: "password" };
          return { id: 1, login: p.login };
        },
      },
      {
        sign_in: (a) => {
          signIns.push(a);
          return me;
        },
      },
    );
    const onsignedin = vi.fn((m: Me) => {
      app.me = m;
    });
    render(Wizard, { ondone: vi.fn(), onsignedin });
    await user.click(screen.getByTestId("wizard-create"));
    await user.type(screen.getByTestId("wizard-admin-name"), "Ana Quispe");
    await user.type(screen.getByTestId("wizard-admin-password"), "corta");
    await user.type(screen.getByTestId("wizard-admin-again"), "otra");
    await user.click(screen.getByTestId("wizard-admin-submit"));
    expect(await screen.findByText("Las dos contraseñas no coinciden.")).toBeVisible();
    expect(real(sent, "auth.first_admin")).toHaveLength(0);
    await user.clear(screen.getByTestId("wizard-admin-again"));
    await user.type(screen.getByTestId("wizard-admin-again"), "corta");
    await user.click(screen.getByTestId("wizard-admin-submit"));
    await waitFor(() => expect(screen.getByTestId("error-password")).toHaveTextContent("al menos 8"));
    await user.clear(screen.getByTestId("wizard-admin-password"));
    await user.type(screen.getByTestId("wizard-admin-password"), "Clave-segura-1");
    await user.clear(screen.getByTestId("wizard-admin-again"));
    await user.type(screen.getByTestId("wizard-admin-again"), "Clave-segura-1");
    await user.click(screen.getByTestId("wizard-admin-submit"));
    await screen.findByTestId("wizard-form");
    expect(real(sent, "auth.first_admin").at(-1)?.params).toEqual({
      login: "admin",
      name: "Ana Quispe",
      password: "Clave-segura-1",
    });
    expect(signIns).toEqual([{ login: "admin", password: "Clave-segura-1" }]);
    expect(onsignedin).toHaveBeenCalledWith(me);
  });

  it("creates the municipality with the typed values", async () => {
    app.me = me;
    const user = userEvent.setup();
    const sent = fakeCore({
      "municipality.create": (p) => ({ ...municipality, ...p }),
    });
    const ondone = vi.fn();
    render(Wizard, { ondone, onsignedin: vi.fn() });

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
    render(Wizard, { ondone: vi.fn(), onsignedin: vi.fn() });
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
    render(Wizard, { ondone, onsignedin: vi.fn() });
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

  it("loads the demonstration municipality and signs in as its administrator", async () => {
    const user = userEvent.setup();
    app.me = null;
    const sent = fakeCore(
      {
        "demo.load": () => ({
          municipality: "Demo",
          units: 10,
          people: 20,
          council_members: 9,
          users: [{ login: "admin", role: "administrador" }, { login: "consulta", role: "consulta" }],
          password: "cabildo-demo",
        }),
      },
      { sign_in: (a) => ({ ...me, login: String(a.login) }) },
    );
    const ondone = vi.fn();
    const onsignedin = vi.fn();
    render(Wizard, { ondone, onsignedin });
    await user.click(screen.getByTestId("wizard-demo"));
    await waitFor(() => expect(ondone).toHaveBeenCalled());
    expect(real(sent, "demo.load")[0].params).toEqual({ seed: null, history: null, country: "PE" });
    expect(onsignedin).toHaveBeenCalledWith(expect.objectContaining({ login: "admin" }));
  });

  it("offers the Chilean demonstration too", async () => {
    const user = userEvent.setup();
    app.me = null;
    const sent = fakeCore(
      {
        "demo.load": () => ({
          municipality: "Demo",
          units: 23,
          people: 28,
          council_members: 7,
          users: [{ login: "admin", role: "administrador" }],
          password: "cabildo-demo",
        }),
      },
      { sign_in: (a) => ({ ...me, login: String(a.login) }) },
    );
    const ondone = vi.fn();
    render(Wizard, { ondone, onsignedin: vi.fn() });
    expect(screen.getByTestId("wizard-demo")).toHaveTextContent("Municipalidad de demostración: Perú");
    await user.click(screen.getByTestId("wizard-demo-cl"));
    await waitFor(() => expect(ondone).toHaveBeenCalled());
    expect(real(sent, "demo.load")[0].params).toEqual({ seed: null, history: null, country: "CL" });
  });
});
