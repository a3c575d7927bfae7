import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Numbering from "./Numbering.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, page } from "../test/ipc";

// A tiny stand-in for the core's pattern renderer: enough to see the preview follow the typing.
function render_(pattern: string, n: number, date: string, organ: string): string {
  if ((pattern.match(/\{/g) ?? []).length !== (pattern.match(/\}/g) ?? []).length) {
    throw { kind: "validation", message: "Falta cerrar una llave «}» en el patrón.", field: "pattern" };
  }
  return pattern
    .replace(/\{n:(\d)\}/g, (_, k) => String(n).padStart(Number(k), "0"))
    .replace("{n}", String(n))
    .replace("{yyyy}", date.slice(0, 4))
    .replace("{siglas}", "MDPR")
    .replace("{organo}", organ);
}

describe("Numeración", () => {
  it("previews the identifier live as the pattern is typed", async () => {
    app.municipality = { ...municipality };
    app.status = { initialized: true, has_users: true, municipality, version: "0", schema_version: 1, db_path: "", today: "2025-06-10" };
    const user = userEvent.setup();
    const sent = fakeCore({
      "numbering.series.list": () => [
        {
          id: 1,
          code: "ordenanza",
          name: "Ordenanzas municipales",
          organ: "",
          pattern: "ORDENANZA N° {n:3}-{yyyy}-{siglas}",
          reset: "yearly",
          next_preview: "ORDENANZA N° 001-2025-MDPR",
        },
      ],
      "numbering.assignment.list": () => page([]),
      "numbering.series.update": (p) => ({ ...p, code: "ordenanza", next_preview: "" }),
      "numbering.pattern.preview": (p) => ({
        identifier: render_(String(p.pattern), Number(p.number), String(p.date), String(p.organ)),
        number: Number(p.number),
        year: 2025,
      }),
    });
    render(Numbering);

    await user.click(await screen.findByText("Ordenanzas municipales"));
    const preview = screen.getByTestId("series-preview");
    await waitFor(() => expect(preview).toHaveTextContent("ORDENANZA N° 001-2025-MDPR"));

    const pattern = screen.getByTestId("series-pattern");
    await user.clear(pattern);
    await user.type(pattern, "ORD. N° {{n:4}/{{yyyy");
    await waitFor(() => expect(preview).toHaveTextContent("Falta cerrar una llave"));
    await user.type(pattern, "}");
    await waitFor(() => expect(preview).toHaveTextContent("ORD. N° 0001/2025"));

    const last = sent.filter((s) => s.method === "numbering.pattern.preview").at(-1);
    expect(last?.params).toMatchObject({ pattern: "ORD. N° {n:4}/{yyyy}", number: 1, date: "2025-06-10" });
    expect(pattern).toHaveValue("ORD. N° {n:4}/{yyyy}");
  });

  describe("what a user may not do is not offered", () => {
    const openSeries = async () => {
      app.municipality = { ...municipality };
      const user = userEvent.setup();
      fakeCore({
        "numbering.series.list": () => [
          {
            id: 1,
            code: "ordenanza",
            name: "Ordenanzas municipales",
            organ: "",
            pattern: "ORDENANZA N° {n:3}-{yyyy}-{siglas}",
            reset: "yearly",
            next_preview: "ORDENANZA N° 002-2025-MDPR",
          },
        ],
        "numbering.assignment.list": () =>
          page([
          {
            id: 7,
            series: "ordenanza",
            period: 2025,
            number: 1,
            identifier: "ORDENANZA N° 001-2025-MDPR",
            date: "2025-03-02",
            record_kind: null,
            record_id: null,
            assigned_at: "2025-03-02T10:00:00-05:00",
            annulled_at: null,
            annul_reason: null,
          },
        ]),
        "numbering.pattern.preview": () => ({ identifier: "ORDENANZA N° 001-2025-MDPR", number: 1, year: 2025 }),
      });
      render(Numbering);
      await user.click(await screen.findByText("Ordenanzas municipales"));
      await screen.findByText("ORDENANZA N° 001-2025-MDPR", { selector: "td, td *" });
    };

    it("a reader sees the series and its numbers, without creating, changing or annulling", async () => {
      app.me = {
        ...app.me!,
        permissions: ["numbering.series.list", "numbering.assignment.list", "numbering.pattern.preview"],
      };
      await openSeries();
      expect(screen.getByTestId("series-pattern")).toHaveValue("ORDENANZA N° {n:3}-{yyyy}-{siglas}");
      expect(screen.getByTestId("series-pattern")).toBeDisabled();
      expect(screen.getByTestId("series-name")).toBeDisabled();
      expect(screen.queryByTestId("series-new")).toBeNull();
      expect(screen.queryByTestId("series-save")).toBeNull();
      expect(screen.queryByTestId("assignment-annul")).toBeNull();
    });

    it("a user with every permission is offered all of it", async () => {
      await openSeries();
      expect(screen.getByTestId("series-pattern")).toBeEnabled();
      expect(screen.getByTestId("series-name")).toBeEnabled();
      expect(screen.getByTestId("series-new")).toBeInTheDocument();
      expect(screen.getByTestId("series-save")).toBeInTheDocument();
      expect(screen.getByTestId("assignment-annul")).toBeInTheDocument();
    });
  });
});
