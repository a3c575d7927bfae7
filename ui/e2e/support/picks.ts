// The answers of the app's file dialogs during a run: the app reads CABILDO_TEST_PICKS (set by
// wdio.conf.ts) and each pick_file / save_file takes the first line (docs/adr/0002).
import { appendFileSync } from "node:fs";

export function scriptPicks(...paths: string[]): void {
  const file = process.env.CABILDO_TEST_PICKS;
  if (!file) throw new Error("CABILDO_TEST_PICKS no está definido (véase e2e/wdio.conf.ts)");
  appendFileSync(file, paths.map((p) => `${p}\n`).join(""));
}
