// The signed-in session lives in the encrypted vault: signed in before any vault exists, the
// tokens wait in memory and are written when the vault is created; after a restart the app
// is signed out until the vault is unlocked, then signed in with the same session, without
// a new code exchange or refresh. No token is ever in the data folders, the webview or the
// app's output, and sign-out removes the tokens from the vault.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { saveScreenshot } from "./lib/app.mjs";
import { openSignIn, signInNotices, signInStatus } from "./lib/signin.mjs";
import { startSignInRig } from "./lib/signinRig.mjs";
import { ensureVault, ipcLog, recordIpc, vaultState } from "./lib/vault.mjs";

const CLIENT = "sluice-e2e-restore";
const PASSWORD = "e2e-restore-Pa55word";
const TOKEN = /(?:at|rt)-[A-Za-z0-9_-]{20,}/;
const KEPT = ["oauth/default/access", "oauth/default/meta", "oauth/default/refresh"];

/** Every file under `dir` whose text matches `pattern`. */
function filesMatching(dir, pattern) {
  const hits = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) hits.push(...filesMatching(path, pattern));
    else if (st?.isFile() && pattern.test(readFileSync(path, "latin1"))) hits.push(path);
  }
  return hits;
}

const vaultNames = (s) =>
  s.execute(`return [...document.querySelectorAll("[data-testid=vault-item] code")].map((c) => c.innerText);`);
const oauthNames = async (s) => (await vaultNames(s)).filter((n) => n.startsWith("oauth/")).sort();

describe("sign-in kept in the vault across a restart", () => {
  let rig;
  let s;
  let masked;

  before(async () => {
    rig = await startSignInRig({ clientId: CLIENT });
    s = rig.s;
    await recordIpc(s);
    await rig.signIn();
  });

  after(() => rig?.close("signin-restore"));

  test("signed in before the vault exists: written to it when it is created", async () => {
    masked = await s.textOf("[data-testid=signin-masked]");
    assert.match(masked, /^••••.{4}$/);
    // Until then the panel says the sign-in is not kept yet.
    assert.equal(await signInStatus(s, "data-vault-pending"), "true");
    assert.match(await s.textOf("[data-testid=signin-vault-pending]"), /not kept yet: unlock the vault/);
    await saveScreenshot(s, "signin-vault-pending");
    await ensureVault(s, PASSWORD);
    await s.waitFor(async () => (await oauthNames(s)).length === KEPT.length, { what: "the tokens in the vault" });
    assert.deepEqual(await oauthNames(s), KEPT);
    await s.waitFor(async () => (await signInNotices(s)).includes("The sign-in is now kept in the vault."), { what: "the notice" });
    assert.equal(await signInStatus(s, "data-signed-in"), "true");
    await s.waitFor(async () => (await signInStatus(s, "data-vault-pending")) === "false", { what: "the note gone" });
    assert.equal((await s.findAll("[data-testid=signin-vault-pending]")).length, 0);
  });

  test("restart: signed out while locked, signed in again once unlocked", async () => {
    await rig.quit();
    await rig.launch();
    s = rig.s;
    await recordIpc(s);
    await openSignIn(s);
    await s.waitFor(async () => (await s.textOf("[data-testid=signin-status]")).includes("Not signed in"), { what: "the saved provider, signed out" });
    assert.equal(await signInStatus(s, "data-signed-in"), "false", "nothing readable while the vault is locked");
    await ensureVault(s, PASSWORD);
    await s.waitFor(async () => (await signInStatus(s, "data-signed-in")) === "true", { what: "signed in from the vault", timeoutMs: 30_000 });
    assert.equal(await s.textOf("[data-testid=signin-masked]"), masked, "the same session");
    assert.ok((await signInNotices(s)).includes("Signed in again from the vault."));
    const seen = await rig.oauth.state();
    assert.equal(seen.exchanges, 1, "no second sign-in");
    assert.equal(seen.refreshes, 0, "a valid token is not refreshed");
    assert.equal(seen.activeAccessTokens, 1);
    await s.execute(`document.querySelector("[data-testid=signin-panel]").scrollIntoView();`);
    await saveScreenshot(s, "signin-restored");
  });

  test("no token in the data folders, the webview or the app's output", async () => {
    assert.deepEqual(filesMatching(rig.home, TOKEN), [], "a token in plain text on disk");
    assert.deepEqual(filesMatching(rig.home, /oauth\/default/), [], "secret names are encrypted too");
    const page = await s.execute(`return document.documentElement.outerHTML + JSON.stringify(localStorage);`);
    assert.doesNotMatch(page, TOKEN);
    assert.doesNotMatch(await ipcLog(s), TOKEN);
    assert.doesNotMatch(rig.output.join("") + rig.app.driverLog.join(""), TOKEN);
  });

  test("sign-out removes the tokens from the vault", async () => {
    await s.click(await s.find("[data-testid=signin-signout]"));
    await s.waitFor(async () => (await signInStatus(s, "data-signed-in")) === "false", { what: "signed out" });
    // The open list follows the sign-out by itself.
    await s.waitFor(async () => (await oauthNames(s)).length === 0, { what: "the tokens gone from the secrets list" });
    // Lock and unlock: the list is read from the vault file again.
    await s.execute(`document.querySelector("[data-testid=vault-lock]").click();`);
    await s.waitFor(async () => (await vaultState(s)).startsWith("The vault is locked"), { what: "locked" });
    await ensureVault(s, PASSWORD);
    assert.deepEqual(await oauthNames(s), []);
    assert.equal(await signInStatus(s, "data-signed-in"), "false", "nothing restored");
    const seen = await rig.oauth.state();
    assert.equal(seen.revoked, 2);
  });
});

describe("a kept session that expired while the app was closed", () => {
  let rig;

  before(async () => {
    rig = await startSignInRig({ clientId: CLIENT, oauthArgs: ["--lifetime", "10"] });
    await ensureVault(rig.s, PASSWORD);
    await rig.signIn();
  });

  after(() => rig?.close("signin-restore-refreshed"));

  test("signed in with the vault open: the secrets list shows the kept tokens", async () => {
    const s = rig.s;
    await s.waitFor(async () => (await oauthNames(s)).length === KEPT.length, { what: "the tokens in the open list" });
    assert.deepEqual(await oauthNames(s), KEPT);
  });

  test("is refreshed when the vault is unlocked", async () => {
    const { oauth } = rig;
    await rig.quit();
    await rig.s.waitFor(async () => (await oauth.state()).activeAccessTokens === 0, { what: "the access token expired", timeoutMs: 30_000 });
    const was = await oauth.state();
    await rig.launch();
    const s = rig.s;
    await ensureVault(s, PASSWORD);
    await s.waitFor(async () => (await signInStatus(s, "data-signed-in")) === "true", { what: "signed in again", timeoutMs: 30_000 });
    assert.ok((await signInNotices(s)).includes("Signed in again from the vault (the expired token was refreshed)."));
    const now = await oauth.state();
    assert.equal(now.exchanges, 1, "no second sign-in");
    assert.equal(now.refreshes, was.refreshes + 1, "one refresh on restore");
    assert.equal(now.activeAccessTokens, 1);
  });
});
