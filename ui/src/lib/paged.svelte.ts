// A list the core pages by key (ADR 0018): the screen shows the rows read so far and asks for
// the next page with the cursor the core gave («Cargar más»). Filters go to the core with every
// page; changing one reads the first page again. No screen holds a whole table.
import { ApiError } from "./api";

/** A page as every paged method answers it. */
export interface Page<T> {
  rows: T[];
  next: string | null;
}

/** Rows per page on the screens. */
export const PAGE = 50;

export class Paged<T> {
  rows = $state<T[]>([]);
  next = $state<string | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Whether the first page was read (once, with or without rows). */
  loaded = $state(false);
  #seq = 0;
  #fetch: (after: string | undefined) => Promise<Page<T>>;

  /** `fetch` reads the page after `after` (the first one when undefined) with the filters as they are now. */
  constructor(fetch: (after: string | undefined) => Promise<Page<T>>) {
    this.#fetch = fetch;
  }

  /** The first page (again, after a filter changed or a row was saved). */
  load(): Promise<void> {
    return this.#read(false);
  }

  /** The next page, after the rows shown. */
  more(): Promise<void> {
    return this.next === null ? Promise.resolve() : this.#read(true);
  }

  /** Put `row` in place of the shown row with the same `key` (after an edit). */
  replace(row: T, same: (a: T, b: T) => boolean): void {
    this.rows = this.rows.map((r) => (same(r, row) ? row : r));
  }

  async #read(more: boolean): Promise<void> {
    const mine = ++this.#seq;
    this.loading = true;
    try {
      const page = await this.#fetch(more ? (this.next ?? undefined) : undefined);
      if (mine !== this.#seq) return;
      this.rows = more ? [...this.rows, ...page.rows] : page.rows;
      this.next = page.next;
      this.error = null;
    } catch (e) {
      if (mine === this.#seq) this.error = ApiError.from(e).message;
    } finally {
      if (mine === this.#seq) {
        this.loading = false;
        this.loaded = true;
      }
    }
  }
}
