// The SSE tail in the real app against a real SSE server on 127.0.0.1: events and counters
// show, filter and pause work, payloads stay text, a bad URL is a clear error.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { startSseServer, startWsServer } from "./lib/streamServers.mjs";

describe("streams", () => {
  let app;
  let s;
  let server;
  let wsServer;

  const logLines = () => s.execute(`return [...document.querySelectorAll("[data-testid=streams-log] li")].map((l) => l.innerText);`);
  const count = async (id) => Number(await s.textOf(`[data-testid=streams-${id}]`));
  const connect = async (url) => {
    const input = await s.find("[data-testid=streams-url]");
    await s.clearField(input);
    await s.sendKeys(input, url);
    await s.click(await s.find("[data-testid=streams-connect]"));
  };

  before(async () => {
    server = await startSseServer({ total: 60, gapMs: 10 });
    wsServer = await startWsServer();
    app = await launchApp();
    s = app.session;
    await waitForShell(s);
    await s.click(await s.find("[data-testid=nav-streams]"));
    await s.find("[data-testid=streams-url]");
  });

  after(async () => {
    if (s) await saveScreenshot(s, "streams").catch(() => undefined);
    await app?.close();
    server?.close();
    wsServer?.close();
  });

  test("an SSE tail shows every event, the connection state and the counters", async () => {
    await connect(server.url);
    await s.waitFor(async () => (await logLines()).some((l) => l.includes("tick 60")), { what: "the last event", timeoutMs: 30_000 });
    const lines = (await logLines()).filter((l) => /tick \d+/.test(l));
    assert.equal(lines.length, 60, "every event once");
    assert.match(lines[0], /tick\s+\[1\] tick 1/);
    assert.equal(await s.attribute(await s.find("[data-testid=streams-status]"), "data-state"), "open");
    assert.equal(await count("received"), 61, "60 events and the open");
    assert.equal(await count("dropped"), 0);
    // The payload with markup is text; nothing ran.
    assert.ok(lines[6].includes("<img src=x onerror=window.__pwned=5>"));
    assert.equal(await s.execute(`return typeof window.__pwned + document.querySelectorAll("[data-testid=streams-log] img").length;`), "undefined0");
    await saveScreenshot(s, "streams-sse");
  });

  test("the filter narrows the log; pause freezes it", async () => {
    const filter = await s.find("[data-testid=streams-filter]");
    await s.sendKeys(filter, "tick 5");
    await s.waitFor(async () => (await logLines()).length === 11, { what: "tick 5 and tick 50–59" });
    await s.clearField(filter);
    await s.click(await s.find("[data-testid=streams-pause]"));
    assert.equal(await s.attribute(await s.find("[data-testid=streams-pause]"), "aria-pressed"), "true");
    await s.click(await s.find("[data-testid=streams-pause]"));
  });

  test("a bad URL shows a clear error; an unreachable one shows reconnecting", async () => {
    await connect("not a url");
    await s.waitFor(async () => (await s.findAll("[data-testid=streams-error]")).length === 1, { what: "an error" });
    assert.match(await s.textOf("[data-testid=streams-error]"), /not a URL/);
    await connect("http://127.0.0.1:9/events");
    await s.waitFor(
      async () => (await s.attribute(await s.find("[data-testid=streams-status]"), "data-state")) === "reconnecting",
      { what: "reconnecting", timeoutMs: 20_000 },
    );
    assert.match(await s.textOf("[data-testid=streams-status]"), /127\.0\.0\.1:9/);
    await s.click(await s.find("[data-testid=streams-disconnect]"));
  });

  test("a WebSocket tail shows messages and sends from the UI", async () => {
    await s.click(await s.find("[data-testid=streams-kind]"));
    await s.execute(`const sel = document.querySelector("[data-testid=streams-kind]");
      const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set;
      set.call(sel, "ws"); sel.dispatchEvent(new Event("change", { bubbles: true }));`);
    await connect(wsServer.url);
    await s.waitFor(async () => (await logLines()).some((l) => /text\s+hello/.test(l)), { what: "the greeting" });
    const box = await s.find("[data-testid=streams-send-text]");
    await s.sendKeys(box, "ping from the app");
    await s.click(await s.find("[data-testid=streams-send]"));
    await s.waitFor(async () => (await logLines()).some((l) => l.includes("echo: ping from the app")), { what: "the echo" });
    assert.deepEqual(wsServer.state.received, ["ping from the app"]);
    assert.equal(await s.attribute(await s.find("[data-testid=streams-status]"), "data-state"), "open");
  });
});
