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
    // src/main.rs compiles the CLI's source in; `cabildo_app` leaves its developer-only
    // commands out of the installed binary.
    println!("cargo::rustc-check-cfg=cfg(cabildo_app)");
    println!("cargo::rustc-cfg=cabildo_app");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
