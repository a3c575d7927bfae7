//! The `cabildo` command line: a thin adapter over `cabildo::api::dispatch` plus a few file
//! commands (init, demo, check, backup, restore). JSON on stdout; errors as JSON on stderr, exit 1.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use serde_json::{json, Value};

use cabildo::api::{self, METHODS};
use cabildo::auth::Actor;
use cabildo::{Cabildo, Error};

#[derive(Parser)]
#[command(
    name = "cabildo",
    bin_name = "cabildo",
    version,
    about = "Cabildo: Secretaría General y Concejo de una municipalidad, sin conexión"
)]
struct Cli {
    /// Base de datos (por defecto la carpeta de datos del sistema; también CABILDO_DB).
    #[arg(long, global = true, env = "CABILDO_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Usuario con el que se trabaja (también CABILDO_USER); la contraseña se lee de
    /// CABILDO_PASSWORD o se pregunta. Una base de datos sin usuarios no la pide.
    #[arg(long, global = true, env = "CABILDO_USER", value_name = "USUARIO")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Crea la municipalidad en una base de datos nueva.
    Init {
        /// Nombre oficial.
        #[arg(long)]
        name: String,
        /// Siglas (MDP, MSI…).
        #[arg(long)]
        short: String,
        /// País: PE o CL.
        #[arg(long)]
        country: String,
        /// distrital, provincial, metropolitana o comuna.
        #[arg(long)]
        kind: Option<String>,
    },
    /// Carga la municipalidad de demostración en una base de datos vacía.
    Demo {
        /// Semilla de los datos inventados.
        #[arg(long)]
        seed: Option<u64>,
        /// País de la municipalidad inventada: PE (Perú, por omisión) o CL (Chile).
        #[arg(long)]
        country: Option<String>,
    },
    /// Llama a un método de la API: `cabildo call org.unit.list '{}'`.
    Call {
        /// Método (area.verbo).
        method: Option<String>,
        /// Parámetros en JSON.
        params: Option<String>,
        /// Lista todos los métodos.
        #[arg(long, conflicts_with_all = ["method", "batch"])]
        list: bool,
        /// Lee líneas JSON {"method", "params"} de la entrada y escribe una línea JSON por cada una.
        #[arg(long, conflicts_with = "method")]
        batch: bool,
        /// Valida sin guardar nada.
        #[arg(long)]
        dry_run: bool,
    },
    /// Verifica la integridad de la base de datos, las migraciones y la auditoría.
    Check,
    /// Copia de seguridad en caliente y verificada: un .zip con la base de datos, todos los archivos y un manifiesto.
    Backup {
        /// Archivo de destino (.zip).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Restaura una copia de seguridad (.zip); la base de datos actual se conserva como «….antes-de-restaurar-FECHA.db».
    Restore {
        /// Copia de seguridad (.zip) hecha con `cabildo backup`.
        archive: PathBuf,
        /// Solo muestra lo que contiene la copia y sus problemas, sin restaurar nada.
        #[arg(long)]
        inspect: bool,
    },
    /// Firma un PDF (PAdES) con un certificado PKCS#12; cada firmante añade una actualización.
    Sign {
        /// PDF a firmar.
        input: PathBuf,
        /// Certificado del firmante (.p12/.pfx).
        #[arg(long, value_name = "FILE")]
        p12: PathBuf,
        /// Variable de entorno que contiene la contraseña del certificado (nunca en la línea de órdenes).
        #[arg(long, value_name = "VAR")]
        password_env: String,
        /// Motivo de la firma.
        #[arg(long)]
        reason: Option<String>,
        /// Lugar de la firma.
        #[arg(long)]
        location: Option<String>,
        /// Bloque de firma (1 a 4) donde va el sello visible: el del firmante N del documento si es un registro sellado de la base de datos (--db), si no la fila inferior de la última página; sin él, firma invisible.
        #[arg(long, value_name = "N")]
        signer: Option<u8>,
        /// Leyenda del sello (por defecto, con --db, la de las reglas legales del país de la municipalidad; sin base de datos, ninguna; "" para ninguna).
        #[arg(long)]
        legend: Option<String>,
        /// PDF firmado de salida.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Verifica las firmas de un PDF: JSON con el veredicto; sale con 0 solo si es VÁLIDO (1 NO VÁLIDO, 2 INDETERMINADO).
    Verify {
        /// PDF a verificar.
        input: PathBuf,
        /// Certificado raíz de confianza (PEM o DER); puede repetirse. Con --db se suman los de la municipalidad y se compara el documento con su registro sellado.
        #[arg(long, value_name = "CA.pem")]
        trust: Vec<PathBuf>,
    },
    /// Imprime un documento a PDF: `print --list` (JSON de los documentos imprimibles) o `print TIPO ID -o ARCHIVO.pdf`.
    Print {
        /// Tipo de documento (la ayuda lista los tipos que el programa sabe imprimir).
        kind: Option<String>,
        /// Número interno del documento (el «id» de `print --list`).
        id: Option<i64>,
        /// Lista los documentos imprimibles (de un tipo, si se indica), página por página.
        #[arg(long, conflicts_with_all = ["id", "output"])]
        list: bool,
        /// PDF de salida.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Importa normas históricas: una hoja de cálculo que las lista (tipo, número, año, fecha, título…) y una carpeta con sus PDF/DOCX. Sin --apply solo revisa y muestra los problemas; con --apply registra todas o ninguna.
    ImportNorms {
        /// Hoja de cálculo (.xlsx, .ods o .csv) con la lista de normas.
        #[arg(long, value_name = "ARCHIVO")]
        sheet: PathBuf,
        /// Carpeta con los archivos originales (PDF, .docx), con sus subcarpetas.
        #[arg(long, value_name = "CARPETA")]
        folder: Option<PathBuf>,
        /// Registra las normas (si no hay ningún problema).
        #[arg(long)]
        apply: bool,
    },
    /// Publica el portal de transparencia: un sitio web sin servidor (normas publicadas, actas aprobadas del Concejo, informes, con su buscador) en la carpeta indicada, para copiarlo al servidor web de la municipalidad o a una memoria USB.
    Portal {
        /// Carpeta del sitio: vacía, nueva o la del portal publicado antes (se reemplaza; solo se escriben los PDF que cambiaron).
        #[arg(short = 'o', long = "output", value_name = "CARPETA")]
        output: PathBuf,
    },
    /// Escribe los tipos TypeScript de la API (para desarrolladores). Not in the desktop app's
    /// copy of the CLI (`cabildo_app`, set by src-tauri/build.rs): the type declarations of the
    /// whole API are a developer's tool and would weigh on the installed binary.
    #[cfg(not(cabildo_app))]
    #[command(hide = true)]
    ExportBindings {
        /// Carpeta de destino.
        dir: PathBuf,
    },
}

fn fail(e: &Error) -> ExitCode {
    eprintln!(
        "{}",
        serde_json::to_string(&e.to_api()).expect("ApiError serializes")
    );
    ExitCode::from(1)
}

fn print(v: &Value) {
    // A closed pipe (`cabildo call … | head`) is not an error worth a panic.
    let _ = writeln!(
        std::io::stdout().lock(),
        "{}",
        serde_json::to_string_pretty(v).expect("JSON value serializes")
    );
}

/// The command line, with the printable kinds in `print --help` taken from the registry the
/// areas fill (so the help never lists fewer or other kinds than the program prints).
fn parse_cli() -> Cli {
    let kinds = cabildo::printable_kinds().join(", ");
    let cmd = Cli::command().mut_subcommand("print", |c| {
        // Changing an argument moves it last: the positions are set again.
        c.mut_arg("kind", |a| {
            a.index(1)
                .help(format!("Tipo de documento: {kinds}."))
                .long_help(format!(
                    "Tipo de documento, uno de: {kinds}.\n`print --list` muestra los documentos de cada tipo con su id."
                ))
        })
        .mut_arg("id", |a| a.index(2))
    });
    let matches = cmd.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The files opening a database at `path` may create beside it: the database and its
/// journals, the audit witness, the folder of stored files.
fn created_beside(path: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(&name) || n == "files" {
                out.push(e.path());
            }
        }
    }
    out
}

/// Remove what opening a new database created, after a command that failed on it: a failed
/// `init` leaves nothing behind. A folder is removed only when it is empty.
fn undo_new_database(before: &[PathBuf], path: &std::path::Path) {
    for p in created_beside(path) {
        if before.contains(&p) {
            continue;
        }
        if p.is_dir() {
            let _ = std::fs::remove_dir(&p);
        } else {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// The command line. Also reached through the desktop app's binary when it is started as
/// `cabildo` (the installed packages ship one binary; src-tauri/src/main.rs).
#[tokio::main(flavor = "current_thread")]
pub async fn main() -> ExitCode {
    let cli = parse_cli();
    match &cli.command {
        Command::Call { list: true, .. } => {
            let mut out = std::io::stdout().lock();
            for m in METHODS {
                if writeln!(out, "{m}").is_err() {
                    break;
                }
            }
            return ExitCode::SUCCESS;
        }
        #[cfg(not(cabildo_app))]
        Command::ExportBindings { dir } => {
            return match api::export_bindings(dir) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            };
        }
        Command::Sign { .. } if cli.db.is_none() => return sign_pdf(&cli.command, None).await,
        Command::Verify { input, trust } if cli.db.is_none() => {
            return verify_pdf(input, trust, None).await
        }
        _ => {}
    }
    let path = cli.db.clone().unwrap_or_else(cabildo::db::default_path);
    if let Command::Restore { archive, inspect } = &cli.command {
        // Replacing a database that has users takes an administrator of it (or whoever holds
        // «Restaurar copias de seguridad»); a new machine's empty folder needs no one.
        if !*inspect && path.exists() {
            let allowed = async {
                let cab = Cabildo::open(&path).await?;
                let checked = match who(&cab, cli.user.as_deref(), &cli.command).await {
                    Ok(actor) => api::permit(&cab, &actor, "backup.restore").await,
                    Err(e) => Err(e),
                };
                cab.close().await;
                checked
            }
            .await;
            if let Err(e) = allowed {
                return fail(&e);
            }
        }
        return restore(&path, archive, *inspect).await;
    }
    let new_database = !path.exists();
    // Commands that read a municipality's data never create its database.
    if new_database
        && matches!(
            cli.command,
            Command::Check
                | Command::Backup { .. }
                | Command::Sign { .. }
                | Command::Verify { .. }
                | Command::Print { .. }
                | Command::ImportNorms { .. }
                | Command::Portal { .. }
        )
    {
        return fail(&Error::NotFound(format!(
            "No existe la base de datos {}: indique la de la municipalidad con --db (o CABILDO_DB), o créela con `cabildo init` o `cabildo demo`.",
            path.display()
        )));
    }
    let before = if new_database {
        created_beside(&path)
    } else {
        Vec::new()
    };
    let cab = match Cabildo::open(&path).await {
        Ok(c) => c,
        Err(e) => {
            if new_database {
                undo_new_database(&before, &path);
            }
            return fail(&e);
        }
    };
    let code = match who(&cab, cli.user.as_deref(), &cli.command).await {
        Ok(actor) => run(&cab, &actor, cli.command).await,
        Err(e) => fail(&e),
    };
    cab.close().await;
    if new_database && code != ExitCode::SUCCESS {
        undo_new_database(&before, &path);
    }
    code
}

/// Who runs the command: the system while the database has no user (so `init`, `demo` and
/// scripts on a new database work), else the user named by `--user`, signed in with the
/// password from CABILDO_PASSWORD or typed at the prompt. `check` needs no user: it reads
/// nothing but the database's integrity.
async fn who(cab: &Cabildo, user: Option<&str>, command: &Command) -> Result<Actor, Error> {
    if matches!(command, Command::Check) || !api::has_users(cab).await? {
        return Ok(Actor::system());
    }
    let Some(login) = user.filter(|u| !u.trim().is_empty()) else {
        return Err(Error::Unauthenticated(
            "Esta base de datos tiene usuarios: indique el suyo con --user (o CABILDO_USER) y la \
             contraseña en la variable CABILDO_PASSWORD (o escríbala cuando se la pida)."
                .into(),
        ));
    };
    let password = match std::env::var("CABILDO_PASSWORD") {
        Ok(p) => zeroize::Zeroizing::new(p),
        Err(_) if std::io::IsTerminal::is_terminal(&std::io::stdin()) => zeroize::Zeroizing::new(
            rpassword::prompt_password(format!("Contraseña de {login}: "))
                .map_err(|e| Error::io("no se pudo leer la contraseña", e))?,
        ),
        Err(_) => {
            return Err(Error::Unauthenticated(format!(
                "Falta la contraseña de «{login}»: póngala en la variable CABILDO_PASSWORD."
            )))
        }
    };
    let me = api::sign_in(cab, login, &password).await?;
    Ok(Actor::user(me.id, &me.login))
}

async fn run(cab: &Cabildo, actor: &Actor, command: Command) -> ExitCode {
    let actor = actor.clone();
    let one = |method: &'static str, params: Value| call_one(cab, actor.clone(), method, params);
    match command {
        Command::Init {
            name,
            short,
            country,
            kind,
        } => {
            let country = country.to_uppercase();
            let kind = kind.unwrap_or_else(|| {
                if country == "CL" {
                    "comuna".into()
                } else {
                    "distrital".into()
                }
            });
            one(
                "municipality.create",
                json!({"name": name, "short_name": short, "country": country, "kind": kind}),
            )
            .await
        }
        Command::Demo { seed, country } => {
            one("demo.load", json!({ "seed": seed, "country": country })).await
        }
        Command::Call {
            method,
            params,
            batch,
            dry_run,
            ..
        } => {
            if batch {
                return call_batch(cab, &actor, dry_run).await;
            }
            let Some(method) = method else {
                return fail(&Error::BadRequest(
                    "Indique el método: `cabildo call METODO '{…}'` (o --list, --batch).".into(),
                ));
            };
            let params = match params
                .as_deref()
                .map(serde_json::from_str::<Value>)
                .transpose()
            {
                Ok(p) => p.unwrap_or(Value::Null),
                Err(e) => {
                    return fail(&Error::BadRequest(format!(
                        "Los parámetros no son JSON válido: {e}."
                    )))
                }
            };
            match api::dispatch(cab, &actor, &method, params, dry_run).await {
                Ok(v) => {
                    print(&v);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Check => check(cab).await,
        Command::Backup { output } => {
            if let Err(e) = api::permit(cab, &actor, "backup.create").await {
                return fail(&e);
            }
            let mut bar = progress_bar("Copiando");
            match cabildo::backup::create(cab.pool(), cab.files_dir(), &output, false, &mut bar)
                .await
            {
                Ok(report) => {
                    print(&serde_json::to_value(&report).expect("BackupReport serializes"));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Restore { .. } => unreachable!("handled before opening the database"),
        Command::Sign { .. } => sign_pdf(&command, Some((cab, &actor))).await,
        Command::Verify { input, trust } => verify_pdf(&input, &trust, Some((cab, &actor))).await,
        Command::Print {
            list: true, kind, ..
        } => {
            // Every record, read a page at a time (the list is paged in the core).
            let mut brief: Vec<Value> = Vec::new();
            let mut after = Value::Null;
            loop {
                let params = json!({"kind": kind, "after": after, "limit": 500});
                match api::dispatch(cab, &actor, "records.list", params, false).await {
                    Ok(page) => {
                        let Some(rows) = page["rows"].as_array() else {
                            return fail(&Error::Internal(format!("respuesta inesperada: {page}")));
                        };
                        brief.extend(rows.iter().map(
                            |i| json!({"kind": i["kind"], "id": i["id"], "title": i["title"]}),
                        ));
                        after = page["next"].clone();
                        if after.is_null() {
                            break;
                        }
                    }
                    Err(e) => return fail(&e),
                }
            }
            print(&Value::Array(brief));
            ExitCode::SUCCESS
        }
        Command::Print {
            kind: Some(kind),
            id: Some(id),
            output: Some(output),
            ..
        } => {
            one(
                "records.export",
                json!({"kind": kind, "id": id, "path": output.display().to_string()}),
            )
            .await
        }
        Command::Print { .. } => fail(&Error::BadRequest(
            "Use `cabildo print --list` o `cabildo print TIPO ID -o ARCHIVO.pdf`.".into(),
        )),
        Command::ImportNorms {
            sheet,
            folder,
            apply,
        } => import_norms(cab, &actor, &sheet, folder.as_deref(), apply).await,
        Command::Portal { output } => {
            one(
                "portal.export",
                json!({"dir": output.display().to_string()}),
            )
            .await
        }
        #[cfg(not(cabildo_app))]
        Command::ExportBindings { .. } => unreachable!("handled before opening the database"),
    }
}

/// `import-norms`: the preview's summary and every problem (paged through the core), then,
/// with `--apply` and no problem, the import. Exit 1 while there are problems.
async fn import_norms(
    cab: &Cabildo,
    actor: &Actor,
    sheet: &std::path::Path,
    folder: Option<&std::path::Path>,
    apply: bool,
) -> ExitCode {
    let source = json!({
        "sheet": sheet.display().to_string(),
        "folder": folder.map(|f| f.display().to_string()),
    });
    let mut problems: Vec<Value> = Vec::new();
    let mut offset = 0;
    let summary = loop {
        let mut params = source.clone();
        params["offset"] = json!(offset);
        params["limit"] = json!(1000);
        params["only_problems"] = json!(true);
        let page = match api::dispatch(cab, actor, "norm.import.preview", params, false).await {
            Ok(v) => v,
            Err(e) => return fail(&e),
        };
        if offset == 0 {
            problems.extend(
                page["sheet_problems"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
            );
        }
        let rows = page["rows"].as_array().cloned().unwrap_or_default();
        for r in &rows {
            problems.extend(r["problems"].as_array().cloned().unwrap_or_default());
        }
        offset += rows.len() as i64;
        if rows.is_empty() || offset >= page["matching"].as_i64().unwrap_or(0) {
            break page;
        }
    };
    let valid = summary["valid"].as_bool().unwrap_or(false);
    let mut out = json!({
        "sheet": summary["sheet_name"],
        "total": summary["total"],
        "ready": summary["ready"],
        "with_problems": summary["with_problems"],
        "scanned": summary["scanned"],
        "without_file": summary["without_file"],
        "problems": problems,
    });
    if apply && valid {
        match api::dispatch(cab, actor, "norm.import.apply", source, false).await {
            Ok(r) => out["imported"] = r,
            Err(e) => return fail(&e),
        }
    }
    print(&out);
    if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Progress on stderr when a person watches it (a terminal); silent in scripts and tests.
fn progress_bar(_label: &str) -> impl FnMut(cabildo::backup::Progress) + Send {
    use std::io::IsTerminal;
    let shown = std::io::stderr().is_terminal();
    let mut last = u64::MAX;
    move |p: cabildo::backup::Progress| {
        if !shown {
            return;
        }
        let percent = (p.done * 100).checked_div(p.total).unwrap_or(100);
        if percent != last {
            last = percent;
            let step = match p.phase {
                cabildo::backup::Phase::Copying => "Copiando",
                cabildo::backup::Phase::Verifying => "Verificando",
                cabildo::backup::Phase::Extracting => "Extrayendo",
            };
            eprint!("\r{step}… {percent:3} %   ");
            if percent == 100 {
                eprintln!();
            }
        }
    }
}

/// `cabildo restore ARCHIVE`: extract and verify beside the database, then open it (which
/// applies the restore, keeping the current database) and check it. With `--inspect`, only
/// what the archive holds.
async fn restore(path: &std::path::Path, archive: &std::path::Path, inspect: bool) -> ExitCode {
    let mut bar = progress_bar("Verificando");
    if inspect {
        return match cabildo::backup::inspect(archive, &mut bar).await {
            Ok(info) => {
                print(&serde_json::to_value(&info).expect("ArchiveInfo serializes"));
                if info.restorable {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => fail(&e),
        };
    }
    if let Err(e) = cabildo::backup::prepare_restore(path, archive, &mut bar).await {
        return fail(&e);
    }
    let cab = match Cabildo::open(path).await {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let code = match cab.check().await {
        Ok(report) => {
            let restored = cab.restored();
            print(&json!({
                "restored": archive.display().to_string(),
                "previous": restored.and_then(|r| r.previous.clone()),
                "created_at": restored.and_then(|r| r.archive.manifest.as_ref()).map(|m| m.created_at.clone()),
                "check": {
                    "ok": report.problems.is_empty(),
                    "schema_version": report.schema_version,
                    "audit_entries": report.audit_entries,
                    "stored_files": report.stored_files,
                    "problems": report.problems,
                },
            }));
            if report.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => fail(&e),
    };
    cab.close().await;
    code
}

async fn call_one(cab: &Cabildo, actor: Actor, method: &str, params: Value) -> ExitCode {
    match api::dispatch(cab, &actor, method, params, false).await {
        Ok(v) => {
            print(&v);
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

async fn call_batch(cab: &Cabildo, actor: &Actor, dry_run: bool) -> ExitCode {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut failed = 0usize;
    let mut total = 0usize;
    for line in stdin.lock().lines() {
        let line = match line {
            Ok(l) => l,
            Err(e) => return fail(&Error::io("no se pudo leer la entrada", e)),
        };
        if line.trim().is_empty() {
            continue;
        }
        let reply = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(mut req)) => match req.remove("method") {
                Some(Value::String(m)) => {
                    let params = req.remove("params").unwrap_or(Value::Null);
                    match api::dispatch(cab, actor, &m, params, dry_run).await {
                        Ok(v) => json!({ "ok": v }),
                        Err(e) => json!({ "error": e.to_api() }),
                    }
                }
                _ => {
                    json!({ "error": Error::BadRequest("Cada línea necesita \"method\" (texto).".into()).to_api() })
                }
            },
            Ok(_) => {
                json!({ "error": Error::BadRequest("Cada línea debe ser un objeto JSON {\"method\", \"params\"}.".into()).to_api() })
            }
            Err(e) => {
                json!({ "error": Error::BadRequest(format!("Línea que no es JSON válido: {e}.")).to_api() })
            }
        };
        total += 1;
        if reply.get("error").is_some() {
            failed += 1;
        }
        if writeln!(out, "{reply}").is_err() {
            return ExitCode::from(1);
        }
    }
    if failed > 0 {
        let message = if failed == 1 {
            format!("Falló 1 de {total} líneas: su respuesta lleva «error».")
        } else {
            format!("Fallaron {failed} de {total} líneas: sus respuestas llevan «error».")
        };
        eprintln!(
            "{}",
            json!({"kind": "validation", "message": message, "field": null, "failed": failed, "lines": total})
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

async fn check(cab: &Cabildo) -> ExitCode {
    match cab.check().await {
        Ok(report) => {
            let ok = report.problems.is_empty();
            print(&json!({
                "ok": ok,
                "schema_version": report.schema_version,
                "audit_entries": report.audit_entries,
                "stored_files": report.stored_files,
                "problems": report.problems,
            }));
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => fail(&e),
    }
}

fn read_file(path: &std::path::Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::io(format!("no se pudo leer {}", path.display()), e))
}

/// `cabildo sign`: the password comes from an environment variable and is wiped after use.
/// With a database, a sealed record's signature blocks are found where the engine drew them.
async fn sign_pdf(command: &Command, cab: Option<(&Cabildo, &Actor)>) -> ExitCode {
    let Command::Sign {
        input,
        p12,
        password_env,
        reason,
        location,
        signer,
        legend,
        output,
    } = command
    else {
        unreachable!("called only for sign")
    };
    let pdf = match read_file(input) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    // The default legend cites the law of the database's country; without one, no law is
    // cited rather than the wrong country's.
    let default_legend = match cab {
        Some((cab, _)) => {
            let found = async {
                let mut conn = cab.pool().acquire().await?;
                cabildo::rules::load(&mut conn).await
            }
            .await;
            // A database without a municipality yet has no country: no legend.
            found
                .ok()
                .and_then(|rules| rules.value("law.signature_legend").map(str::to_string))
        }
        None => None,
    };
    let blocks = match (cab, signer) {
        (Some((cab, actor)), Some(_)) => {
            let ctx = cab.context(actor.clone());
            let found = async {
                let mut conn = cab.pool().acquire().await?;
                cabildo::records::stamp_placements(&mut conn, &ctx, &pdf).await
            }
            .await;
            match found {
                Ok(b) => b,
                Err(e) => return fail(&e),
            }
        }
        _ => None,
    };
    let result = (|| -> Result<(), Error> {
        let password = zeroize::Zeroizing::new(std::env::var(password_env).map_err(|_| {
            Error::field(
                "password_env",
                format!("La variable de entorno {password_env} no existe o no es texto válido."),
            )
        })?);
        let p12 = zeroize::Zeroizing::new(read_file(p12)?);
        let stamp = match (signer, &blocks) {
            (Some(n), Some(blocks)) => Some(
                *blocks
                    .get(*n as usize - 1)
                    .filter(|_| *n > 0)
                    .ok_or_else(|| {
                        Error::field(
                            "signer",
                            format!("El documento tiene {} bloque(s) de firma.", blocks.len()),
                        )
                    })?,
            ),
            (Some(n), None) => Some(cabildo::signature::signer_block_placement(&pdf, *n)?),
            (None, _) => None,
        };
        let legend = legend
            .as_deref()
            .or(default_legend.as_deref())
            .unwrap_or_default();
        let signed = cabildo::signature::sign(&cabildo::signature::SignRequest {
            pdf: &pdf,
            p12: &p12,
            password: &password,
            reason: reason.as_deref(),
            location: location.as_deref(),
            signing_time: chrono::Local::now().fixed_offset(),
            stamp,
            legend: (!legend.is_empty()).then_some(legend),
        })?;
        std::fs::write(output, &signed)
            .map_err(|e| Error::io(format!("no se pudo escribir {}", output.display()), e))?;
        print(&json!({"signed": output.display().to_string(), "bytes": signed.len()}));
        Ok(())
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// `cabildo verify`: JSON verdict on stdout; exit 0 VÁLIDO, 1 NO VÁLIDO (or error), 2 INDETERMINADO.
/// With a database: its trusted roots too, and the file against the sealed record it claims to be.
async fn verify_pdf(
    input: &std::path::Path,
    trust: &[PathBuf],
    cab: Option<(&Cabildo, &Actor)>,
) -> ExitCode {
    let read = || -> Result<(Vec<u8>, Vec<Vec<u8>>), Error> {
        let pdf = read_file(input)?;
        let roots = trust
            .iter()
            .map(|p| read_file(p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((pdf, roots))
    };
    let result = async {
        let (pdf, mut roots) = read()?;
        match cab {
            None => {
                let v = cabildo::signature::verify(&pdf, &roots)?;
                Ok::<_, Error>(serde_json::to_value(&v).expect("Verification serializes"))
            }
            Some((cab, actor)) => {
                let ctx = cab.context(actor.clone());
                let mut conn = cab.pool().acquire().await?;
                roots.extend(cabildo::records::trust::roots_der(&mut conn).await?);
                let name = input.display().to_string();
                let r =
                    cabildo::records::verify_bytes(&mut conn, &ctx, &pdf, &roots, &name).await?;
                let mut v = serde_json::to_value(&r.verification).expect("serializes");
                v["verdict"] = json!(r.verdict);
                v["reasons"] = json!(r.reasons);
                v["seal"] = serde_json::to_value(&r.seal).expect("serializes");
                Ok(v)
            }
        }
    }
    .await;
    match result {
        Ok(v) => {
            print(&v);
            match v["verdict"].as_str() {
                Some(cabildo::signature::VALID) => ExitCode::SUCCESS,
                Some(cabildo::signature::INDETERMINATE) => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
        Err(e) => fail(&e),
    }
}
