import { describe, expect, it } from "vitest";
import { autoTriesWebgl, loadPrefs, savePrefs } from "./prefs";

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe("terminal prefs", () => {
  it("defaults, round-trips, and rejects garbage", () => {
    const s = memory();
    expect(loadPrefs(s)).toEqual({ renderer: "auto", fontSize: 13 });
    savePrefs(s, { renderer: "dom", fontSize: 16 });
    expect(loadPrefs(s)).toEqual({ renderer: "dom", fontSize: 16 });
    s.setItem("sluice.terminal.fontSize", "9000");
    expect(loadPrefs(s).fontSize).toBe(13);
  });
});

describe("the auto renderer", () => {
  it("tries WebGL where the webview has a GPU, or when the core did not say", () => {
    expect(autoTriesWebgl({ softwareRendering: false })).toBe(true);
    expect(autoTriesWebgl(null)).toBe(true);
  });

  it("keeps the DOM renderer where WebGL would be emulated on the CPU", () => {
    expect(autoTriesWebgl({ softwareRendering: true })).toBe(false);
  });
});
