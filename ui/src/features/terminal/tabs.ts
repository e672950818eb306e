import type { PtyExitStatus, PtyId } from "../../bindings/wire";

/** One terminal tab. The session outlives its view: switching sections only detaches. */
export interface TerminalTab {
  key: number;
  title: string;
  cwd: string | null;
  id: PtyId | null;
  exit: PtyExitStatus | null;
}

export interface TabsState {
  tabs: TerminalTab[];
  active: number | null;
  nextKey: number;
}

export const emptyTabs: TabsState = { tabs: [], active: null, nextKey: 1 };

export function addTab(s: TabsState, cwd: string | null = null): TabsState {
  const key = s.nextKey;
  const title = cwd ? (cwd.split("/").filter(Boolean).pop() ?? cwd) : `Terminal ${key}`;
  return { tabs: [...s.tabs, { key, title, cwd, id: null, exit: null }], active: key, nextKey: key + 1 };
}

/** Closing the active tab activates its right neighbour, else the left one. */
export function removeTab(s: TabsState, key: number): TabsState {
  const i = s.tabs.findIndex((t) => t.key === key);
  if (i < 0) return s;
  const tabs = s.tabs.filter((t) => t.key !== key);
  let active = s.active;
  if (active === key) active = (tabs[i] ?? tabs[i - 1])?.key ?? null;
  return { ...s, tabs, active };
}

export function updateTab(s: TabsState, key: number, patch: Partial<TerminalTab>): TabsState {
  return { ...s, tabs: s.tabs.map((t) => (t.key === key ? { ...t, ...patch } : t)) };
}

export function cycleTab(s: TabsState, delta: number): TabsState {
  if (s.tabs.length === 0) return s;
  const i = Math.max(0, s.tabs.findIndex((t) => t.key === s.active));
  const next = s.tabs[(((i + delta) % s.tabs.length) + s.tabs.length) % s.tabs.length];
  return { ...s, active: next?.key ?? null };
}
