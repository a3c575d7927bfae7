// pdf.js, loaded on first use (it is large) and bundled by Vite: no remote resource, and its
// worker is a file of the app itself (`script-src 'self'`, `worker-src 'self' blob:`).
//
// Options chosen for the strict CSP (docs/adr/0002-desktop-shell.md):
// - `isEvalSupported: false`: pdf.js would otherwise compile PDF functions with `new Function`,
//   which `script-src 'self'` forbids.
// - `useWasm: false`: its WebAssembly decoders (JPEG 2000, ICC colour) would need
//   `'wasm-unsafe-eval'` and a fetch of .wasm files; Cabildo's PDFs use neither (PNG/JPEG logos,
//   RGB/grey colour), and pdf.js falls back to JavaScript.
// - `useSystemFonts: false`, no `standardFontDataUrl`/`cMapUrl`: every font of our PDFs is
//   embedded; nothing is fetched.
import type { PDFDocumentProxy } from "pdfjs-dist";

type PdfJs = typeof import("pdfjs-dist");

let loading: Promise<PdfJs> | null = null;

async function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const [lib, worker] = await Promise.all([
      import("pdfjs-dist"),
      import("pdfjs-dist/build/pdf.worker.min.mjs?url"),
    ]);
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  })();
  try {
    return await loading;
  } catch (e) {
    loading = null;
    throw e;
  }
}

/** Open a PDF from its bytes. The caller destroys it when done. */
export async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  return lib.getDocument({
    data,
    isEvalSupported: false,
    useWasm: false,
    useSystemFonts: false,
    enableXfa: false,
    // Quiet: warnings about optional PDF features are not the clerk's business.
    verbosity: lib.VerbosityLevel.ERRORS,
  }).promise;
}
