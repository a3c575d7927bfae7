//! The installed packages carry one binary: the desktop app, which is also the command line
//! when started as `cabildo` (a link) or with CABILDO_CLI=1 (the packages' /usr/bin/cabildo).

use std::process::Command;

const APP: &str = env!("CARGO_BIN_EXE_cabildo-app");

#[test]
fn the_app_binary_is_the_command_line_when_asked() {
    let out = Command::new(APP)
        .arg("--help")
        .env("CABILDO_CLI", "1")
        .output()
        .expect("the app binary runs");
    assert!(out.status.success(), "{out:?}");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Usage: cabildo "), "{help}");
    assert!(help.contains("backup"), "{help}");
}

#[cfg(unix)]
#[test]
fn started_as_cabildo_it_loads_the_demo_and_checks_the_database() {
    let dir = std::env::temp_dir().join(format!("cabildo-one-binary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join("cabildo");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(APP, &link).unwrap();
    let db = dir.join("demo.db");
    let _ = std::fs::remove_file(&db);
    let run = |args: &[&str]| {
        Command::new(&link)
            .args(args)
            .env("CABILDO_DB", &db)
            .env_remove("CABILDO_CLI")
            .env_remove("CABILDO_USER")
            .output()
            .expect("the link runs")
    };
    let demo = run(&["demo"]);
    assert!(demo.status.success(), "{demo:?}");
    assert!(String::from_utf8_lossy(&demo.stdout).contains("\"council_members\""));
    let check = run(&["check"]);
    assert!(check.status.success(), "{check:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}
