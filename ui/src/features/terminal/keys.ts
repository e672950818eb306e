/**
 * Terminal shortcuts use Ctrl+Shift so plain Ctrl keys (Ctrl-C, Ctrl-R, Ctrl-D…) always
 * reach the shell. Ctrl+digit is left to the app's section switching.
 */
export type TerminalAction = "copy" | "paste" | "search" | "newTab" | "closeTab" | "nextTab" | "prevTab" | "app";

export function terminalAction(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): TerminalAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.shiftKey && !e.altKey && /^[1-9]$/.test(e.key)) return "app";
  if (!mod || !e.shiftKey || e.altKey) return null;
  switch (e.key.toLowerCase()) {
    case "c":
      return "copy";
    case "v":
      return "paste";
    case "f":
      return "search";
    case "t":
      return "newTab";
    case "w":
      return "closeTab";
    case "pagedown":
      return "nextTab";
    case "pageup":
      return "prevTab";
    default:
      return null;
  }
}
