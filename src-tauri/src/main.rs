// Prevents an additional console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

/// The `cabildo` command line, the same source as the `cabildo` binary of the core crate: the
/// installed packages carry this one binary, and `/usr/bin/cabildo` starts it as the CLI
/// (docs/INSTALL.md).
#[path = "../../src/bin/cabildo.rs"]
mod cli;

/// Started as the command line: named `cabildo` (a link or copy of this binary), or with
/// CABILDO_CLI=1 (the packages' `/usr/bin/cabildo` script).
fn as_cli() -> bool {
    let named = std::env::args_os()
        .next()
        .map(std::path::PathBuf::from)
        .and_then(|p| p.file_stem().map(|s| s.to_os_string()))
        .is_some_and(|s| s == "cabildo");
    named || std::env::var_os("CABILDO_CLI").is_some_and(|v| v == "1")
}

fn main() -> ExitCode {
    if as_cli() {
        return cli::main();
    }
    cabildo_app_lib::run();
    ExitCode::SUCCESS
}
