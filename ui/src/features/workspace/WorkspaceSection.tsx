import { useEffect, useMemo, useRef, useState } from "react";
import { navigateTo } from "../../app/navigation";
import { setTabs } from "../terminal/store";
import { addTab } from "../terminal/tabs";
import { openWorkspace, setExpanded, useWorkspace } from "./store";
import { badgeOf, childrenIndex, joinPath, nameOf, treeKey, visibleRows, type Row } from "./tree";

const ROW_PX = 24;
/** Rows rendered beyond the visible ones, so fast scrolling does not show gaps. */
const OVERSCAN = 12;

function openTerminal(root: string, rel: string) {
  setTabs((s) => addTab(s, joinPath(root, rel)));
  navigateTo("terminal");
}

/** A folder's tree, live: pick a folder, browse it, open a terminal in any folder. */
export function WorkspaceSection() {
  const ws = useWorkspace();
  const root = ws.info?.root ?? null;

  useEffect(() => {
    // The home folder until the user picks another.
    if (ws.status === "idle") void openWorkspace("");
  }, [ws.status]);

  return (
    <section aria-labelledby="workspace-title" className="section workspace-section">
      <h1 id="workspace-title">Workspace</h1>
      <OpenForm key={root ?? ""} root={root} />
      <Status />
      <TreeView key={`tree-${root ?? ""}`} root={root} />
    </section>
  );
}

function OpenForm({ root }: { root: string | null }) {
  const [path, setPath] = useState(root ?? "");
  return (
    <form
      className="workspace-open"
      onSubmit={(e) => {
        e.preventDefault();
        void openWorkspace(path);
      }}
    >
      <label htmlFor="workspace-path" className="visually-hidden">
        Folder
      </label>
      <input
        id="workspace-path"
        data-testid="workspace-path"
        value={path}
        spellCheck={false}
        placeholder="~ (your home folder)"
        onChange={(e) => setPath(e.target.value)}
      />
      <button type="submit" data-testid="workspace-open">
        Open
      </button>
      <button type="button" onClick={() => void openWorkspace("")}>
        Home
      </button>
      {root && (
        <button type="button" data-testid="workspace-terminal-root" onClick={() => openTerminal(root, "")}>
          Terminal here
        </button>
      )}
    </form>
  );
}

/** Virtualized: only the rows in view (plus a margin) are in the DOM, however big the tree. */
function TreeView({ root }: { root: string | null }) {
  const { tree, expanded } = useWorkspace();
  // By path, so the focus stays on its entry while the tree changes around it.
  const [focus, setFocus] = useState<string | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // The tree is updated in place; `version` says when to re-derive.
  const version = tree.version;
  const index = useMemo(() => (version >= 0 ? childrenIndex(tree.entries.values()) : new Map()), [tree, version]);
  const rows = useMemo(() => visibleRows(index, expanded), [index, expanded]);
  const at = Math.max(0, rows.findIndex((r) => r.entry.path === focus));

  const moveTo = (i: number) => {
    setFocus(rows[i]?.entry.path ?? null);
    const el = list.current;
    if (!el) return;
    // Keep the focused row in view.
    if (i * ROW_PX < el.scrollTop) el.scrollTop = i * ROW_PX;
    else if ((i + 1) * ROW_PX > el.scrollTop + el.clientHeight) el.scrollTop = (i + 1) * ROW_PX - el.clientHeight;
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const action = treeKey(e.key, rows, at, expanded);
    if (!action) return;
    e.preventDefault();
    if (action.kind === "move") moveTo(action.index);
    else if (action.kind === "expand") setExpanded(action.path, true);
    else if (action.kind === "collapse") setExpanded(action.path, false);
    else if (root) openTerminal(root, action.path);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_PX) + OVERSCAN);
  const shown = rows.slice(first, last);

  return (
    <div
      ref={list}
      className="workspace-tree"
      role="tree"
      aria-label={root ? `Files of ${root}` : "Files"}
      tabIndex={0}
      data-testid="workspace-tree"
      aria-activedescendant={rows[at] ? rowId(at) : undefined}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="workspace-tree-inner" style={{ height: rows.length * ROW_PX }}>
        {shown.map((row, k) => (
          <TreeRow
            key={row.entry.path}
            row={row}
            index={first + k}
            focused={first + k === at}
            open={expanded.has(row.entry.path)}
            onSelect={() => setFocus(row.entry.path)}
            onTerminal={() => root && openTerminal(root, row.entry.path)}
          />
        ))}
      </div>
    </div>
  );
}

const rowId = (i: number) => `workspace-row-${i}`;

interface RowProps {
  row: Row;
  index: number;
  focused: boolean;
  open: boolean;
  onSelect(): void;
  onTerminal(): void;
}

function TreeRow({ row, index, focused, open, onSelect, onTerminal }: RowProps) {
  const { entry, depth } = row;
  const isDir = entry.kind === "dir";
  const badge = badgeOf(entry.kind);
  return (
    <div
      id={rowId(index)}
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={isDir ? open : undefined}
      aria-selected={focused}
      className="workspace-row"
      data-path={entry.path}
      data-kind={entry.kind}
      style={{ top: index * ROW_PX, paddingLeft: 8 + depth * 16 }}
      onClick={() => {
        onSelect();
        if (isDir) setExpanded(entry.path, !open);
      }}
    >
      <span className="workspace-twisty" aria-hidden="true">
        {isDir ? (open ? "▾" : "▸") : ""}
      </span>
      <span className="workspace-name">{nameOf(entry.path)}</span>
      {badge && (
        <span className="workspace-badge" data-kind={entry.kind}>
          {badge}
        </span>
      )}
      {isDir && (
        <button
          type="button"
          className="workspace-row-terminal"
          tabIndex={-1}
          title="Open a terminal here (Enter)"
          aria-label={`Open a terminal in ${entry.path}`}
          data-testid="workspace-row-terminal"
          onClick={(e) => {
            e.stopPropagation();
            onTerminal();
          }}
        >
          ❯
        </button>
      )}
    </div>
  );
}

function Status() {
  const { status, error, tree, info } = useWorkspace();
  if (status === "error") return <p className="notice notice-error">{error}</p>;
  if (status === "opening" || !tree.ready) return <p className="muted">Reading {info?.root ?? "the folder"}…</p>;
  return (
    <p className="muted workspace-status" data-testid="workspace-status" aria-live="polite">
      {tree.entries.size.toLocaleString()} entries
      {tree.scans > 1 ? ` · full rescans: ${tree.scans - 1} (after a burst of changes or an event-queue overflow)` : ""}
      {tree.truncated ? " · listing truncated at the entry limit" : ""}
      {tree.warning ? ` · ${tree.warning}` : ""}
    </p>
  );
}
