import { describe, expect, it } from "vitest";
import { loadTheme, saveTheme } from "./theme";

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe("theme choice", () => {
  it("defaults to following the OS", () => {
    expect(loadTheme(memoryStorage())).toBe("system");
    expect(loadTheme(undefined)).toBe("system");
  });
  it("round-trips a saved choice and ignores garbage", () => {
    const s = memoryStorage();
    saveTheme(s, "dark");
    expect(loadTheme(s)).toBe("dark");
    s.setItem("sluice.theme", "<script>");
    expect(loadTheme(s)).toBe("system");
  });
});
