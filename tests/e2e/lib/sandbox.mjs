// The sandbox nats-server a launch started: found by its data folder, so a test can make
// sure it does not outlive the app (the driver kills the app without an exit event).

import { readFileSync } from "node:fs";
import { pidsOf } from "./procs.mjs";

/** Pids of nats-server processes whose command line names `dir` (a launch's sandbox, or a test's store folder). */
export function sandboxPids(dir) {
  return pidsOf((pid) => {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmd.includes("nats-server") && cmd.includes(dir);
  });
}
