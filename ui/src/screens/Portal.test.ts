import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Portal from "./Portal.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real } from "../test/ipc";
import type { PortalExported } from "../lib/bindings/PortalExported";

const done: PortalExported = {
  path: "/media/usb/portal",
  norms: 51,
  actas: 22,
  reports: 1,
  pages: 11,
  pdfs: 74,
  pdfs_written: 2,
  pdfs_kept: 72,
  pdfs_removed: 1,
  without_pdf: 0,
};

describe("Portal de transparencia", () => {
  it("says what is published, publishes into the chosen folder and shows what it wrote", async () => {
    app.municipality = municipality;
    const user = userEvent.setup();
    const sent = fakeCore({ "portal.export": () => done }, { pick_folder: () => "/media/usb/portal" });
    render(Portal);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Portal de transparencia");
    expect(screen.getByTestId("portal-contents")).toHaveTextContent("sin efecto hasta su publicación");
    expect(screen.getByTestId("portal-contents")).toHaveTextContent("actas aprobadas del Concejo");
    const publish = screen.getByTestId("portal-publish") as HTMLButtonElement;
    expect(publish.disabled).toBe(true);

    await user.click(screen.getByTestId("portal-folder-pick"));
    expect(screen.getByTestId("portal-folder")).toHaveTextContent("/media/usb/portal");
    await user.click(publish);
    await waitFor(() => expect(screen.getByTestId("portal-result")).toBeInTheDocument());
    expect(real(sent, "portal.export")[0].params).toEqual({ dir: "/media/usb/portal" });
    expect(screen.getByTestId("portal-result-counts")).toHaveTextContent("51 normas, 22 actas, 1 informe");
    expect(screen.getByTestId("portal-result-pdfs")).toHaveTextContent(
      "74 en el portal: 2 escritos (nuevos o cambiados), 72 sin cambios, 1 retirado",
    );
    expect(screen.getByTestId("portal-result-path")).toHaveTextContent("/media/usb/portal");
  });

  it("shows the core's refusal of the folder at the folder", async () => {
    const user = userEvent.setup();
    fakeCore(
      {
        "portal.export": () => {
          throw {
            kind: "validation",
            field: "dir",
            message: "La carpeta «/home/sg/Documentos» no está vacía y no contiene un portal publicado por Cabildo.",
          };
        },
      },
      { pick_folder: () => "/home/sg/Documentos" },
    );
    render(Portal);
    await user.click(screen.getByTestId("portal-folder-pick"));
    await user.click(screen.getByTestId("portal-publish"));
    expect(await screen.findByTestId("portal-folder-error")).toHaveTextContent("no está vacía");
    expect(screen.queryByTestId("portal-result")).toBeNull();
  });

  it("speaks of transparencia activa in Chile", () => {
    app.municipality = { ...municipality, country: "CL", kind: "comuna" };
    fakeCore({});
    render(Portal);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Transparencia activa");
    expect(screen.getByText(/Ley N° 20\.285/)).toBeInTheDocument();
    app.municipality = municipality;
  });

  it("offers no button without the permission", () => {
    app.me = { ...app.me!, permissions: app.me!.permissions.filter((p) => p !== "portal.export") };
    fakeCore({});
    render(Portal);
    expect(screen.queryByTestId("portal-publish")).toBeNull();
    expect(screen.getByTestId("portal-no-permission")).toBeInTheDocument();
  });
});
