import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Roles from "./Roles.svelte";
import { dialogs } from "../lib/dialogs.svelte";
import { fakeCore, real } from "../test/ipc";
import type { Permission } from "../lib/bindings/Permission";
import type { Role } from "../lib/bindings/Role";
import { areaOf, groupByArea } from "../lib/users";

const catalog: Permission[] = [
  { method: "user.list", label: "Ver los usuarios", writes: false },
  { method: "role.list", label: "Ver los roles y sus permisos", writes: false },
  { method: "norm.list", label: "Ver las normas", writes: false },
  { method: "norm.get", label: "Ver una norma", writes: false },
  { method: "norm.seal", label: "Sellar (numerar y emitir) normas", writes: true },
  { method: "plan.execution.month", label: "Ver la ejecución de un mes", writes: false },
  { method: "plan.execution.save", label: "Registrar la ejecución mensual", writes: true },
  { method: "session.list", label: "Ver las sesiones", writes: false },
  { method: "vote.record", label: "Registrar votaciones", writes: true },
];

function roles(): Role[] {
  return [
    {
      code: "administrador",
      name: "Administrador del sistema",
      description: "Todo.",
      builtin: true,
      permissions: catalog.map((p) => ({ method: p.method, unit_only: false })),
      users: 1,
    },
    {
      code: "fedatario",
      name: "Fedatario",
      description: "Certifica copias.",
      builtin: false,
      permissions: [{ method: "norm.list", unit_only: false }],
      users: 0,
    },
  ];
}

function core(list: Role[]) {
  return fakeCore({
    "role.list": () => list,
    "permission.list": () => catalog,
    "role.save": (p) => ({ ...list.find((r) => r.code === p.code), ...p, code: p.code ?? "nuevo", builtin: false, users: 0 }),
    "role.delete": () => {
      throw { kind: "conflict", message: "El rol «Fedatario» lo tienen 2 usuario(s): quíteselo antes de eliminarlo.", field: null };
    },
  });
}

describe("Roles y permisos", () => {
  it("groups the catalog by area under Spanish headings", () => {
    expect(areaOf("vote.record")).toBe("Sesiones");
    expect(areaOf("permission.list")).toBe("Usuarios y acceso");
    expect(groupByArea(catalog).map((a) => a.heading)).toEqual(["Usuarios y acceso", "Normas", "Planeamiento", "Sesiones"]);
  });

  it("shows the administrator's permissions read-only, with the note", async () => {
    core(roles());
    render(Roles);
    expect(await screen.findByTestId("role-admin-note")).toHaveTextContent("conserva siempre todos los permisos");
    expect(screen.getByTestId("perm-norm.seal")).toBeChecked();
    expect(screen.getByTestId("perm-norm.seal")).toBeDisabled();
    expect(screen.queryByTestId("role-delete")).not.toBeInTheDocument();
  });

  it("toggling permissions sends the whole list to role.save, in catalog order, with «solo su unidad»", async () => {
    const ue = userEvent.setup();
    const sent = core(roles());
    render(Roles);
    await ue.click(await screen.findByTestId("role-row-fedatario"));
    expect(screen.getByTestId("perm-norm.list")).toBeChecked();
    expect(screen.getByTestId("perm-norm.seal")).not.toBeChecked();

    await ue.click(screen.getByTestId("perm-plan.execution.save"));
    await ue.click(screen.getByTestId("perm-unit-plan.execution.save"));
    await ue.click(screen.getByTestId("perm-norm.seal"));
    await ue.click(screen.getByTestId("area-read-sesiones"));
    await ue.click(screen.getByTestId("role-save"));

    await waitFor(() => expect(real(sent, "role.save")).toHaveLength(1));
    expect(real(sent, "role.save")[0].params).toEqual({
      code: "fedatario",
      name: "Fedatario",
      description: "Certifica copias.",
      permissions: [
        { method: "norm.list", unit_only: false },
        { method: "norm.seal", unit_only: false },
        { method: "plan.execution.save", unit_only: true },
        { method: "session.list", unit_only: false },
      ],
    });

    // «Quitar todo» empties one area only.
    await ue.click(screen.getByTestId("area-clear-normas"));
    await ue.click(screen.getByTestId("role-save"));
    await waitFor(() => expect(real(sent, "role.save")).toHaveLength(2));
    expect(real(sent, "role.save")[1].params.permissions).toEqual([
      { method: "plan.execution.save", unit_only: true },
      { method: "session.list", unit_only: false },
    ]);
  });

  it("creates a role from a copy of another's permissions; shows why a role cannot be deleted", async () => {
    const ue = userEvent.setup();
    const sent = core(roles());
    const confirm = vi.spyOn(dialogs, "confirm").mockResolvedValue({ ok: true, reason: "" });
    render(Roles);
    await ue.click(await screen.findByTestId("role-new"));
    await ue.type(screen.getByTestId("role-new-name"), "Mesa de partes 2");
    await ue.selectOptions(screen.getByTestId("role-new-from"), "Fedatario");
    await ue.click(screen.getByTestId("role-new-save"));
    await waitFor(() => expect(real(sent, "role.save")).toHaveLength(1));
    expect(real(sent, "role.save")[0].params).toEqual({
      code: null,
      name: "Mesa de partes 2",
      description: "",
      permissions: [{ method: "norm.list", unit_only: false }],
    });

    await ue.click(await screen.findByTestId("role-row-fedatario"));
    await ue.click(screen.getByTestId("role-delete"));
    expect(await screen.findByTestId("role-error")).toHaveTextContent("lo tienen 2 usuario(s)");
    confirm.mockRestore();
  });
});
