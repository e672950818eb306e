import { useSyncExternalStore } from "react";
import { emptyTabs, type TabsState } from "./tabs";

/** Tabs live outside React components so terminals survive section switches. */
let state: TabsState = emptyTabs;
const listeners = new Set<() => void>();

export function setTabs(update: (s: TabsState) => TabsState) {
  state = update(state);
  for (const l of listeners) l();
}

export function useTabs(): TabsState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
