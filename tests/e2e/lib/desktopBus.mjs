// A private D-Bus session bus with a real notification daemon (dunst) on it, so a test
// sees the native notifications the app raises without the developer's desktop. Works
// from plain `node --test`: nothing needs to run under dbus-run-session.

import { execFileSync, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { scratchDir } from "./scratch.mjs";

const WM_CLOSE = join(dirname(fileURLToPath(import.meta.url)), "wm_close.py");

// Notifications stay on screen until acted on or closed, so a test can activate one.
const DUNSTRC = `
[global]
    notification_limit = 0
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
`;

export async function startDesktopBus() {
  const out = execFileSync("dbus-daemon", ["--session", "--fork", "--print-address=1", "--print-pid=1"], {
    encoding: "utf8",
    timeout: 10_000,
  });
  const [address, pid] = out.trim().split("\n");
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address };
  const dir = scratchDir("sluice-dunst-");
  const conf = join(dir, "dunstrc");
  writeFileSync(conf, DUNSTRC);
  const log = [];
  const dunst = spawn("dunst", ["-config", conf], { env, stdio: ["ignore", "pipe", "pipe"] });
  dunst.stdout.on("data", (d) => log.push(d.toString()));
  dunst.stderr.on("data", (d) => log.push(d.toString()));
  const ctl = (...args) => execFileSync("dunstctl", args, { env, encoding: "utf8", timeout: 10_000 }).trim();
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      ctl("is-paused");
      break;
    } catch (err) {
      if (dunst.exitCode !== null || Date.now() > deadline) {
        throw new Error(`dunst did not start: ${err.message}\n${log.join("")}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    address,
    log,
    ctl,
    /** Notifications on screen now. */
    displayed: () => Number(ctl("count", "displayed")),
    /** Summaries (titles) of closed notifications, newest first. */
    historySummaries() {
      const h = JSON.parse(ctl("history"));
      return (h.data?.[0] ?? []).map((n) => n.summary?.data ?? "");
    },
    stop() {
      dunst.kill("SIGTERM");
      try {
        process.kill(Number(pid), "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

/** X11 ids of top-level windows titled `title` that accept WM_DELETE_WINDOW. */
export function windowsTitled(title) {
  const tree = execFileSync("xwininfo", ["-root", "-tree"], { encoding: "utf8" });
  const ids = [];
  for (const line of tree.split("\n")) {
    const m = line.match(/^\s*(0x[0-9a-f]+) "([^"]*)"/);
    if (!m || m[2] !== title) continue;
    const protocols = execFileSync("xprop", ["-id", m[1], "WM_PROTOCOLS"], { encoding: "utf8" });
    if (protocols.includes("WM_DELETE_WINDOW")) ids.push(m[1]);
  }
  return ids;
}

/** Closes a window the way a window manager's close button does. */
export function requestClose(windowId) {
  // The system interpreter starts faster than a version-manager shim on a loaded machine.
  const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  execFileSync(python, [WM_CLOSE, windowId], { encoding: "utf8", timeout: 60_000 });
}
