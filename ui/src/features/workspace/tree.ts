import type { EntryKind, Frame, TreeChange, TreeEntry } from "../../bindings/wire";

/**
 * The live tree of a watched folder: entries by relative path, rebuilt from the stream of
 * changes. A frame with a new generation means the source restarted: start from empty.
 */
export interface TreeState {
  generation: number | null;
  entries: Map<string, TreeEntry>;
  /** Bumped on every change, so views can memoize on it. */
  version: number;
  scans: number;
  truncated: boolean;
  warning: string | null;
  /** Set once the first full scan has been applied. */
  ready: boolean;
}

export function emptyTree(): TreeState {
  return { generation: null, entries: new Map(), version: 0, scans: 0, truncated: false, warning: null, ready: false };
}

/** Applies one frame in place (the map can hold 100 k entries; copying it per frame would not scale). */
export function applyFrame(s: TreeState, frame: Frame<TreeChange>): TreeState {
  if (s.generation !== null && frame.generation !== s.generation) {
    s.entries.clear();
    s.ready = false;
  }
  s.generation = frame.generation;
  for (const c of frame.entries) applyChange(s, c);
  s.version += 1;
  return s;
}

function applyChange(s: TreeState, c: TreeChange) {
  switch (c.op) {
    case "upsert":
      s.entries.set(c.entry.path, c.entry);
      break;
    case "remove":
      s.entries.delete(c.path);
      break;
    case "scanned":
      s.scans = c.scans;
      s.truncated = c.truncated;
      s.warning = c.warning;
      s.ready = true;
      break;
  }
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

export function nameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Children of every folder ("" is the root): folders first, then by name. */
export function childrenIndex(entries: Iterable<TreeEntry>): Map<string, TreeEntry[]> {
  const index = new Map<string, TreeEntry[]>();
  for (const e of entries) {
    const p = parentOf(e.path);
    let list = index.get(p);
    if (!list) index.set(p, (list = []));
    list.push(e);
  }
  for (const list of index.values()) list.sort(compareEntries);
  return index;
}

function compareEntries(a: TreeEntry, b: TreeEntry): number {
  const da = a.kind === "dir" ? 0 : 1;
  const db = b.kind === "dir" ? 0 : 1;
  if (da !== db) return da - db;
  const na = nameOf(a.path);
  const nb = nameOf(b.path);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

export interface Row {
  entry: TreeEntry;
  depth: number;
  hasChildren: boolean;
}

/** The rows on screen: a depth-first walk that descends only into expanded folders. */
export function visibleRows(index: Map<string, TreeEntry[]>, expanded: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of index.get(dir) ?? []) {
      const kids = entry.kind === "dir" ? index.get(entry.path) : undefined;
      rows.push({ entry, depth, hasChildren: (kids?.length ?? 0) > 0 });
      if (entry.kind === "dir" && expanded.has(entry.path)) walk(entry.path, depth + 1);
    }
  };
  walk("", 0);
  return rows;
}

export type TreeKeyAction =
  | { kind: "move"; index: number }
  | { kind: "expand"; path: string }
  | { kind: "collapse"; path: string }
  | { kind: "terminal"; path: string }
  | null;

/** Tree keyboard model (WAI-ARIA tree pattern) over the visible rows. */
export function treeKey(key: string, rows: readonly Row[], at: number, expanded: ReadonlySet<string>): TreeKeyAction {
  const row = rows[at];
  const last = rows.length - 1;
  switch (key) {
    case "ArrowDown":
      return { kind: "move", index: Math.min(last, at + 1) };
    case "ArrowUp":
      return { kind: "move", index: Math.max(0, at - 1) };
    case "Home":
      return { kind: "move", index: 0 };
    case "End":
      return { kind: "move", index: Math.max(0, last) };
  }
  if (!row) return null;
  const isDir = row.entry.kind === "dir";
  switch (key) {
    case "ArrowRight":
      if (!isDir) return null;
      if (!expanded.has(row.entry.path)) return { kind: "expand", path: row.entry.path };
      return row.hasChildren ? { kind: "move", index: at + 1 } : null;
    case "ArrowLeft": {
      if (isDir && expanded.has(row.entry.path)) return { kind: "collapse", path: row.entry.path };
      const parent = parentOf(row.entry.path);
      if (parent === "") return null;
      const i = rows.findIndex((r) => r.entry.path === parent);
      return i < 0 ? null : { kind: "move", index: i };
    }
    case "Enter":
      return isDir ? { kind: "terminal", path: row.entry.path } : null;
  }
  return null;
}

/** A short badge for entries that are not plain files or folders. */
export function badgeOf(kind: EntryKind): string | null {
  switch (kind) {
    case "linkOutside":
      return "link outside";
    case "linkLoop":
      return "loop";
    case "linkBroken":
      return "broken link";
    case "link":
      return "link";
    case "other":
      return "special";
    default:
      return null;
  }
}

/** Absolute path of `rel` under `root` ("" is the root itself). */
export function joinPath(root: string, rel: string): string {
  if (rel === "") return root;
  return root.endsWith("/") ? root + rel : `${root}/${rel}`;
}
