//! The one request surface. Every method is declared once in the table below with its name,
//! its typed params and result, whether it writes, and the area function that serves it.
//! [`dispatch`] authorizes, opens one transaction, runs the function, writes the audit entry
//! for changes and commits; `cabildo call --list` and the TypeScript `Api` map come from the
//! same table, so no method escapes authorization or audit.

mod bindings;
mod parse;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::{Connection, SqliteConnection};
use ts_rs::TS;

use crate::auth::{self, Actor};
use crate::context::{Ctx, Empty, IdParam};
use crate::error::{Error, Result};
use crate::followup;
use crate::home;
use crate::instruments as instrument;
use crate::plans;
use crate::records::{self, settings, trust};
use crate::sessions;
use crate::{
    audit, backup, calendar, council, demo, files, municipality, numbering, org, portal, rules,
    search, Cabildo,
};
use crate::{copies as copy, norms as norm};

pub use bindings::{export_bindings, BINDINGS_DIR};

/// Whether a method changes data (and is therefore audited and needs the write lock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads only.
    Read,
    /// Changes data.
    Write,
}

macro_rules! methods {
    ($( $name:literal => $access:ident $func:path, $params:ty => $result:ty, $label:literal; )*) => {
        /// Every method name, in table order.
        pub const METHODS: &[&str] = &[$($name),*];

        /// What each method allows, in Spanish: the permission's name in the roles editor and
        /// in a refusal.
        pub fn label(method: &str) -> Option<&'static str> {
            match method {
                $($name => Some($label),)*
                _ => OPERATIONS.iter().find(|o| o.0 == method).map(|o| o.2),
            }
        }

        /// Whether `method` exists and whether it writes.
        pub fn access(method: &str) -> Option<Access> {
            match method {
                $($name => Some(Access::$access),)*
                _ => None,
            }
        }

        async fn route(conn: &mut SqliteConnection, ctx: &Ctx, method: &str, params: Value) -> Result<Value> {
            match method {
                $($name => {
                    let p: $params = parse::params(params)?;
                    // Boxed: inline, every method's future would live in this one frame
                    // (hundreds of KiB in a debug build, on a 2 MiB thread stack).
                    let r: $result = Box::pin($func(conn, ctx, p)).await?;
                    serde_json::to_value(r).map_err(|e| Error::Internal(e.to_string()))
                })*
                other => Err(unknown_method(other)),
            }
        }

        /// Visit every params and result type (for the TypeScript bindings).
        fn visit_types(v: &mut impl ts_rs::TypeVisitor) {
            $( v.visit::<$params>(); v.visit::<$result>(); )*
        }

        /// `(method, params TS name, result TS name)` for the `Api` map.
        fn signatures() -> Vec<(&'static str, String, String)> {
            vec![$(($name, <$params as TS>::name(), <$result as TS>::name())),*]
        }
    };
}

methods! {
    // signing in, users and roles
    "auth.sign_in" => Write auth::users::sign_in, auth::users::SignIn => auth::users::SignInResult, "Ingresar con usuario y contraseña";
    "auth.me" => Read auth::users::me, Empty => auth::users::Me, "Ver su propio usuario";
    "auth.password.change" => Write auth::users::password_change, auth::users::PasswordChange => Empty, "Cambiar su propia contraseña";
    "auth.first_admin" => Write auth::users::first_admin, auth::users::FirstAdmin => auth::users::User, "Crear el primer administrador";
    "auth.settings.get" => Read auth::users::settings_get, Empty => auth::users::AuthSettings, "Ver la configuración de ingreso";
    "auth.settings.set" => Write auth::users::settings_set, auth::users::AuthSettings => auth::users::AuthSettings, "Modificar la configuración de ingreso";
    "user.list" => Read auth::users::list, auth::users::UserList => auth::users::UserPage, "Ver los usuarios";
    "user.get" => Read auth::users::get, IdParam => auth::users::User, "Ver un usuario";
    "user.create" => Write auth::users::create, auth::users::UserCreate => auth::users::User, "Crear usuarios";
    "user.update" => Write auth::users::update, auth::users::UserUpdate => auth::users::User, "Modificar, activar o desactivar usuarios";
    "user.password.reset" => Write auth::users::password_reset, auth::users::PasswordReset => auth::users::User, "Asignar contraseñas temporales";
    "role.list" => Read auth::roles::list, Empty => Vec<auth::roles::Role>, "Ver los roles y sus permisos";
    "role.save" => Write auth::roles::save, auth::roles::RoleSave => auth::roles::Role, "Crear roles y cambiar sus permisos";
    "role.delete" => Write auth::roles::delete, auth::roles::RoleDelete => Empty, "Eliminar roles";
    "permission.list" => Read auth::roles::permission_list, Empty => Vec<auth::roles::Permission>, "Ver la lista de permisos";
    // the system and the areas
    "system.status" => Read system_status, Empty => SystemStatus, "Ver el estado del sistema";
    // The audit trail (ADR 0011).
    "audit.list" => Read audit::list, audit::AuditList => audit::AuditPage, "Ver la auditoría";
    "audit.export" => Read audit::export, audit::AuditExport => audit::AuditExported, "Exportar la auditoría a CSV";
    "demo.load" => Write demo::load, demo::DemoLoad => demo::DemoSummary, "Cargar la municipalidad de demostración";
    "municipality.create" => Write crate::setup::create, municipality::MunicipalityCreate => municipality::Municipality, "Crear la municipalidad";
    "municipality.get" => Read municipality::get, Empty => municipality::Municipality, "Ver los datos de la municipalidad";
    "municipality.update" => Write municipality::update, municipality::MunicipalityUpdate => municipality::Municipality, "Modificar los datos de la municipalidad";
    "municipality.logo.set" => Write municipality::logo_set, municipality::MunicipalityLogoSet => municipality::Municipality, "Cambiar el escudo o logotipo";
    "municipality.logo.get" => Read municipality::logo_get, Empty => municipality::Logo, "Ver el escudo o logotipo";
    "municipality.year_name.list" => Read municipality::year_name_list, Empty => Vec<municipality::YearName>, "Ver las denominaciones del año";
    "municipality.year_name.set" => Write municipality::year_name_set, municipality::YearName => municipality::YearName, "Registrar la denominación del año";
    "municipality.year_name.delete" => Write municipality::year_name_delete, municipality::YearNameDelete => Empty, "Eliminar una denominación del año";
    "rules.get" => Read rules::get, Empty => rules::RuleSet, "Ver las reglas legales";
    "rules.set" => Write rules::set, rules::RulesSet => rules::RuleSet, "Modificar las reglas legales";
    "org.unit.list" => Read org::unit_list, Empty => Vec<org::OrgUnit>, "Ver las unidades orgánicas";
    "org.unit.create" => Write org::unit_create, org::OrgUnitCreate => org::OrgUnit, "Crear unidades orgánicas";
    "org.unit.update" => Write org::unit_update, org::OrgUnitUpdate => org::OrgUnit, "Modificar unidades orgánicas";
    "org.unit.move" => Write org::unit_move, org::OrgUnitMove => Vec<org::OrgUnit>, "Reordenar unidades orgánicas";
    "org.unit.delete" => Write org::unit_delete, IdParam => Empty, "Eliminar unidades orgánicas";
    "org.person.list" => Read org::person_list, org::OrgPersonList => org::PersonPage, "Ver las personas";
    "org.person.create" => Write org::person_create, org::OrgPersonCreate => org::Person, "Registrar personas";
    "org.person.update" => Write org::person_update, org::OrgPersonUpdate => org::Person, "Modificar personas";
    "org.position.list" => Read org::position_list, org::OrgPositionList => org::PositionPage, "Ver los cargos";
    "org.position.create" => Write org::position_create, org::OrgPositionCreate => org::Position, "Asignar cargos";
    "org.position.update" => Write org::position_update, org::OrgPositionUpdate => org::Position, "Modificar cargos";
    "council.term.list" => Read council::term_list, Empty => Vec<council::CouncilTerm>, "Ver los periodos del concejo";
    "council.term.create" => Write council::term_create, council::CouncilTermCreate => council::CouncilTerm, "Crear un periodo del concejo";
    "council.member.list" => Read council::member_list, council::CouncilMemberList => Vec<council::CouncilMember>, "Ver los miembros del concejo";
    "council.member.add" => Write council::member_add, council::CouncilMemberAdd => council::CouncilMember, "Incorporar miembros del concejo";
    "council.member.update" => Write council::member_update, council::CouncilMemberUpdate => council::CouncilMember, "Modificar miembros del concejo";
    "council.status.set" => Write council::status_set, council::CouncilStatusSet => council::CouncilMember, "Registrar licencias y vacancias";
    "council.status.list" => Read council::status_list, council::CouncilStatusList => Vec<council::StatusPeriod>, "Ver licencias y vacancias";
    "council.composition" => Read council::composition, council::CouncilComposition => council::Composition, "Ver la composición del concejo";
    "numbering.series.list" => Read numbering::series_list, Empty => Vec<numbering::Series>, "Ver las series de numeración";
    "numbering.series.create" => Write numbering::series_create, numbering::NumberingSeriesCreate => numbering::Series, "Crear series de numeración";
    "numbering.series.update" => Write numbering::series_update, numbering::NumberingSeriesUpdate => numbering::Series, "Modificar series de numeración";
    "numbering.pattern.preview" => Read numbering::pattern_preview, numbering::NumberingPatternPreview => numbering::Preview, "Probar un formato de numeración";
    "numbering.preview" => Read numbering::preview, numbering::NumberingPreview => numbering::Preview, "Ver el siguiente número";
    "numbering.assign" => Write numbering::assign_method, numbering::NumberingAssign => numbering::Assignment, "Asignar números";
    "numbering.annul" => Write numbering::annul, numbering::NumberingAnnul => numbering::Assignment, "Anular números";
    "numbering.assignment.list" => Read numbering::assignment_list, numbering::NumberingAssignmentList => numbering::AssignmentPage, "Ver los números asignados";
    "calendar.day.list" => Read calendar::day_list, calendar::CalendarDayList => Vec<calendar::CalendarDay>, "Ver el calendario";
    "calendar.day.set" => Write calendar::day_set, calendar::CalendarDaySet => calendar::CalendarDay, "Marcar días del calendario";
    "calendar.day.delete" => Write calendar::day_delete, calendar::CalendarDayDelete => Empty, "Quitar días del calendario";
    "calendar.rule.list" => Read calendar::rule_list, Empty => Vec<calendar::HolidayRule>, "Ver los feriados fijos";
    "calendar.rule.create" => Write calendar::rule_create, calendar::CalendarRuleCreate => calendar::HolidayRule, "Crear feriados fijos";
    "calendar.rule.delete" => Write calendar::rule_delete, IdParam => Empty, "Eliminar feriados fijos";
    "calendar.add_working_days" => Read calendar::add_working_days_method, calendar::CalendarAddWorkingDays => calendar::DateResult, "Calcular plazos en días hábiles";
    "calendar.working_days_between" => Read calendar::working_days_between_method, calendar::CalendarWorkingDaysBetween => calendar::DaysResult, "Contar días hábiles";
    "print.settings.get" => Read settings::get, Empty => settings::PrintSettings, "Ver la configuración de impresión";
    "print.settings.set" => Write settings::set, settings::PrintSettings => settings::PrintSettings, "Modificar la configuración de impresión";
    "norm.list" => Read norm::list, norm::NormList => norm::NormPage, "Ver el registro de normas";
    "search.find" => Read norm::search, search::SearchFind => search::SearchPage, "Buscar en el registro de normas y actas";
    "norm.get" => Read norm::get, norm::NormId => norm::Norm, "Ver una norma";
    "norm.template" => Read norm::template, norm::NormTemplateParams => norm::NormTemplate, "Ver la plantilla de una norma";
    "norm.create" => Write norm::create, norm::NormInput => norm::Norm, "Redactar normas";
    "norm.update" => Write norm::update, norm::NormUpdate => norm::Norm, "Modificar borradores de normas";
    "norm.delete" => Write norm::delete, norm::NormId => Empty, "Eliminar borradores de normas";
    "norm.seal" => Write norm::seal_norm, norm::NormId => norm::Norm, "Sellar (numerar y emitir) normas";
    "norm.correct" => Write norm::correct, norm::NormCorrect => norm::Norm, "Emitir fe de erratas o rectificaciones";
    "norm.validity" => Read norm::validity::validity, norm::NormId => norm::validity::NormValidity, "Ver la vigencia, publicaciones, relaciones y distribución de una norma";
    "norm.validity.set" => Write norm::validity::validity_set, norm::validity::NormValiditySet => norm::validity::NormValidity, "Indicar si una norma requiere publicación, si es tributaria y desde cuándo rige";
    "norm.publication.add" => Write norm::validity::publication_add, norm::validity::NormPublicationAdd => norm::validity::NormValidity, "Registrar publicaciones de normas";
    "norm.publication.remove" => Write norm::validity::publication_remove, norm::validity::NormPublicationRemove => norm::validity::NormValidity, "Quitar publicaciones registradas por error";
    "norm.ratification.set" => Write norm::validity::ratification_set, norm::validity::NormRatificationSet => norm::validity::NormValidity, "Registrar la ratificación provincial de ordenanzas tributarias";
    "norm.ratification.remove" => Write norm::validity::ratification_remove, norm::NormId => norm::validity::NormValidity, "Quitar ratificaciones registradas por error";
    "norm.relation.add" => Write norm::validity::relation_add, norm::validity::NormRelationAdd => norm::validity::NormValidity, "Registrar relaciones entre normas (modifica, deroga…)";
    "norm.relation.remove" => Write norm::validity::relation_remove, norm::validity::NormRelationRemove => norm::validity::NormValidity, "Quitar relaciones entre normas registradas por error";
    "norm.distribution.set" => Write norm::validity::distribution_set, norm::validity::NormDistributionSet => norm::validity::NormValidity, "Distribuir normas a las unidades orgánicas";
    "norm.distribution.acknowledge" => Write norm::validity::distribution_acknowledge, norm::validity::NormDistributionAck => norm::validity::NormValidity, "Registrar el acuse de recibo de normas distribuidas";
    "norm.distribution.pending" => Read norm::validity::distribution_pending, norm::validity::NormPendingList => norm::validity::NormPendingPage, "Ver las normas pendientes de acuse de recibo";
    "norm.evidence" => Read norm::validity::evidence, norm::validity::NormEvidence => records::SheetFile, "Ver las constancias de publicación y ratificación";
    "norm.import.preview" => Read norm::import::preview, norm::import::NormImportPreviewParams => norm::import::NormImportPreview, "Revisar una importación de normas históricas";
    "norm.import.apply" => Write norm::import::apply, norm::import::NormImportSource => norm::import::NormImportResult, "Importar normas históricas";
    "norm.document" => Read norm::document, norm::NormDocumentParams => norm::NormDocumentFile, "Ver el archivo original de una norma importada";
    "copy.list" => Read copy::list, copy::CopyList => copy::CopyPage, "Ver las copias certificadas";
    "copy.get" => Read copy::get, copy::CopyId => copy::CertifiedCopyRecord, "Ver una copia certificada";
    "copy.create" => Write copy::create, copy::CopyCreate => copy::CertifiedCopyRecord, "Emitir copias certificadas";
    // management instruments (ADR 0017)
    "instrument.type.list" => Read instrument::type_list, Empty => Vec<instrument::InstrumentType>, "Ver los tipos de instrumentos de gestión";
    "instrument.list" => Read instrument::list, instrument::InstrumentList => instrument::InstrumentPage, "Ver los instrumentos de gestión";
    "instrument.get" => Read instrument::get, IdParam => instrument::Instrument, "Ver un instrumento de gestión con sus versiones";
    "instrument.create" => Write instrument::create, instrument::InstrumentCreate => instrument::Instrument, "Registrar instrumentos de gestión";
    "instrument.update" => Write instrument::update, instrument::InstrumentUpdate => instrument::Instrument, "Modificar instrumentos de gestión";
    "instrument.version.add" => Write instrument::version_add, instrument::InstrumentVersionAdd => instrument::Instrument, "Registrar versiones de instrumentos de gestión";
    "instrument.version.update" => Write instrument::version_update, instrument::InstrumentVersionUpdate => instrument::Instrument, "Modificar, aprobar o derogar versiones de instrumentos de gestión";
    "instrument.version.remove" => Write instrument::version_remove, IdParam => instrument::Instrument, "Quitar versiones en elaboración de instrumentos de gestión";
    "instrument.file" => Read instrument::file, instrument::InstrumentFileGet => instrument::InstrumentFile, "Abrir y guardar los archivos de instrumentos de gestión";
    "records.list" => Read records::list, records::RecordList => records::PrintablePage, "Ver los documentos imprimibles";
    "records.pdf" => Read records::pdf, records::RecordRef => records::PdfFile, "Ver el PDF de un documento";
    "records.export" => Read records::export, records::RecordExport => records::Exported, "Guardar el PDF de un documento";
    "records.sign" => Write records::sign, records::RecordSign => records::SignatureRow, "Firmar documentos digitalmente";
    "records.signatures" => Read records::signatures, records::RecordRef => Vec<records::SignatureRow>, "Ver las firmas de un documento";
    "records.history" => Read records::history, records::RecordRef => Vec<records::RecordEvent>, "Ver la historia de un documento";
    "records.verify" => Read records::verify, records::RecordVerify => records::VerifyReport, "Verificar un PDF firmado";
    "trust.root.list" => Read trust::list, trust::TrustRootList => trust::TrustRootPage, "Ver los certificados raíz de confianza";
    "trust.root.add" => Write trust::add, trust::TrustRootAdd => Vec<trust::TrustedRoot>, "Añadir certificados raíz de confianza";
    "trust.root.delete" => Write trust::delete, trust::TrustRootDelete => Empty, "Quitar certificados raíz de confianza";
    "body.list" => Read sessions::bodies::list, sessions::bodies::BodyList => Vec<sessions::bodies::BodyView>, "Ver el concejo y las comisiones";
    "body.create" => Write sessions::bodies::create, sessions::bodies::BodyCreate => sessions::bodies::BodyView, "Crear comisiones";
    "body.update" => Write sessions::bodies::update, sessions::bodies::BodyUpdate => sessions::bodies::BodyView, "Modificar comisiones";
    "session.stages" => Read sessions::stages, Empty => Vec<(sessions::Stage, String)>, "Ver las etapas de una sesión";
    "session.list" => Read sessions::list, sessions::SessionList => sessions::SessionPage, "Ver las sesiones";
    "session.get" => Read sessions::get, sessions::SessionId => sessions::SessionDetail, "Ver una sesión";
    "session.create" => Write sessions::create, sessions::SessionCreate => sessions::SessionDetail, "Programar sesiones";
    "session.convene" => Write sessions::convene, sessions::SessionConvene => sessions::SessionDetail, "Convocar sesiones";
    "session.receipt" => Write sessions::receipt, sessions::SessionReceipt => sessions::SessionDetail, "Registrar el cargo de notificación";
    "session.postpone" => Write sessions::postpone, sessions::SessionPostpone => sessions::SessionDetail, "Postergar sesiones";
    "session.cancel" => Write sessions::cancel, sessions::SessionReason => sessions::SessionDetail, "Cancelar sesiones";
    "session.suspend" => Write sessions::suspend, sessions::SessionReason => sessions::SessionDetail, "Suspender sesiones";
    "session.start" => Write sessions::start, sessions::SessionClock => sessions::SessionDetail, "Iniciar sesiones";
    "session.conclude" => Write sessions::conclude, sessions::SessionClock => sessions::SessionDetail, "Concluir sesiones";
    "agenda.add" => Write sessions::agenda_add, sessions::AgendaAdd => sessions::SessionDetail, "Presentar puntos de agenda y pedidos";
    "agenda.move" => Write sessions::agenda_move, sessions::AgendaMove => sessions::SessionDetail, "Ordenar la agenda";
    "agenda.delete" => Write sessions::agenda_delete, sessions::AgendaId => sessions::SessionDetail, "Quitar puntos de la agenda";
    "attendance.set" => Write sessions::attendance_set, sessions::AttendanceSet => sessions::SessionDetail, "Registrar la asistencia";
    "vote.cast" => Write sessions::cast, sessions::VoteCast => sessions::VoteResult, "Registrar votaciones";
    "vote.list" => Read sessions::vote_list, sessions::VoteList => Vec<sessions::NominalVote>, "Ver las votaciones";
    "vote.adopt" => Write sessions::adopt, sessions::VoteAdopt => norm::Norm, "Adoptar acuerdos";
    "minutes.get" => Read sessions::minutes::get, sessions::minutes::MinutesId => sessions::minutes::Minutes, "Ver actas";
    "minutes.generate" => Write sessions::minutes::generate, sessions::minutes::MinutesId => sessions::minutes::Minutes, "Generar el borrador del acta";
    "minutes.update" => Write sessions::minutes::update, sessions::minutes::MinutesUpdate => sessions::minutes::Minutes, "Redactar actas";
    "agenda.attach" => Write sessions::print::attach, sessions::print::AgendaAttach => Vec<sessions::print::Attachment>, "Adjuntar documentos a la agenda";
    "agenda.attachment" => Read sessions::print::attachment, sessions::print::AttachmentRef => sessions::print::AttachmentFile, "Ver documentos adjuntos";
    "agenda.attachment.save" => Read sessions::print::attachment_save, sessions::print::AttachmentSave => sessions::print::SavedAttachment, "Guardar documentos adjuntos";
    "agenda.detach" => Write sessions::print::detach, sessions::print::AttachmentRef => Vec<sessions::print::Attachment>, "Quitar documentos adjuntos";
    "agenda.carry" => Write sessions::carry, sessions::AgendaCarry => sessions::SessionDetail, "Llevar a una nueva sesión un asunto empatado";
    "report.attendance" => Read sessions::reports::attendance, sessions::reports::Period => Vec<sessions::reports::AttendanceRow>, "Ver el reporte de asistencia";
    "report.votes" => Read sessions::reports::votes, sessions::reports::Period => Vec<sessions::reports::VoteRow>, "Ver el reporte de votaciones";
    "report.export" => Read sessions::reports::export, sessions::reports::ReportExport => sessions::reports::ReportFile, "Exportar reportes del concejo";
    "book.list" => Read sessions::minutes::book_list, sessions::minutes::BookList => sessions::minutes::BookPage, "Ver los libros de actas";
    "book.open" => Write sessions::minutes::book_open, sessions::minutes::BookOpen => sessions::minutes::Book, "Abrir un libro de actas";
    "intervention.list" => Read sessions::intervention_list, sessions::InterventionList => sessions::InterventionPage, "Ver las intervenciones";
    "intervention.add" => Write sessions::intervention_add, sessions::InterventionAdd => sessions::Intervention, "Registrar intervenciones";
    "plan.strategic.list" => Read plans::strategic::list, plans::strategic::StrategicList => plans::strategic::StrategicPage, "Ver los planes estratégicos";
    "plan.strategic.get" => Read plans::strategic::get, IdParam => plans::strategic::StrategicPlan, "Ver un plan estratégico";
    "plan.strategic.create" => Write plans::strategic::create, plans::strategic::StrategicCreate => plans::strategic::StrategicPlan, "Crear planes estratégicos";
    "plan.strategic.update" => Write plans::strategic::update, plans::strategic::StrategicUpdate => plans::strategic::StrategicPlan, "Modificar planes estratégicos";
    "plan.strategic.approve" => Write plans::strategic::approve, plans::strategic::StrategicApprove => plans::strategic::StrategicPlan, "Aprobar planes estratégicos";
    "plan.strategic.revise" => Write plans::strategic::revise, plans::strategic::StrategicRevise => plans::strategic::StrategicPlan, "Crear nuevas versiones del plan estratégico";
    "plan.objective.save" => Write plans::strategic::objective_save, plans::strategic::ObjectiveSave => plans::strategic::StrategicPlan, "Registrar objetivos estratégicos";
    "plan.objective.delete" => Write plans::strategic::objective_delete, IdParam => plans::strategic::StrategicPlan, "Eliminar objetivos estratégicos";
    "plan.action.save" => Write plans::strategic::action_save, plans::strategic::ActionSave => plans::strategic::StrategicPlan, "Registrar acciones estratégicas";
    "plan.action.delete" => Write plans::strategic::action_delete, IdParam => plans::strategic::StrategicPlan, "Eliminar acciones estratégicas";
    "plan.indicator.save" => Write plans::strategic::indicator_save, plans::strategic::IndicatorSave => plans::strategic::StrategicPlan, "Registrar indicadores";
    "plan.indicator.delete" => Write plans::strategic::indicator_delete, IdParam => plans::strategic::StrategicPlan, "Eliminar indicadores";
    "plan.indicator.actual" => Write plans::strategic::indicator_actual, plans::strategic::IndicatorActual => plans::strategic::StrategicPlan, "Registrar valores obtenidos de indicadores";
    "plan.operational.list" => Read plans::operational::list, plans::operational::OperationalList => plans::operational::OperationalPage, "Ver los planes operativos";
    "plan.operational.get" => Read plans::operational::get, IdParam => plans::operational::OperationalPlan, "Ver un plan operativo";
    "plan.operational.create" => Write plans::operational::create, plans::operational::OperationalCreate => plans::operational::OperationalPlan, "Crear planes operativos";
    "plan.operational.approve" => Write plans::operational::approve, plans::operational::OperationalApprove => plans::operational::OperationalPlan, "Aprobar planes operativos";
    "plan.activity.list" => Read plans::operational::activity_list, plans::operational::ActivityList => plans::operational::ActivityPage, "Ver las actividades operativas";
    "plan.activity.save" => Write plans::operational::activity_save, plans::operational::ActivitySave => plans::operational::ActivityRow, "Registrar actividades operativas";
    "plan.activity.delete" => Write plans::operational::activity_delete, IdParam => Empty, "Eliminar actividades operativas";
    "plan.targets.set" => Write plans::operational::targets_set, plans::operational::TargetsSet => plans::operational::TargetsSaved, "Programar metas mensuales";
    "plan.reprogram" => Write plans::operational::reprogram, plans::operational::Reprogram => plans::operational::TargetsSaved, "Reprogramar metas";
    "plan.execution.month" => Read plans::execution::month, plans::execution::MonthRef => plans::execution::MonthSheet, "Ver la ejecución mensual";
    "plan.execution.save" => Write plans::execution::save, plans::execution::ExecutionSave => plans::execution::MonthSheet, "Registrar la ejecución mensual";
    "plan.dashboard" => Read plans::dashboard::dashboard, plans::dashboard::DashboardParams => plans::dashboard::Dashboard, "Ver el tablero de seguimiento";
    "plan.export" => Read plans::sheets::export, plans::sheets::PlanExport => plans::sheets::SheetFile, "Exportar planes a hoja de cálculo";
    "plan.import.preview" => Read plans::sheets::preview, plans::sheets::PlanImport => plans::sheets::ImportPreview, "Revisar una importación de planes";
    "plan.import" => Write plans::sheets::import, plans::sheets::PlanImport => plans::sheets::ImportPreview, "Importar planes desde hoja de cálculo";
    "plan.report.list" => Read plans::reports::list, plans::reports::ReportList => plans::reports::ReportPage, "Ver los informes de seguimiento";
    "plan.report.create" => Write plans::reports::create, plans::reports::ReportCreate => plans::reports::PlanReport, "Preparar informes de seguimiento";
    "plan.report.get" => Read plans::reports::get, IdParam => plans::reports::PlanReport, "Ver un informe de seguimiento";
    "plan.report.seal" => Write plans::reports::seal_report, IdParam => plans::reports::PlanReport, "Sellar informes de seguimiento";
    "plan.report.delete" => Write plans::reports::delete, IdParam => Empty, "Eliminar borradores de informes";
    // follow-up desk
    "home.get" => Read home::get, Empty => home::Home, "Ver la pantalla de inicio";
    "followup.statuses" => Read followup::statuses, Empty => Vec<followup::StatusRow>, "Ver los estados de seguimiento";
    "followup.list" => Read followup::list, followup::FollowupList => followup::FollowupPage, "Ver los encargos y su seguimiento";
    "followup.get" => Read followup::get, IdParam => followup::FollowupDetail, "Ver un encargo con su historia";
    "followup.of_norm" => Read followup::list_of_norm, followup::NormRef => Vec<followup::FollowupRow>, "Ver los encargos de una norma";
    "followup.create" => Write followup::create, followup::EncargoCreate => followup::FollowupDetail, "Encargar a una unidad";
    "followup.update" => Write followup::update, followup::EncargoUpdate => followup::FollowupDetail, "Modificar, derivar o cambiar el plazo de encargos";
    "followup.progress" => Write followup::progress, followup::ProgressInput => followup::FollowupDetail, "Registrar avances y atender encargos";
    "followup.attachment.save" => Read followup::attachment_save, followup::MilestoneFileSave => followup::SavedFile, "Guardar los archivos de un encargo";
    "access.rules" => Read followup::rules_get, Empty => followup::AccessRules, "Ver las reglas de acceso a la información";
    "access.deadline" => Read followup::deadline_preview, followup::DeadlinePreview => followup::Deadline, "Calcular plazos legales";
    "access.register" => Write followup::access::register, followup::RequestCreate => followup::FollowupDetail, "Registrar solicitudes de acceso a la información";
    "access.correction" => Write followup::correction, followup::CorrectionAsk => followup::FollowupDetail, "Pedir la subsanación de solicitudes";
    "access.corrected" => Write followup::corrected, followup::CorrectionReceived => followup::FollowupDetail, "Registrar subsanaciones de solicitudes";
    "access.extend" => Write followup::extend, followup::ExtensionInput => followup::FollowupDetail, "Prorrogar solicitudes de acceso a la información";
    "access.answer" => Write followup::answer, followup::AnswerInput => followup::FollowupDetail, "Responder solicitudes de acceso a la información";
    "access.close" => Write followup::close, followup::RequestClose => followup::FollowupDetail, "Archivar solicitudes por desistimiento";
    "complaint.register" => Write followup::complaints::register, followup::ComplaintCreate => followup::FollowupDetail, "Registrar reclamos, quejas y consultas";
    "access.register.export" => Read followup::register::export, followup::RegisterExport => records::SheetFile, "Exportar el registro de solicitudes de acceso a la información";
    "followup.report" => Read followup::reports::report, followup::FollowupReport => records::SheetFile, "Emitir los reportes de seguimiento";
    // backups
    "backup.settings.get" => Read backup::settings::get, Empty => backup::settings::BackupSettings, "Ver la configuración de las copias de seguridad";
    "backup.settings.set" => Write backup::settings::set, backup::settings::BackupSettingsSet => backup::settings::BackupSettings, "Configurar las copias de seguridad automáticas";
    // the transparency portal
    "portal.export" => Write portal::export, portal::PortalExport => portal::PortalExported, "Publicar el portal de transparencia";
}

/// Operations outside the method table (they cannot run inside a request's transaction), with
/// a permission of their own: `(name, access, label)`.
pub const OPERATIONS: &[(&str, Access, &str)] = &[
    ("backup.create", Access::Read, "Hacer copias de seguridad"),
    (
        "backup.restore",
        Access::Write,
        "Restaurar copias de seguridad",
    ),
];

/// Every permission: the methods and the operations, for the roles editor and the seeds.
pub fn catalog() -> Vec<auth::roles::Permission> {
    METHODS
        .iter()
        .map(|m| (*m, access(m) == Some(Access::Write)))
        .chain(OPERATIONS.iter().map(|o| (o.0, o.1 == Access::Write)))
        .map(|(method, writes)| auth::roles::Permission {
            method: method.to_string(),
            label: label(method).unwrap_or(method).to_string(),
            writes,
        })
        .collect()
}

/// Sign in: check the password through `auth.sign_in` (audited, and a wrong password counted
/// even though it is refused) and return the user, or an `unauthenticated` error in Spanish.
pub async fn sign_in(cab: &Cabildo, login: &str, password: &str) -> Result<auth::users::Me> {
    // Nobody is signed in yet; the trail records the login that was tried.
    let trying = Actor {
        login: login.trim().to_string(),
        ..Actor::nobody()
    };
    let result = dispatch(
        cab,
        &trying,
        "auth.sign_in",
        serde_json::json!({ "login": login, "password": password }),
        false,
    )
    .await?;
    let result: auth::users::SignInResult =
        serde_json::from_value(result).map_err(|e| Error::Internal(e.to_string()))?;
    match (result.user, result.refusal) {
        (Some(me), _) => Ok(me),
        (None, refusal) => {
            Err(Error::Unauthenticated(refusal.unwrap_or_else(|| {
                "Usuario o contraseña incorrectos.".into()
            })))
        }
    }
}

/// Whether the database has any user (before the first one, the CLI runs as the system and the
/// window offers to create the administrator).
pub async fn has_users(cab: &Cabildo) -> Result<bool> {
    let mut conn = cab.pool().acquire().await?;
    auth::users::any_user(&mut conn).await
}

/// Whether `actor` may perform `operation` (one of [`OPERATIONS`]).
pub async fn permit(cab: &Cabildo, actor: &Actor, operation: &str) -> Result<()> {
    let mut conn = cab.pool().acquire().await?;
    auth::authorize(&mut conn, actor, operation, &Value::Null).await
}

fn unknown_method(name: &str) -> Error {
    let close: Vec<&str> = METHODS
        .iter()
        .copied()
        .filter(|m| m.starts_with(name.split('.').next().unwrap_or("")))
        .take(8)
        .collect();
    let hint = if close.is_empty() {
        "Use `cabildo call --list` para ver los métodos.".to_string()
    } else {
        format!("Métodos parecidos: {}.", close.join(", "))
    };
    Error::BadRequest(format!("El método «{name}» no existe. {hint}"))
}

/// Result of `system.status`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SystemStatus {
    /// Whether a municipality has been created.
    pub initialized: bool,
    /// Whether any user exists (before the first one the window asks for the administrator).
    pub has_users: bool,
    /// The municipality, when there is one.
    pub municipality: Option<municipality::Municipality>,
    /// Version of this binary.
    pub version: String,
    /// Schema version of the database.
    pub schema_version: i64,
    /// Path of the database file.
    pub db_path: String,
    /// Today as the core sees it.
    pub today: String,
}

async fn system_status(conn: &mut SqliteConnection, ctx: &Ctx, _: Empty) -> Result<SystemStatus> {
    let municipality = municipality::find(conn).await?;
    Ok(SystemStatus {
        initialized: municipality.is_some(),
        has_users: auth::users::any_user(conn).await?,
        municipality,
        version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: crate::db::binary_schema_version(),
        db_path: ctx.db_path.display().to_string(),
        today: ctx.today.to_string(),
    })
}

/// Run one request: open one transaction, authorize (`BEGIN IMMEDIATE` for changes), run the
/// area function, audit a change, commit. With `dry_run` the transaction is rolled back and
/// nothing is audited: the UI validates forms this way with the core's own rules.
pub async fn dispatch(
    cab: &Cabildo,
    actor: &Actor,
    method: &str,
    params: Value,
    dry_run: bool,
) -> Result<Value> {
    let access = access(method).ok_or_else(|| unknown_method(method))?;
    let writes = access == Access::Write;
    let params = if params.is_null() {
        Value::Object(Default::default())
    } else {
        params
    };
    let ctx = cab.context(actor.clone());
    let outcome = run(cab, &ctx, method, params, writes && !dry_run).await;
    // Files staged by the request reach the store only once its transaction committed.
    match &outcome {
        Ok((_, Some(head))) => {
            files::publish(&ctx)?;
            // The witness follows the committed chain. A failure here is not the request's:
            // the change is saved, and a witness left behind is still a valid anchor (the
            // chain continues from it); `cabildo check` reports one that is missing.
            let _ = audit::witness::update(&ctx.db_path, head);
        }
        _ => files::discard(&ctx),
    }
    outcome.map(|(result, _)| result)
}

/// The transaction of one request; returns the result and, when it committed, the audit
/// chain's new head.
async fn run(
    cab: &Cabildo,
    ctx: &Ctx,
    method: &str,
    params: Value,
    commit: bool,
) -> Result<(Value, Option<audit::ChainHead>)> {
    let mut conn = cab.pool().acquire().await?;
    let begin = if access(method) == Some(Access::Write) {
        crate::db::BEGIN_WRITE
    } else {
        crate::db::BEGIN_READ
    };
    let mut tx = conn.begin_with(begin).await?;
    auth::authorize(&mut tx, &ctx.actor, method, &params).await?;
    let result = route(&mut tx, ctx, method, params.clone()).await?;
    if commit {
        let head = audit::record(&mut tx, ctx, method, &audit::redact(&params), &result).await?;
        tx.commit().await?;
        Ok((result, Some(head)))
    } else {
        tx.rollback().await?;
        Ok((result, None))
    }
}
