//! A test PKI made with the openssl CLI: a CA and two signers (an RSA alcalde and an ECDSA
//! P-256 secretaria), each in a modern (AES-256/PBKDF2) and a legacy (3DES/RC2) .p12.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const PASS1: &str = "clave-alcalde-1";
pub const PASS2: &str = "clave-secretaria-2";

pub struct Pki {
    pub dir: tempfile::TempDir,
}

impl Pki {
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap()
    }
    pub fn ca_pem(&self) -> Vec<u8> {
        self.read("ca.pem")
    }
}

pub fn require(tool: &str, install: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "falta {tool}: instálelo con `{install}` (make test lo instala)"
    );
}

/// Runs a command, failing the test when it cannot start.
pub fn run(cmd: &mut Command) -> std::process::Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("no se pudo ejecutar {cmd:?}: {e}"))
}

pub fn run_ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn openssl(dir: &Path, args: &[&str]) {
    run_ok(Command::new("openssl").current_dir(dir).args(args));
}

pub fn make_pki() -> Pki {
    require("openssl", "apt-get install -y openssl");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    openssl(
        d,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "3650",
            "-subj",
            "/C=PE/O=Municipalidad Distrital de Prueba/CN=CA de Prueba Cabildo",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    std::fs::write(
        d.join("signer.ext"),
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
    )
    .unwrap();
    let signers = [
        ("s1", vec!["-newkey", "rsa:2048"], "/C=PE/O=Municipalidad Distrital de Prueba/serialNumber=PNOPE-12345678/CN=JUAN PÉREZ QUISPE", PASS1),
        ("s2", vec!["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], "/C=PE/O=Municipalidad Distrital de Prueba/serialNumber=DNI 87654321/CN=MARÍA LÓPEZ ÑAHUI", PASS2),
    ];
    for (name, keyargs, subj, pass) in signers {
        let key = format!("{name}.key");
        let csr = format!("{name}.csr");
        let pem = format!("{name}.pem");
        let mut args = vec!["req", "-utf8", "-nodes"];
        args.extend(keyargs);
        args.extend(["-keyout", &key, "-out", &csr, "-subj", subj]);
        openssl(d, &args);
        openssl(
            d,
            &[
                "x509",
                "-req",
                "-in",
                &csr,
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                &pem,
                "-days",
                "365",
                "-extfile",
                "signer.ext",
            ],
        );
        let passout = format!("pass:{pass}");
        for (file, legacy) in [
            (format!("{name}.p12"), false),
            (format!("{name}-legacy.p12"), true),
        ] {
            let mut args = vec!["pkcs12", "-export"];
            if legacy {
                args.push("-legacy");
            }
            args.extend([
                "-inkey",
                &key,
                "-in",
                &pem,
                "-certfile",
                "ca.pem",
                "-out",
                &file,
                "-passout",
                &passout,
            ]);
            openssl(d, &args);
        }
        std::fs::write(d.join(format!("{name}.pass")), pass).unwrap();
        // The private keys are not needed any more: only the .p12 files stay.
        std::fs::remove_file(d.join(&key)).unwrap();
    }
    Pki { dir }
}
