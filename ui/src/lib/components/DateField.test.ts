import { describe, expect, it } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Harness from "../../test/DateFieldHarness.svelte";
import { fakeCore, real } from "../../test/ipc";
import { ApiError } from "../api";
import { autoFormat, isIsoDate, parseDate } from "../dates";

// The core's own check of a date (src/numbering/mod.rs `parse_date`).
function core() {
  return fakeCore({
    "calendar.day.set": (p) => {
      const d = String(p.date);
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
      const real = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === d;
      if (d.trim() === "") throw { kind: "validation", message: "Indique la fecha.", field: "date" };
      if (!real) throw { kind: "validation", message: `Fecha no válida «${d}»: use AAAA-MM-DD.`, field: "date" };
      if (d === "2026-07-28") throw { kind: "conflict", message: "El 28/07/2026 ya es feriado nacional.", field: "date" };
      return { date: d, kind: p.kind, name: p.name, working: false, source: "manual" };
    },
  });
}

const iso = () => screen.getByTestId("iso").textContent;

describe("dates", () => {
  it("parses what clerks type and only real dates", () => {
    expect(parseDate("21/11/2026")).toBe("2026-11-21");
    expect(parseDate("1/3/2025")).toBe("2025-03-01");
    expect(parseDate("21-11-2026")).toBe("2026-11-21");
    expect(parseDate("21.11.2026")).toBe("2026-11-21");
    expect(parseDate("21112026")).toBe("2026-11-21");
    expect(parseDate(" 2026-11-21 ")).toBe("2026-11-21");
    expect(parseDate("29/02/2024")).toBe("2024-02-29");
    expect(parseDate("29/02/2025")).toBeNull();
    expect(parseDate("31/02/2026")).toBeNull();
    expect(parseDate("31/04/2026")).toBeNull();
    expect(parseDate("00/01/2026")).toBeNull();
    expect(parseDate("12/13/2026")).toBeNull();
    expect(parseDate("21/11/26")).toBeNull();
    expect(parseDate("21/11-2026")).toBeNull();
    expect(parseDate("")).toBeNull();
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-31")).toBe(false);
  });

  it("puts in the slashes as digits are typed", () => {
    expect(autoFormat("21")).toBe("21");
    expect(autoFormat("211")).toBe("21/1");
    expect(autoFormat("21112026")).toBe("21/11/2026");
    expect(autoFormat("21/112")).toBe("21/11/2");
    expect(autoFormat("1/3")).toBe("1/3");
    expect(autoFormat("1/3/2025")).toBe("1/3/2025");
  });

  it("keeps the core's messages as the core wrote them", () => {
    const date = { kind: "validation", message: "Fecha no válida «31/02/2026»: use AAAA-MM-DD.", field: "date" };
    expect(ApiError.from(date).message).toBe("Fecha no válida «31/02/2026»: use AAAA-MM-DD.");
    expect(ApiError.from({ kind: "validation", message: "El nombre es obligatorio.", field: null }).message).toBe(
      "El nombre es obligatorio.",
    );
  });
});

describe("DateField", () => {
  it("shows the ISO value as dd/mm/aaaa, is labelled and keeps the form's name", () => {
    core();
    render(Harness, { initial: "2025-06-10", required: true });
    const input = screen.getByLabelText("Fecha del acuerdo");
    expect(input).toBe(screen.getByTestId("date"));
    expect(input).toHaveValue("10/06/2025");
    expect(input).toHaveAttribute("type", "text");
    expect(input).toHaveAttribute("name", "date");
    expect(input).toHaveAttribute("inputmode", "numeric");
    expect(input).toHaveAttribute("placeholder", "dd/mm/aaaa");
    expect(input).toHaveAttribute("maxlength", "10");
    expect(input).toBeRequired();
    expect(input).not.toHaveAttribute("aria-invalid", "true");
  });

  it("parses d/m/aaaa and dd-mm-aaaa to ISO and prints them back as dd/mm/aaaa", async () => {
    core();
    const user = userEvent.setup();
    render(Harness);
    const input = screen.getByTestId("date");

    await user.type(input, "1/3/2025");
    expect(iso()).toBe('"2025-03-01"');
    await user.tab();
    expect(input).toHaveValue("01/03/2025");

    await user.clear(input);
    expect(iso()).toBe('""');
    await user.type(input, "21-11-2026");
    await user.tab();
    expect(iso()).toBe('"2026-11-21"');
    expect(input).toHaveValue("21/11/2026");
  });

  it("formats digits as they are typed", async () => {
    core();
    const user = userEvent.setup();
    render(Harness);
    const input = screen.getByTestId("date");
    await user.type(input, "2111");
    expect(input).toHaveValue("21/11");
    await user.type(input, "2026");
    expect(input).toHaveValue("21/11/2026");
    expect(iso()).toBe('"2026-11-21"');
    // Backspace can remove a slash the field put in.
    await user.clear(input);
    await user.type(input, "211{Backspace}{Backspace}");
    expect(input).toHaveValue("21");
  });

  it("rejects 31/02/2026 with the message, keeps the text and never passes it on as a date", async () => {
    const sent = core();
    const user = userEvent.setup();
    render(Harness, { initial: "2026-02-01" });
    const input = screen.getByTestId("date");

    await user.clear(input);
    await user.type(input, "31/02/2026");
    await user.tab();
    const message = screen.getByTestId("date-error");
    expect(message).toHaveTextContent("Fecha no válida: use dd/mm/aaaa");
    expect(message).toBeVisible();
    expect(input).toHaveValue("31/02/2026");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAttribute("aria-describedby", message.id);
    // Not the old date, not empty: the core refuses to save it.
    expect(iso()).toBe('"31/02/2026"');
    // The core's message for the same text is not repeated under the field.
    await waitFor(() => expect(sent.some((s) => s.dryRun && s.params.date === "31/02/2026")).toBe(true));
    expect(input.closest(".date-field")).toHaveClass("date-pending");

    await user.click(screen.getByText("Guardar"));
    await waitFor(() => expect(real(sent, "calendar.day.set")).toHaveLength(1));
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("date-error")).toHaveTextContent("Fecha no válida: use dd/mm/aaaa");

    // Fixed: the message goes away and the date is ISO again.
    await user.clear(input);
    await user.type(input, "28/02/2026");
    expect(screen.getByTestId("date-error")).not.toBeVisible();
    expect(iso()).toBe('"2026-02-28"');
    // …and the core's error of the last submit goes with the next dry run.
    await waitFor(() => expect(input).not.toHaveAttribute("aria-invalid", "true"));
    expect(input.closest(".date-field")).not.toHaveClass("date-pending");
  });

  it("shows the core's other messages at the field named like the form's", async () => {
    core();
    const user = userEvent.setup();
    render(Harness);
    const input = screen.getByTestId("date");
    await user.type(input, "28072026");
    await waitFor(() => expect(screen.getByTestId("error-date")).toHaveTextContent("ya es feriado nacional"));
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAttribute("aria-describedby", "f-date-err");
    expect(screen.getByTestId("date-error")).not.toBeVisible();
  });

  it("says which date is missing in dd/mm/aaaa terms after a submit with the field empty", async () => {
    const sent = core();
    const user = userEvent.setup();
    render(Harness, { required: true });
    const input = screen.getByTestId("date");
    await user.click(screen.getByText("Guardar"));
    const message = screen.getByTestId("date-error");
    await waitFor(() => expect(message).toHaveTextContent("Indique la fecha (dd/mm/aaaa)."));
    expect(message).toBeVisible();
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAttribute("aria-describedby", message.id);
    // The core's refusal of the same empty date is not repeated under the field.
    await waitFor(() => expect(real(sent, "calendar.day.set")).toHaveLength(1));
    expect(input.closest(".date-field")).toHaveClass("date-own");

    // A date typed: the message goes.
    await user.type(input, "02/03/2026");
    expect(message).not.toBeVisible();
    expect(iso()).toBe('"2026-03-02"');
  });

  it("shows the core's message for an empty optional date as the core wrote it", async () => {
    core();
    const user = userEvent.setup();
    render(Harness);
    await user.click(screen.getByText("Guardar"));
    await waitFor(() => expect(screen.getByTestId("error-date")).toHaveTextContent("Indique la fecha."));
    expect(screen.getByTestId("date-error")).not.toBeVisible();
    expect(screen.getByTestId("date").closest(".date-field")).not.toHaveClass("date-own");
  });

  it("moves a valid date one day with ↑/↓ and leaves an invalid one alone", async () => {
    core();
    const user = userEvent.setup();
    render(Harness, { initial: "2026-02-28" });
    const input = screen.getByTestId("date");
    await user.click(input);
    await user.keyboard("{ArrowUp}");
    expect(input).toHaveValue("01/03/2026");
    expect(iso()).toBe('"2026-03-01"');
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(input).toHaveValue("27/02/2026");
    expect(iso()).toBe('"2026-02-27"');
    // The parent's oninput heard every step.
    expect(screen.getByTestId("changes")).toHaveTextContent("3");

    await user.clear(input);
    await user.type(input, "31/02/2026");
    await user.keyboard("{ArrowUp}");
    expect(input).toHaveValue("31/02/2026");
  });

  it("follows a value set from outside and can be disabled", async () => {
    core();
    const user = userEvent.setup();
    render(Harness, { initial: null, disabled: true });
    const input = screen.getByTestId("date");
    expect(input).toHaveValue("");
    expect(input).toBeDisabled();
    await user.click(screen.getByText("Navidad"));
    expect(input).toHaveValue("25/12/2024");
  });

  it("keeps null for an emptied field that started as null", async () => {
    core();
    const user = userEvent.setup();
    render(Harness, { initial: null });
    const input = screen.getByTestId("date");
    await user.type(input, "01/01/2025");
    expect(iso()).toBe('"2025-01-01"');
    await user.clear(input);
    expect(iso()).toBe("null");
  });
});
