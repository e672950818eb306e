import { describe, expect, it } from "vitest";
import { terminalAction } from "./keys";

const k = (key: string, m: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...m,
});

describe("terminalAction", () => {
  it("never takes plain Ctrl keys from the shell", () => {
    for (const key of ["c", "d", "r", "z", "l", "v", "w"]) {
      expect(terminalAction(k(key, { ctrlKey: true }))).toBeNull();
    }
  });
  it("maps Ctrl+Shift chords", () => {
    expect(terminalAction(k("C", { ctrlKey: true, shiftKey: true }))).toBe("copy");
    expect(terminalAction(k("V", { ctrlKey: true, shiftKey: true }))).toBe("paste");
    expect(terminalAction(k("F", { ctrlKey: true, shiftKey: true }))).toBe("search");
    expect(terminalAction(k("T", { ctrlKey: true, shiftKey: true }))).toBe("newTab");
  });
  it("leaves Ctrl+digit to the app", () => {
    expect(terminalAction(k("3", { ctrlKey: true }))).toBe("app");
  });
});
