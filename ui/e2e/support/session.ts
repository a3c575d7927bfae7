// Signing in, for the specs: the first start creates the administrator before the
// municipality, and every restart of the app asks for the password again.
import { $ } from "@wdio/globals";

const sel = (id: string) => `[data-testid="${id}"]`;

/** The administrator the specs create at first start. */
export const ADMIN = { name: "Ana Quispe Mamani", login: "admin", password: "Clave-segura-2026" };

/** The password of the demonstration's users (`cabildo::demo::DEMO_PASSWORD`). */
export const DEMO_PASSWORD = "cabildo-demo";

/** First start: the administrator's account (when asked), then the municipality. */
export async function createMunicipality(m: {
  name: string;
  shortName: string;
  country: "PE" | "CL";
  kind: string;
}): Promise<void> {
  await $(sel("wizard-create")).click();
  await $(sel("wizard-admin")).waitForDisplayed();
  await $(sel("wizard-admin-name")).setValue(ADMIN.name);
  await $(sel("wizard-admin-login")).setValue(ADMIN.login);
  await $(sel("wizard-admin-password")).setValue(ADMIN.password);
  await $(sel("wizard-admin-again")).setValue(ADMIN.password);
  await $(sel("wizard-admin-submit")).click();
  await $(sel("wizard-form")).waitForDisplayed();
  await $(sel("wizard-name")).setValue(m.name);
  await $(sel("wizard-short-name")).setValue(m.shortName);
  await $(sel("wizard-country")).selectByAttribute("value", m.country);
  await $(sel("wizard-kind")).selectByAttribute("value", m.kind);
  await $(sel("wizard-submit")).click();
  await $(sel("shell")).waitForDisplayed();
}

/** The sign-in screen: type the user and password and wait for the application. */
export async function signIn(login = ADMIN.login, password = ADMIN.password): Promise<void> {
  await $(sel("signin")).waitForDisplayed({ timeout: 60_000 });
  await $(sel("signin-login")).setValue(login);
  await $(sel("signin-password")).setValue(password);
  await $(sel("signin-submit")).click();
}
