// What the «Vigencia y relaciones» section of a sealed norm shares: the tone of its status
// badge and the one search of the other norm of a relation.
import { call } from "./api";
import type { NormSummary } from "./bindings/NormSummary";
import type { NormValidityStatus } from "./bindings/NormValidityStatus";

/** The colour of a status badge (the label is always written next to it). */
export function statusTone(s: NormValidityStatus | null): "ok" | "wait" | "off" | "draft" {
  switch (s) {
    case "vigente":
    case "derogada_parcialmente":
      return "ok";
    case "vigencia_futura":
    case "pendiente_ratificacion":
    case "sin_efecto":
      return "wait";
    case "derogada":
    case "suspendida":
      return "off";
    default:
      return "draft";
  }
}

/**
 * The sealed norms whose number or title contain `text`, other than `except`: the older norm
 * of a relation, chosen by typing: the registry's search (number, title or any word of the
 * text), first page.
 */
export async function findNorms(text: string, except: number): Promise<NormSummary[]> {
  const t = text.trim();
  if (t.length < 2) return [];
  const page = await call("norm.list", { kind: null, status: "sellada", query: t, after: null, limit: 11 });
  return page.rows.filter((r) => r.id !== except).slice(0, 10);
}

/** A norm as a person names it: its identifier, else its title. */
export function normName(n: { identifier: string | null; title: string }): string {
  return n.identifier ?? n.title;
}
