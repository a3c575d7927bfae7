// Users and roles as the administrator reads them: an account's state in words, and the
// permission catalog grouped by area under Spanish headings for the roles matrix.
import type { Permission } from "./bindings/Permission";
import type { Role } from "./bindings/Role";
import type { RolePermission } from "./bindings/RolePermission";
import type { User } from "./bindings/User";

/** The role that keeps every permission (the core refuses to shrink it). */
export const ADMINISTRATOR = "administrador";

/** Users per page of Configuración → Usuarios. */
export const USER_PAGE = 25;

const AREA_HEADINGS: Record<string, string> = {
  auth: "Usuarios y acceso",
  user: "Usuarios y acceso",
  role: "Usuarios y acceso",
  permission: "Usuarios y acceso",
  audit: "Auditoría",
  municipality: "Municipalidad",
  rules: "Reglas legales",
  org: "Organización",
  council: "Concejo",
  numbering: "Numeración",
  calendar: "Calendario",
  print: "Impresión",
  norm: "Normas",
  copy: "Copias certificadas",
  records: "Documentos y firmas",
  trust: "Certificados de confianza",
  body: "Concejo y comisiones",
  session: "Sesiones",
  agenda: "Sesiones",
  attendance: "Sesiones",
  vote: "Sesiones",
  minutes: "Sesiones",
  intervention: "Sesiones",
  book: "Sesiones",
  report: "Sesiones",
  plan: "Planeamiento",
  home: "Inicio",
  followup: "Seguimiento de encargos",
  access: "Acceso a la información",
  complaint: "Reclamos y consultas",
  backup: "Copias de seguridad",
  demo: "Sistema",
  system: "Sistema",
};

/** The Spanish heading of the area a method belongs to (its prefix before the first dot). */
export function areaOf(method: string): string {
  const prefix = method.split(".")[0] ?? method;
  return AREA_HEADINGS[prefix] ?? "Otros";
}

export interface Area {
  /** Spanish heading; also its key. */
  heading: string;
  permissions: Permission[];
}

/** The catalog grouped by heading, areas in the order their first method comes in the catalog. */
export function groupByArea(catalog: Permission[]): Area[] {
  const areas = new Map<string, Area>();
  for (const p of catalog) {
    const heading = areaOf(p.method);
    let a = areas.get(heading);
    if (!a) {
      a = { heading, permissions: [] };
      areas.set(heading, a);
    }
    a.permissions.push(p);
  }
  return [...areas.values()];
}

/** A heading as a data-testid fragment ("Usuarios y acceso" → "usuarios-y-acceso"). */
export function areaKey(heading: string): string {
  return heading
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Whether holding `role` makes the core ask for the user's unit (some grant is unit-only). */
export function needsUnit(role: Role): boolean {
  return role.permissions.some((p) => p.unit_only);
}

/** "14:35" in this computer's time zone. */
export function hourMinute(rfc3339: string): string {
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) return rfc3339;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(t.getHours())}:${p(t.getMinutes())}`;
}

export interface StateBadge {
  text: string;
  /** A class of `.badge` in app.css. */
  tone: "activo" | "vacado" | "annulled" | "licencia";
}

/** What an account's state is, in words (one or two badges). */
export function userState(u: User): StateBadge[] {
  if (!u.active) return [{ text: "Desactivado", tone: "vacado" }];
  const out: StateBadge[] = [];
  if (u.locked_until) out.push({ text: `Bloqueado hasta las ${hourMinute(u.locked_until)}`, tone: "annulled" });
  if (u.must_change) out.push({ text: "Debe cambiar su contraseña", tone: "licencia" });
  if (out.length === 0) out.push({ text: "Activo", tone: "activo" });
  return out;
}

/** A role's grants with `method` set on or off (keeping the catalog's order). */
export function toggleGrant(
  grants: RolePermission[],
  method: string,
  on: boolean,
  catalog: Permission[],
): RolePermission[] {
  const rest = grants.filter((g) => g.method !== method);
  const next = on ? [...rest, { method, unit_only: grants.find((g) => g.method === method)?.unit_only ?? false }] : rest;
  return inCatalogOrder(next, catalog);
}

/** Grants sorted as the catalog lists the methods (unknown ones last). */
export function inCatalogOrder(grants: RolePermission[], catalog: Permission[]): RolePermission[] {
  const order = new Map(catalog.map((p, i) => [p.method, i]));
  const at = (m: string) => order.get(m) ?? Number.MAX_SAFE_INTEGER;
  return [...grants].sort((a, b) => at(a.method) - at(b.method));
}
