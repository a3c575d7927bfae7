// A confirmation before anything irreversible (delete, annul), and short notices after a save.

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  danger: boolean;
  /** When set, the person must type a reason (e.g. annulling a number). */
  reasonLabel: string | null;
  resolve: (r: { ok: boolean; reason: string }) => void;
}

class Dialogs {
  current = $state<ConfirmRequest | null>(null);
  notice = $state<{ text: string; id: number } | null>(null);
  #noticeTimer: ReturnType<typeof setTimeout> | null = null;

  /** Ask for confirmation. Resolves to whether the person confirmed (and the reason typed). */
  confirm(opts: {
    title: string;
    message: string;
    confirmLabel?: string;
    danger?: boolean;
    reasonLabel?: string;
  }): Promise<{ ok: boolean; reason: string }> {
    return new Promise((resolve) => {
      this.current?.resolve({ ok: false, reason: "" });
      this.current = {
        title: opts.title,
        message: opts.message,
        confirmLabel: opts.confirmLabel ?? "Confirmar",
        danger: opts.danger ?? true,
        reasonLabel: opts.reasonLabel ?? null,
        resolve: (r) => {
          this.current = null;
          resolve(r);
        },
      };
    });
  }

  /** Show a short notice ("Guardado.") in the status area. */
  notify(text: string): void {
    this.notice = { text, id: Date.now() };
    if (this.#noticeTimer) clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => (this.notice = null), 4000);
  }
}

export const dialogs = new Dialogs();
