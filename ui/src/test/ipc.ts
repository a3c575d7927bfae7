// A fake core for component tests: `mockIPC` answers the `call` command from a table of
// handlers, and every request is recorded so a test can assert what the screen sent.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Municipality } from "../lib/bindings/Municipality";

export interface Sent {
  method: string;
  params: Record<string, unknown>;
  dryRun: boolean;
}

type Handler = (params: Record<string, unknown>, dryRun: boolean) => unknown;

/** `handlers` answer methods of `call`; `commands` answer other Tauri commands (pick_file…). */
export function fakeCore(
  handlers: Record<string, Handler>,
  commands: Record<string, (args: Record<string, unknown>) => unknown> = {},
): Sent[] {
  const sent: Sent[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== "call") {
      const c = commands[cmd];
      if (!c) throw { kind: "bad_request", message: `orden desconocida ${cmd}`, field: null };
      return c(args as Record<string, unknown>);
    }
    const a = args as { method: string; params: Record<string, unknown>; dryRun?: boolean };
    sent.push({ method: a.method, params: a.params, dryRun: a.dryRun ?? false });
    const h = handlers[a.method];
    if (!h) throw { kind: "bad_request", message: `método no simulado: ${a.method}`, field: null };
    return h(a.params, a.dryRun ?? false);
  });
  return sent;
}

/** Real (not dry-run) calls of one method. */
export function real(sent: Sent[], method: string): Sent[] {
  return sent.filter((s) => s.method === method && !s.dryRun);
}

export const municipality: Municipality = {
  name: "Municipalidad Distrital de Prueba",
  short_name: "MDPR",
  country: "PE",
  kind: "distrital",
  territorial_code: null,
  address: null,
  phone: null,
  email: null,
  website: null,
  logo_sha256: null,
  created_at: "2025-01-02T09:00:00-05:00",
};

/** A whole list answered as the one page of a paged method (`{rows, next}`, no next page). */
export function page<T>(rows: T[]): { rows: T[]; next: string | null } {
  return { rows, next: null };
}
