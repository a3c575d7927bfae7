import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import People from "./People.svelte";
import { app } from "../lib/app.svelte";
import { fakeCore, municipality, real } from "../test/ipc";
import type { Person } from "../lib/bindings/Person";

function person(id: number, surnames: string): Person {
  return {
    id,
    doc_type: "DNI",
    doc_number: String(40_000_000 + id),
    given_names: "Rosa",
    surnames,
    full_name: `Rosa ${surnames}`,
    email: null,
    phone: null,
    gender: "F",
  };
}

describe("Personas", () => {
  it("reads a page at a time: «Cargar más» asks for the rows after the last one shown", async () => {
    app.municipality = { ...municipality };
    const user = userEvent.setup();
    const first = Array.from({ length: 50 }, (_, i) => person(i + 1, `Apellido ${String(i + 1).padStart(2, "0")}`));
    const sent = fakeCore({
      "org.person.list": (p) =>
        p.after === "c50"
          ? { rows: [person(51, "Zúñiga")], next: null }
          : { rows: first, next: "c50" },
      "org.unit.list": () => [],
    });
    render(People);
    expect(await screen.findAllByTestId("person-row")).toHaveLength(50);
    expect(real(sent, "org.person.list")[0].params).toEqual({ limit: 50 });
    await user.click(screen.getByTestId("person-more"));
    await waitFor(() => expect(screen.getAllByTestId("person-row")).toHaveLength(51));
    expect(real(sent, "org.person.list")[1].params).toEqual({ after: "c50", limit: 50 });
    expect(screen.getAllByTestId("person-row")[50]).toHaveTextContent("Zúñiga");
    expect(screen.queryByTestId("person-more")).toBeNull();
  });

  it("searches in the core, from the first page, and says when nobody matches", async () => {
    app.municipality = { ...municipality };
    const user = userEvent.setup();
    const sent = fakeCore({
      "org.person.list": (p) => (p.query ? { rows: [], next: null } : { rows: [person(1, "Quispe")], next: null }),
      "org.unit.list": () => [],
    });
    render(People);
    await screen.findAllByTestId("person-row");
    await user.type(screen.getByTestId("person-search"), "nuñez");
    await waitFor(() => expect(real(sent, "org.person.list").at(-1)?.params).toEqual({ query: "nuñez", limit: 50 }));
    expect(await screen.findByText("Nadie coincide con «nuñez».")).toBeInTheDocument();
  });
});
