import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Profile from "./Profile.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real } from "../test/ipc";

describe("Perfil de la municipalidad", () => {
  it("picks a logo with the native dialog and stores it through the core", async () => {
    app.municipality = { ...municipality };
    app.logo = null;
    const user = userEvent.setup();
    let pickArgs: Record<string, unknown> = {};
    const sent = fakeCore(
      {
        "municipality.year_name.list": () => [],
        "municipality.logo.set": () => ({ ...municipality, logo_sha256: "ab" }),
        "municipality.logo.get": () => ({ data_url: "data:image/png;base64,iVBORw0KGgo=" }),
      },
      {
        pick_file: (args) => {
          pickArgs = args;
          return "/home/secretaria/escudo.png";
        },
      },
    );
    render(Profile);
    await user.click(screen.getByTestId("logo-pick"));
    await waitFor(() => expect(real(sent, "municipality.logo.set")).toHaveLength(1));
    expect(real(sent, "municipality.logo.set")[0].params).toEqual({ path: "/home/secretaria/escudo.png" });
    expect(pickArgs.filters).toEqual([{ name: "Imágenes", extensions: ["png", "jpg", "jpeg"] }]);
    expect(await screen.findByAltText("Logo de la municipalidad")).toHaveAttribute(
      "src",
      "data:image/png;base64,iVBORw0KGgo=",
    );
  });

  it("labels the territorial code by country and sends empty optional fields as null", async () => {
    app.municipality = { ...municipality, country: "CL", kind: "comuna", name: "Ilustre Municipalidad de Prueba" };
    const user = userEvent.setup();
    const sent = fakeCore({
      "municipality.year_name.list": () => [],
      "municipality.update": (p) => ({ ...municipality, ...p, country: "CL" }),
    });
    render(Profile);
    const code = screen.getByLabelText("Código comunal");
    await user.type(code, "13101");
    await user.click(screen.getByTestId("profile-save"));
    await waitFor(() => expect(real(sent, "municipality.update")).toHaveLength(1));
    expect(real(sent, "municipality.update")[0].params).toEqual({
      name: "Ilustre Municipalidad de Prueba",
      short_name: "MDPR",
      kind: "comuna",
      territorial_code: "13101",
      address: null,
      phone: null,
      email: null,
      website: null,
    });
    app.municipality = { ...municipality };
  });

  describe("what a user may not do is not offered", () => {
    const show = async () => {
      app.municipality = { ...municipality };
      app.logo = null;
      fakeCore({
        "municipality.year_name.list": () => [{ year: 2025, name: "Año de la recuperación" }],
      });
      render(Profile);
      await screen.findByText("Año de la recuperación");
    };

    it("a reader sees the profile and the year names, not editable", async () => {
      app.me = { ...app.me!, permissions: ["municipality.get", "municipality.year_name.list", "municipality.logo.get"] };
      await show();
      expect(screen.getByTestId("profile-name")).toHaveValue("Municipalidad Distrital de Prueba");
      expect(screen.getByTestId("profile-name")).toBeDisabled();
      expect(screen.getByTestId("profile-website")).toBeDisabled();
      expect(screen.queryByTestId("profile-save")).toBeNull();
      expect(screen.queryByTestId("logo-pick")).toBeNull();
      expect(screen.queryByTestId("year-name-form")).toBeNull();
      expect(screen.queryByRole("button", { name: "Editar" })).toBeNull();
      expect(screen.queryByRole("button", { name: "Quitar" })).toBeNull();
    });

    it("a user with every permission is offered all of it", async () => {
      await show();
      expect(screen.getByTestId("profile-name")).toBeEnabled();
      expect(screen.getByTestId("profile-save")).toBeInTheDocument();
      expect(screen.getByTestId("logo-pick")).toBeInTheDocument();
      expect(screen.getByTestId("year-name-form")).toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Editar" })).toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Quitar" })).toBeInTheDocument();
    });
  });
});
