import "@testing-library/jest-dom/vitest";
import { afterEach } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";

afterEach(() => {
  clearMocks();
});

// jsdom does not lay out, so it has no scrollIntoView; the screens call it to bring an invalid
// field into view.
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = function () {};
// Nor ResizeObserver (Svelte's bind:clientWidth uses it).
if (!("ResizeObserver" in globalThis)) {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
// Nor PointerEvent (the agenda's drag handle listens to pointer events): a MouseEvent with a
// pointer id is enough for the tests.
if (!("PointerEvent" in globalThis)) {
  class PointerEventForTests extends MouseEvent {
    readonly pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 1;
    }
  }
  (globalThis as { PointerEvent?: unknown }).PointerEvent = PointerEventForTests;
  if (typeof window !== "undefined") (window as { PointerEvent?: unknown }).PointerEvent = PointerEventForTests;
}

// Screens hide what the signed-in user may not do (`app.can`). Component tests run as an
// administrator holding every method of the generated `Api` map; a test of hiding sets its own
// `app.me`.
import { beforeEach } from "vitest";
import { app } from "../lib/app.svelte";
import apiSource from "../lib/bindings/Api.ts?raw";

const everyMethod = [...apiSource.matchAll(/^\s+"([a-z_.]+)": \{/gm)].map((m) => m[1]);

beforeEach(() => {
  app.me = {
    id: 1,
    login: "admin",
    name: "Administrador de prueba",
    unit_id: null,
    unit_name: null,
    roles: ["Administrador del sistema"],
    permissions: everyMethod,
    unit_only: [],
    must_change: false,
    idle_minutes: 15,
  };
  app.locked = false;
});
