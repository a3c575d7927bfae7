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
});
