import { describe, expect, it } from "vitest";
import type { EntryKind, Frame, TreeChange, TreeEntry } from "../../bindings/wire";
import { applyFrame, badgeOf, childrenIndex, emptyTree, joinPath, treeKey, visibleRows } from "./tree";

const stats = { received: 0, delivered: 0, merged: 0, superseded: 0, dropped: 0, frames: 0, bytes: 0 };

function frame(generation: number, entries: TreeChange[]): Frame<TreeChange> {
  return { sub: 1, generation, seq: 1, entries, dropped: null, stats } as unknown as Frame<TreeChange>;
}

const entry = (path: string, kind: EntryKind = "file"): TreeEntry => ({ path, kind, size: 0, modifiedMs: 0 });
const up = (path: string, kind: EntryKind = "file"): TreeChange => ({ op: "upsert", entry: entry(path, kind) });

describe("tree", () => {
  it("applies upserts, removes and scan reports", () => {
    const t = emptyTree();
    applyFrame(t, frame(0, [up("a", "dir"), up("a/x"), up("b")]));
    expect(t.ready).toBe(false);
    applyFrame(t, frame(0, [{ op: "remove", path: "b" }, { op: "scanned", entries: 2, truncated: false, scans: 1, warning: null }]));
    expect([...t.entries.keys()].sort()).toEqual(["a", "a/x"]);
    expect(t.ready).toBe(true);
    expect(t.scans).toBe(1);
  });

  it("starts from empty on a new generation", () => {
    const t = emptyTree();
    applyFrame(t, frame(0, [up("old")]));
    applyFrame(t, frame(1, [up("new")]));
    expect([...t.entries.keys()]).toEqual(["new"]);
  });

  it("lists folders first, and only descends into expanded ones", () => {
    const index = childrenIndex([entry("z", "dir"), entry("b"), entry("a"), entry("z/inner"), entry("c", "dir")]);
    expect(visibleRows(index, new Set()).map((r) => r.entry.path)).toEqual(["c", "z", "a", "b"]);
    const rows = visibleRows(index, new Set(["z"]));
    expect(rows.map((r) => [r.entry.path, r.depth])).toEqual([
      ["c", 0],
      ["z", 0],
      ["z/inner", 1],
      ["a", 0],
      ["b", 0],
    ]);
    expect(rows[1]?.hasChildren).toBe(true);
    expect(rows[0]?.hasChildren).toBe(false);
  });

  it("follows the tree keyboard pattern", () => {
    const index = childrenIndex([entry("d", "dir"), entry("d/f"), entry("g")]);
    const closed = visibleRows(index, new Set());
    expect(treeKey("ArrowRight", closed, 0, new Set())).toEqual({ kind: "expand", path: "d" });
    expect(treeKey("ArrowDown", closed, 0, new Set())).toEqual({ kind: "move", index: 1 });
    expect(treeKey("ArrowDown", closed, 1, new Set())).toEqual({ kind: "move", index: 1 });
    expect(treeKey("Enter", closed, 0, new Set())).toEqual({ kind: "terminal", path: "d" });
    expect(treeKey("Enter", closed, 1, new Set())).toBeNull();
    const open = new Set(["d"]);
    const rows = visibleRows(index, open);
    expect(treeKey("ArrowRight", rows, 0, open)).toEqual({ kind: "move", index: 1 });
    expect(treeKey("ArrowLeft", rows, 1, open)).toEqual({ kind: "move", index: 0 });
    expect(treeKey("ArrowLeft", rows, 0, open)).toEqual({ kind: "collapse", path: "d" });
    expect(treeKey("End", rows, 0, open)).toEqual({ kind: "move", index: 2 });
  });

  it("badges links and joins paths", () => {
    expect(badgeOf("linkOutside")).toBe("link outside");
    expect(badgeOf("linkLoop")).toBe("loop");
    expect(badgeOf("file")).toBeNull();
    expect(joinPath("/r", "")).toBe("/r");
    expect(joinPath("/r", "a/b")).toBe("/r/a/b");
    expect(joinPath("/", "a")).toBe("/a");
  });
});
