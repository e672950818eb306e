// The signed-in account's access token as the bearer credential of a stream: an SSE and a
// WebSocket endpoint with `authRef: "oauth"` against servers that accept only a live token
// the test authorization server issued (they ask its `/userinfo`). Signed out, the same
// endpoints give a clear, typed error in the UI and the app carries on.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { saveScreenshot, waitForShell } from "./lib/app.mjs";
import { bearerCheck, openSignIn, signInStatus } from "./lib/signin.mjs";
import { startSignInRig } from "./lib/signinRig.mjs";
import { startWsServer } from "./lib/streamServers.mjs";
import { ipcLog, recordIpc } from "./lib/vault.mjs";

const CLIENT = "sluice-e2e-bearer";
const TOKEN = /(?:at|rt)-[A-Za-z0-9_-]{20,}/;

/** SSE at `/events`: 401 unless `authorize` accepts the Authorization header, else `tick n`. */
async function startProtectedSse(authorize) {
  const state = { accepted: 0, refused: 0 };
  const server = createServer(async (req, res) => {
    if (!(await authorize(req.headers.authorization))) {
      state.refused++;
      res.writeHead(401, { "www-authenticate": "Bearer" }).end();
      return;
    }
    state.accepted++;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (let n = 1; n <= 5; n++) res.write(`id: ${n}\nevent: tick\ndata: secured tick ${n}\n\n`);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}/events`,
    state,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function setValue(s, selector, value) {
  const el = await s.find(selector);
  await s.clearField(el);
  if (value) await s.sendKeys(el, value);
}

async function chooseKind(s, kind) {
  await s.execute(`const sel = document.querySelector("[data-testid=streams-kind]");
    const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set;
    set.call(sel, ${JSON.stringify(kind)}); sel.dispatchEvent(new Event("change", { bubbles: true }));`);
}

/** Streams: `kind` at `url` with the signed-in account as the bearer. */
async function openStream(s, kind, url) {
  await s.click(await s.find("[data-testid=nav-streams]"));
  await chooseKind(s, kind);
  await s.execute(`document.querySelector("[data-testid=streams-options]").open = true;`);
  await setValue(s, "[data-testid=streams-opt-auth-ref]", "oauth");
  await setValue(s, "[data-testid=streams-url]", url);
  await s.click(await s.find("[data-testid=streams-connect]"));
}

/** IPC answers that refused with `unauthorized` (the recorder keeps every answer's body). */
const refusals = async (s) =>
  JSON.parse(await ipcLog(s))
    .map((e) => e.body ?? "")
    .filter((b) => b.includes('"code":"unauthorized"'));

const logLines = (s) => s.execute(`return [...document.querySelectorAll("[data-testid=streams-log] li")].map((l) => l.innerText);`);

describe("the signed-in account as a stream's bearer", () => {
  let rig;
  let s;
  let sse;
  let ws;

  before(async () => {
    rig = await startSignInRig({ clientId: CLIENT });
    sse = await startProtectedSse(bearerCheck(rig.oauth));
    ws = await startWsServer({ authorize: bearerCheck(rig.oauth) });
    s = rig.s;
    await recordIpc(s);
    await rig.signIn();
  });

  after(async () => {
    await rig?.close("signin-bearer");
    sse?.close();
    ws?.close();
  });

  test("an SSE endpoint with authRef oauth receives the issued access token", async () => {
    await openStream(s, "sse", sse.url);
    await s.waitFor(async () => (await logLines(s)).some((l) => l.includes("secured tick 5")), { what: "the secured events" });
    assert.equal(sse.state.refused, 0, "the server never saw a bad token");
    assert.ok(sse.state.accepted >= 1);
    await saveScreenshot(s, "signin-bearer-sse");
    await s.click(await s.find("[data-testid=streams-disconnect]"));
  });

  test("a WebSocket endpoint with authRef oauth receives it too", async () => {
    await openStream(s, "ws", ws.url);
    await s.waitFor(async () => (await logLines(s)).some((l) => l.includes("hello")), { what: "the WebSocket greeting" });
    await s.click(await s.find("[data-testid=streams-disconnect]"));
  });

  test("signed out: a clear, typed error and no request", async () => {
    await openSignIn(s);
    await s.click(await s.find("[data-testid=signin-signout]"));
    await s.waitFor(async () => (await signInStatus(s, "data-signed-in")) === "false", { what: "signed out" });
    const before = { ...sse.state };
    for (const [kind, url] of [["sse", sse.url], ["ws", ws.url]]) {
      const seen = (await refusals(s)).length;
      await openStream(s, kind, url);
      const answers = await s.waitFor(async () => {
        const r = await refusals(s);
        return r.length > seen ? r : null;
      }, { what: `the ${kind} refusal` });
      assert.deepEqual(Object.keys(JSON.parse(answers.at(-1))).sort(), ["code", "message"], "an IpcError, not a bare string");
      await s.waitFor(async () => (await s.findAll("[data-testid=streams-error]")).length === 1, { what: `the ${kind} error` });
      assert.match(await s.textOf("[data-testid=streams-error]"), /^not signed in: sign in under Settings → Sign-in/);
      assert.equal(await s.execute(`return document.querySelector("[data-testid=streams-status]")?.dataset.state ?? null;`), "idle");
    }
    assert.deepEqual(sse.state, before, "nothing reached the server");
    const log = await ipcLog(s);
    assert.doesNotMatch(log, TOKEN, "no token reached the webview");
    assert.doesNotMatch(rig.app.driverLog.join(""), TOKEN, "no token in the app's output");
    await waitForShell(s);
    await saveScreenshot(s, "signin-bearer-signed-out");
  });
});
