// The real-app terminal benchmark: `cat` of a large file into the Terminal view, measured
// in the app to the last xterm.js write callback, next to the same bytes through a PTY to
// /dev/null (the limit) in the same run; then Ctrl-C under `yes` to the next prompt.
// Run through scripts/bench-terminal, which builds the app and the CLI and sets a display.
//
// Environment: BENCH_MB (file size, default 100), BENCH_CTRLC_RUNS (default 20),
// BENCH_RENDERER (auto|dom, default auto), SLUICE_CLI_BIN (the `sluice` binary).

import { spawn } from "node:child_process";
import { mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchApp, saveScreenshot, waitForShell } from "../e2e/lib/app.mjs";

const MB = 1024 * 1024;
const SIZE_MB = Number(process.env.BENCH_MB ?? 100);
const CTRLC_RUNS = Number(process.env.BENCH_CTRLC_RUNS ?? 20);
const RENDERER = process.env.BENCH_RENDERER ?? "auto";
// The prompt the meter waits for. Typed as 'SLUICE''-BENCH$ ' so the echo never matches.
const MARK = "SLUICE-BENCH$ ";

/** A log-like file: numbered 100-byte lines of printable text. */
function makeFile(dir) {
  const path = join(dir, "big.log");
  const line = (i) => `${String(i).padStart(9, "0")} ${"the quick brown fox jumps over the lazy dog ".repeat(2)}`.slice(0, 99) + "\n";
  const block = Array.from({ length: 10_000 }, (_, i) => line(i)).join("");
  const blocks = Math.ceil((SIZE_MB * MB) / block.length);
  writeFileSync(path, block.repeat(blocks).slice(0, SIZE_MB * MB));
  return path;
}

/** Wall time of a process whose stdout goes to /dev/null. */
function timed(cmd, args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ["ignore", openSync("/dev/null", "w"), "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`));
      else resolve(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  });
}

const meter = (s, call) => s.execute(`return window.sluiceTerminalMeter.${call};`);

// Times come from the page (input and marker timestamps), so polling only decides when the
// bench notices; it polls slowly because every poll is a script run on the webview's main
// thread, the thread the measured output is drawn on.
async function waitForMarker(s, what, timeoutMs, intervalMs = 250) {
  return s.waitFor(
    async () => {
      const snap = await meter(s, "snapshot()");
      return snap.markerMs !== null ? snap : null;
    },
    { what, timeoutMs, intervalMs },
  );
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const cli = process.env.SLUICE_CLI_BIN;
  if (!cli) throw new Error("SLUICE_CLI_BIN is not set (scripts/bench-terminal sets it)");
  const dir = mkdtempSync(join(tmpdir(), "sluice-bench-term-"));
  const file = makeFile(dir);
  const bytes = SIZE_MB * MB;
  const rows = [];
  try {
    const plain = await timed("cat", [file]);
    rows.push(["cat > /dev/null (no PTY)", plain]);
    const viaPty = await timed(cli, ["tail", "pty", "--raw", "--", "cat", file]);
    rows.push(["cat through a PTY > /dev/null", viaPty]);

    const app = await launchApp({ env: { HOME: dir, SHELL: "/bin/bash" } });
    const s = app.session;
    try {
      await waitForShell(s);
      await s.click(await s.find("[data-testid=nav-settings]"));
      await s.click(await s.find(`input[name=renderer][value=${RENDERER}]`));
      await s.click(await s.find("[data-testid=nav-terminal]"));
      await s.waitFor(async () => s.execute(`return Boolean(window.sluiceTerminalMeter) && Boolean(document.querySelector("[data-testid=terminal] .xterm"));`), {
        what: "a terminal",
      });
      const renderer = await s.execute(`return document.querySelector("[data-testid=terminal]").dataset.renderer;`);
      // A known prompt; wait for it so the shell is ready.
      await meter(s, `arm(${JSON.stringify(MARK)})`);
      await meter(s, `input(${JSON.stringify("PS1='SLUICE''-BENCH$ '\r")})`);
      await waitForMarker(s, "the benchmark prompt", 30_000);

      await meter(s, `arm(${JSON.stringify(MARK)})`);
      await meter(s, `input(${JSON.stringify(`cat ${file}\r`)})`);
      const cat = await waitForMarker(s, "cat to finish in the app", 900_000);
      const appMs = cat.markerMs - cat.inputMs;
      rows.push([`cat into the Terminal view (${renderer})`, appMs]);

      // The renderer's own ceiling: the same kind of lines written straight into xterm.js.
      const DIRECT_MIB = 32;
      const directMs = await s.executeAsync(
        `const done = arguments[arguments.length - 1];
         window.sluiceTerminalMeter.direct(${DIRECT_MIB}).then(done, () => done(null));`,
      );
      const latencies = [];
      let peakQueued = 0;
      for (let i = 0; i < CTRLC_RUNS; i++) {
        await meter(s, `arm(${JSON.stringify(MARK)})`);
        await meter(s, `input("yes\\r")`);
        await new Promise((r) => setTimeout(r, 300));
        await meter(s, `input("\\u0003")`);
        const snap = await waitForMarker(s, "the prompt after Ctrl-C", 30_000);
        latencies.push(snap.markerMs - snap.inputMs);
        peakQueued = Math.max(peakQueued, snap.peakQueued);
      }
      await saveScreenshot(s, "terminal-bench");
      latencies.sort((a, b) => a - b);

      const head = ["path", "ms", "MB/s"];
      const cells = rows.map(([name, ms]) => [name, ms.toFixed(0), (bytes / MB / (ms / 1000)).toFixed(1)]);
      const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
      const line = (c) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
      console.log(`file: ${SIZE_MB} MiB of 100-byte lines; app build: ${process.env.BENCH_PROFILE ?? "debug"}`);
      console.log(line(head));
      for (const c of cells) console.log(line(c));
      console.log(`bytes written to xterm.js: ${cat.bytes} in ${cat.callbacks} write callbacks`);
      // Where the app's time went: xterm.js busy (parse + render, one thread) or idle,
      // drained and waiting for the core's next message.
      const span = cat.lastMs - cat.firstMs;
      console.log(
        `in the app: ${cat.messages} messages of ${(cat.receivedBytes / cat.messages / 1024).toFixed(1)} KiB avg; ` +
          `xterm.js busy ${(span - cat.idleMs).toFixed(0)} ms (${((cat.bytes / MB) / ((span - cat.idleMs) / 1000)).toFixed(1)} MB/s busy), ` +
          `idle waiting for output ${cat.idleMs.toFixed(0)} ms; peak queued in xterm.js ${(cat.peakQueued / 1024).toFixed(0)} KiB`,
      );
      if (directMs === null) {
        console.log("xterm.js alone: not measured (no terminal attached to the meter)");
      } else {
        const alone = DIRECT_MIB / (directMs / 1000);
        const app = bytes / MB / (appMs / 1000);
        console.log(
          `xterm.js alone (${DIRECT_MIB} MiB written in the webview, no IPC): ${directMs.toFixed(0)} ms, ` +
            `${alone.toFixed(1)} MB/s; the app reaches ${((app / alone) * 100).toFixed(0)}% of it`,
        );
      }
      const ratio = appMs / viaPty;
      console.log(`app / PTY-to-/dev/null time: ${ratio.toFixed(1)}x`);
      console.log(
        `Ctrl-C under yes -> prompt (${latencies.length} runs): p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
          `p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms; ` +
          `peak queued in xterm.js ${(peakQueued / 1024).toFixed(0)} KiB`,
      );
    } finally {
      await app.close();
    }
  } finally {
    // The shell may still be writing its history as the app exits; a leftover temp
    // folder must not turn a finished benchmark into a failure.
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (err) {
      console.warn(`could not remove ${dir}: ${err.message}`);
    }
  }
}

await main();
