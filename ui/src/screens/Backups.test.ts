import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Backups from "./Backups.svelte";
import { dialogs } from "../lib/dialogs.svelte";
import { fakeCore, real } from "../test/ipc";
import type { ArchiveInfo } from "../lib/bindings/ArchiveInfo";
import type { BackupSettings } from "../lib/bindings/BackupSettings";

const settings: BackupSettings = {
  enabled: false,
  folder: null,
  keep: 7,
  last_run_at: "2026-11-20T08:00:00-05:00",
  last_ok: false,
  last_message: "No se pudo hacer la copia automática en /media/usb: La carpeta /media/usb no existe o no está conectada.",
  last_archive: null,
  last_success_at: null,
};

const events = {
  "plugin:event|listen": () => 1,
  "plugin:event|unlisten": () => null,
};

function archive(problems: string[]): ArchiveInfo {
  return {
    path: "/home/sg/copia.zip",
    size: 2_500_000,
    manifest: {
      format: "cabildo-copia",
      format_version: 1,
      created_at: "2026-11-19T18:30:00-05:00",
      app_version: "0.1.0",
      schema_version: 16,
      municipality: { name: "Municipalidad Distrital de San Rafael de Quebrada", short_name: "MDSRQ", country: "PE" },
      counts: { session: 25, norm: 52 },
      audit_count: 10,
      audit_hash: "ab",
      entries: [],
      warnings: [],
    },
    file_count: 3,
    files_bytes: 900_000,
    summary: [
      { label: "Sesiones", count: 25 },
      { label: "Normas", count: 52 },
    ],
    problems,
    restorable: problems.length === 0,
  };
}

describe("Copias de seguridad", () => {
  it("makes a copy now through the save dialog and saves the automatic settings with a chosen folder", async () => {
    const user = userEvent.setup();
    let created: Record<string, unknown> = {};
    const sent = fakeCore(
      {
        "backup.settings.get": () => settings,
        "backup.settings.set": (p) => ({ ...settings, ...p }),
      },
      {
        ...events,
        save_file: () => "/media/usb/copia.zip",
        pick_folder: () => "/media/usb",
        backup_create: (a) => {
          created = a;
          return { path: "/media/usb/copia.zip", size: 3_400_000, files: 12, verified: true, warnings: [] };
        },
      },
    );
    render(Backups);
    await waitFor(() => expect(screen.getByTestId("backup-auto-last")).toHaveTextContent("falló"));
    expect(screen.getByTestId("backup-auto-last")).toHaveTextContent("no existe o no está conectada");
    await user.click(screen.getByTestId("backup-now"));
    expect(await screen.findByTestId("backup-last")).toHaveTextContent("3,4 MB, 12 archivo(s)");
    expect(created).toEqual({ path: "/media/usb/copia.zip" });

    await user.click(screen.getByTestId("backup-auto-enabled"));
    await user.click(screen.getByTestId("backup-folder-pick"));
    expect(await screen.findByTestId("backup-folder")).toHaveTextContent("/media/usb");
    await user.clear(screen.getByTestId("backup-keep"));
    await user.type(screen.getByTestId("backup-keep"), "10");
    await user.click(screen.getByTestId("backup-save"));
    await waitFor(() => expect(real(sent, "backup.settings.set")).toHaveLength(1));
    expect(real(sent, "backup.settings.set")[0].params).toEqual({ enabled: true, folder: "/media/usb", keep: 10 });
  });

  it("shows what an archive holds, confirms, then restores", async () => {
    const user = userEvent.setup();
    let restored: Record<string, unknown> | null = null;
    fakeCore(
      { "backup.settings.get": () => settings },
      {
        ...events,
        pick_file: () => "/home/sg/copia.zip",
        backup_inspect: () => archive([]),
        backup_restore: (a) => {
          restored = a;
          return null;
        },
      },
    );
    render(Backups);
    await user.click(await screen.findByTestId("backup-restore-pick"));
    const box = await screen.findByTestId("backup-archive");
    expect(box).toHaveTextContent("Municipalidad Distrital de San Rafael de Quebrada");
    expect(box).toHaveTextContent("Sesiones");
    expect(box).toHaveTextContent("25");
    expect(screen.getByTestId("backup-archive-date")).toHaveTextContent("19/11/2026");
    await user.click(screen.getByTestId("backup-restore"));
    await waitFor(() => expect(dialogs.current).not.toBeNull());
    expect(dialogs.current?.danger).toBe(true);
    expect(dialogs.current?.message).toContain("antes-de-restaurar");
    dialogs.current?.resolve({ ok: true, reason: "" });
    await waitFor(() => expect(restored).toEqual({ path: "/home/sg/copia.zip" }));
  });

  it("refuses a damaged or newer archive with the core's reasons and offers no restore", async () => {
    const user = userEvent.setup();
    fakeCore(
      { "backup.settings.get": () => settings },
      {
        ...events,
        pick_file: () => "/home/sg/copia.zip",
        backup_inspect: () =>
          archive([
            "la copia fue hecha por una versión más reciente de Cabildo (esquema 20; esta versión conoce hasta el 16): actualice Cabildo para restaurarla",
          ]),
      },
    );
    render(Backups);
    await user.click(await screen.findByTestId("backup-restore-pick"));
    expect(await screen.findByTestId("backup-problems")).toHaveTextContent("versión más reciente de Cabildo");
    expect(screen.queryByTestId("backup-restore")).toBeNull();
  });
});
