// A form bound to one method of the core. As the person types, the same method runs with
// `dryRun` (debounced) so the core's own rules validate the input; the Spanish message is shown
// under the input whose `name` equals the error's `field`. Typed values are never touched here.
import { ApiError, call, type Method, type Params, type Result } from "./api";

const DEBOUNCE_MS = 300;

/** What the error components need from a form, whatever its method. */
export interface FormErrors {
  readonly general: string | null;
  error(name: string): string | undefined;
  register(name: string): () => void;
}

export class Form<M extends Method> implements FormErrors {
  /** The current error message per field name (only fields the person has touched, or all after submit). */
  errors = $state<Record<string, string>>({});
  /** An error that belongs to no visible field. */
  general = $state<string | null>(null);
  /** A submit is running. */
  busy = $state(false);
  /** Last successful validation had no error. */
  valid = $state(false);

  #method: () => M;
  #params: () => Params<M>;
  #touched = new Set<string>();
  #registered = new Set<string>();
  #submitted = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #seq = 0;

  /** `params` is read at call time, so it always sees the latest typed values. */
  constructor(method: M | (() => M), params: () => Params<M>) {
    this.#method = typeof method === "function" ? method : () => method;
    this.#params = params;
  }

  get method(): M {
    return this.#method();
  }

  /** A FieldError for `name` is on screen: errors on that field are shown there. */
  register(name: string): () => void {
    this.#registered.add(name);
    return () => this.#registered.delete(name);
  }

  /** The message to show under the input `name`, if any. */
  error(name: string): string | undefined {
    return this.errors[name];
  }

  /** Input event handler for a whole <form>: marks the field touched and validates soon. */
  input = (e: Event): void => {
    const t = e.target as { name?: unknown } | null;
    if (t && typeof t.name === "string" && t.name !== "") this.#touched.add(t.name);
    this.validateSoon();
  };

  /** Mark a field as touched (for inputs outside a <form>). */
  touch(name: string): void {
    this.#touched.add(name);
  }

  validateSoon(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.validate();
    }, DEBOUNCE_MS);
  }

  /** Validate now with a dry run. Resolves to true when the core accepted the params. */
  async validate(): Promise<boolean> {
    const seq = ++this.#seq;
    try {
      await call(this.method, this.#params(), { dryRun: true });
      if (seq === this.#seq) this.#show(null);
      return true;
    } catch (e) {
      if (seq === this.#seq) this.#show(ApiError.from(e));
      return false;
    }
  }

  /** The real call. Returns the result, or null after showing the error at its field. */
  async submit(): Promise<Result<M> | null> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    const seq = ++this.#seq;
    this.#submitted = true;
    this.busy = true;
    try {
      const r = await call(this.method, this.#params());
      if (seq === this.#seq) this.reset();
      return r;
    } catch (e) {
      if (seq === this.#seq) this.#show(ApiError.from(e));
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Forget errors and touched fields (after a save, or when another record is opened). */
  reset(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#seq++;
    this.#touched.clear();
    this.#submitted = false;
    this.errors = {};
    this.general = null;
    this.valid = false;
  }

  #show(err: ApiError | null): void {
    if (!err) {
      this.errors = {};
      this.general = null;
      this.valid = true;
      return;
    }
    this.valid = false;
    const field = this.#fieldOf(err.field);
    if (field) {
      const visible = this.#submitted || this.#touched.has(field);
      this.errors = visible ? { [field]: err.message } : {};
      this.general = null;
    } else {
      this.errors = {};
      // Errors without a field only interrupt the person when they asked to save.
      this.general = this.#submitted ? err.message : null;
    }
  }

  /** The registered field an error names: params nested in an object (`norm.update` sends
   * `{id, norm: {…}}`, so the core says `norm.date`) are shown at the inner field (`date`). */
  #fieldOf(field: string | null | undefined): string | null {
    let name = field ?? "";
    while (name) {
      if (this.#registered.has(name)) return name;
      const dot = name.indexOf(".");
      if (dot < 0) return null;
      name = name.slice(dot + 1);
    }
    return null;
  }
}
