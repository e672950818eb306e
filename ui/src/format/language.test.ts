import { describe, expect, it } from "vitest";
import { fixNavigatorLanguage, usableLanguage } from "./language";

describe("usableLanguage", () => {
  it("keeps valid tags and replaces ones Intl refuses", () => {
    expect(usableLanguage("de-DE")).toBe("de-DE");
    expect(usableLanguage("C")).toBe("en-US");
    expect(usableLanguage("")).toBe("en-US");
    expect(usableLanguage(undefined)).toBe("en-US");
    expect(() => new Intl.NumberFormat(usableLanguage("C"))).not.toThrow();
  });

  it("patches a navigator whose language is 'C'", () => {
    const nav = { language: "C", languages: ["C"] } as unknown as Navigator;
    fixNavigatorLanguage(nav);
    expect(nav.language).toBe("en-US");
    expect(nav.languages).toEqual(["en-US"]);
    const fine = { language: "fr-FR", languages: ["fr-FR"] } as unknown as Navigator;
    fixNavigatorLanguage(fine);
    expect(fine.language).toBe("fr-FR");
  });
});
