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
use crate::plans;
use crate::records::{self, settings, trust};
use crate::sessions;
use crate::{audit, calendar, council, demo, files, municipality, numbering, org, rules, Cabildo};
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
    ($( $name:literal => $access:ident $func:path, $params:ty => $result:ty; )*) => {
        /// Every method name, in table order.
        pub const METHODS: &[&str] = &[$($name),*];

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
                    let r: $result = $func(conn, ctx, p).await?;
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
    "system.status" => Read system_status, Empty => SystemStatus;
    "audit.list" => Read audit::list, audit::AuditList => audit::AuditPage;
    "demo.load" => Write demo::load, demo::DemoLoad => demo::DemoSummary;
    "municipality.create" => Write crate::setup::create, municipality::MunicipalityCreate => municipality::Municipality;
    "municipality.get" => Read municipality::get, Empty => municipality::Municipality;
    "municipality.update" => Write municipality::update, municipality::MunicipalityUpdate => municipality::Municipality;
    "municipality.logo.set" => Write municipality::logo_set, municipality::MunicipalityLogoSet => municipality::Municipality;
    "municipality.logo.get" => Read municipality::logo_get, Empty => municipality::Logo;
    "municipality.year_name.list" => Read municipality::year_name_list, Empty => Vec<municipality::YearName>;
    "municipality.year_name.set" => Write municipality::year_name_set, municipality::YearName => municipality::YearName;
    "municipality.year_name.delete" => Write municipality::year_name_delete, municipality::YearNameDelete => Empty;
    "rules.get" => Read rules::get, Empty => rules::RuleSet;
    "rules.set" => Write rules::set, rules::RulesSet => rules::RuleSet;
    "org.unit.list" => Read org::unit_list, Empty => Vec<org::OrgUnit>;
    "org.unit.create" => Write org::unit_create, org::OrgUnitCreate => org::OrgUnit;
    "org.unit.update" => Write org::unit_update, org::OrgUnitUpdate => org::OrgUnit;
    "org.unit.move" => Write org::unit_move, org::OrgUnitMove => Vec<org::OrgUnit>;
    "org.unit.delete" => Write org::unit_delete, IdParam => Empty;
    "org.person.list" => Read org::person_list, org::OrgPersonList => Vec<org::Person>;
    "org.person.create" => Write org::person_create, org::OrgPersonCreate => org::Person;
    "org.person.update" => Write org::person_update, org::OrgPersonUpdate => org::Person;
    "org.position.list" => Read org::position_list, org::OrgPositionList => Vec<org::Position>;
    "org.position.create" => Write org::position_create, org::OrgPositionCreate => org::Position;
    "org.position.update" => Write org::position_update, org::OrgPositionUpdate => org::Position;
    "council.term.list" => Read council::term_list, Empty => Vec<council::CouncilTerm>;
    "council.term.create" => Write council::term_create, council::CouncilTermCreate => council::CouncilTerm;
    "council.member.list" => Read council::member_list, council::CouncilMemberList => Vec<council::CouncilMember>;
    "council.member.add" => Write council::member_add, council::CouncilMemberAdd => council::CouncilMember;
    "council.member.update" => Write council::member_update, council::CouncilMemberUpdate => council::CouncilMember;
    "council.status.set" => Write council::status_set, council::CouncilStatusSet => council::CouncilMember;
    "council.status.list" => Read council::status_list, council::CouncilStatusList => Vec<council::StatusPeriod>;
    "council.composition" => Read council::composition, council::CouncilComposition => council::Composition;
    "numbering.series.list" => Read numbering::series_list, Empty => Vec<numbering::Series>;
    "numbering.series.create" => Write numbering::series_create, numbering::NumberingSeriesCreate => numbering::Series;
    "numbering.series.update" => Write numbering::series_update, numbering::NumberingSeriesUpdate => numbering::Series;
    "numbering.pattern.preview" => Read numbering::pattern_preview, numbering::NumberingPatternPreview => numbering::Preview;
    "numbering.preview" => Read numbering::preview, numbering::NumberingPreview => numbering::Preview;
    "numbering.assign" => Write numbering::assign_method, numbering::NumberingAssign => numbering::Assignment;
    "numbering.annul" => Write numbering::annul, numbering::NumberingAnnul => numbering::Assignment;
    "numbering.assignment.list" => Read numbering::assignment_list, numbering::NumberingAssignmentList => Vec<numbering::Assignment>;
    "calendar.day.list" => Read calendar::day_list, calendar::CalendarDayList => Vec<calendar::CalendarDay>;
    "calendar.day.set" => Write calendar::day_set, calendar::CalendarDaySet => calendar::CalendarDay;
    "calendar.day.delete" => Write calendar::day_delete, calendar::CalendarDayDelete => Empty;
    "calendar.rule.list" => Read calendar::rule_list, Empty => Vec<calendar::HolidayRule>;
    "calendar.rule.create" => Write calendar::rule_create, calendar::CalendarRuleCreate => calendar::HolidayRule;
    "calendar.rule.delete" => Write calendar::rule_delete, IdParam => Empty;
    "calendar.add_working_days" => Read calendar::add_working_days_method, calendar::CalendarAddWorkingDays => calendar::DateResult;
    "calendar.working_days_between" => Read calendar::working_days_between_method, calendar::CalendarWorkingDaysBetween => calendar::DaysResult;
    "print.settings.get" => Read settings::get, Empty => settings::PrintSettings;
    "print.settings.set" => Write settings::set, settings::PrintSettings => settings::PrintSettings;
    "norm.list" => Read norm::list, norm::NormList => Vec<norm::NormSummary>;
    "norm.get" => Read norm::get, norm::NormId => norm::Norm;
    "norm.template" => Read norm::template, norm::NormTemplateParams => norm::NormTemplate;
    "norm.create" => Write norm::create, norm::NormInput => norm::Norm;
    "norm.update" => Write norm::update, norm::NormUpdate => norm::Norm;
    "norm.delete" => Write norm::delete, norm::NormId => Empty;
    "norm.seal" => Write norm::seal_norm, norm::NormId => norm::Norm;
    "norm.correct" => Write norm::correct, norm::NormCorrect => norm::Norm;
    "copy.list" => Read copy::list, Empty => Vec<copy::CertifiedCopyRecord>;
    "copy.get" => Read copy::get, copy::CopyId => copy::CertifiedCopyRecord;
    "copy.create" => Write copy::create, copy::CopyCreate => copy::CertifiedCopyRecord;
    "records.list" => Read records::list, Empty => Vec<records::Printable>;
    "records.pdf" => Read records::pdf, records::RecordRef => records::PdfFile;
    "records.export" => Read records::export, records::RecordExport => records::Exported;
    "records.sign" => Write records::sign, records::RecordSign => records::SignatureRow;
    "records.signatures" => Read records::signatures, records::RecordRef => Vec<records::SignatureRow>;
    "records.history" => Read records::history, records::RecordRef => Vec<records::RecordEvent>;
    "records.verify" => Read records::verify, records::RecordVerify => records::VerifyReport;
    "trust.root.list" => Read trust::list, Empty => Vec<trust::TrustedRoot>;
    "trust.root.add" => Write trust::add, trust::TrustRootAdd => Vec<trust::TrustedRoot>;
    "trust.root.delete" => Write trust::delete, trust::TrustRootDelete => Empty;
    "body.list" => Read sessions::bodies::list, sessions::bodies::BodyList => Vec<sessions::bodies::BodyView>;
    "body.create" => Write sessions::bodies::create, sessions::bodies::BodyCreate => sessions::bodies::BodyView;
    "body.update" => Write sessions::bodies::update, sessions::bodies::BodyUpdate => sessions::bodies::BodyView;
    "session.stages" => Read sessions::stages, Empty => Vec<(sessions::Stage, String)>;
    "session.list" => Read sessions::list, sessions::SessionList => Vec<sessions::Session>;
    "session.get" => Read sessions::get, sessions::SessionId => sessions::SessionDetail;
    "session.create" => Write sessions::create, sessions::SessionCreate => sessions::SessionDetail;
    "session.convene" => Write sessions::convene, sessions::SessionConvene => sessions::SessionDetail;
    "session.receipt" => Write sessions::receipt, sessions::SessionReceipt => sessions::SessionDetail;
    "session.postpone" => Write sessions::postpone, sessions::SessionPostpone => sessions::SessionDetail;
    "session.cancel" => Write sessions::cancel, sessions::SessionReason => sessions::SessionDetail;
    "session.suspend" => Write sessions::suspend, sessions::SessionReason => sessions::SessionDetail;
    "session.start" => Write sessions::start, sessions::SessionClock => sessions::SessionDetail;
    "session.conclude" => Write sessions::conclude, sessions::SessionClock => sessions::SessionDetail;
    "agenda.add" => Write sessions::agenda_add, sessions::AgendaAdd => sessions::SessionDetail;
    "agenda.move" => Write sessions::agenda_move, sessions::AgendaMove => sessions::SessionDetail;
    "agenda.delete" => Write sessions::agenda_delete, sessions::AgendaId => sessions::SessionDetail;
    "attendance.set" => Write sessions::attendance_set, sessions::AttendanceSet => sessions::SessionDetail;
    "vote.cast" => Write sessions::cast, sessions::VoteCast => sessions::VoteResult;
    "vote.list" => Read sessions::vote_list, sessions::VoteList => Vec<sessions::NominalVote>;
    "vote.adopt" => Write sessions::adopt, sessions::VoteAdopt => norm::Norm;
    "minutes.get" => Read sessions::minutes::get, sessions::minutes::MinutesId => sessions::minutes::Minutes;
    "minutes.generate" => Write sessions::minutes::generate, sessions::minutes::MinutesId => sessions::minutes::Minutes;
    "minutes.update" => Write sessions::minutes::update, sessions::minutes::MinutesUpdate => sessions::minutes::Minutes;
    "agenda.attach" => Write sessions::print::attach, sessions::print::AgendaAttach => Vec<sessions::print::Attachment>;
    "agenda.attachment" => Read sessions::print::attachment, sessions::print::AttachmentRef => sessions::print::AttachmentFile;
    "agenda.attachment.save" => Read sessions::print::attachment_save, sessions::print::AttachmentSave => sessions::print::SavedAttachment;
    "agenda.detach" => Write sessions::print::detach, sessions::print::AttachmentRef => Vec<sessions::print::Attachment>;
    "report.attendance" => Read sessions::reports::attendance, sessions::reports::Period => Vec<sessions::reports::AttendanceRow>;
    "report.votes" => Read sessions::reports::votes, sessions::reports::Period => Vec<sessions::reports::VoteRow>;
    "report.export" => Read sessions::reports::export, sessions::reports::ReportExport => sessions::reports::ReportFile;
    "book.list" => Read sessions::minutes::book_list, Empty => Vec<sessions::minutes::Book>;
    "book.open" => Write sessions::minutes::book_open, sessions::minutes::BookOpen => sessions::minutes::Book;
    "intervention.list" => Read sessions::intervention_list, sessions::InterventionList => Vec<sessions::Intervention>;
    "intervention.add" => Write sessions::intervention_add, sessions::InterventionAdd => Vec<sessions::Intervention>;
    "plan.strategic.list" => Read plans::strategic::list, Empty => Vec<plans::strategic::StrategicSummary>;
    "plan.strategic.get" => Read plans::strategic::get, IdParam => plans::strategic::StrategicPlan;
    "plan.strategic.create" => Write plans::strategic::create, plans::strategic::StrategicCreate => plans::strategic::StrategicPlan;
    "plan.strategic.update" => Write plans::strategic::update, plans::strategic::StrategicUpdate => plans::strategic::StrategicPlan;
    "plan.strategic.approve" => Write plans::strategic::approve, plans::strategic::StrategicApprove => plans::strategic::StrategicPlan;
    "plan.strategic.revise" => Write plans::strategic::revise, plans::strategic::StrategicRevise => plans::strategic::StrategicPlan;
    "plan.objective.save" => Write plans::strategic::objective_save, plans::strategic::ObjectiveSave => plans::strategic::StrategicPlan;
    "plan.objective.delete" => Write plans::strategic::objective_delete, IdParam => plans::strategic::StrategicPlan;
    "plan.action.save" => Write plans::strategic::action_save, plans::strategic::ActionSave => plans::strategic::StrategicPlan;
    "plan.action.delete" => Write plans::strategic::action_delete, IdParam => plans::strategic::StrategicPlan;
    "plan.indicator.save" => Write plans::strategic::indicator_save, plans::strategic::IndicatorSave => plans::strategic::StrategicPlan;
    "plan.indicator.delete" => Write plans::strategic::indicator_delete, IdParam => plans::strategic::StrategicPlan;
    "plan.indicator.actual" => Write plans::strategic::indicator_actual, plans::strategic::IndicatorActual => plans::strategic::StrategicPlan;
    "plan.operational.list" => Read plans::operational::list, Empty => Vec<plans::operational::OperationalSummary>;
    "plan.operational.get" => Read plans::operational::get, IdParam => plans::operational::OperationalPlan;
    "plan.operational.create" => Write plans::operational::create, plans::operational::OperationalCreate => plans::operational::OperationalPlan;
    "plan.operational.approve" => Write plans::operational::approve, plans::operational::OperationalApprove => plans::operational::OperationalPlan;
    "plan.activity.list" => Read plans::operational::activity_list, plans::operational::ActivityList => plans::operational::ActivityPage;
    "plan.activity.save" => Write plans::operational::activity_save, plans::operational::ActivitySave => plans::operational::ActivityRow;
    "plan.activity.delete" => Write plans::operational::activity_delete, IdParam => Empty;
    "plan.targets.set" => Write plans::operational::targets_set, plans::operational::TargetsSet => plans::operational::TargetsSaved;
    "plan.reprogram" => Write plans::operational::reprogram, plans::operational::Reprogram => plans::operational::TargetsSaved;
    "plan.execution.month" => Read plans::execution::month, plans::execution::MonthRef => plans::execution::MonthSheet;
    "plan.execution.save" => Write plans::execution::save, plans::execution::ExecutionSave => plans::execution::MonthSheet;
    "plan.dashboard" => Read plans::dashboard::dashboard, plans::dashboard::DashboardParams => plans::dashboard::Dashboard;
    "plan.export" => Read plans::sheets::export, plans::sheets::PlanExport => plans::sheets::SheetFile;
    "plan.import.preview" => Read plans::sheets::preview, plans::sheets::PlanImport => plans::sheets::ImportPreview;
    "plan.import" => Write plans::sheets::import, plans::sheets::PlanImport => plans::sheets::ImportPreview;
    "plan.report.list" => Read plans::reports::list, plans::reports::ReportList => plans::reports::ReportPage;
    "plan.report.create" => Write plans::reports::create, plans::reports::ReportCreate => plans::reports::PlanReport;
    "plan.report.get" => Read plans::reports::get, IdParam => plans::reports::PlanReport;
    "plan.report.seal" => Write plans::reports::seal_report, IdParam => plans::reports::PlanReport;
    "plan.report.delete" => Write plans::reports::delete, IdParam => Empty;
    // The audit trail (ADR 0011).
    "audit.export" => Read audit::export, audit::AuditExport => audit::AuditExported;
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
        municipality,
        version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: crate::db::binary_schema_version(),
        db_path: ctx.db_path.display().to_string(),
        today: ctx.today.to_string(),
    })
}

/// Run one request: authorize, open one transaction (`BEGIN IMMEDIATE` for changes), run the
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
    auth::authorize(actor, method, writes)?;
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
