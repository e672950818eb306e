// The secrets vault in the real app: create, add, list masked, lock, wrong password,
// restart, a bearer token for an SSE stream resolved from the vault, a damaged vault with
// its recovery path; and no secret ever in what the webview received, in the data folder
// or in the app's output.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readdirSync, readFileSync, statSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { addSecret, ensureVault, ipcLog, openSecrets, recordIpc, submitVaultPassword, vaultState } from "./lib/vault.mjs";

const PASSWORD = "e2e-vault-Pa55word";
const TOKEN = "tok-E2E-bearer-0123456789abcdef";
const API_KEY = "sk-E2E-apikey-9876543210fedcba";

/** An SSE endpoint that records the Authorization header of each request. */
async function startAuthSse() {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? null);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write("data: hello from the vault test\n\n");
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}/events`, seen, close: () => server.closeAllConnections?.() ?? server.close() };
}

/** Every file under `dir` whose bytes contain `needle`. */
function filesContaining(dir, needle) {
  const hits = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) hits.push(...filesContaining(path, needle));
    else if (st.isFile() && readFileSync(path).includes(needle)) hits.push(path);
  }
  return hits;
}

const dataDir = (home) => join(home, "data", "dev.sluice.app");

describe("secrets vault", () => {
  let app;
  let s;
  let sse;
  const env = {};
  let home;

  before(async () => {
    sse = await startAuthSse();
    app = await launchApp();
    home = app.home;
    env.XDG_DATA_HOME = join(app.home, "data");
    env.XDG_CONFIG_HOME = join(app.home, "config");
    env.XDG_CACHE_HOME = join(app.home, "cache");
    s = app.session;
    await waitForShell(s);
    await recordIpc(s);
  });

  after(async () => {
    if (s) await saveScreenshot(s, "vault").catch(() => undefined);
    await app?.close();
    sse?.close();
  });

  test("create, add and list: values are only ever masked", async () => {
    await openSecrets(s);
    await s.waitFor(async () => (await vaultState(s)).startsWith("No vault"), { what: "no vault yet" });
    await submitVaultPassword(s, "short");
    await s.waitFor(async () => (await s.findAll("[data-testid=vault-error]")).length === 1, { what: "a short password refused" });
    assert.match(await s.textOf("[data-testid=vault-error]"), /at least 8/);
    await ensureVault(s, PASSWORD);
    assert.match(await vaultState(s), /Argon2id 64 MiB/);
    await addSecret(s, "sse/e2e", TOKEN);
    await addSecret(s, "other/short", "tiny-val");
    const masked = await s.execute(`return [...document.querySelectorAll("[data-testid=vault-masked]")].map((c) => c.innerText);`);
    assert.deepEqual(masked, ["••••••••", "••••••••cdef"]);
    await saveScreenshot(s, "vault-unlocked");
  });

  test("an SSE stream gets its bearer token from the vault by name", async () => {
    await s.click(await s.find("[data-testid=nav-streams]"));
    await s.execute(`document.querySelector("[data-testid=streams-options]").open = true;`);
    await s.sendKeys(await s.find("[data-testid=streams-opt-auth-ref]"), "sse/e2e");
    await s.sendKeys(await s.find("[data-testid=streams-url]"), sse.url);
    await s.click(await s.find("[data-testid=streams-connect]"));
    await s.waitFor(() => sse.seen.length > 0, { what: "the SSE request" });
    assert.equal(sse.seen[0], `Bearer ${TOKEN}`);
    await s.click(await s.find("[data-testid=streams-disconnect]"));
  });

  test("the chat API key is stored in the vault", async () => {
    await s.click(await s.find("[data-testid=nav-chat]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=chat-settings]")).length === 1, { what: "chat settings" });
    await s.sendKeys(await s.find("[data-testid=chat-model]"), "m");
    await s.sendKeys(await s.find("[data-testid=chat-api-key]"), API_KEY);
    await s.click(await s.find("[data-testid=chat-settings-save]"));
    await openSecrets(s);
    await s.waitFor(
      async () => (await s.execute(`return document.querySelector("[data-testid=vault-list]")?.innerText ?? "";`)).includes("chat/api-key"),
      { what: "chat/api-key in the vault" },
    );
  });

  test("lock, a wrong password, then the right one", async () => {
    await openSecrets(s);
    await s.click(await s.find("[data-testid=vault-lock]"));
    await s.waitFor(async () => (await vaultState(s)).startsWith("The vault is locked"), { what: "locked" });
    assert.equal((await s.findAll("[data-testid=vault-item]")).length, 0);
    await submitVaultPassword(s, "not the password");
    await s.waitFor(async () => (await s.findAll("[data-testid=vault-error]")).length === 1, { what: "wrong password" });
    assert.match(await s.textOf("[data-testid=vault-error]"), /wrong password/i);
    await submitVaultPassword(s, PASSWORD);
    await s.waitFor(async () => (await s.findAll("[data-testid=vault-item]")).length === 3, { what: "unlocked again" });
  });

  test("no secret in IPC answers, channel messages, the data folder or the app's output", async () => {
    const log = await ipcLog(s);
    assert.ok(log.includes("vault_set") && log.includes("••••••••cdef"), "the recorder saw the vault answers");
    for (const secret of [TOKEN, API_KEY, PASSWORD]) {
      assert.ok(!log.includes(secret), `${secret} reached the webview`);
      assert.deepEqual(filesContaining(home, secret), [], `${secret} in the data folders`);
      assert.ok(!app.driverLog.join("").includes(secret), `${secret} in the app's output`);
    }
    assert.ok(!filesContaining(dataDir(home), "chat/api-key").length, "names are encrypted too");
  });

  test("restart: still there; a damaged vault shows the way out and starts anew", async () => {
    await app.close();
    app = await launchApp({ env });
    s = app.session;
    await waitForShell(s);
    await ensureVault(s, PASSWORD);
    assert.equal((await s.findAll("[data-testid=vault-item]")).length, 3);
    await app.close();

    const file = join(dataDir(home), "vault.sluice");
    truncateSync(file, 100);
    app = await launchApp({ env });
    s = app.session;
    await waitForShell(s);
    await openSecrets(s);
    await s.waitFor(async () => (await s.findAll("[data-testid=vault-problem]")).length === 1, { what: "the problem shown" });
    assert.match(await s.textOf("[data-testid=vault-problem]"), /damaged[\s\S]*Move .* aside/);
    await saveScreenshot(s, "vault-damaged");
    await s.click(await s.find("[data-testid=vault-move-aside]"));
    await s.waitFor(async () => (await vaultState(s)).startsWith("No vault"), { what: "a fresh start" });
    assert.match(await s.textOf("[data-testid=vault-notice]"), /vault\.sluice\.damaged-\d+/);
    const aside = readdirSync(dataDir(home)).filter((n) => n.startsWith("vault.sluice.damaged-"));
    assert.equal(aside.length, 1, "the damaged file is kept");
    await ensureVault(s, "a new password!");
    assert.equal((await s.findAll("[data-testid=vault-item]")).length, 0);
  });
});
