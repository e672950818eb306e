// The memory figures of scripts/measure (tests/bench/memory.mjs), checked on real processes:
// the group's resident set counts a page once however many processes map it, where the
// RSS sum counts it per process; hostile pids and missing privileges give clear errors.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { groupMemory, MemoryError } from "../bench/memory.mjs";

const MIB_KB = 1024;
const TOOL = fileURLToPath(new URL("../bench/memory.mjs", import.meta.url));
const children = [];
after(() => children.forEach((c) => c.kill("SIGKILL")));

/** A node process holding `mib` MiB of its own, written pages; resolves once they are. */
async function holder(mib) {
  const child = spawn(
    process.execPath,
    ["-e", `const b = Buffer.alloc(${mib} << 20, 7); console.log("ready"); setInterval(() => b[0]++, 1e6);`],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  const [line] = await once(child.stdout, "data");
  assert.match(String(line), /ready/);
  return child.pid;
}

const isRoot = process.getuid?.() === 0;

test("a process's own pages are counted; listing it twice counts them once, where the RSS sum doubles", { skip: !isRoot && "reading page frames needs root" }, async () => {
  const a = await holder(64);
  const one = groupMemory([a]);
  assert.ok(one.resident >= 64 * MIB_KB, `resident ${one.resident} kB holds the 64 MiB buffer`);
  assert.ok(one.privateDirty >= 64 * MIB_KB, `private dirty ${one.privateDirty} kB`);
  const twice = groupMemory([a, a]);
  assert.ok(twice.rss >= 2 * 64 * MIB_KB, `the RSS sum counts it twice: ${twice.rss} kB`);
  assert.ok(Math.abs(twice.resident - one.resident) < MIB_KB, `resident ${twice.resident} vs ${one.resident} kB`);
});

test("two processes of one binary: their private pages add up, the binary's shared pages count once", { skip: !isRoot && "reading page frames needs root" }, async () => {
  const [a, b] = [await holder(48), await holder(48)];
  const ma = groupMemory([a]);
  const both = groupMemory([a, b]);
  assert.deepEqual(both.pids, [a, b]);
  assert.ok(both.resident >= ma.resident + 48 * MIB_KB, `b's buffer is its own: ${both.resident} vs ${ma.resident} kB`);
  // Node's code and libraries are mapped by both: the sum counts them twice, the group once.
  assert.ok(both.sharedWithin >= 4 * MIB_KB, `pages both map: ${both.sharedWithin} kB`);
  assert.ok(both.resident <= both.rss - both.sharedWithin + MIB_KB, `resident ${both.resident} < RSS sum ${both.rss} kB`);
});

test("hostile pids are refused by name; a process that is gone is listed, not counted", async () => {
  for (const bad of ["abc", "-1", "0", "12x", "", "1e3"]) {
    assert.throws(() => groupMemory([bad]), (e) => e instanceof MemoryError && /not a process id/.test(e.message), bad);
  }
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  const gone = groupMemory([child.pid]);
  assert.deepEqual(gone.gone, [child.pid]);
  assert.equal(gone.resident, 0);

  const cli = spawnSync(process.execPath, [TOOL, "1", "nope"], { encoding: "utf8" });
  assert.equal(cli.status, 2);
  assert.match(cli.stderr, /not a process id: "nope"/);
  assert.equal(cli.stdout, "");
});

test("without root the page frames are unreadable, and the tool says so instead of printing 0", { skip: !isRoot && "needs root to drop to another user" }, () => {
  // A copy nobody can read, run as nobody, on a process of nobody's.
  const dir = mkdtempSync(join(tmpdir(), "sluice-memory-"));
  try {
    const tool = join(dir, "memory.mjs");
    copyFileSync(TOOL, tool);
    spawnSync("chmod", ["-R", "a+rX", dir]);
    const run = spawnSync(
      "setpriv",
      ["--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", `sleep 20 & "${process.execPath}" "${tool}" $!; s=$?; kill $!; exit $s`],
      { encoding: "utf8" },
    );
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /needs root \(CAP_SYS_ADMIN\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
