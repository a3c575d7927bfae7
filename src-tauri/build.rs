// The app's own commands get `allow-*` permissions generated here, so the capability file
// (capabilities/default.json) has to name each one the window may call.
const COMMANDS: &[&str] = &[
    "call",
    "sign_in",
    "sign_out",
    "lock",
    "touch",
    "pick_file",
    "save_file",
    "pick_folder",
    "backup_create",
    "backup_inspect",
    "backup_restore",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
