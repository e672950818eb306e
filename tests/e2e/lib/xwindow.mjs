// Real keystrokes through the X server (XTEST, by xdotool) into the app's window, for what
// WebDriver's synthetic keys never reach: the native menu's accelerators. Closing a window
// as a window manager would is `requestClose` in desktopBus.mjs.

import { execFileSync } from "node:child_process";

/** The app's visible top-level window, as an X window id ("0x…"). */
export function windowOf(pid) {
  const out = execFileSync("xdotool", ["search", "--onlyvisible", "--pid", String(pid)], { encoding: "utf8" });
  const id = out.trim().split("\n").filter(Boolean).pop();
  if (!id) throw new Error(`no visible window of pid ${pid}`);
  return `0x${Number(id).toString(16)}`;
}

/**
 * Presses `combo` (xdotool syntax, e.g. "ctrl+shift+q") in the app's window. With no window
 * manager, keyboard focus follows the pointer, so the pointer is moved onto the window first.
 */
export function pressInWindow(pid, combo) {
  const win = windowOf(pid);
  execFileSync("xdotool", ["mousemove", "--window", win, "40", "40"]);
  execFileSync("xdotool", ["key", "--clearmodifiers", combo]);
}
