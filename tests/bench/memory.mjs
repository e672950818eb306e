// Memory of a group of processes (the app and its WebKit helpers), read from /proc.
//
// Summing each process's RSS counts a page once per process that maps it: WebKitGTK's
// libraries are mapped by the app, the web process and the network process, so the sum
// holds them three times. `resident` is the group's resident set instead: the distinct
// physical pages mapped by any of the processes, read from /proc/PID/pagemap. Reading page
// frame numbers needs CAP_SYS_ADMIN (root); without it the kernel reports them as zero,
// and this says so rather than print a wrong figure.
//
// CLI: node tests/bench/memory.mjs PID... → one JSON line (kB figures).

import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { pathToFileURL } from "node:url";

const PAGE_KB = 4;
const PRESENT = 1n << 63n;
const PFN_MASK = (1n << 55n) - 1n;
// Pagemap entries read per call: 1 MiB, so a 32 GiB reservation is read in pieces.
const CHUNK_PAGES = 128 * 1024;

export class MemoryError extends Error {}

/** "field: N kB" lines of a /proc file as numbers. */
function kbFields(text) {
  const out = {};
  for (const m of text.matchAll(/^(\w+):\s+(\d+) kB$/gm)) out[m[1]] = Number(m[2]);
  return out;
}

/** The address ranges of a process's mappings that have resident pages. */
function residentRanges(pid) {
  const ranges = [];
  let range = null;
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
    if (head) {
      range = { start: BigInt(`0x${head[1]}`), end: BigInt(`0x${head[2]}`), vsyscall: line.endsWith("[vsyscall]") };
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && range && Number(rss[1]) > 0 && !range.vsyscall) ranges.push(range);
  }
  return ranges;
}

/** Adds the frame number of every present page of `pid` to `counts` (frame → processes). */
function addFrames(pid, counts) {
  const ranges = residentRanges(pid);
  const fd = openSync(`/proc/${pid}/pagemap`, "r");
  const buf = Buffer.alloc(CHUNK_PAGES * 8);
  let present = 0;
  let zeroFrames = 0;
  const seen = new Set(); // a frame mapped twice in one process counts once for it
  try {
    for (const { start, end } of ranges) {
      const last = Number(end / 4096n);
      for (let page = Number(start / 4096n); page < last; page += CHUNK_PAGES) {
        const n = Math.min(last - page, CHUNK_PAGES);
        const got = readSync(fd, buf, 0, n * 8, page * 8);
        for (let i = 0; i + 8 <= got; i += 8) {
          const entry = buf.readBigUInt64LE(i);
          if (!(entry & PRESENT)) continue;
          present++;
          const pfn = entry & PFN_MASK;
          if (pfn === 0n) {
            zeroFrames++;
            continue;
          }
          if (seen.has(pfn)) continue;
          seen.add(pfn);
          counts.set(pfn, (counts.get(pfn) ?? 0) + 1);
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  if (present > 0 && zeroFrames === present) {
    throw new MemoryError(
      `page frame numbers of pid ${pid} read as zero: reading them needs root (CAP_SYS_ADMIN); run the command with sudo`,
    );
  }
}

/**
 * Memory of the processes `pids` (kB): `rss` and `pss` summed per process, `privateDirty`
 * (heaps, stacks, JS: memory no other process holds), `resident` (distinct pages, the
 * group's resident set) and `sharedWithin` (of those, pages more than one of them maps).
 * A pid that is gone by the time it is read is listed in `gone`, not counted.
 */
export function groupMemory(pids) {
  const counts = new Map();
  const result = { pids: [], gone: [], rss: 0, pss: 0, privateDirty: 0, resident: 0, sharedWithin: 0 };
  // Every argument is checked before any is read: a typo fails the whole command.
  const checked = pids.map((raw) => {
    const pid = Number(raw);
    if (!Number.isInteger(pid) || pid <= 0 || String(pid) !== String(raw).trim()) {
      throw new MemoryError(`not a process id: ${JSON.stringify(String(raw))}`);
    }
    return pid;
  });
  for (const pid of checked) {
    let rollup;
    try {
      rollup = kbFields(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      addFrames(pid, counts);
    } catch (e) {
      if (e instanceof MemoryError) throw e;
      if (e.code === "ENOENT" || e.code === "ESRCH") {
        result.gone.push(pid);
        continue;
      }
      throw new MemoryError(`cannot read the memory of pid ${pid}: ${e.message}`);
    }
    result.pids.push(pid);
    result.rss += rollup.Rss ?? 0;
    result.pss += rollup.Pss ?? 0;
    result.privateDirty += rollup.Private_Dirty ?? 0;
  }
  result.resident = counts.size * PAGE_KB;
  for (const c of counts.values()) if (c > 1) result.sharedWithin += PAGE_KB;
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    console.log(JSON.stringify(groupMemory(process.argv.slice(2))));
  } catch (e) {
    console.error(`memory: ${e.message}`);
    process.exit(2);
  }
}
