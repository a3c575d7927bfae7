import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Users from "./Users.svelte";
import { dialogs } from "../lib/dialogs.svelte";
import { fakeCore, real } from "../test/ipc";
import type { OrgUnit } from "../lib/bindings/OrgUnit";
import type { Role } from "../lib/bindings/Role";
import type { User } from "../lib/bindings/User";
import { USER_PAGE } from "../lib/users";

const roles: Role[] = [
  {
    code: "administrador",
    name: "Administrador del sistema",
    description: "Todo, incluidos usuarios, roles, auditoría y copias de seguridad.",
    builtin: true,
    permissions: [{ method: "user.list", unit_only: false }],
    users: 1,
  },
  {
    code: "jefe_unidad",
    name: "Jefe(a) de unidad",
    description: "Registra la ejecución mensual de su propia unidad; consulta lo demás.",
    builtin: true,
    permissions: [
      { method: "plan.execution.save", unit_only: true },
      { method: "norm.list", unit_only: false },
    ],
    users: 0,
  },
];

const units: OrgUnit[] = [
  { id: 7, parent_id: null, name: "Gerencia de Desarrollo Urbano", code: "GDU", kind: "linea", head_person_id: null, head_name: null, sort_order: 0 },
];

function user(id: number, over: Partial<User> = {}): User {
  return {
    id,
    login: `usuario${id}`,
    name: `Usuario ${String(id).padStart(3, "0")}`,
    unit_id: null,
    unit_name: null,
    roles: ["administrador"],
    active: true,
    must_change: false,
    locked_until: null,
    last_sign_in: null,
    ...over,
  };
}

function core(users: User[], extra: Record<string, (p: Record<string, unknown>, dry: boolean) => unknown> = {}) {
  return fakeCore({
    "user.list": (p) => {
      const offset = Number(p.offset ?? 0);
      const limit = Number(p.limit ?? 100);
      return { items: users.slice(offset, offset + limit), total: users.length };
    },
    "role.list": () => roles,
    "org.unit.list": () => units,
    "auth.settings.get": () => ({ idle_minutes: 15, max_attempts: 5, lock_minutes: 15 }),
    ...extra,
  });
}

describe("Usuarios", () => {
  it("pages the list in the core: total, page count, next page's offset", async () => {
    const ue = userEvent.setup();
    const all = Array.from({ length: USER_PAGE + 5 }, (_, i) => user(i + 1));
    all[1] = user(2, { roles: ["jefe_unidad"], unit_id: 7, unit_name: "Gerencia de Desarrollo Urbano", must_change: true });
    all[2] = user(3, { active: false });
    const sent = core(all);
    render(Users);
    const rows = await screen.findAllByTestId("user-row");
    expect(rows).toHaveLength(USER_PAGE);
    expect(screen.getByTestId("user-total")).toHaveTextContent(`${USER_PAGE + 5} usuarios`);
    expect(screen.getByTestId("user-page")).toHaveTextContent("Página 1 de 2");
    expect(rows[1]).toHaveTextContent("Jefe(a) de unidad");
    expect(rows[1]).toHaveTextContent("Gerencia de Desarrollo Urbano");
    expect(rows[1]).toHaveTextContent("Debe cambiar su contraseña");
    expect(rows[2]).toHaveTextContent("Desactivado");
    expect(rows[0]).toHaveTextContent("Nunca");
    expect(real(sent, "user.list")[0].params).toEqual({ query: null, include_inactive: false, offset: 0, limit: USER_PAGE });

    await ue.click(screen.getByTestId("user-next"));
    await waitFor(() => expect(screen.getAllByTestId("user-row")).toHaveLength(5));
    expect(real(sent, "user.list").at(-1)?.params).toMatchObject({ offset: USER_PAGE, limit: USER_PAGE });
    expect(screen.getByTestId("user-page")).toHaveTextContent("Página 2 de 2");
    expect(screen.getByTestId("user-next")).toBeDisabled();

    await ue.click(screen.getByTestId("user-inactive"));
    await waitFor(() =>
      expect(real(sent, "user.list").at(-1)?.params).toMatchObject({ include_inactive: true, offset: 0 }),
    );
  });

  it("creates a unit head: the unit appears for the unit-bound role and the core's message lands at its field", async () => {
    const ue = userEvent.setup();
    const sent = core([user(1)], {
      "user.create": (p, dry) => {
        if (p.unit_id === null && (p.roles as string[]).includes("jefe_unidad")) {
          throw {
            kind: "validation",
            message: "El rol «Jefe(a) de unidad» trabaja sobre una unidad: elija la unidad del usuario.",
            field: "unit_id",
          };
        }
        if (dry) return user(2);
        return user(2, { login: String(p.login), name: String(p.name), roles: ["jefe_unidad"], unit_id: 7 });
      },
    });
    render(Users);
    await ue.click(await screen.findByTestId("user-new"));
    const dialog = screen.getByTestId("user-dialog");
    await ue.type(within(dialog).getByTestId("user-login"), "rquispe");
    await ue.type(within(dialog).getByTestId("user-name"), "Rosa Quispe Mamani");
    await ue.type(within(dialog).getByTestId("user-password"), "Temporal-2026!");
    await ue.type(within(dialog).getByTestId("user-password2"), "Temporal-2026?");
    expect(within(dialog).queryByTestId("user-unit")).not.toBeInTheDocument();
    await ue.click(within(dialog).getByTestId("user-role-jefe_unidad"));
    expect(within(dialog).getByTestId("user-unit")).toBeInTheDocument();

    // The two passwords differ: the UI says so and sends nothing.
    await ue.click(within(dialog).getByTestId("user-save"));
    expect(within(dialog).getByTestId("error-password2")).toHaveTextContent("no coinciden");
    expect(real(sent, "user.create")).toHaveLength(0);

    await ue.clear(within(dialog).getByTestId("user-password2"));
    await ue.type(within(dialog).getByTestId("user-password2"), "Temporal-2026!");
    await ue.click(within(dialog).getByTestId("user-save"));
    await waitFor(() => expect(real(sent, "user.create")).toHaveLength(1));
    expect(within(dialog).getByTestId("error-unit_id")).toHaveTextContent("elija la unidad del usuario");
    expect(within(dialog).getByTestId("user-unit")).toHaveAttribute("aria-invalid", "true");

    await ue.selectOptions(within(dialog).getByTestId("user-unit"), "Gerencia de Desarrollo Urbano");
    await ue.click(within(dialog).getByTestId("user-save"));
    await waitFor(() => expect(real(sent, "user.create")).toHaveLength(2));
    expect(real(sent, "user.create")[1].params).toEqual({
      login: "rquispe",
      name: "Rosa Quispe Mamani",
      password: "Temporal-2026!",
      roles: ["jefe_unidad"],
      unit_id: 7,
    });
    await waitFor(() => expect(screen.queryByTestId("user-dialog")).not.toBeInTheDocument());
  });

  it("shows the core's refusal to disable the last administrator, after the confirmation", async () => {
    const ue = userEvent.setup();
    const sent = core([user(1, { name: "Ana Torres" })], {
      "user.update": (_p, dry) => {
        if (dry) return user(1);
        throw {
          kind: "conflict",
          message: "«Ana Torres» es el único administrador activo: asigne el rol a otro usuario antes de quitárselo o desactivarlo.",
          field: null,
        };
      },
    });
    const confirm = vi.spyOn(dialogs, "confirm").mockResolvedValue({ ok: true, reason: "" });
    render(Users);
    await ue.click(await screen.findByTestId("user-edit"));
    await ue.click(screen.getByTestId("user-active"));
    await ue.click(screen.getByTestId("user-save"));
    await waitFor(() => expect(real(sent, "user.update")).toHaveLength(1));
    expect(confirm).toHaveBeenCalledWith(expect.objectContaining({ confirmLabel: "Desactivar", danger: true }));
    expect(real(sent, "user.update")[0].params).toEqual({
      id: 1,
      name: "Ana Torres",
      roles: ["administrador"],
      unit_id: null,
      active: false,
    });
    expect(await screen.findByTestId("form-error")).toHaveTextContent("único administrador activo");
    confirm.mockRestore();
  });

  it("assigns a temporary password and shows the sign-in settings' error at its field", async () => {
    const ue = userEvent.setup();
    const sent = core([user(1, { locked_until: "2099-01-01T10:30:00Z" })], {
      "user.password.reset": (p) => user(1, { must_change: true, login: String(p.id) }),
      "auth.settings.set": (p) => {
        if (Number(p.max_attempts) > 20)
          throw { kind: "validation", message: "Los intentos fallidos deben estar entre 3 y 20.", field: "max_attempts" };
        return p;
      },
    });
    render(Users);
    expect((await screen.findAllByTestId("user-row"))[0]).toHaveTextContent("Bloqueado hasta las");
    await ue.click(screen.getByTestId("user-reset"));
    expect(screen.getByTestId("reset-dialog")).toHaveTextContent("queda desbloqueada");
    await ue.type(screen.getByTestId("reset-password"), "Otra-Clave-2026");
    await ue.type(screen.getByTestId("reset-password2"), "Otra-Clave-2026");
    await ue.click(screen.getByTestId("reset-save"));
    await waitFor(() => expect(real(sent, "user.password.reset")).toHaveLength(1));
    expect(real(sent, "user.password.reset")[0].params).toEqual({ id: 1, password: "Otra-Clave-2026" });

    const attempts = await screen.findByTestId("auth-attempts");
    await ue.clear(attempts);
    await ue.type(attempts, "50");
    await ue.click(screen.getByTestId("auth-settings-save"));
    await waitFor(() => expect(real(sent, "auth.settings.set")).toHaveLength(1));
    expect(real(sent, "auth.settings.set")[0].params).toEqual({ idle_minutes: 15, max_attempts: 50, lock_minutes: 15 });
    expect(await screen.findByTestId("error-max_attempts")).toHaveTextContent("entre 3 y 20");
  });
});
