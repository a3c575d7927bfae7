// The one door to the core: every screen calls `call(method, params)`; the Tauri shell forwards
// it to `cabildo::api::dispatch`. Method names and types come from the generated bindings, so a
// wrong method name or a missing param is a compile error.
import { invoke } from "@tauri-apps/api/core";
import type { Api } from "./bindings/Api";
import type { ErrorKind } from "./bindings/ErrorKind";
import type { Me } from "./bindings/Me";

export type Method = keyof Api;
export type Params<M extends Method> = Api[M]["params"];
export type Result<M extends Method> = Api[M]["result"];

/** An error of the core as the UI sees it: a code, a Spanish message, and maybe a field. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly field: string | null;

  constructor(kind: ErrorKind, message: string, field: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.field = field;
  }

  /** Turn whatever `invoke` rejected with into an ApiError. */
  static from(e: unknown): ApiError {
    if (e instanceof ApiError) return e;
    if (e && typeof e === "object" && "message" in e) {
      const o = e as { kind?: unknown; message?: unknown; field?: unknown };
      return new ApiError(
        // The core (and the shell) only send the generated codes.
        typeof o.kind === "string" ? (o.kind as ErrorKind) : "internal",
        String(o.message),
        typeof o.field === "string" && o.field !== "" ? o.field : null,
      );
    }
    if (typeof e === "string") return new ApiError("internal", e);
    return new ApiError("internal", "Ocurrió un error inesperado.");
  }
}

export interface CallOptions {
  /** Run the method in a transaction that is rolled back: validation only, nothing saved. */
  dryRun?: boolean;
}

/**
 * Who answers when the core says the session locked itself: the lock screen, which resolves
 * `true` once the person typed their password again (the request is then repeated, so nothing
 * typed is lost) or `false` when they chose to leave.
 */
let unlock: (() => Promise<boolean>) | null = null;

export function onLocked(handler: (() => Promise<boolean>) | null): void {
  unlock = handler;
}

/** Call one method of the core. Rejects with an {@link ApiError}. */
export async function call<M extends Method>(
  method: M,
  params: Params<M>,
  opts: CallOptions = {},
): Promise<Result<M>> {
  for (;;) {
    try {
      return await invoke<Result<M>>("call", {
        method,
        params,
        dryRun: opts.dryRun ?? false,
      });
    } catch (e) {
      const err = ApiError.from(e);
      if (err.kind === "unauthenticated" && unlock && (await unlock())) continue;
      throw err;
    }
  }
}

/** Sign in (or unlock): the user with their permissions; rejects `unauthenticated`. */
export async function signIn(login: string, password: string): Promise<Me> {
  try {
    return await invoke<Me>("sign_in", { login, password });
  } catch (e) {
    throw ApiError.from(e);
  }
}

/** Sign out, lock, or tell the shell the person is typing (restarts its idle time). */
export async function session(command: "sign_out" | "lock" | "touch"): Promise<void> {
  try {
    await invoke(command);
  } catch (e) {
    throw ApiError.from(e);
  }
}

/** Let the person pick a file with the native dialog; `null` when cancelled. */
export async function pickFile(
  title: string,
  filters: { name: string; extensions: string[] }[],
): Promise<string | null> {
  try {
    return await invoke<string | null>("pick_file", { title, filters });
  } catch (e) {
    throw ApiError.from(e);
  }
}

/** Let the person choose where to save a file; `null` when cancelled. */
export async function saveFile(
  title: string,
  defaultName: string,
  filters: { name: string; extensions: string[] }[],
): Promise<string | null> {
  try {
    return await invoke<string | null>("save_file", { title, defaultName, filters });
  } catch (e) {
    throw ApiError.from(e);
  }
}

/** Let the person choose a folder with the native dialog; `null` when cancelled. */
export async function pickFolder(title: string): Promise<string | null> {
  try {
    return await invoke<string | null>("pick_folder", { title });
  } catch (e) {
    throw ApiError.from(e);
  }
}

/**
 * One of the shell's own commands (the backups, which run outside any request's transaction).
 * Rejects with an {@link ApiError}.
 */
export async function command<T>(name: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(name, args);
  } catch (e) {
    throw ApiError.from(e);
  }
}
