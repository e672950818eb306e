import { describe, expect, it } from "vitest";
import { addTab, cycleTab, emptyTabs, removeTab, updateTab } from "./tabs";

describe("terminal tabs", () => {
  it("adds tabs and activates the new one", () => {
    const s = addTab(addTab(emptyTabs), "/home/me/project");
    expect(s.tabs.map((t) => t.title)).toEqual(["Terminal 1", "project"]);
    expect(s.active).toBe(2);
  });

  it("closing the active tab activates a neighbour", () => {
    let s = addTab(addTab(addTab(emptyTabs)));
    s = { ...s, active: 2 };
    s = removeTab(s, 2);
    expect(s.active).toBe(3);
    s = removeTab(s, 3);
    expect(s.active).toBe(1);
    s = removeTab(s, 1);
    expect(s.active).toBeNull();
  });

  it("cycles both ways and records the session", () => {
    let s = addTab(addTab(emptyTabs));
    s = cycleTab(s, 1);
    expect(s.active).toBe(1);
    s = cycleTab(s, -1);
    expect(s.active).toBe(2);
    s = updateTab(s, 2, { id: 7 });
    expect(s.tabs[1]?.id).toBe(7);
  });
});
