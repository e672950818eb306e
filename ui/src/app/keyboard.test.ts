import { describe, expect, it } from "vitest";
import { globalShortcut, moveIndex, navKey } from "./keyboard";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("globalShortcut", () => {
  it("maps Ctrl or Cmd + digit to a section", () => {
    expect(globalShortcut(key("2", { ctrlKey: true }))).toEqual({ kind: "jump", index: 1 });
    expect(globalShortcut(key("1", { metaKey: true }))).toEqual({ kind: "jump", index: 0 });
  });
  it("leaves plain digits and other chords to the focused control", () => {
    expect(globalShortcut(key("2"))).toBeNull();
    expect(globalShortcut(key("0", { ctrlKey: true }))).toBeNull();
    expect(globalShortcut(key("2", { ctrlKey: true, shiftKey: true }))).toBeNull();
  });
});

describe("navKey and moveIndex", () => {
  it("moves with arrows and wraps", () => {
    expect(navKey(key("ArrowDown"))).toEqual({ kind: "move", delta: 1 });
    expect(moveIndex(2, 1, 3)).toBe(0);
    expect(moveIndex(0, -1, 3)).toBe(2);
  });
  it("jumps to the ends", () => {
    expect(moveIndex(1, "first", 3)).toBe(0);
    expect(moveIndex(1, "last", 3)).toBe(2);
  });
  it("ignores modified arrows", () => {
    expect(navKey(key("ArrowDown", { altKey: true }))).toBeNull();
  });
});
