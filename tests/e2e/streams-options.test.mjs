// SSE options in the real app against a real SSE server on 127.0.0.1 that only accepts a POST
// with the right body and drops clients that do not answer its pings: with a keepalive rule
// the stream survives on one connection; without it the server cuts it and the view shows
// the retries. Options are kept with a saved endpoint.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { startPingSseServer } from "./lib/streamServers.mjs";
import { elementRef } from "./lib/webdriver.mjs";

const BODY = '{"topic":"ticks"}';

describe("streams options", () => {
  let app;
  let s;
  let server;

  const logLines = () => s.execute(`return [...document.querySelectorAll("[data-testid=streams-log] li")].map((l) => l.innerText);`);
  const count = async (id) => Number(await s.textOf(`[data-testid=streams-${id}]`));
  const type = async (css, text) => {
    const el = await s.find(css);
    await s.clearField(el);
    await s.sendKeys(el, text);
  };
  // React listens to the native value setter's change event, not to WebDriver's select.
  const select = async (css, value) => {
    const el = await s.find(css);
    await s.execute(
      `Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(arguments[0], arguments[1]);
       arguments[0].dispatchEvent(new Event("change", { bubbles: true }));`,
      [elementRef(el), value],
    );
  };
  const checked = async (css) => s.execute(`return document.querySelector(arguments[0]).checked;`, [css]);
  const setChecked = async (css, on) => {
    if ((await checked(css)) !== on) await s.click(await s.find(css));
  };
  const ticks = async () => (await logLines()).filter((l) => /tick \d+/.test(l));

  before(async () => {
    server = await startPingSseServer({ expectBody: BODY, total: 40, gapMs: 50, pingEveryMs: 500, graceMs: 1500 });
    app = await launchApp();
    s = app.session;
    await waitForShell(s);
    await s.click(await s.find("[data-testid=nav-streams]"));
    await s.find("[data-testid=streams-url]");
  });

  after(async () => {
    if (s) await saveScreenshot(s, "streams-options").catch(() => undefined);
    await app?.close();
    server?.close();
  });

  test("POST with a body and a keepalive rule: the pinging server keeps the stream", async () => {
    await type("[data-testid=streams-url]", server.url);
    await s.click(await s.find("[data-testid=streams-options] summary"));
    await select("[data-testid=streams-opt-method]", "POST");
    await type("[data-testid=streams-opt-body]", BODY);
    await setChecked("[data-testid=streams-opt-keepalive]", true);
    await type("[data-testid=streams-opt-ka-event]", "ping");
    await type("[data-testid=streams-opt-ka-url]", server.pongUrl);
    await s.click(await s.find("[data-testid=streams-connect]"));
    await s.waitFor(async () => (await ticks()).some((l) => l.includes("tick 40")), { what: "tick 40", timeoutMs: 30_000 });
    // Several pings came and went while the ticks streamed; every one was answered.
    await s.waitFor(async () => (await count("keepalive-ok")) >= 5, { what: "5 keepalive replies", timeoutMs: 20_000 });
    assert.equal(server.state.rejected, 0, "the POST body was sent");
    assert.equal(server.state.dropped, 0, "no ping went unanswered");
    assert.equal(server.state.connections, 1, "one connection throughout");
    assert.ok(server.state.pongs >= 5);
    assert.equal((await ticks()).length, 40, "every tick once");
    assert.equal(await count("retries"), 0);
    assert.equal(await s.attribute(await s.find("[data-testid=streams-status]"), "data-state"), "open");
    await saveScreenshot(s, "streams-keepalive");
  });

  test("without the rule the server drops the stream; the view shows the retries and resumes", async () => {
    const before = server.state.connections;
    await setChecked("[data-testid=streams-opt-keepalive]", false);
    await s.click(await s.find("[data-testid=streams-connect]"));
    // The retry shows first; the new connection follows after the backoff delay.
    await s.waitFor(async () => server.state.dropped >= 1 && (await count("retries")) >= 1, { what: "a drop and a retry", timeoutMs: 30_000 });
    await s.waitFor(() => server.state.connections >= before + 2, { what: "the reconnect after the drop", timeoutMs: 30_000 });
    assert.ok(server.state.lastEventIds.slice(before + 1).every((id) => id !== null), "resumed with Last-Event-ID");
    assert.match(await s.textOf("[data-testid=streams-status]"), /retries\s+[1-9]/);
    await s.click(await s.find("[data-testid=streams-disconnect]"));
  });

  test("a wrong body is refused by the server and shown", async () => {
    await type("[data-testid=streams-opt-body]", "{}");
    await type("[data-testid=streams-opt-max-retries]", "0");
    await s.click(await s.find("[data-testid=streams-connect]"));
    await s.waitFor(async () => (await s.attribute(await s.find("[data-testid=streams-status]"), "data-state")) === "failed", {
      what: "failed",
      timeoutMs: 20_000,
    });
    assert.match(await s.textOf("[data-testid=streams-status]"), /400/);
    assert.ok(server.state.rejected >= 1);
  });

  test("a saved endpoint keeps its options", async () => {
    await type("[data-testid=streams-opt-body]", BODY);
    await setChecked("[data-testid=streams-opt-keepalive]", true);
    await s.click(await s.find("[data-testid=streams-save]"));
    const stored = JSON.parse(await s.execute(`return localStorage.getItem("sluice.streams.endpoints");`));
    assert.equal(stored.length, 1);
    assert.equal(stored[0].options.method, "POST");
    assert.equal(stored[0].options.body, BODY);
    assert.equal(stored[0].options.keepaliveOn, true);
    assert.equal(stored[0].options.keepaliveUrl, server.pongUrl);
    // Change the form, then load the saved endpoint: its options come back.
    await select("[data-testid=streams-opt-method]", "GET");
    await setChecked("[data-testid=streams-opt-keepalive]", false);
    await s.click(await s.find("[data-testid=streams-saved] button.chip"));
    assert.equal(await s.execute(`return document.querySelector("[data-testid=streams-opt-method]").value;`), "POST");
    assert.equal(await checked("[data-testid=streams-opt-keepalive]"), true);
    assert.equal(await s.execute(`return document.querySelector("[data-testid=streams-opt-body]").value;`), BODY);
  });
});
