// `sqlx::migrate!` embeds migrations/ at compile time; without this, adding or editing a
// migration would not rebuild the crate (sqlx's documented build script).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    // Set only by the desktop app, which compiles src/bin/cabildo.rs in (src-tauri/build.rs).
    println!("cargo::rustc-check-cfg=cfg(cabildo_app)");
}
