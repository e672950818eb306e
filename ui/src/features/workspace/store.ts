import { useSyncExternalStore } from "react";
import type { WatchInfo } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import type { Subscription } from "../../ipc/subscribe";
import { applyFrame, emptyTree, type TreeState } from "./tree";
import { openWatch } from "./watchClient";

/** The watched folder lives outside React, so it survives section switches. */
export interface WorkspaceState {
  status: "idle" | "opening" | "open" | "error";
  info: WatchInfo | null;
  error: string | null;
  tree: TreeState;
  /** Folders the user expanded; reset when another folder is opened. */
  expanded: ReadonlySet<string>;
  /** Changes whenever anything above does (the tree is updated in place). */
  version: number;
}

let state: WorkspaceState = {
  status: "idle",
  info: null,
  error: null,
  tree: emptyTree(),
  expanded: new Set(),
  version: 0,
};
let current: Subscription | null = null;
/** Guards against a slow open finishing after a newer one started. */
let attempt = 0;
const listeners = new Set<() => void>();

function set(patch: Partial<WorkspaceState>) {
  state = { ...state, ...patch, version: state.version + 1 };
  for (const l of listeners) l();
}

/** Watches `root` (empty: home) instead of the current folder. */
export async function openWorkspace(root: string) {
  const mine = ++attempt;
  const previous = current;
  current = null;
  if (previous) void previous.close().catch(() => undefined);
  const tree = emptyTree();
  set({ status: "opening", error: null, tree, expanded: new Set() });
  try {
    const { subscription, opened } = await openWatch(root, (frame) => {
      if (mine !== attempt) return;
      applyFrame(tree, frame);
      set({});
    });
    if (mine !== attempt) {
      void subscription.close().catch(() => undefined);
      return;
    }
    current = subscription;
    set({ status: "open", info: opened.info });
  } catch (err) {
    if (mine !== attempt) return;
    // The previous root stays in the form; the message says what went wrong.
    set({ status: "error", error: toIpcError(err).message });
  }
}

export function setExpanded(path: string, open: boolean) {
  const expanded = new Set(state.expanded);
  if (open) expanded.add(path);
  else expanded.delete(path);
  set({ expanded });
}

export function useWorkspace(): WorkspaceState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
