/**
 * Keyboard map of the shell, kept pure so it can be tested without a DOM.
 * Ctrl/Cmd+digit jumps to a section; arrows, Home and End move within the navigation.
 */
export type NavCommand = { kind: "jump"; index: number } | { kind: "move"; delta: number | "first" | "last" };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function globalShortcut(e: KeyLike): NavCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  if (/^[1-9]$/.test(e.key)) return { kind: "jump", index: Number(e.key) - 1 };
  return null;
}

export function navKey(e: KeyLike): NavCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case "ArrowDown":
      return { kind: "move", delta: 1 };
    case "ArrowUp":
      return { kind: "move", delta: -1 };
    case "Home":
      return { kind: "move", delta: "first" };
    case "End":
      return { kind: "move", delta: "last" };
    default:
      return null;
  }
}

/** Index reached by a move, wrapping around the ends like native menus do. */
export function moveIndex(current: number, delta: number | "first" | "last", count: number): number {
  if (count <= 0) return 0;
  if (delta === "first") return 0;
  if (delta === "last") return count - 1;
  return (((current + delta) % count) + count) % count;
}
