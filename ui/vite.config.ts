import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Tauri expects a fixed port and does not want the terminal cleared (its own logs matter).
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src-tauri/**", "**/target/**"] },
  },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK (webkit2gtk-4.1) on Linux: ES2021 is safe.
    target: "es2021",
    sourcemap: false,
    // Keep everything in files: a strict CSP forbids inline scripts and data: modules.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Chart.js (the tablero's charts) in a chunk of its own, cached apart from the app's code.
    rollupOptions: {
      output: { manualChunks: { chart: ["chart.js"] } },
    },
  },
});
