// Desktop citizenship in the real app: the window's size and position survive a restart,
// a SIGTERM (logout, shutdown) ends the app through its normal exit so its terminal
// children do not outlive it, and launch at login is off until the user turns it on.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { alive, environOf, pidsOf } from "./lib/procs.mjs";
import { scratchDir } from "./lib/scratch.mjs";
import { elementRef } from "./lib/webdriver.mjs";

/** Folders of one pretend user, shared by the launches of a test. */
function userHome() {
  const home = scratchDir("sluice-desktop-");
  return {
    home,
    env: {
      HOME: home,
      XDG_DATA_HOME: join(home, "data"),
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_CACHE_HOME: join(home, "cache"),
    },
  };
}

/** The app process launched with this user's folders. */
function appPid(home) {
  const exe = realpathSync(process.env.SLUICE_APP_BIN);
  const found = pidsOf(
    (pid) =>
      realpathSync(`/proc/${pid}/exe`) === exe && environOf(pid).HOME === home,
  );
  assert.equal(found.length, 1, `expected one app process for ${home}, found ${found}`);
  return found[0];
}

const childrenOf = (parent) =>
  pidsOf((pid) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]) === parent);

test("the window's size and position survive a restart; a SIGTERM ends the app cleanly", async () => {
  const { home, env } = userHome();
  const wanted = { x: 40, y: 30, width: 1000, height: 660 };
  let app = await launchApp({ env });
  try {
    const s = app.session;
    await waitForShell(s);
    await s.setWindowRect(wanted);
    await s.waitFor(
      async () => {
        const r = await s.windowRect();
        return r.width === wanted.width && r.height === wanted.height;
      },
      { what: "the window to take its new size" },
    );
    const before = await s.windowRect();
    // A terminal, so the app has a child process that must not outlive it.
    await s.click(await s.find("[data-testid=nav-terminal]"));
    const pid = appPid(home);
    const shells = await s.waitFor(() => {
      const kids = childrenOf(pid).filter((c) => readFileSync(`/proc/${c}/cmdline`, "utf8").length > 0);
      const ptyShells = kids.filter((c) => hasTerminal(c));
      return ptyShells.length ? ptyShells : null;
    }, { what: "the terminal's shell process" });

    process.kill(pid, "SIGTERM");
    await s.waitFor(() => !alive(pid), { timeoutMs: 20_000, what: "the app to exit on SIGTERM" });
    for (const shell of shells) assert.ok(!alive(shell), `terminal shell ${shell} outlived the app`);
    await app.close();

    app = await launchApp({ env });
    await waitForShell(app.session);
    // The restored size must reach the page too, not only the window manager's record.
    const after = await app.session
      .waitFor(
        async () => {
          const r = await app.session.windowRect();
          const inner = await app.session.execute("return innerWidth");
          return r.width === before.width && inner === before.width ? r : null;
        },
        { timeoutMs: 5_000, what: "the restored size" },
      )
      .catch(async () => app.session.windowRect());
    await saveScreenshot(app.session, "desktop-restored-window");
    assert.equal(after.width, before.width, "width not restored");
    assert.equal(after.height, before.height, "height not restored");
    assert.equal(after.x, before.x, "x not restored");
    assert.equal(after.y, before.y, "y not restored");
  } finally {
    await app.close();
  }
});

/** True if the process has a pseudo-terminal as its standard input (a terminal's shell). */
function hasTerminal(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[4] !== "0";
  } catch {
    return false;
  }
}

test("launch at login is off until turned on, and off again removes the autostart entry", async () => {
  const { home, env } = userHome();
  const entryDir = join(home, ".config", "autostart");
  const entries = () => (existsSync(entryDir) ? readdirSync(entryDir).filter((f) => f.endsWith(".desktop")) : []);
  const app = await launchApp({ env });
  try {
    const s = app.session;
    await waitForShell(s);
    await s.click(await s.find("[data-testid=nav-settings]"));
    const toggle = await s.waitFor(
      async () => {
        const [el] = await s.findAll("[data-testid=autostart-toggle]:not([disabled])");
        return el ?? null;
      },
      { what: "the launch-at-login toggle" },
    );
    assert.equal(await s.execute("return arguments[0].checked", [elementRef(toggle)]), false);
    assert.deepEqual(entries(), [], "an autostart entry exists before the user asked for one");

    await s.click(toggle);
    await s.waitFor(() => entries().length === 1, { what: "the autostart entry" });
    const entry = readFileSync(join(entryDir, entries()[0]), "utf8");
    assert.match(entry, new RegExp(`^Exec=${escapeRe(realpathSync(process.env.SLUICE_APP_BIN))}`, "m"));
    await s.waitFor(async () => s.execute("return arguments[0].checked", [elementRef(toggle)]), {
      what: "the toggle to show on",
    });

    await s.click(toggle);
    await s.waitFor(() => entries().length === 0, { what: "the autostart entry to go" });
  } finally {
    await app.close();
  }
});

const escapeRe = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("without a GPU the terminal draws with the DOM renderer, where WebGL would be emulated", async () => {
  const gpu = existsSync("/dev/dri") && readdirSync("/dev/dri").some((f) => f.startsWith("renderD"));
  const { env } = userHome();
  const app = await launchApp({ env });
  try {
    const s = app.session;
    await waitForShell(s);
    await s.click(await s.find("[data-testid=nav-terminal]"));
    const renderer = await s.waitFor(
      () =>
        s.execute(
          `const t = document.querySelector("[data-testid=terminal]"); return t?.dataset.rendererSettled ? t.dataset.renderer : null;`,
        ),
      { what: "the terminal's renderer choice" },
    );
    assert.equal(renderer, gpu ? "webgl" : "dom");
  } finally {
    await app.close();
  }
});
