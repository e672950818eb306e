// Temporary folders for one test process, removed when it exits, pass or fail, so runs leave
// nothing behind in /tmp. SLUICE_KEEP_SCRATCH=1 keeps them for a look after a failure.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made = [];

/** A fresh folder under the system's temporary folder, named `<prefix><random>`. */
export function scratchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

process.on("exit", () => {
  if (process.env.SLUICE_KEEP_SCRATCH === "1") return;
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      // e.g. a desktop portal still has a mount inside; the folder is small, say so and go on
      console.warn(`could not remove ${dir}: ${err.message}`);
    }
  }
});
