//! The desktop shell of Cabildo: one window, native file dialogs, and one command, `call`,
//! that forwards every request to `cabildo::api::dispatch`. No domain rule lives here.
//!
//! See docs/adr/0002-desktop-shell.md for why the surface is this small.

use std::ffi::OsString;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use cabildo::auth::session::Session;
use cabildo::auth::users::Me;
use cabildo::auth::Actor;
use cabildo::{ApiError, Cabildo, ErrorKind};
use serde::Deserialize;
use serde_json::Value;
use tauri::{AppHandle, Emitter, State, WebviewWindow};

/// Who is signed in to this window, and its lock after the idle time.
type SignedIn = Mutex<Session>;

fn session_error() -> ApiError {
    internal("El estado de la sesión quedó inaccesible; cierre y vuelva a abrir Cabildo.".into())
}

/// The actor of a request now: whoever is signed in, or an `unauthenticated` error when the
/// window locked itself. The system's status is answered even then (the lock screen reads it).
fn current_actor(session: &SignedIn, method: &str) -> Result<Actor, ApiError> {
    let mut session = session.lock().map_err(|_| session_error())?;
    match session.actor(Instant::now()) {
        Ok(actor) => Ok(actor),
        Err(_) if method == "system.status" => Ok(Actor::nobody()),
        Err(e) => Err(e.to_api()),
    }
}

/// Every request of the UI: `invoke("call", { method, params, dryRun })`, as the signed-in user.
///
/// Errors reject the promise with `{kind, message, field}` (see docs/API.md).
#[tauri::command]
async fn call(
    cab: State<'_, Cabildo>,
    session: State<'_, SignedIn>,
    method: String,
    params: Option<Value>,
    dry_run: Option<bool>,
) -> Result<Value, ApiError> {
    let actor = current_actor(&session, &method)?;
    let params = params.unwrap_or_else(|| Value::Object(Default::default()));
    cabildo::api::dispatch(&cab, &actor, &method, params, dry_run.unwrap_or(false))
        .await
        .map_err(|e| e.to_api())
}

/// Whether the signed-in user may perform `operation` (a backup, a restore).
async fn permit(cab: &Cabildo, session: &SignedIn, operation: &str) -> Result<(), ApiError> {
    let actor = current_actor(session, operation)?;
    cabildo::api::permit(cab, &actor, operation)
        .await
        .map_err(|e| e.to_api())
}

/// Sign in (also to unlock a locked window): `invoke("sign_in", { login, password })`. Resolves
/// to the user with their permissions; a wrong password rejects with `unauthenticated`.
#[tauri::command]
async fn sign_in(
    cab: State<'_, Cabildo>,
    session: State<'_, SignedIn>,
    login: String,
    password: String,
) -> Result<Me, ApiError> {
    let password = zeroize::Zeroizing::new(password);
    let me = cabildo::api::sign_in(&cab, &login, &password)
        .await
        .map_err(|e| e.to_api())?;
    session
        .lock()
        .map_err(|_| session_error())?
        .sign_in(&me, Instant::now());
    Ok(me)
}

/// Sign out: the window goes back to the sign-in screen.
#[tauri::command]
fn sign_out(session: State<'_, SignedIn>) -> Result<(), ApiError> {
    session.lock().map_err(|_| session_error())?.sign_out();
    Ok(())
}

/// Lock now (the window's own idle timer, or «Bloquear»): requests wait for the password.
#[tauri::command]
fn lock(session: State<'_, SignedIn>) -> Result<(), ApiError> {
    session.lock().map_err(|_| session_error())?.lock();
    Ok(())
}

/// The person is typing: the idle time starts again without a request to the core.
#[tauri::command]
fn touch(session: State<'_, SignedIn>) -> Result<(), ApiError> {
    session
        .lock()
        .map_err(|_| session_error())?
        .touch(Instant::now());
    Ok(())
}

/// One entry of a file dialog's type list: `{ name: "PDF", extensions: ["pdf"] }`.
#[derive(Debug, Deserialize)]
struct FileFilter {
    name: String,
    extensions: Vec<String>,
}

fn file_dialog(
    window: &WebviewWindow,
    title: String,
    filters: Vec<FileFilter>,
) -> rfd::AsyncFileDialog {
    let mut dialog = rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_parent(window);
    for filter in filters {
        dialog = dialog.add_filter(filter.name, &filter.extensions);
    }
    dialog
}

/// Shows an rfd dialog and waits for the person's choice.
///
/// `open` builds and opens the dialog on the main (GUI) thread, as macOS requires and GTK
/// prefers; the answer is awaited here, off the main thread, so the window keeps painting.
async fn run_dialog<O, F>(window: &WebviewWindow, open: O) -> Result<Option<String>, ApiError>
where
    O: FnOnce() -> F + Send + 'static,
    F: Future<Output = Option<rfd::FileHandle>> + Send + 'static,
{
    let (tx, rx) = tokio::sync::oneshot::channel();
    window
        .run_on_main_thread(move || {
            let _ = tx.send(open());
        })
        .map_err(|e| internal(format!("No se pudo abrir el diálogo de archivos: {e}")))?;
    let pending = rx
        .await
        .map_err(|_| internal("No se pudo abrir el diálogo de archivos.".to_string()))?;
    let Some(handle) = pending.await else {
        return Ok(None);
    };
    match handle.path().to_str() {
        Some(path) => Ok(Some(path.to_string())),
        None => Err(ApiError {
            kind: ErrorKind::Validation,
            message: format!(
                "El nombre del archivo «{}» tiene caracteres no válidos; \
                 cámbielo e intente de nuevo.",
                handle.path().display()
            ),
            field: Some("path".to_string()),
        }),
    }
}

fn internal(message: String) -> ApiError {
    ApiError {
        kind: ErrorKind::Internal,
        message,
        field: None,
    }
}

/// Test only (end-to-end specs): when `CABILDO_TEST_PICKS` names a file, the file dialogs do
/// not open; each one takes the file's first line as the person's choice instead. Compiled
/// only with the `e2e` feature (the build the specs drive), never into the app a clerk runs.
/// See docs/adr/0002-desktop-shell.md.
#[cfg(any(test, feature = "e2e"))]
const TEST_PICKS: &str = "CABILDO_TEST_PICKS";

/// The scripted answer of a file dialog, when the test hook is on.
#[cfg(feature = "e2e")]
fn scripted_pick() -> Option<Result<Option<String>, ApiError>> {
    let path = std::env::var_os(TEST_PICKS)?;
    Some(pop_first_line(std::path::Path::new(&path)))
}

/// Removes the first line of `path` and returns it; an empty line, an empty or missing file
/// give `None`, as if the person had cancelled the dialog.
#[cfg(any(test, feature = "e2e"))]
fn pop_first_line(path: &std::path::Path) -> Result<Option<String>, ApiError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(internal(format!("{TEST_PICKS}: {e}"))),
    };
    let (first, rest) = text.split_once('\n').unwrap_or((text.as_str(), ""));
    std::fs::write(path, rest).map_err(|e| internal(format!("{TEST_PICKS}: {e}")))?;
    let first = first.trim_end_matches('\r');
    Ok((!first.is_empty()).then(|| first.to_string()))
}

/// Native "open file" dialog. Resolves to the chosen path, or `null` when cancelled.
/// Only the path crosses IPC; the core reads the file itself.
#[tauri::command]
async fn pick_file(
    window: WebviewWindow,
    title: String,
    filters: Vec<FileFilter>,
) -> Result<Option<String>, ApiError> {
    #[cfg(feature = "e2e")]
    if let Some(scripted) = scripted_pick() {
        return scripted;
    }
    let parent = window.clone();
    run_dialog(&window, move || {
        file_dialog(&parent, title, filters).pick_file()
    })
    .await
}

/// Native "save as" dialog. Resolves to the chosen path, or `null` when cancelled.
#[tauri::command]
async fn save_file(
    window: WebviewWindow,
    title: String,
    default_name: String,
    filters: Vec<FileFilter>,
) -> Result<Option<String>, ApiError> {
    #[cfg(feature = "e2e")]
    if let Some(scripted) = scripted_pick() {
        return scripted;
    }
    let parent = window.clone();
    run_dialog(&window, move || {
        file_dialog(&parent, title, filters)
            .set_file_name(default_name)
            .save_file()
    })
    .await
}

/// Native "choose folder" dialog (the automatic backups' folder). Resolves to the chosen
/// folder, or `null` when cancelled.
#[tauri::command]
async fn pick_folder(window: WebviewWindow, title: String) -> Result<Option<String>, ApiError> {
    #[cfg(feature = "e2e")]
    if let Some(scripted) = scripted_pick() {
        return scripted;
    }
    let parent = window.clone();
    run_dialog(&window, move || {
        rfd::AsyncFileDialog::new()
            .set_title(title)
            .set_parent(&parent)
            .pick_folder()
    })
    .await
}

// Backups: creating, inspecting and restoring run outside any request's transaction (VACUUM
// cannot run inside one), so they are commands of their own rather than `call` methods. They
// are kept together here so a permission check can stand in front of all three.

/// Emits `backup-progress` events at most once per percent.
fn progress_emitter(app: AppHandle) -> impl FnMut(cabildo::backup::Progress) + Send {
    let mut last = (None, u64::MAX);
    move |p: cabildo::backup::Progress| {
        let percent = (p.done * 100).checked_div(p.total).unwrap_or(100);
        if (Some(p.phase), percent) != last {
            last = (Some(p.phase), percent);
            let _ = app.emit("backup-progress", p);
        }
    }
}

/// «Hacer copia ahora»: a verified archive at `path` (the person confirmed any overwrite in the
/// save dialog), with `backup-progress` events on the way.
#[tauri::command]
async fn backup_create(
    app: AppHandle,
    cab: State<'_, Cabildo>,
    session: State<'_, SignedIn>,
    path: String,
) -> Result<cabildo::backup::BackupReport, ApiError> {
    permit(&cab, &session, "backup.create").await?;
    let mut progress = progress_emitter(app);
    cabildo::backup::create(
        cab.pool(),
        cab.files_dir(),
        std::path::Path::new(&path),
        true,
        &mut progress,
    )
    .await
    .map_err(|e| e.to_api())
}

/// What an archive holds and its problems (reads it whole, with `backup-progress` events).
#[tauri::command]
async fn backup_inspect(
    app: AppHandle,
    cab: State<'_, Cabildo>,
    session: State<'_, SignedIn>,
    path: String,
) -> Result<cabildo::backup::ArchiveInfo, ApiError> {
    permit(&cab, &session, "backup.restore").await?;
    let mut progress = progress_emitter(app);
    cabildo::backup::inspect(std::path::Path::new(&path), &mut progress)
        .await
        .map_err(|e| e.to_api())
}

/// Restore: extract and verify beside the database, then restart; the restore is applied
/// before the database is opened again (the current one is kept beside it).
#[tauri::command]
async fn backup_restore(
    app: AppHandle,
    cab: State<'_, Cabildo>,
    session: State<'_, SignedIn>,
    path: String,
) -> Result<(), ApiError> {
    permit(&cab, &session, "backup.restore").await?;
    let mut progress = progress_emitter(app.clone());
    cabildo::backup::prepare_restore(cab.db_path(), std::path::Path::new(&path), &mut progress)
        .await
        .map_err(|e| e.to_api())?;
    cab.pool().close().await;
    app.restart();
}

/// The automatic backup, once a day at start, in the background: a failure is recorded for
/// the settings screen and never stops the app.
fn automatic_backup(cab: Cabildo) {
    tauri::async_runtime::spawn(async move {
        // Let the window come up first.
        tokio::time::sleep(std::time::Duration::from_secs(20)).await;
        let today = cab.today();
        if let Err(e) =
            cabildo::backup::settings::run_if_due(cab.pool(), cab.files_dir(), today).await
        {
            eprintln!("cabildo: copia automática: {}", e.to_api().message);
        }
    });
}

/// The database path: `--db PATH` (or `--db=PATH`), else `CABILDO_DB`, else the OS data dir.
fn db_path_from_args(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return Some(PathBuf::from(path));
        }
    }
    None
}

/// Tells the person why the app cannot start, then exits with code 1.
fn fail_to_start(message: &str) -> ! {
    eprintln!("cabildo: {message}");
    if display_available() {
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Cabildo no puede iniciar")
            .set_description(message)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    std::process::exit(1);
}

/// Whether a dialog can be shown at all. On Linux rfd would wait forever for a GTK that cannot
/// start (no X11/Wayland display, as on a headless test machine), so ask GTK first.
#[cfg(target_os = "linux")]
fn display_available() -> bool {
    // SAFETY: called once, before anything else in the process touches GTK; null argc/argv is
    // allowed. Unlike gtk-rs' `gtk::init`, this does not take the default main context, which
    // rfd's own GTK thread needs to iterate.
    unsafe { gtk_sys::gtk_init_check(std::ptr::null_mut(), std::ptr::null_mut()) != 0 }
}

#[cfg(not(target_os = "linux"))]
fn display_available() -> bool {
    true
}

/// The startup error: the core's message, and the file it is about when it does not say.
fn open_error_message(path: &std::path::Path, error: &cabildo::Error) -> String {
    let message = error.to_api().message;
    let shown = path.display().to_string();
    if message.contains(&shown) {
        message
    } else {
        format!("{message}\n\nBase de datos: {shown}")
    }
}

/// Opens the database, then runs the window until it is closed.
pub fn run() {
    let path =
        db_path_from_args(std::env::args_os().skip(1)).unwrap_or_else(cabildo::db::default_path);

    // Opened before the window exists, on Tauri's own async runtime (the one that later runs
    // the commands, so the pool lives on it): a database this binary cannot use stops the app
    // with a native message instead of a blank window.
    let cab = match tauri::async_runtime::block_on(Cabildo::open(&path)) {
        Ok(cab) => cab,
        Err(e) => fail_to_start(&open_error_message(&path, &e)),
    };

    automatic_backup(cab.clone());
    let result = tauri::Builder::default()
        .manage(cab)
        .manage(SignedIn::default())
        .invoke_handler(tauri::generate_handler![
            call,
            sign_in,
            sign_out,
            lock,
            touch,
            pick_file,
            save_file,
            pick_folder,
            backup_create,
            backup_inspect,
            backup_restore
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        fail_to_start(&format!("No se pudo abrir la ventana de Cabildo: {e}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn db_flag_is_read_in_both_spellings() {
        assert_eq!(
            db_path_from_args(args(&["--db", "/tmp/a.db"])),
            Some(PathBuf::from("/tmp/a.db"))
        );
        assert_eq!(
            db_path_from_args(args(&["-x", "--db=/tmp/b.db"])),
            Some(PathBuf::from("/tmp/b.db"))
        );
        assert_eq!(db_path_from_args(args(&["--other"])), None);
        assert_eq!(db_path_from_args(args(&["--db"])), None);
    }

    #[test]
    fn scripted_picks_pop_one_line_each() {
        let path = std::env::temp_dir().join(format!("cabildo-picks-{}", std::process::id()));
        std::fs::write(&path, "/tmp/firma.p12\r\n\n/tmp/salida.pdf").unwrap();
        assert_eq!(
            pop_first_line(&path).unwrap().as_deref(),
            Some("/tmp/firma.p12")
        );
        assert_eq!(
            pop_first_line(&path).unwrap(),
            None,
            "an empty line cancels"
        );
        assert_eq!(
            pop_first_line(&path).unwrap().as_deref(),
            Some("/tmp/salida.pdf")
        );
        assert_eq!(
            pop_first_line(&path).unwrap(),
            None,
            "an empty file cancels"
        );
        std::fs::remove_file(&path).unwrap();
        assert_eq!(
            pop_first_line(&path).unwrap(),
            None,
            "so does a missing one"
        );
    }
}
