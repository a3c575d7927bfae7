// What the Planeamiento charts share: Chart.js set to the app's font and ink, and a guard for
// canvases that cannot draw (jsdom in the tests has no 2D context), where the charts show their
// data as a table instead. Each chart registers only the Chart.js parts it uses.
import { Chart, type ChartConfiguration, type ChartType, type DefaultDataPoint, type Plugin } from "chart.js";

/** The app's font (app.css `--font`): canvas text does not inherit CSS. */
export const CHART_FONT = 'system-ui, "Noto Sans", "Cantarell", "DejaVu Sans", "Liberation Sans", sans-serif';
/** Text and line colours of the charts (app.css `--ink-soft`, `--line`). */
export const CHART_INK = "#4a5566";
export const CHART_GRID = "#e4e8ee";

Chart.defaults.font.family = CHART_FONT;
Chart.defaults.color = CHART_INK;

/** A chart on the canvas, or null where the canvas has no 2D context. */
export function drawChart<T extends ChartType, D = DefaultDataPoint<T>, L = unknown>(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<T, D, L>,
): Chart<T, D, L> | null {
  const context = canvas.getContext("2d");
  return context ? new Chart(context, config) : null;
}

/** Charts appear without animation for people who asked the system for less motion. */
export function animate(): false | { duration: number } {
  const reduce = typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
  return reduce ? false : { duration: 300 };
}

/** What the bar overlay draws; read at every draw, so a chart update picks up new values. */
export interface BarOverlay {
  /** Values on the value axis where a dashed vertical line is drawn (e.g. 70 and 90 %). */
  lines: number[];
  /** Writes a value (the lines' labels and the bars' values). */
  format: (value: number) => string;
  /** Write each bar's value at its end ("sin dato" for a missing one). */
  values: boolean;
}

/**
 * A plugin for horizontal bar charts: dashed reference lines across the plot with their value
 * on top, and each bar's value at its end. Needs `layout.padding.top` (for the line labels) and
 * `layout.padding.right` (for the values) to have room.
 */
export function barOverlay(read: () => BarOverlay): Plugin<"bar"> {
  return {
    id: "cabildoBarOverlay",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const { lines, format, values } = read();
      ctx.save();
      ctx.font = `12px ${CHART_FONT}`;
      ctx.fillStyle = CHART_INK;
      ctx.strokeStyle = CHART_INK;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 4]);
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      for (const v of lines) {
        const x = Math.round(scales.x.getPixelForValue(v)) + 0.5;
        if (x < chartArea.left || x > chartArea.right + 1) continue;
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
        ctx.fillText(format(v), x, chartArea.top - 3);
      }
      if (values) {
        ctx.setLineDash([]);
        ctx.textAlign = "left";
        ctx.textBaseline = "middle";
        const data = chart.data.datasets[0]?.data ?? [];
        chart.getDatasetMeta(0).data.forEach((bar, i) => {
          const v = data[i];
          const text = typeof v === "number" ? format(v) : "sin dato";
          const x = typeof v === "number" ? Math.max(bar.x, chartArea.left) : chartArea.left;
          ctx.fillText(text, x + 4, bar.y);
        });
      }
      ctx.restore();
    },
  };
}
