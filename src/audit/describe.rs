//! What a person reads in the trail: one Spanish sentence per change («Selló la ORDENANZA N°
//! 004-2026-MDSRQ») and the record it touched, taken from the params and the result of the
//! method as JSON values (this module knows no area's types, only their field names on the
//! wire). Every write method of the table has its phrase; `tests/audit.rs` fails when one has
//! none.

use crate::dates::dmy as day;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

macro_rules! kinds {
    ($( $variant:ident = $code:literal, $label:literal; )*) => {
        /// The kind of record an audit entry touched (the stored and wire value is the code).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
        pub enum RecordKind {
            $( #[doc = $label] #[serde(rename = $code)] $variant, )*
        }

        impl RecordKind {
            /// Every kind, in the order the filter offers them.
            pub const ALL: &'static [RecordKind] = &[$(RecordKind::$variant),*];

            /// The stored code (`norma`, `sesion`…).
            pub fn code(self) -> &'static str {
                match self { $(RecordKind::$variant => $code,)* }
            }

            /// Spanish name for people ("Norma", "Sesión"…).
            pub fn label(self) -> &'static str {
                match self { $(RecordKind::$variant => $label,)* }
            }

            /// The kind of a stored code.
            pub fn from_code(code: &str) -> Option<RecordKind> {
                match code { $($code => Some(RecordKind::$variant),)* _ => None }
            }
        }
    };
}

kinds! {
    Municipalidad = "municipalidad", "Municipalidad";
    Anio = "anio", "Denominación del año";
    Reglas = "reglas", "Reglas legales";
    Unidad = "unidad", "Unidad orgánica";
    Persona = "persona", "Persona";
    Cargo = "cargo", "Cargo";
    Periodo = "periodo", "Periodo del concejo";
    Miembro = "miembro", "Miembro del concejo";
    Serie = "serie", "Serie de numeración";
    Numero = "numero", "Número asignado";
    Dia = "dia", "Día del calendario";
    Feriado = "feriado", "Feriado";
    Impresion = "impresion", "Impresión";
    Norma = "norma", "Norma";
    CopiaCertificada = "copia-certificada", "Copia certificada";
    Certificado = "certificado", "Certificado de confianza";
    Organo = "organo", "Concejo, comisión o comité";
    Sesion = "sesion", "Sesión";
    Punto = "punto", "Punto de agenda";
    Acta = "acta", "Acta";
    Libro = "libro", "Libro de actas";
    PlanEstrategico = "plan-estrategico", "Plan estratégico";
    PlanOperativo = "plan-operativo", "Plan operativo";
    Actividad = "actividad", "Actividad";
    InformePlan = "informe-plan", "Informe de planeamiento";
    Usuario = "usuario", "Usuario";
    Rol = "rol", "Rol";
    Ingreso = "ingreso", "Configuración de ingreso";
    Copias = "copias", "Copias de seguridad";
    Encargo = "encargo", "Encargo";
    Solicitud = "solicitud", "Solicitud de acceso a la información";
    Reclamo = "reclamo", "Reclamo, queja o consulta";
    Instrumento = "instrumento", "Instrumento de gestión";
    Portal = "portal", "Portal de transparencia";
}

/// The record an entry touched: its kind, its id when it has one, and the identifier a
/// person knows it by ("ORDENANZA N° 004-2026-MDSRQ", "Gerencia de Obras").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Touched {
    /// Kind.
    pub kind: RecordKind,
    /// Id within its kind (none for a single row such as the municipality).
    pub id: Option<i64>,
    /// Human identifier, when there is one.
    pub label: Option<String>,
}

/// The sentence and the record of one change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// «Creó la unidad orgánica «Gerencia de Obras»».
    pub text: String,
    /// The record it touched.
    pub record: Option<Touched>,
}

/// The summary of `method` called with `params` that returned `result`. A method without a
/// phrase of its own (none today: the test of the method table) is named as it is.
pub fn describe(method: &str, params: &Value, result: &Value) -> Summary {
    phrase(method, params, result).unwrap_or_else(|| Summary {
        text: format!("Ejecutó {method}"),
        record: None,
    })
}

/// Whether `method` has a phrase of its own.
pub fn covers(method: &str) -> bool {
    phrase(method, &Value::Null, &Value::Null).is_some()
}

fn s<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn n(v: &Value, pointer: &str) -> Option<i64> {
    v.pointer(pointer).and_then(Value::as_i64)
}

/// A text field or a placeholder, for sentences.
fn t<'a>(v: &'a Value, pointer: &str) -> &'a str {
    s(v, pointer).unwrap_or("?")
}

fn touched(kind: RecordKind, id: Option<i64>, label: Option<&str>) -> Option<Touched> {
    Some(Touched {
        kind,
        id,
        label: label.map(str::to_string),
    })
}

fn summary(text: String, record: Option<Touched>) -> Option<Summary> {
    Some(Summary { text, record })
}

/// A norm in a sentence and its label: "la ORDENANZA N° 004-2026-MDSRQ" once numbered, else
/// "el proyecto de ordenanza «…»".
fn norm(v: &Value) -> (String, Option<Touched>) {
    let kind = s(v, "/kind").unwrap_or("norma");
    let (article, word) = match kind {
        "ordenanza" => ("la", "ordenanza"),
        "decreto" => ("el", "decreto"),
        "resolucion" => ("la", "resolución"),
        "acuerdo" => ("el", "acuerdo"),
        _ => ("la", "norma"),
    };
    let title = s(v, "/norm/title");
    let (text, label) = match s(v, "/identifier") {
        Some(ident) => (format!("{article} {ident}"), Some(ident)),
        None => (
            format!("el proyecto de {word} «{}»", title.unwrap_or("?")),
            title,
        ),
    };
    (text, touched(RecordKind::Norma, n(v, "/id"), label))
}

/// A session in a sentence and its record: "la SESIÓN ORDINARIA N° 05-2026" once convened,
/// else "la sesión ordinaria del 05/03/2026" (with the body's name when it is not the concejo).
fn session(detail: &Value) -> (String, Option<Touched>) {
    let v = detail.get("session").unwrap_or(&Value::Null);
    let label = match s(v, "/identifier") {
        Some(ident) => ident.to_string(),
        None => {
            let mut l = format!(
                "sesión {} del {}",
                t(v, "/kind"),
                day(s(v, "/date").unwrap_or("?"))
            );
            if s(v, "/body_kind").is_some_and(|k| k != "concejo") {
                l.push_str(&format!(" ({})", t(v, "/body_name")));
            }
            l
        }
    };
    (
        format!("la {label}"),
        touched(RecordKind::Sesion, n(v, "/id"), Some(&label)),
    )
}

fn strategic(r: &Value) -> (String, Option<Touched>) {
    let name = s(r, "/plan/name");
    (
        format!("el plan estratégico «{}»", name.unwrap_or("?")),
        touched(RecordKind::PlanEstrategico, n(r, "/plan/id"), name),
    )
}

fn operational(r: &Value) -> (String, Option<Touched>) {
    let name = s(r, "/plan/name");
    (
        format!("el plan operativo «{}»", name.unwrap_or("?")),
        touched(RecordKind::PlanOperativo, n(r, "/plan/id"), name),
    )
}

/// The printable kind of `records.sign` as a record and a word.
fn printable(kind: &str) -> (RecordKind, &'static str) {
    match kind {
        "ordenanza" | "decreto" | "resolucion" | "acuerdo" | "norma" => {
            (RecordKind::Norma, "la norma")
        }
        "copia-certificada" => (RecordKind::CopiaCertificada, "la copia certificada"),
        "acta" => (RecordKind::Acta, "el acta"),
        "convocatoria" => (RecordKind::Sesion, "la convocatoria de la sesión"),
        "agenda" => (RecordKind::Sesion, "la agenda de la sesión"),
        "paquete" => (RecordKind::Sesion, "los documentos de la sesión"),
        _ => (RecordKind::InformePlan, "el informe"),
    }
}

/// The last element of a list result with the greatest `id` (the one just added).
fn newest(list: &Value) -> &Value {
    list.as_array()
        .and_then(|a| a.iter().max_by_key(|e| n(e, "/id").unwrap_or(0)))
        .unwrap_or(&Value::Null)
}

/// A month's name as the municipality's documents write it (Peru's «setiembre»).
fn month_name(m: i64) -> &'static str {
    usize::try_from(m - 1)
        .ok()
        .and_then(|i| crate::spanish::MONTHS.get(i))
        .copied()
        .unwrap_or("?")
}

fn phrase(method: &str, p: &Value, r: &Value) -> Option<Summary> {
    use RecordKind as K;
    match method {
        "auth.sign_in" => match s(r, "/user/login") {
            Some(login) => summary(
                format!("Ingresó «{login}»"),
                touched(K::Usuario, n(r, "/user/id"), Some(login)),
            ),
            None => summary(
                format!(
                    "Intento de ingreso rechazado con el usuario «{}»: {}",
                    t(p, "/login"),
                    t(r, "/refusal")
                ),
                touched(K::Usuario, None, s(p, "/login")),
            ),
        },
        "auth.password.change" => summary("Cambió su propia contraseña".into(), None),
        "auth.first_admin" => summary(
            format!("Creó el primer administrador «{}»", t(r, "/login")),
            touched(K::Usuario, n(r, "/id"), s(r, "/login")),
        ),
        "auth.settings.set" => summary(
            format!(
                "Cambió el ingreso: bloqueo tras {} minutos sin uso, {} intentos fallidos, {} minutos de bloqueo",
                n(r, "/idle_minutes").unwrap_or_default(),
                n(r, "/max_attempts").unwrap_or_default(),
                n(r, "/lock_minutes").unwrap_or_default()
            ),
            touched(K::Ingreso, None, None),
        ),
        "user.create" => summary(
            format!(
                "Creó el usuario «{}» ({}) con los roles {}",
                t(r, "/login"),
                t(r, "/name"),
                r.get("roles").map_or("?".into(), |v| v.to_string())
            ),
            touched(K::Usuario, n(r, "/id"), s(r, "/login")),
        ),
        "user.update" => summary(
            format!(
                "Modificó el usuario «{}»{}",
                t(r, "/login"),
                if r.get("active") == Some(&Value::Bool(false)) {
                    " (desactivado)"
                } else {
                    ""
                }
            ),
            touched(K::Usuario, n(r, "/id"), s(r, "/login")),
        ),
        "user.password.reset" => summary(
            format!("Asignó una contraseña temporal al usuario «{}»", t(r, "/login")),
            touched(K::Usuario, n(r, "/id"), s(r, "/login")),
        ),
        "role.save" => summary(
            format!(
                "Guardó el rol «{}» con {} permisos",
                t(r, "/name"),
                r.get("permissions").and_then(Value::as_array).map_or(0, Vec::len)
            ),
            touched(K::Rol, None, s(r, "/name")),
        ),
        "role.delete" => summary(
            format!("Eliminó el rol «{}»", t(p, "/code")),
            touched(K::Rol, None, s(p, "/code")),
        ),
        "portal.export" => summary(
            format!(
                "Publicó el portal de transparencia en «{}» ({} normas, {} actas, {} informes)",
                t(r, "/path"),
                n(r, "/norms").unwrap_or(0),
                n(r, "/actas").unwrap_or(0),
                n(r, "/reports").unwrap_or(0)
            ),
            touched(K::Portal, None, s(r, "/path")),
        ),
        "backup.settings.set" => summary(
            "Cambió la configuración de las copias de seguridad automáticas".into(),
            touched(K::Copias, None, None),
        ),
        "demo.load" => summary(
            format!(
                "Cargó los datos de demostración de «{}»",
                t(r, "/municipality/name")
            ),
            touched(K::Municipalidad, None, s(r, "/municipality/name")),
        ),
        "municipality.create" => summary(
            format!("Creó la municipalidad «{}»", t(r, "/name")),
            touched(K::Municipalidad, None, s(r, "/name")),
        ),
        "municipality.update" => summary(
            format!("Modificó el perfil de la municipalidad «{}»", t(r, "/name")),
            touched(K::Municipalidad, None, s(r, "/name")),
        ),
        "municipality.logo.set" => summary(
            "Cambió el logo de la municipalidad".into(),
            touched(K::Municipalidad, None, s(r, "/name")),
        ),
        "municipality.year_name.set" => summary(
            format!(
                "Registró la denominación del año {}: «{}»",
                n(p, "/year").map_or("?".into(), |y| y.to_string()),
                t(p, "/name")
            ),
            touched(K::Anio, n(p, "/year"), s(p, "/name")),
        ),
        "municipality.year_name.delete" => summary(
            format!(
                "Quitó la denominación del año {}",
                n(p, "/year").map_or("?".into(), |y| y.to_string())
            ),
            touched(K::Anio, n(p, "/year"), None),
        ),
        "rules.set" => {
            let key = t(p, "/key");
            let label = r
                .get("entries")
                .and_then(Value::as_array)
                .and_then(|es| es.iter().find(|e| s(e, "/key") == Some(key)))
                .and_then(|e| s(e, "/label"))
                .unwrap_or(key);
            summary(
                format!("Cambió la regla legal «{label}» a «{}»", t(p, "/value")),
                touched(K::Reglas, None, Some(key)),
            )
        }
        "org.unit.create" | "org.unit.update" => summary(
            format!(
                "{} la unidad orgánica «{}»",
                if method.ends_with("create") {
                    "Creó"
                } else {
                    "Modificó"
                },
                t(r, "/name")
            ),
            touched(K::Unidad, n(r, "/id"), s(r, "/name")),
        ),
        "org.unit.move" => {
            let id = n(p, "/id");
            let name = r
                .as_array()
                .and_then(|us| us.iter().find(|u| n(u, "/id") == id && id.is_some()))
                .and_then(|u| s(u, "/name"));
            summary(
                format!(
                    "Cambió el orden de la unidad orgánica «{}»",
                    name.unwrap_or("?")
                ),
                touched(K::Unidad, id, name),
            )
        }
        "org.unit.delete" => summary(
            format!(
                "Eliminó la unidad orgánica N° {}",
                n(p, "/id").map_or("?".into(), |i| i.to_string())
            ),
            touched(K::Unidad, n(p, "/id"), None),
        ),
        "org.person.create" => summary(
            format!("Registró a {}", t(r, "/full_name")),
            touched(K::Persona, n(r, "/id"), s(r, "/full_name")),
        ),
        "org.person.update" => summary(
            format!("Modificó los datos de {}", t(r, "/full_name")),
            touched(K::Persona, n(r, "/id"), s(r, "/full_name")),
        ),
        "org.position.create" => summary(
            format!(
                "Asignó el cargo «{}» a {} en {}",
                t(r, "/title"),
                t(r, "/person_name"),
                t(r, "/unit_name")
            ),
            touched(K::Cargo, n(r, "/id"), s(r, "/title")),
        ),
        "org.position.update" => summary(
            format!(
                "Modificó el cargo «{}» de {}",
                t(r, "/title"),
                t(r, "/person_name")
            ),
            touched(K::Cargo, n(r, "/id"), s(r, "/title")),
        ),
        "council.term.create" => summary(
            format!("Creó el periodo del concejo «{}»", t(r, "/name")),
            touched(K::Periodo, n(r, "/id"), s(r, "/name")),
        ),
        "council.member.add" => summary(
            format!("Incorporó a {} al concejo", t(r, "/person_name")),
            touched(K::Miembro, n(r, "/id"), s(r, "/person_name")),
        ),
        "council.member.update" => summary(
            format!(
                "Modificó los datos de {} como miembro del concejo",
                t(r, "/person_name")
            ),
            touched(K::Miembro, n(r, "/id"), s(r, "/person_name")),
        ),
        "council.status.set" => {
            let what = match s(p, "/status") {
                Some("licencia") => "la licencia",
                Some("suspendido") => "la suspensión",
                Some("vacado") => "la vacancia",
                _ => "el retorno a funciones",
            };
            summary(
                format!(
                    "Registró {what} de {} desde el {}",
                    t(r, "/person_name"),
                    day(t(p, "/from_date"))
                ),
                touched(K::Miembro, n(r, "/id"), s(r, "/person_name")),
            )
        }
        "numbering.series.create" | "numbering.series.update" => summary(
            format!(
                "{} la serie de numeración «{}» ({})",
                if method.ends_with("create") {
                    "Creó"
                } else {
                    "Modificó"
                },
                t(r, "/name"),
                t(r, "/code")
            ),
            touched(K::Serie, n(r, "/id"), s(r, "/code")),
        ),
        "numbering.assign" => summary(
            format!("Asignó el número {}", t(r, "/identifier")),
            touched(K::Numero, n(r, "/id"), s(r, "/identifier")),
        ),
        "numbering.annul" => summary(
            format!(
                "Anuló el número {}: {}",
                t(r, "/identifier"),
                t(p, "/reason")
            ),
            touched(K::Numero, n(r, "/id"), s(r, "/identifier")),
        ),
        "calendar.day.set" => summary(
            format!(
                "Registró el {} en el calendario: «{}»",
                day(t(p, "/date")),
                t(p, "/name")
            ),
            touched(K::Dia, None, s(p, "/date")),
        ),
        "calendar.day.delete" => summary(
            format!("Quitó el {} del calendario", day(t(p, "/date"))),
            touched(K::Dia, None, s(p, "/date")),
        ),
        "calendar.rule.create" => summary(
            format!("Creó el feriado «{}»", t(r, "/name")),
            touched(K::Feriado, n(r, "/id"), s(r, "/name")),
        ),
        "calendar.rule.delete" => summary(
            format!(
                "Eliminó el feriado N° {}",
                n(p, "/id").map_or("?".into(), |i| i.to_string())
            ),
            touched(K::Feriado, n(p, "/id"), None),
        ),
        "print.settings.set" => summary(
            format!(
                "Cambió la configuración de impresión (papel {})",
                t(r, "/paper")
            ),
            touched(K::Impresion, None, None),
        ),
        "norm.create" | "norm.update" => {
            let (what, record) = norm(r);
            let verb = if method == "norm.create" {
                "Creó"
            } else {
                "Modificó"
            };
            summary(format!("{verb} {what}"), record)
        }
        "norm.delete" => summary(
            format!(
                "Eliminó el proyecto de norma N° {}",
                n(p, "/id").map_or("?".into(), |i| i.to_string())
            ),
            touched(K::Norma, n(p, "/id"), None),
        ),
        "norm.seal" => {
            let (what, record) = norm(r);
            summary(format!("Selló {what}"), record)
        }
        "norm.correct" => {
            let (_, record) = norm(r);
            summary(
                format!(
                    "Abrió la corrección de {}: {}",
                    s(r, "/corrects/identifier").unwrap_or("una norma sellada"),
                    t(p, "/reason")
                ),
                record,
            )
        }
        "norm.import.apply" => {
            let sheet = t(p, "/sheet");
            let sheet = sheet.rsplit(['/', '\\']).next().unwrap_or_default().to_string();
            summary(
                format!(
                    "Importó {} normas históricas de «{sheet}» ({} con texto, {} escaneadas sin texto, {} sin archivo)",
                    n(r, "/imported").unwrap_or(0),
                    n(r, "/with_text").unwrap_or(0),
                    n(r, "/scanned").unwrap_or(0),
                    n(r, "/without_file").unwrap_or(0)
                ),
                touched(K::Norma, n(r, "/first_id"), None),
            )
        }
        "norm.validity.set"
        | "norm.publication.add"
        | "norm.publication.remove"
        | "norm.ratification.set"
        | "norm.ratification.remove"
        | "norm.relation.add"
        | "norm.relation.remove"
        | "norm.distribution.set"
        | "norm.distribution.acknowledge" => {
            let label = s(r, "/identifier").or(s(r, "/title"));
            let what = label.unwrap_or("una norma");
            let text = match method {
                "norm.validity.set" => format!("Registró los datos de vigencia de {what}"),
                "norm.publication.add" => {
                    let medium = r
                        .pointer("/publications")
                        .and_then(Value::as_array)
                        .and_then(|ps| {
                            ps.iter().find(|x| {
                                s(x, "/medium") == s(p, "/medium")
                                    && s(x, "/published_on") == s(p, "/published_on")
                            })
                        })
                        .and_then(|x| s(x, "/medium_label"))
                        .or(s(p, "/medium"))
                        .unwrap_or("?");
                    format!(
                        "Registró la publicación de {what} en {medium} del {}",
                        day(t(p, "/published_on"))
                    )
                }
                "norm.publication.remove" => format!("Quitó una publicación de {what}"),
                "norm.ratification.set" => format!(
                    "Registró la ratificación provincial de {what} ({})",
                    t(p, "/identifier")
                ),
                "norm.ratification.remove" => format!("Quitó la ratificación provincial de {what}"),
                "norm.relation.add" => {
                    let rel = r
                        .pointer("/relations")
                        .and_then(Value::as_array)
                        .and_then(|rs| {
                            rs.iter().find(|x| {
                                s(x, "/direction") == Some("activa")
                                    && s(x, "/kind") == s(p, "/kind")
                                    && n(x, "/other/id") == n(p, "/target_id")
                            })
                        });
                    match rel {
                        Some(x) => format!(
                            "Registró que {what} {} {}",
                            t(x, "/wording").to_lowercase(),
                            s(x, "/other/identifier").unwrap_or(t(x, "/other/title"))
                        ),
                        None => format!("Registró una relación de {what}"),
                    }
                }
                "norm.relation.remove" => format!("Quitó una relación de {what}"),
                "norm.distribution.set" => {
                    let units = r
                        .pointer("/distribution")
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len);
                    format!(
                        "Registró la distribución de {what} ({units} {})",
                        if units == 1 { "unidad" } else { "unidades" }
                    )
                }
                _ => {
                    let unit = r
                        .pointer("/distribution")
                        .and_then(Value::as_array)
                        .and_then(|ds| ds.iter().find(|x| n(x, "/unit_id") == n(p, "/unit_id")))
                        .and_then(|x| s(x, "/unit_name"))
                        .unwrap_or("una unidad");
                    format!("Registró el acuse de recibo de {what} por {unit}")
                }
            };
            summary(text, touched(K::Norma, n(r, "/id"), label))
        }
        "vote.adopt" => {
            let (what, record) = norm(r);
            summary(format!("Registró {what} adoptado en votación"), record)
        }
        "copy.create" => summary(
            format!("Expidió la copia certificada {}", t(r, "/identifier")),
            touched(K::CopiaCertificada, n(r, "/id"), s(r, "/identifier")),
        ),
        "records.sign" => {
            let (kind, word) = printable(t(p, "/kind"));
            let id = n(p, "/id");
            summary(
                format!(
                    "Firmó digitalmente {word} N° {} (firma {} de {})",
                    id.map_or("?".into(), |i| i.to_string()),
                    n(r, "/seq").map_or("?".into(), |i| i.to_string()),
                    t(r, "/signer_name")
                ),
                touched(kind, id, None),
            )
        }
        "trust.root.add" => {
            let root = newest(r);
            summary(
                format!(
                    "Agregó el certificado de confianza «{}»",
                    t(root, "/subject")
                ),
                touched(K::Certificado, n(root, "/id"), s(root, "/subject")),
            )
        }
        "trust.root.delete" => summary(
            format!(
                "Quitó el certificado de confianza N° {}",
                n(p, "/id").map_or("?".into(), |i| i.to_string())
            ),
            touched(K::Certificado, n(p, "/id"), None),
        ),
        "body.create" | "body.update" => {
            let what = match s(r, "/kind") {
                Some("concejo") => "el concejo",
                Some("comite") => "el comité",
                _ => "la comisión",
            };
            let verb = if method == "body.create" {
                "Creó"
            } else {
                "Modificó"
            };
            summary(
                format!("{verb} {what} «{}»", t(r, "/name")),
                touched(K::Organo, n(r, "/id"), s(r, "/name")),
            )
        }
        "session.create" | "session.convene" | "session.receipt" | "session.postpone"
        | "session.cancel" | "session.suspend" | "session.start" | "session.conclude"
        | "agenda.add" | "agenda.move" | "agenda.delete" | "agenda.carry" | "attendance.set" => {
            let (what, record) = session(r);
            let text = match method {
                "session.create" => format!("Programó {what}"),
                "session.convene" => format!("Convocó {what}"),
                "session.receipt" => {
                    format!("Registró la recepción de la convocatoria de {what}")
                }
                "session.postpone" => {
                    format!("Postergó {what} al {}", day(t(p, "/date")))
                }
                "session.cancel" => format!("Canceló {what}: {}", t(p, "/reason")),
                "session.suspend" => format!("Suspendió {what}: {}", t(p, "/reason")),
                "session.start" => format!("Inició {what} a las {}", t(p, "/time")),
                "session.conclude" => format!("Levantó {what} a las {}", t(p, "/time")),
                "agenda.add" => format!(
                    "Agregó el punto «{}» a la agenda de {what}",
                    t(p, "/item/title")
                ),
                "agenda.move" => format!("Reordenó la agenda de {what}"),
                "agenda.delete" => format!("Quitó un punto de la agenda de {what}"),
                "agenda.carry" => {
                    let title = r
                        .pointer("/agenda")
                        .and_then(Value::as_array)
                        .and_then(|items| {
                            items.iter().find(|i| i.pointer("/carried_from") == p.pointer("/item_id"))
                        })
                        .map(|i| t(i, "/title"))
                        .unwrap_or_default();
                    format!("Llevó el asunto empatado «{title}» a {what}")
                }
                _ => format!("Registró la asistencia de {what}"),
            };
            summary(text, record)
        }
        "vote.cast" => summary(
            format!(
                "Registró la votación del punto «{}»: {}",
                t(r, "/item/title"),
                match s(r, "/outcome/decision") {
                    Some("aprobado") => "aprobado",
                    Some("rechazado") => "rechazado",
                    Some("empate_voto_dirimente") => "empate, falta el voto dirimente",
                    Some("empate_repetir") => "empate, se repite la votación",
                    Some("empate_nueva_sesion") => "empate, pasa a una nueva sesión",
                    _ => "?",
                }
            ),
            touched(K::Sesion, n(r, "/item/session_id"), None),
        ),
        "minutes.generate" | "minutes.update" => summary(
            format!(
                "{} {}",
                if method == "minutes.generate" {
                    "Generó el borrador del acta:"
                } else {
                    "Modificó el acta:"
                },
                t(r, "/title")
            ),
            touched(K::Acta, n(r, "/session_id"), s(r, "/title")),
        ),
        "agenda.attach" => {
            let path = t(p, "/path");
            let name = std::path::Path::new(path)
                .file_name()
                .and_then(|f| f.to_str())
                .unwrap_or(path);
            summary(
                format!("Adjuntó «{name}» a un punto de agenda"),
                touched(K::Punto, n(p, "/item_id"), None),
            )
        }
        "agenda.detach" => summary(
            "Quitó un documento adjunto de un punto de agenda".into(),
            touched(K::Punto, n(p, "/item_id"), None),
        ),
        "intervention.add" => summary(
            format!(
                "Registró la intervención de {}",
                s(r, "/speaker")
                    .or(s(p, "/speaker"))
                    .unwrap_or("un miembro")
            ),
            touched(K::Punto, n(p, "/item_id"), None),
        ),
        "book.open" => summary(
            format!(
                "Abrió el {} ({} folios)",
                t(r, "/identifier"),
                n(r, "/folios").map_or("?".into(), |f| f.to_string())
            ),
            touched(K::Libro, n(r, "/id"), s(r, "/identifier")),
        ),
        "plan.strategic.create"
        | "plan.strategic.update"
        | "plan.strategic.approve"
        | "plan.strategic.revise"
        | "plan.objective.save"
        | "plan.objective.delete"
        | "plan.action.save"
        | "plan.action.delete"
        | "plan.indicator.save"
        | "plan.indicator.delete"
        | "plan.indicator.actual" => {
            let (what, record) = strategic(r);
            let text = match method {
                "plan.strategic.create" => format!("Creó {what}"),
                "plan.strategic.update" => format!("Modificó {what}"),
                "plan.strategic.approve" => format!(
                    "Aprobó {what} con {}",
                    s(r, "/plan/norm_identifier").unwrap_or("una norma")
                ),
                "plan.strategic.revise" => format!(
                    "Abrió la versión {} de {what}: {}",
                    n(r, "/plan/version").map_or("?".into(), |v| v.to_string()),
                    t(p, "/reason")
                ),
                "plan.objective.save" => {
                    format!("Guardó el objetivo {} de {what}", t(p, "/code"))
                }
                "plan.objective.delete" => format!("Eliminó un objetivo de {what}"),
                "plan.action.save" => {
                    format!("Guardó la acción estratégica {} de {what}", t(p, "/code"))
                }
                "plan.action.delete" => format!("Eliminó una acción estratégica de {what}"),
                "plan.indicator.save" => {
                    format!("Guardó el indicador «{}» de {what}", t(p, "/name"))
                }
                "plan.indicator.delete" => format!("Eliminó un indicador de {what}"),
                _ => format!(
                    "Registró el valor obtenido en {} de un indicador de {what}",
                    n(p, "/year").map_or("?".into(), |y| y.to_string())
                ),
            };
            summary(text, record)
        }
        "plan.operational.create" | "plan.operational.approve" => {
            let (what, record) = operational(r);
            let text = if method == "plan.operational.create" {
                format!("Creó {what}")
            } else {
                format!(
                    "Aprobó {what} con {}",
                    s(r, "/plan/norm_identifier").unwrap_or("una norma")
                )
            };
            summary(text, record)
        }
        "plan.activity.save" => {
            let label = match (s(r, "/code"), s(r, "/name")) {
                (Some(c), Some(name)) => Some(format!("{c} {name}")),
                (c, name) => c.or(name).map(str::to_string),
            };
            summary(
                format!(
                    "Guardó la actividad «{}» de {}",
                    label.as_deref().unwrap_or("?"),
                    t(r, "/unit_name")
                ),
                touched(K::Actividad, n(r, "/id"), label.as_deref()),
            )
        }
        "plan.activity.delete" => summary(
            format!(
                "Eliminó la actividad N° {}",
                n(p, "/id").map_or("?".into(), |i| i.to_string())
            ),
            touched(K::Actividad, n(p, "/id"), None),
        ),
        "plan.targets.set" => summary(
            format!(
                "Programó {} metas del plan operativo N° {}",
                n(r, "/cells").unwrap_or(0),
                n(p, "/plan_id").map_or("?".into(), |i| i.to_string())
            ),
            touched(K::PlanOperativo, n(p, "/plan_id"), None),
        ),
        "plan.reprogram" => summary(
            format!(
                "Reprogramó el plan operativo N° {} (versión {}): {}",
                n(p, "/plan_id").map_or("?".into(), |i| i.to_string()),
                n(r, "/version").map_or("?".into(), |v| v.to_string()),
                t(p, "/reason")
            ),
            touched(K::PlanOperativo, n(p, "/plan_id"), None),
        ),
        "plan.execution.save" => summary(
            format!(
                "Registró la ejecución de {} de {} de {}",
                month_name(n(r, "/month").or(n(p, "/month")).unwrap_or(0)),
                n(r, "/year").map_or("?".into(), |y| y.to_string()),
                t(r, "/unit_name")
            ),
            touched(K::PlanOperativo, n(p, "/plan_id"), None),
        ),
        "plan.import" => {
            let kind = if s(p, "/kind") == Some("pei") {
                K::PlanEstrategico
            } else {
                K::PlanOperativo
            };
            summary(
                format!(
                    "Importó «{}»: {} filas nuevas y {} modificadas",
                    t(p, "/file_name"),
                    n(r, "/created").unwrap_or(0),
                    n(r, "/updated").unwrap_or(0)
                ),
                touched(kind, n(p, "/plan_id"), None),
            )
        }
        "plan.report.create" | "plan.report.seal" => {
            let title = s(r, "/report/title");
            let text = if method == "plan.report.create" {
                format!("Creó el borrador del informe «{}»", title.unwrap_or("?"))
            } else {
                format!("Selló el informe «{}»", title.unwrap_or("?"))
            };
            summary(text, touched(K::InformePlan, n(r, "/report/id"), title))
        }
        "plan.report.delete" => summary(
            format!(
                "Eliminó el borrador del informe N° {}",
                n(p, "/id").map_or("?".into(), |i| i.to_string())
            ),
            touched(K::InformePlan, n(p, "/id"), None),
        ),
        "followup.create" | "followup.update" | "followup.progress" | "access.register"
        | "access.correction" | "access.corrected" | "access.extend" | "access.answer"
        | "access.close" | "complaint.register" => {
            let number = t(r, "/item/number");
            let kind = match s(r, "/item/kind") {
                Some("solicitud") => K::Solicitud,
                Some("reclamo") => K::Reclamo,
                _ => K::Encargo,
            };
            let unit = t(r, "/item/unit_name");
            let text = match method {
                "followup.create" => format!("Encargó a {unit}: «{}» ({number})", t(r, "/item/subject")),
                "followup.update" => format!("Modificó el {number} ({unit}, vence el {})", day(t(r, "/item/due_on"))),
                "followup.progress" => match s(p, "/status") {
                    Some("atendido") => format!("Dio por atendido el {number}"),
                    Some("archivado") => format!("Archivó el {number}"),
                    _ => format!("Registró un avance del {number}"),
                },
                "access.register" => format!(
                    "Registró la {number} de {} (vence el {})",
                    t(r, "/request/requester"),
                    day(t(r, "/item/due_on"))
                ),
                "access.correction" => format!("Pidió subsanar la {number}"),
                "access.corrected" => format!("Registró la subsanación de la {number} (vence el {})", day(t(r, "/item/due_on"))),
                "access.extend" => format!("Prorrogó la {number} hasta el {}", day(t(r, "/item/due_on"))),
                "access.answer" => format!("Respondió la {number}: {}", t(r, "/request/state").replace('_', " ")),
                "access.close" => format!("Archivó la {number}: {}", t(r, "/request/state").replace('_', " ")),
                _ => format!(
                    "Registró el {number} de {} para {unit}",
                    t(r, "/complaint/citizen")
                ),
            };
            summary(text, touched(kind, n(r, "/item/id"), Some(number)))
        }
        "instrument.create" | "instrument.update" | "instrument.version.add"
        | "instrument.version.update" | "instrument.version.remove" => {
            let (text, record) = instrument(r);
            let version = |v: &Value| {
                let number = n(v, "/number").map_or("?".into(), |i| i.to_string());
                match s(v, "/label") {
                    Some(label) => format!("la versión {number} («{label}»)"),
                    None => format!("la versión {number}"),
                }
            };
            let sentence = match method {
                "instrument.create" => format!("Registró el {text}"),
                "instrument.update" => format!("Modificó el {text}"),
                "instrument.version.add" => {
                    let v = newest(r.get("versions").unwrap_or(&Value::Null));
                    format!(
                        "Registró {} del {text}, {}{}",
                        version(v),
                        status_word(s(v, "/status")),
                        approved_by(v)
                    )
                }
                "instrument.version.update" => {
                    let id = n(p, "/id");
                    let v = r
                        .get("versions")
                        .and_then(Value::as_array)
                        .and_then(|a| a.iter().find(|v| n(v, "/id") == id))
                        .unwrap_or(&Value::Null);
                    format!(
                        "Modificó {} del {text}, {}{}",
                        version(v),
                        status_word(s(v, "/status")),
                        approved_by(v)
                    )
                }
                _ => format!("Quitó una versión en elaboración del {text}"),
            };
            summary(sentence, record)
        }
        _ => None,
    }
}

/// A management instrument in a sentence, after its article, and its record: "TUPA «Texto
/// Único…»".
fn instrument(r: &Value) -> (String, Option<Touched>) {
    let title = s(r, "/title");
    (
        format!(
            "{} «{}»",
            t(r, "/instrument_type/abbreviation"),
            title.unwrap_or("?")
        ),
        touched(RecordKind::Instrumento, n(r, "/id"), title),
    )
}

/// A version's status in a sentence.
fn status_word(status: Option<&str>) -> &'static str {
    match status {
        Some("vigente") => "vigente",
        Some("derogado") => "derogada",
        _ => "en elaboración",
    }
}

/// ", aprobada por ORDENANZA N° …" when the version names its norm.
fn approved_by(v: &Value) -> String {
    s(v, "/norm_identifier")
        .or(s(v, "/norm_text"))
        .map(|norm| format!(", aprobada por {norm}"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_sealed_norm_is_named_by_its_identifier() {
        let r = json!({"id": 4, "kind": "ordenanza", "identifier": "ORDENANZA N° 004-2026-MDSRQ",
                       "norm": {"title": "Regula el comercio"}});
        let s = describe("norm.seal", &json!({"id": 4}), &r);
        assert_eq!(s.text, "Selló la ORDENANZA N° 004-2026-MDSRQ");
        assert_eq!(
            s.record,
            Some(Touched {
                kind: RecordKind::Norma,
                id: Some(4),
                label: Some("ORDENANZA N° 004-2026-MDSRQ".into())
            })
        );
    }

    #[test]
    fn a_draft_session_is_named_by_kind_and_date() {
        let r = json!({"session": {"id": 3, "kind": "ordinaria", "date": "2026-03-05",
                                   "body_kind": "concejo", "body_name": "Concejo"}});
        let s = describe("attendance.set", &json!({}), &r);
        assert_eq!(
            s.text,
            "Registró la asistencia de la sesión ordinaria del 05/03/2026"
        );
        let unit = describe(
            "org.unit.create",
            &json!({}),
            &json!({"id": 2, "name": "Gerencia de Obras"}),
        );
        assert_eq!(unit.text, "Creó la unidad orgánica «Gerencia de Obras»");
    }

    #[test]
    fn a_publication_names_its_medium() {
        let r = json!({"id": 4, "identifier": "ORDENANZA N° 004-2026-MDSRQ", "title": "Regula",
                       "publications": [{"medium": "el_peruano", "medium_label": "Diario Oficial El Peruano",
                                         "published_on": "2026-03-05"}]});
        let s = describe(
            "norm.publication.add",
            &json!({"id": 4, "medium": "el_peruano", "published_on": "2026-03-05"}),
            &r,
        );
        assert_eq!(
            s.text,
            "Registró la publicación de ORDENANZA N° 004-2026-MDSRQ en Diario Oficial El Peruano del 05/03/2026"
        );
    }

    #[test]
    fn codes_round_trip() {
        for k in RecordKind::ALL {
            assert_eq!(RecordKind::from_code(k.code()), Some(*k));
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                Value::String(k.code().into())
            );
        }
    }
}
