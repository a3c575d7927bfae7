import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";

// pdf.js itself does not run in jsdom (no canvas): a fake document of A4 pages stands in.
const rendered: number[] = [];
vi.mock("../pdf", () => ({
  openPdf: vi.fn(async (data: Uint8Array) => {
    if (data.length < 4) throw new Error("Invalid PDF structure");
    return {
      numPages: 2,
      destroy: vi.fn(),
      getPage: async (n: number) => ({
        getViewport: ({ scale }: { scale: number }) => ({ width: 595 * scale, height: 842 * scale }),
        render: () => ({
          promise: Promise.resolve().then(() => {
            rendered.push(n);
          }),
        }),
      }),
    };
  }),
}));

import PdfPreview from "./PdfPreview.svelte";

describe("Vista previa (pdf.js)", () => {
  it("draws one canvas per page, says how many, and zooms with the keyboard", async () => {
    const user = userEvent.setup();
    render(PdfPreview, { base64: btoa("%PDF-1.7 fake") });
    await waitFor(() => expect(screen.getByTestId("pdf-preview")).toHaveAttribute("data-state", "ready"));
    expect(screen.getByTestId("pdf-preview-status")).toHaveTextContent("2 páginas");
    const pages = document.querySelectorAll("canvas.pdf-page");
    expect(pages).toHaveLength(2);
    expect(pages[1]).toHaveAttribute("aria-label", "Página 2 de 2");
    expect(screen.getByTestId("pdf-preview")).toHaveAttribute("data-render-ms");
    expect(screen.getByTestId("pdf-preview-zoom")).toHaveTextContent("100 %");

    screen.getByRole("region").focus();
    await user.keyboard("+");
    await waitFor(() => expect(screen.getByTestId("pdf-preview-zoom")).toHaveTextContent("125 %"));
    await user.keyboard("-");
    await user.keyboard("-");
    await waitFor(() => expect(screen.getByTestId("pdf-preview-zoom")).toHaveTextContent("80 %"));
    await user.keyboard("0");
    await waitFor(() => expect(screen.getByTestId("pdf-preview-zoom")).toHaveTextContent("100 %"));
  });

  it("says so in Spanish when the PDF cannot be shown, and while it is being prepared", async () => {
    const { rerender } = render(PdfPreview, { base64: null, loading: true });
    expect(screen.getByTestId("pdf-preview-status")).toHaveTextContent("Preparando la vista previa…");
    await rerender({ base64: btoa("x"), loading: false });
    await waitFor(() => expect(screen.getByTestId("pdf-preview")).toHaveAttribute("data-state", "failed"));
    expect(screen.getByRole("alert")).toHaveTextContent("No se pudo mostrar el PDF: Invalid PDF structure");
  });
});
