// Processes on this machine, read from /proc: how tests find the app, its WebKit helpers
// and the servers a launch started.

import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Pids whose process satisfies `predicate(pid)`; one that is gone or unreadable does not. */
export const pidsOf = (predicate) =>
  readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .map(Number)
    .filter((pid) => {
      try {
        return predicate(pid);
      } catch {
        return false; // gone, or not ours to read
      }
    });

/** A process's environment as an object. */
export function environOf(pid) {
  const entries = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean);
  return Object.fromEntries(entries.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
}

/** Whether a process still runs (a zombie, exited but not yet reaped, does not). */
export const alive = (pid) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
