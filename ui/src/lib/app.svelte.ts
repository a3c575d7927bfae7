// Application-wide state: what `system.status` said, the municipality, and the current screen.
import type { Municipality } from "./bindings/Municipality";
import type { SystemStatus } from "./bindings/SystemStatus";
import { terms, todayIso, type Terms } from "./terms";

export type Screen =
  | "units"
  | "people"
  | "council"
  | "profile"
  | "numbering"
  | "calendar"
  | "rules"
  | "audit"
  | "sessions"
  | "session-reports";

class AppState {
  status = $state<SystemStatus | null>(null);
  municipality = $state<Municipality | null>(null);
  logo = $state<string | null>(null);
  screen = $state<Screen>("units");
  terms = $derived<Terms>(terms(this.municipality?.country));

  /** Today as the core sees it (pinned in tests and demos), else the local date. */
  get today(): string {
    const t = this.status?.today;
    return t && /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : todayIso();
  }
}

export const app = new AppState();
