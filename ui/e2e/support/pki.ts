// A test certification authority and one signer's .p12, made with the openssl CLI (as the core's
// tests/signature.rs does). Nothing is stored in the repository; the files live in `dir`.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

export interface Pki {
  /** The CA's certificate (PEM), to import as a trusted root. */
  ca: string;
  /** The signer's PKCS#12 (the OpenSSL 3 default: AES-256 / PBKDF2). */
  p12: string;
  /** Its password. */
  password: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

/** A signer's certificate: by default CN "Ana Pérez Ñahui", subject serialNumber
 * "PNOPE-41234567" (a Peruvian DNI certificate). */
export function makePki(
  dir: string,
  signer: { name: string; dni: string } = { name: "Ana Pérez Ñahui", dni: "41234567" },
): Pki {
  openssl(dir, [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes",
    "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650",
    "-subj", "/C=PE/O=Municipalidad Distrital de Prueba/CN=CA de Prueba Cabildo",
    "-addext", "basicConstraints=critical,CA:TRUE",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  writeFileSync(
    path.join(dir, "signer.ext"),
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n" +
      "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
  );
  openssl(dir, [
    "req", "-utf8", "-nodes", "-newkey", "rsa:2048",
    "-keyout", "ana.key", "-out", "ana.csr",
    "-subj", `/C=PE/O=Municipalidad Distrital de Prueba/serialNumber=PNOPE-${signer.dni}/CN=${signer.name}`,
  ]);
  openssl(dir, [
    "x509", "-req", "-in", "ana.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
    "-out", "ana.pem", "-days", "365", "-extfile", "signer.ext",
  ]);
  const password = "Clave-de-prueba-2026";
  openssl(dir, [
    "pkcs12", "-export", "-inkey", "ana.key", "-in", "ana.pem", "-certfile", "ca.pem",
    "-out", "ana.p12", "-passout", `pass:${password}`,
  ]);
  return { ca: path.join(dir, "ca.pem"), p12: path.join(dir, "ana.p12"), password };
}
