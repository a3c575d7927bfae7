// Application-wide state: what `system.status` said, the municipality, and the current screen.
import type { Me } from "./bindings/Me";
import type { Municipality } from "./bindings/Municipality";
import type { Stage } from "./bindings/Stage";
import type { SystemStatus } from "./bindings/SystemStatus";
import { terms, todayIso, type Terms } from "./terms";

export type Screen =
  | "inicio"
  | "encargos"
  | "solicitudes"
  | "reclamos"
  | "followup-reports"
  | "units"
  | "people"
  | "council"
  | "profile"
  | "numbering"
  | "calendar"
  | "rules"
  | "audit"
  | "users"
  | "roles"
  | "norms"
  | "instruments"
  | "norm-import"
  | "copies"
  | "verify"
  | "portal"
  | "print"
  | "trust"
  | "backups"
  | "sessions"
  | "session-reports"
  | "commissions"
  | "plan-pei"
  | "plan-poi"
  | "plan-month"
  | "plan-dashboard"
  | "plan-reports";

/** What a screen should open when another screen sends the person there. */
export type Intent =
  | { screen: "norms"; open: "norm"; id: number }
  | { screen: "sessions"; open: "session"; id: number }
  | { screen: "copies"; open: "copy"; id: number }
  | { screen: "copies"; open: "new-copy"; normId: number }
  | { screen: "plan-month"; open: "month"; planId: number; unitId: number; month: number };

class AppState {
  status = $state<SystemStatus | null>(null);
  municipality = $state<Municipality | null>(null);
  logo = $state<string | null>(null);
  /** The screen shown; after signing in, Inicio (or the first the user may see). */
  screen = $state<Screen>("inicio");
  /** Set by `go`, taken once by the screen it names. */
  intent = $state<Intent | null>(null);
  /** A screen with unsaved work asks here before the person leaves it (sidebar, Alt+digit). */
  leaveGuard: (() => Promise<boolean>) | null = null;
  terms = $derived<Terms>(terms(this.municipality?.country));
  /** The parts of a session as the municipality's rule set orders and names them
   *  (`session.stages`, read by the session screen); until then, the country's usual ones. */
  ruleStages = $state<{ value: Stage; label: string }[] | null>(null);
  get stages(): { value: Stage; label: string }[] {
    return this.ruleStages ?? this.terms.stages;
  }
  /** The Spanish name of a part of a session. */
  stageLabel(stage: string): string {
    return this.stages.find((s) => s.value === stage)?.label ?? stage;
  }
  /** Who is signed in (null: the sign-in screen). */
  me = $state<Me | null>(null);
  /** The window locked itself (idle time) or was locked: the lock screen covers it. */
  locked = $state(false);
  #allowed = $derived(new Set(this.me?.permissions ?? []));

  /** Whether the signed-in user may call `method`: the window hides what they may not do. */
  can(method: string): boolean {
    return this.#allowed.has(method);
  }

  /** Send the person to another screen, to open something there. */
  go(intent: Intent): void {
    this.intent = intent;
    this.screen = intent.screen;
  }

  /** The intent waiting for `screen`, removed as it is taken. */
  take<S extends Screen>(screen: S): Extract<Intent, { screen: S }> | null {
    const i = this.intent;
    if (!i || i.screen !== screen) return null;
    this.intent = null;
    return i as Extract<Intent, { screen: S }>;
  }

  /** Today as the core sees it (pinned in tests and demos), else the local date. */
  get today(): string {
    const t = this.status?.today;
    return t && /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : todayIso();
  }
}

export const app = new AppState();
