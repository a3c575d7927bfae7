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
