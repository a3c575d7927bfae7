// The messages of a form whose request is sent by its parent (the reprogramming sends the grid's
// changes with the reason and date): the parent hands over the core's error, and it is shown at
// the field it names when that field is on screen, or at the top of the form otherwise.
import type { ApiError } from "../../api";
import type { FormErrors } from "../../form.svelte";

export class FieldErrors implements FormErrors {
  errors = $state<Record<string, string>>({});
  general = $state<string | null>(null);
  #registered = new Set<string>();

  register(name: string): () => void {
    this.#registered.add(name);
    return () => this.#registered.delete(name);
  }

  error(name: string): string | undefined {
    return this.errors[name];
  }

  /** Show the core's answer (null: no error). */
  show(err: ApiError | null): void {
    if (err?.field && this.#registered.has(err.field)) {
      this.errors = { [err.field]: err.message };
      this.general = null;
    } else {
      this.errors = {};
      this.general = err?.message ?? null;
    }
  }
}
