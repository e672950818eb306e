// The sandbox nats-server a launch started: found by its data folder, so a test can make
// sure it does not outlive the app (the driver kills the app without an exit event).

import { readdirSync, readFileSync } from "node:fs";

/** Pids of nats-server processes whose command line names `dir` (a launch's sandbox, or a test's store folder). */
export function sandboxPids(dir) {
  const pids = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (cmd.includes("nats-server") && cmd.includes(dir)) pids.push(Number(pid));
    } catch {
      // gone already
    }
  }
  return pids;
}
