// The NATS data browsers in the real app against the sandbox: KV keys update live and a key
// put from the UI appears, a stream is browsed by sequence with paging, request-reply
// reaches the sandbox's demo.echo service (and no-responders is a clear error), and the
// object store lists, shows, uploads and downloads objects.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { sandboxPids } from "./lib/sandbox.mjs";

describe("nats data browsers", () => {
  let app;
  let s;

  const text = (css) => s.execute(`return document.querySelector(${JSON.stringify(css)})?.textContent ?? "";`);
  const type = async (css, value) => {
    const el = await s.find(css);
    await s.clearField(el);
    await s.sendKeys(el, value);
  };
  // Centred first: at the bottom edge an element can sit under the fixed status bar.
  const press = async (css) => {
    await s.execute(`document.querySelector(arguments[0])?.scrollIntoView({ block: "center" });`, [css]);
    await s.click(await s.find(css));
  };
  const openTab = async (id) => {
    await press(`[data-testid=nats-tab-${id}]`);
    await s.waitFor(async () => (await s.attribute(await s.find(`[data-testid=nats-tab-${id}]`), "aria-selected")) === "true", {
      what: `the ${id} tab`,
    });
  };
  // Native <select> popups are not clickable through WebKitWebDriver: set the value the way
  // a user's choice does (React listens for the change event).
  const choose = (css, value) =>
    s.execute(
      `const el = document.querySelector(arguments[0]);
       Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(el, arguments[1]);
       el.dispatchEvent(new Event("change", { bubbles: true }));
       return el.value;`,
      [css, value],
    );
  const kvRevision = (key) =>
    s.execute(`return document.querySelector('[data-testid=nats-kv-keys] [data-key="${key}"] .muted')?.textContent ?? "";`);

  before(async () => {
    app = await launchApp();
    s = app.session;
    await waitForShell(s);
    await press("[data-testid=nav-nats]");
    await s.waitFor(async () => (await s.findAll("[data-testid=nats-tab-kv]")).length > 0, {
      timeoutMs: 60_000,
      what: "the data tabs (sandbox connected)",
    });
  });

  after(async () => {
    if (s) await saveScreenshot(s, "nats-data").catch(() => undefined);
    const home = app?.home;
    await app?.close();
    if (home) for (const pid of sandboxPids(home)) process.kill(pid, "SIGKILL");
  });

  test("KV keys update live and a key put from the UI appears", async () => {
    await openTab("kv");
    await s.waitFor(async () => /motd/.test(await text("[data-testid=nats-kv-keys]")) && /feature\.flags/.test(await text("[data-testid=nats-kv-keys]")), {
      what: "the sandbox's config keys",
      timeoutMs: 30_000,
    });
    // The sandbox rewrites motd every 3 s; the watch must show a newer revision without a reload.
    const first = await kvRevision("motd");
    await s.waitFor(async () => (await kvRevision("motd")) !== first, { what: "a live motd update", timeoutMs: 20_000 });

    await press('[data-testid=nats-kv-keys] [data-key="motd"]');
    await s.waitFor(async () => /deploy #\d+/.test(await text("[data-testid=nats-kv-value]")), { what: "motd's value" });

    await type("[data-testid=nats-kv-put-key]", "e2e.greeting");
    await type("[data-testid=nats-kv-put-value]", '{"from":"e2e","n":1}');
    await press("[data-testid=nats-kv-put]");
    await s.waitFor(async () => /Stored e2e\.greeting at revision \d+/.test(await text("[data-testid=nats-kv-note]")), { what: "the put confirmation" });
    await s.waitFor(async () => /e2e\.greeting/.test(await text("[data-testid=nats-kv-keys]")), { what: "the new key in the live list" });
    await press('[data-testid=nats-kv-keys] [data-key="e2e.greeting"]');
    await s.waitFor(async () => /"from": "e2e"/.test(await text("[data-testid=nats-kv-value]")), { what: "the new value as pretty JSON" });

    // An invalid key is refused with a clear message, and nothing is written.
    await type("[data-testid=nats-kv-put-key]", "bad key");
    await press("[data-testid=nats-kv-put]");
    await s.waitFor(async () => /letters, digits/.test(await text("[data-testid=nats-kv-error]")), { what: "the invalid-key error" });
    await saveScreenshot(s, "nats-data-kv");
  });

  test("a stream is browsed by sequence, forward and back", async () => {
    await openTab("browse");
    await s.waitFor(async () => (await s.findAll("[data-testid=nats-browse-stream] option[value=ORDERS]")).length === 1, { what: "the stream list" });
    assert.equal(await choose("[data-testid=nats-browse-stream]", "ORDERS"), "ORDERS");
    await type("[data-testid=nats-browse-start]", "5");
    await press("[data-testid=nats-browse-go]");
    const firstSeq = () => s.execute(`return document.querySelector("[data-testid=nats-browse-log] li")?.dataset.seq ?? "";`);
    await s.waitFor(async () => (await firstSeq()) === "5", { what: "a page starting at sequence 5", timeoutMs: 20_000 });
    assert.match(await text("[data-testid=nats-browse-log]"), /orders\.(eu|us|ap)\.created/);
    await press("[data-testid=nats-browse-next]");
    await s.waitFor(async () => (await firstSeq()) === "30", { what: "the next page (25 per page)" });
    await press("[data-testid=nats-browse-back]");
    await s.waitFor(async () => (await firstSeq()) === "5", { what: "back to the first page" });

    // The work-queue stream browses too (its worker drains it, so it may be empty).
    assert.equal(await choose("[data-testid=nats-browse-stream]", "JOBS"), "JOBS");
    await type("[data-testid=nats-browse-start]", "1");
    await press("[data-testid=nats-browse-go]");
    await s.waitFor(async () => /workqueue stream/.test(await text("[data-testid=nats-browse]")) && /Page 1|No messages/.test(await text("[data-testid=nats-browse-status]")), {
      what: "a work-queue page",
    });
    assert.equal((await s.findAll("[data-testid=nats-browse-error]")).length, 0);
    await saveScreenshot(s, "nats-data-browse");
  });

  test("request-reply shows the reply with timing; no responders is a clear error", async () => {
    await openTab("request");
    await type("[data-testid=nats-req-subject]", "demo.echo");
    await type("[data-testid=nats-req-headers]", "X-Test: e2e");
    await type("[data-testid=nats-req-payload]", '{"ping":"<b>bold</b>"}');
    await press("[data-testid=nats-req-send]");
    await s.waitFor(async () => /"ping": "<b>bold<\/b>"/.test(await text("[data-testid=nats-req-reply-payload]")), { what: "the echoed reply" });
    assert.match(await text("[data-testid=nats-req-timing]"), /^\d+ ms · \d+ B$/);
    assert.match(await text("[data-testid=nats-req-reply]"), /Sluice-Echo: \d+/);
    assert.equal(await s.execute(`return document.querySelectorAll("[data-testid=nats-req-reply] b").length;`), 0);
    await saveScreenshot(s, "nats-data-request");

    await type("[data-testid=nats-req-subject]", "nobody.listens.here");
    await press("[data-testid=nats-req-send]");
    await s.waitFor(async () => /^No responders: nothing is listening on nobody\.listens\.here/.test(await text("[data-testid=nats-req-error]")), {
      what: "the no-responders error",
    });
  });

  test("the object store lists, shows, uploads and downloads objects", async () => {
    await openTab("objects");
    await s.waitFor(async () => /readme\.txt/.test(await text("[data-testid=nats-obj-list]")), { what: "the demo object", timeoutMs: 20_000 });
    assert.match(await text("[data-testid=nats-obj-list]"), /origin=sandbox/);
    await press("[data-testid=nats-obj-list] .nats-link");
    await press("[data-testid=nats-obj-show]");
    await s.waitFor(async () => /Welcome to the Sluice sandbox/.test(await text("[data-testid=nats-obj-content]")), { what: "the object inline" });

    const local = join(app.home, "upload-e2e.txt");
    writeFileSync(local, "uploaded from the e2e test\n");
    await type("[data-testid=nats-obj-upload-path]", local);
    await press("[aria-label='Upload a file'] button[type=submit]");
    await s.waitFor(async () => /upload-e2e\.txt/.test(await text("[data-testid=nats-obj-list]")), { what: "the uploaded object in the list" });

    const downloads = join(app.home, "downloads");
    mkdirSync(downloads);
    await type("[data-testid=nats-obj-target]", downloads);
    await press("[data-testid=nats-obj-download]");
    const saved = join(downloads, "upload-e2e.txt");
    await s.waitFor(async () => /Saved/.test(await text("[data-testid=nats-obj-note]")), { what: "the download" });
    assert.ok(existsSync(saved));
    assert.equal(readFileSync(saved, "utf8"), "uploaded from the e2e test\n");
    await saveScreenshot(s, "nats-data-objects");
  });
});
