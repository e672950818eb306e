// A sign-in made while the vault is locked lives only in memory until the vault is unlocked.
// Quitting then (File → Quit with its real shortcut, through the X server) is held: the
// window opens Settings and asks. Escape keeps the app; "Unlock the vault" leads to the
// password and a quit afterwards quits; "Quit anyway" quits and the sign-in is gone, as the
// question said. Closing the window, when that ends the app (close-to-tray off), is held too.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { saveScreenshot } from "./lib/app.mjs";
import { requestClose } from "./lib/desktopBus.mjs";
import { alive, environOf, pidsOf } from "./lib/procs.mjs";
import { openSignIn, signInStatus } from "./lib/signin.mjs";
import { startSignInRig } from "./lib/signinRig.mjs";
import { ensureVault } from "./lib/vault.mjs";
import { pressInWindow, windowOf } from "./lib/xwindow.mjs";

const QUIT = "ctrl+shift+q";
const ESCAPE = "\uE00C";

/** The app process of this rig (its own data folder). */
function appPid(home) {
  const exe = realpathSync(process.env.SLUICE_APP_BIN);
  const data = join(home, "data");
  const found = pidsOf((pid) => realpathSync(`/proc/${pid}/exe`) === exe && environOf(pid).XDG_DATA_HOME === data);
  assert.equal(found.length, 1, `expected one app process for ${home}, found ${found}`);
  return found[0];
}

const dialogs = (s) => s.findAll("[data-testid=quit-held]");
const dialogAttr = (s, name) =>
  s.execute(`return document.querySelector("[data-testid=quit-held]")?.getAttribute(${JSON.stringify(name)}) ?? null;`);
const focusedTestId = (s) => s.execute(`return document.activeElement?.getAttribute("data-testid") ?? null;`);

/** Waits for the app to stay up for a moment: the hold must not be a slow exit. */
async function stillRunningAfter(pid, ms) {
  await new Promise((r) => setTimeout(r, ms));
  return alive(pid);
}

const waitExit = (s, pid) => s.waitFor(() => !alive(pid), { timeoutMs: 20_000, what: "the app to quit" });
const closeToTray = (s) =>
  s.execute(`return document.querySelector("[data-testid=background-close-to-tray]").checked;`);

describe("a quit that would lose a sign-in waiting for the vault", () => {
  let rig;
  let s;
  let pid;

  before(async () => {
    rig = await startSignInRig({ clientId: "sluice-e2e-quit-held" });
    s = rig.s;
    await rig.signIn();
    pid = appPid(rig.home);
  });

  after(() => rig?.close("quit-held-end"));

  test("File → Quit is held and asks, from any section; Escape keeps Sluice open", async () => {
    assert.equal(await signInStatus(s, "data-vault-pending"), "true", "the sign-in waits for the vault");
    await s.click(await s.find("[data-testid=nav-overview]"));
    pressInWindow(pid, QUIT);
    await s.waitFor(async () => (await dialogs(s)).length === 1, { what: "the question" });
    assert.ok(await stillRunningAfter(pid, 1000), "the app is still running");
    assert.equal((await s.findAll("[data-testid=section-settings]")).length, 1, "Settings is open behind it");
    assert.equal(await dialogAttr(s, "data-vault-pending"), "true");
    assert.equal(await dialogAttr(s, "role"), "alertdialog");
    assert.match(await s.textOf("[data-testid=quit-held]"), /This sign-in is not kept yet.*the sign-in is lost/s);
    assert.equal(await focusedTestId(s), "quit-held-unlock", "the keyboard starts on the safe choice");
    await saveScreenshot(s, "quit-held");
    await s.pressKeys(ESCAPE);
    await s.waitFor(async () => (await dialogs(s)).length === 0, { what: "the question closed" });
    assert.ok(alive(pid));
    assert.equal(await signInStatus(s, "data-signed-in"), "true", "nothing changed");
  });

  test("'Unlock the vault' leads to the password; once the sign-in is kept, File → Quit quits", async () => {
    pressInWindow(pid, QUIT);
    await s.waitFor(async () => (await dialogs(s)).length === 1, { what: "the question again" });
    await s.click(await s.find("[data-testid=quit-held-unlock]"));
    await s.waitFor(async () => (await dialogs(s)).length === 0, { what: "the question closed" });
    await s.waitFor(async () => (await focusedTestId(s)) === "vault-password", { what: "the password field focused" });
    await ensureVault(s, "e2e-quit-held-Pa55word");
    await s.waitFor(async () => (await signInStatus(s, "data-vault-pending")) === "false", { what: "the sign-in kept" });
    pressInWindow(pid, QUIT);
    await waitExit(s, pid);
    assert.equal((await rig.oauth.state()).revoked ?? 0, 0, "quitting is not signing out");
  });
});

describe("a quit from closing the window, and 'Quit anyway'", () => {
  let rig;

  before(async () => {
    rig = await startSignInRig({ clientId: "sluice-e2e-quit-anyway" });
    await rig.signIn();
  });

  after(() => rig?.close("quit-anyway-end"));

  test("closing the window, when that ends the app, is held the same way", async () => {
    const { s } = rig;
    const pid = appPid(rig.home);
    if (await closeToTray(s)) await s.click(await s.find("[data-testid=background-close-to-tray]"));
    await s.waitFor(async () => (await closeToTray(s)) === false, { what: "close-to-tray off" });
    await s.click(await s.find("[data-testid=nav-overview]"));
    requestClose(windowOf(pid)); // as a window manager's close button does
    await s.waitFor(async () => (await dialogs(s)).length === 1, { what: "the question" });
    assert.ok(await stillRunningAfter(pid, 1000), "the app is still running");
    assert.ok((await s.windowRect()).width > 0, "the window is still there");
    await s.click(await s.find("[data-testid=quit-held-cancel]"));
    await s.waitFor(async () => (await dialogs(s)).length === 0, { what: "the question closed" });
  });

  test("'Quit anyway' quits at once, and the sign-in is gone at the next start, as the question said", async () => {
    const pid = appPid(rig.home);
    pressInWindow(pid, QUIT);
    await rig.s.waitFor(async () => (await dialogs(rig.s)).length === 1, { what: "the question" });
    const force = await rig.s.find("[data-testid=quit-held-force]");
    // The app may be gone before the click's answer comes back; the exit is what counts.
    await rig.s.click(force).catch(() => undefined);
    await waitExit(rig.s, pid);
    await rig.quit();
    await rig.launch();
    await openSignIn(rig.s);
    await rig.s.waitFor(async () => (await rig.s.textOf("[data-testid=signin-status]")).includes("Not signed in"), {
      what: "signed out after the restart",
    });
    assert.equal(await signInStatus(rig.s, "data-vault-pending"), "false");
  });
});
