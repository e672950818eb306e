// Starts the real Sluice binary under tauri-driver + WebKitWebDriver and hands back a
// WebDriver session. Needs a display (scripts/test starts Xvfb when there is none).

import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { scratchDir } from "./scratch.mjs";
import { Session } from "./webdriver.mjs";

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "..", "artifacts");

// A desktop session always has a runtime folder. Without one, GLib falls back to the cache
// folder of whichever launch first starts the document portal on the display's session bus,
// and the portal's mount there outlives that launch's scratch folder. Like /run/user/<uid>,
// one folder per user, kept between runs; every process a test starts inherits it.
if (!process.env.XDG_RUNTIME_DIR) {
  process.env.XDG_RUNTIME_DIR = join(tmpdir(), `sluice-e2e-runtime-${process.getuid()}`);
  mkdirSync(process.env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
}

export async function freePort() {
  return (await freePorts(1))[0];
}

/** `n` different free ports: all are held while they are picked, so none comes out twice. */
export async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      const srv = createServer();
      servers.push(srv);
      await new Promise((resolve, reject) => {
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", resolve);
      });
    }
    return servers.map((srv) => srv.address().port);
  } finally {
    await Promise.all(servers.map((srv) => new Promise((resolve) => srv.close(() => resolve()))));
  }
}

async function waitForStatus(base, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/status`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("tauri-driver did not start listening");
}

/**
 * Launches the app (`application`: another build of it, e.g. the AppImage). Each launch
 * gets its own data/config folders (XDG_*), so tests never see each other's or the
 * developer's state.
 */
export async function launchApp({ env = {}, args = [], application = process.env.SLUICE_APP_BIN } = {}) {
  if (!application) throw new Error("SLUICE_APP_BIN is not set (scripts/test sets it)");
  const [port, nativePort] = await freePorts(2);
  const home = scratchDir("sluice-e2e-");
  const driverLog = [];
  const driver = spawn(
    process.env.TAURI_DRIVER ?? "tauri-driver",
    ["--port", String(port), "--native-port", String(nativePort)],
    {
      env: {
        ...process.env,
        XDG_DATA_HOME: join(home, "data"),
        XDG_CONFIG_HOME: join(home, "config"),
        XDG_CACHE_HOME: join(home, "cache"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  driver.stdout.on("data", (d) => driverLog.push(d.toString()));
  driver.stderr.on("data", (d) => driverLog.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(base, driver, 20_000);
    const session = await Session.create(base, {
      alwaysMatch: { "tauri:options": { application, args } },
    });
    return {
      session,
      home,
      driverLog,
      async close() {
        await session.delete().catch(() => undefined);
        driver.kill("SIGTERM");
      },
    };
  } catch (err) {
    driver.kill("SIGKILL");
    throw new Error(`${err.message}\n--- tauri-driver output ---\n${driverLog.join("")}`);
  }
}

export async function saveScreenshot(session, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  writeFileSync(path, await session.screenshot());
  return path;
}

/** Waits until the shell has rendered (the status bar is in the DOM). */
export async function waitForShell(session) {
  await session.waitFor(async () => (await session.findAll("[data-testid=statusbar]")).length === 1, {
    timeoutMs: 30_000,
    what: "the app shell",
  });
}
