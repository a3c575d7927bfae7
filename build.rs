// `sqlx::migrate!` embeds migrations/ at compile time; without this, adding or editing a
// migration would not rebuild the crate (sqlx's documented build script).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
