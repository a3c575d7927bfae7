import { describe, expect, it } from "vitest";
import { roleWord } from "./terms";

describe("roleWord", () => {
  it("agrees with a woman and keeps the usual word otherwise", () => {
    expect(roleWord("alcalde", "F")).toBe("alcaldesa");
    expect(roleWord("presidente", "F")).toBe("presidenta");
    expect(roleWord("vicepresidente", "F")).toBe("vicepresidenta");
    expect(roleWord("secretario", "F")).toBe("secretaria");
    expect(roleWord("miembro", "F")).toBe("miembro");
    expect(roleWord("alcalde", "M")).toBe("alcalde");
    expect(roleWord("presidente", null)).toBe("presidente");
    expect(roleWord("presidente", undefined)).toBe("presidente");
  });
});
