import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";

// Chart.js needs a real canvas; a stand-in records what the components hand it.
const { made } = vi.hoisted(() => ({ made: [] as FakeChart[] }));
interface FakeChart {
  config: { type: string; data: { labels: string[]; datasets: Record<string, unknown>[] }; options: Record<string, any>; plugins?: unknown[] };
  data: FakeChart["config"]["data"];
  options: Record<string, any>;
  updates: number;
  destroyed: boolean;
}
vi.mock("chart.js", () => {
  class Chart {
    static register = vi.fn();
    static defaults = { font: { family: "" }, color: "" };
    config: FakeChart["config"];
    data: FakeChart["data"];
    options: FakeChart["options"];
    updates = 0;
    destroyed = false;
    constructor(_context: unknown, config: FakeChart["config"]) {
      this.config = config;
      this.data = config.data;
      this.options = config.options;
      made.push(this);
    }
    update() {
      this.updates++;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const part = {};
  return {
    Chart,
    BarController: part,
    BarElement: part,
    CategoryScale: part,
    LinearScale: part,
    LineController: part,
    LineElement: part,
    PointElement: part,
    Legend: part,
    Tooltip: part,
  };
});

import BarChart from "./BarChart.svelte";
import LineChart from "./LineChart.svelte";
import { barOverlay } from "./charts";

const NBSP = "\u00a0";
const bars = [
  { label: "Gerencia de Desarrollo Social", value: 87.5, color: "#1e6b3a" },
  { label: "Gerencia de Obras", value: 62, color: "#a4262c" },
  { label: "Secretaría General", value: null, color: "#8a5a00" },
];
const MONTHS = ["Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Set", "Oct", "Nov", "Dic"];
const series = [
  { name: "Programado", color: "#1f3a5f", values: [100, 200, 300, 1250.5, null, null, null, null, null, null, null, null], dashed: true },
  { name: "Ejecutado", color: "#9c2a2a", values: [90, 210, null, 1000, null, null, null, null, null, null, null, null] },
];

/** The table's rows as text, cell by cell. */
function tableRows(testid: string): string[][] {
  const table = screen.getByTestId(testid);
  return within(table)
    .getAllByRole("row")
    .map((tr) => Array.from(tr.children).map((c) => c.textContent?.trim() ?? ""));
}

function noCanvas() {
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
}
function canvas() {
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue({} as CanvasRenderingContext2D);
}

afterEach(() => {
  made.length = 0;
});

describe("BarChart", () => {
  it("shows its data as a table where the canvas cannot draw", () => {
    noCanvas();
    render(BarChart, { bars, title: "Avance por unidad", references: [70, 90], valueHeader: "Ejecución" });
    const figure = screen.getByRole("figure", { name: "Avance por unidad" });
    expect(figure).toHaveAttribute("data-state", "table");
    expect(made).toHaveLength(0);
    const table = screen.getByTestId("bar-chart-table");
    expect(table).not.toHaveClass("visually-hidden");
    expect(table).toHaveAccessibleName("Avance por unidad");
    expect(tableRows("bar-chart-table")).toEqual([
      ["Nombre", "Ejecución"],
      ["Gerencia de Desarrollo Social", `87,5${NBSP}%`],
      ["Gerencia de Obras", `62${NBSP}%`],
      ["Secretaría General", "sin dato"],
    ]);
    expect(screen.getByText(/Líneas de referencia/)).toHaveTextContent("Líneas de referencia: 70 %, 90 %.");
  });

  it("draws horizontal bars in the given colours up to 100 % and keeps the table for screen readers", () => {
    canvas();
    render(BarChart, { bars, title: "Avance por unidad", references: [70, 90] });
    expect(screen.getByTestId("bar-chart")).toHaveAttribute("data-state", "chart");
    expect(screen.getByTestId("bar-chart-table")).toHaveClass("visually-hidden");
    expect(screen.getByTestId("bar-chart").querySelector("canvas")).toHaveAttribute("aria-hidden", "true");
    expect(made).toHaveLength(1);
    const { config } = made[0];
    expect(config.type).toBe("bar");
    expect(config.options.indexAxis).toBe("y");
    expect(config.options.maintainAspectRatio).toBe(false);
    expect(config.data.labels).toEqual(bars.map((b) => b.label));
    expect(config.data.datasets[0].data).toEqual([87.5, 62, null]);
    expect(config.data.datasets[0].backgroundColor).toEqual(["#1e6b3a", "#a4262c", "#8a5a00"]);
    expect(config.options.scales.x.max).toBe(100);
    expect(config.options.scales.x.ticks.callback(70)).toBe(`70${NBSP}%`);
    expect(config.options.plugins.tooltip.callbacks.label({ raw: 87.5 })).toBe(`87,5${NBSP}%`);
    expect(config.plugins).toHaveLength(1);
  });

  it("follows new props without a new chart and destroys the chart when it goes", async () => {
    canvas();
    const { rerender, unmount } = render(BarChart, { bars, title: "Avance", references: [70, 90] });
    const chart = made[0];
    await rerender({ bars: [{ label: "Gerencia de Obras", value: 130, color: "#1e6b3a" }], title: "Avance", references: [] });
    expect(made).toHaveLength(1);
    expect(chart.updates).toBe(1);
    expect(chart.data.labels).toEqual(["Gerencia de Obras"]);
    expect(chart.data.datasets[0].data).toEqual([130]);
    expect(chart.options.scales.x.max).toBe(130);
    expect(tableRows("bar-chart-table")[1]).toEqual(["Gerencia de Obras", `130${NBSP}%`]);
    expect(screen.queryByText(/Líneas de referencia/)).toBeNull();
    unmount();
    expect(chart.destroyed).toBe(true);
  });
});

describe("barOverlay", () => {
  it("draws a dashed line and its label at each reference value, and each bar's value", () => {
    const calls: string[] = [];
    const ctx = new Proxy(
      {},
      {
        get: (_t, name) =>
          typeof name === "string" && ["save", "restore", "beginPath", "stroke", "setLineDash", "moveTo", "lineTo", "fillText"].includes(name)
            ? (...args: unknown[]) => calls.push(`${name}(${args.map(String).join(",")})`)
            : undefined,
        set: () => true,
      },
    );
    const plugin = barOverlay(() => ({ lines: [70, 90, 200], format: (v) => `${v}%`, values: true }));
    const chart = {
      ctx,
      chartArea: { left: 100, right: 300, top: 20, bottom: 120 },
      scales: { x: { getPixelForValue: (v: number) => 100 + v * 2 } },
      data: { datasets: [{ data: [87.5, null] }] },
      getDatasetMeta: () => ({ data: [{ x: 275, y: 40 }, { x: 100, y: 80 }] }),
    };
    (plugin.afterDatasetsDraw as (c: unknown) => void)(chart);
    expect(calls).toContain("moveTo(240.5,20)");
    expect(calls).toContain("lineTo(240.5,120)");
    expect(calls).toContain("fillText(70%,240.5,17)");
    expect(calls).toContain("moveTo(280.5,20)");
    // 200 % is off the axis: no line.
    expect(calls.filter((c) => c.startsWith("moveTo"))).toHaveLength(2);
    expect(calls).toContain("fillText(87.5%,279,40)");
    expect(calls).toContain("fillText(sin dato,104,80)");
    expect(calls[0]).toBe("save()");
    expect(calls[calls.length - 1]).toBe("restore()");
  });
});

describe("LineChart", () => {
  it("shows its data as a table, month by month, where the canvas cannot draw", () => {
    noCanvas();
    render(LineChart, { labels: MONTHS, series, title: "Ejecución mensual" });
    expect(screen.getByRole("figure", { name: "Ejecución mensual" })).toHaveAttribute("data-state", "table");
    const rows = tableRows("line-chart-table");
    expect(rows[0]).toEqual(["Mes", "Programado", "Ejecutado"]);
    expect(rows[1]).toEqual(["Ene", "100", "90"]);
    expect(rows[3]).toEqual(["Mar", "300", "sin dato"]);
    expect(rows[4]).toEqual(["Abr", "1.250,5", "1.000"]);
    expect(rows[12]).toEqual(["Dic", "sin dato", "sin dato"]);
    expect(rows).toHaveLength(13);
  });

  it("draws one line per series with gaps, a legend and a Spanish value axis", () => {
    canvas();
    render(LineChart, { labels: MONTHS, series, title: "Ejecución mensual", height: 320 });
    expect(screen.getByTestId("line-chart")).toHaveAttribute("data-state", "chart");
    expect(screen.getByTestId("line-chart-table")).toHaveClass("visually-hidden");
    expect((screen.getByTestId("line-chart").querySelector(".chart-box") as HTMLElement).style.height).toBe("320px");
    const { config } = made[0];
    expect(config.type).toBe("line");
    expect(config.data.labels).toEqual(MONTHS);
    expect(config.data.datasets.map((d) => [d.label, d.borderColor, d.borderDash, d.spanGaps])).toEqual([
      ["Programado", "#1f3a5f", [6, 4], false],
      ["Ejecutado", "#9c2a2a", [], false],
    ]);
    expect(config.data.datasets[1].data).toEqual(series[1].values);
    expect(config.options.plugins.legend.position).toBe("bottom");
    expect(config.options.scales.y.ticks.callback(12500)).toBe("12.500");
    expect(config.options.plugins.tooltip.callbacks.label({ dataset: { label: "Ejecutado" }, raw: 1000.5 })).toBe(
      "Ejecutado: 1.000,5",
    );
  });

  it("follows new series and formats, and destroys the chart when it goes", async () => {
    canvas();
    const { rerender, unmount } = render(LineChart, { labels: MONTHS, series, title: "Ejecución" });
    const chart = made[0];
    const percent = (v: number) => `${v} %`;
    await rerender({ labels: MONTHS, series: [series[1]], title: "Ejecución", format: percent, max: 120 });
    expect(made).toHaveLength(1);
    expect(chart.updates).toBe(1);
    expect(chart.data.datasets).toHaveLength(1);
    expect(chart.options.scales.y.max).toBe(120);
    expect(chart.options.scales.y.ticks.callback(50)).toBe("50 %");
    expect(tableRows("line-chart-table")[1]).toEqual(["Ene", "90 %"]);
    unmount();
    expect(chart.destroyed).toBe(true);
  });
});
