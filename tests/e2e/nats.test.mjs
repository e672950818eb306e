// The NATS section in the real app: opening it starts the sandbox (nats-server from PATH),
// its demo streams and consumers show in the tables, a tail shows live messages, and a
// payload with markup stays text.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { sandboxPids } from "./lib/sandbox.mjs";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";

describe("nats", () => {
  let app;
  let s;

  const cells = (testId) =>
    s.execute(`return [...document.querySelectorAll("[data-testid=${testId}] [role=cell]")].map((c) => c.textContent);`);
  const tailText = () => s.execute(`return document.querySelector("[data-testid=nats-tail-log]")?.textContent ?? "";`);

  before(async () => {
    app = await launchApp();
    s = app.session;
    await waitForShell(s);
    await s.click(await s.find("[data-testid=nav-nats]"));
    // The section is loaded lazily: wait for it rather than expecting it at once.
    await s.waitFor(async () => (await s.findAll("[data-testid=nats-conn]")).length > 0, {
      timeoutMs: 30_000,
      what: "the NATS section",
    });
  });

  after(async () => {
    if (s) await saveScreenshot(s, "nats").catch(() => undefined);
    const home = app?.home;
    await app?.close();
    // The driver kills the app without an exit event; the sandbox server must not linger.
    if (home) for (const pid of sandboxPids(home)) process.kill(pid, "SIGKILL");
  });

  test("the sandbox starts and its streams and consumers show", async () => {
    await s.waitFor(async () => (await s.attribute(await s.find("[data-testid=nats-conn]"), "data-status")) === "connected", {
      what: "a connected sandbox",
      timeoutMs: 30_000,
    });
    assert.match(await s.textOf("[data-testid=nats-conn]"), /Connected to sluice-sandbox/);
    await s.waitFor(
      async () => {
        const streams = await cells("nats-streams");
        return ["ORDERS", "JOBS", "AUDIT"].every((n) => streams.includes(n));
      },
      { what: "the demo streams", timeoutMs: 30_000 },
    );
    await s.waitFor(
      async () => {
        const consumers = await cells("nats-consumers");
        return ["processor", "analytics", "billing", "worker"].every((n) => consumers.includes(n));
      },
      { what: "the demo consumers", timeoutMs: 30_000 },
    );
    await saveScreenshot(s, "nats-tables");
  });

  test("a tail shows live sandbox traffic", async () => {
    await s.click(await s.find("[data-testid=nats-tail-start]"));
    await s.waitFor(async () => /orders\.(eu|us|ap)\.created/.test(await tailText()), {
      what: "orders messages",
      timeoutMs: 20_000,
    });
    assert.ok(Number(await s.textOf("[data-testid=nats-received]")) > 0);
  });

  test("a published payload with markup shows as text and runs nothing", async () => {
    const subject = await s.find("[data-testid=nats-tail-subject]");
    await s.clearField(subject);
    await s.sendKeys(subject, "e2e.>");
    await s.click(await s.find("[data-testid=nats-tail-start]"));
    // The tail is live once the command returned; publish until the message shows.
    const markup = '<img src=x onerror="window.__pwned=1">';
    await s.sendKeys(await s.find("[data-testid=nats-publish-text]"), markup);
    await s.waitFor(
      async () => {
        await s.click(await s.find("[data-testid=nats-publish]"));
        return (await tailText()).includes(markup);
      },
      { what: "the published markup as text", timeoutMs: 20_000, intervalMs: 500 },
    );
    assert.match(await tailText(), /e2e\.ui/);
    assert.equal(
      await s.execute(`return typeof window.__pwned + document.querySelectorAll("[data-testid=nats-tail-log] img").length;`),
      "undefined0",
    );
    await saveScreenshot(s, "nats-tail");
  });
});
