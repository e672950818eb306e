// The real app, in a real webview: the shell renders and health streams from Rust.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { Key } from "./lib/webdriver.mjs";

describe("app shell", () => {
  let app;
  let s;

  before(async () => {
    app = await launchApp();
    s = app.session;
    await waitForShell(s);
  });

  after(async () => {
    if (s) await saveScreenshot(s, "shell").catch(() => undefined);
    await app?.close();
  });

  test("window shows the navigation frame and the overview", async () => {
    assert.equal(await s.title(), "Sluice");
    const overview = await s.find("[data-testid=nav-overview]");
    assert.equal(await s.attribute(overview, "aria-current"), "page");
    assert.match(await s.textOf("#overview-title"), /Overview/);
  });

  test("health streamed from Rust over a Channel appears and changes over time", async () => {
    await s.waitFor(async () => (await s.textOf("[data-testid=core-status]")) === "Core live", {
      what: "core status live",
    });
    const readUptime = () => s.textOf("[data-testid=health-uptime]");
    const readSampledAt = async () =>
      Number(await s.attribute(await s.find("[data-testid=health-sampled-at]"), "data-value"));
    const firstUptime = await readUptime();
    const firstSampledAt = await readSampledAt();
    assert.match(firstUptime, /^\d+:\d\d$/);
    assert.ok(firstSampledAt > 1.6e12, `sampledAt ${firstSampledAt} is a real clock`);
    const rss = await s.textOf("[data-testid=health-rss]");
    assert.match(rss, /^\d+(\.\d)? (MiB|GiB)$/, `RSS "${rss}" is a real figure`);
    const secondSampledAt = await s.waitFor(
      async () => {
        const v = await readSampledAt();
        return v > firstSampledAt ? v : null;
      },
      { what: "a newer health sample" },
    );
    assert.ok(secondSampledAt - firstSampledAt >= 500, "samples are about a second apart");
    await s.waitFor(async () => (await readUptime()) !== firstUptime, { what: "uptime to advance" });
  });

  test("the status bar reports a live link with frames acked (no missing frames)", async () => {
    const text = await s.textOf("[data-testid=overview-health]");
    assert.match(text, /Frames received\s*\n?\s*[1-9]/);
    assert.match(text, /Frames missing \/ events dropped\s*\n?\s*0 \/ 0/);
  });

  test("keyboard: Ctrl+digit opens the n-th section, Ctrl+1 returns to Overview", async () => {
    const press = (key) => s.pressKeys(Key.Control, key);
    const ids = await s.execute(`return [...document.querySelectorAll("nav [data-testid^=nav-]")].map((b) => b.dataset.testid.slice(4));`);
    assert.ok(ids.length >= 2, `sections: ${ids}`);
    const last = ids.length;
    await press(String(last));
    await s.waitFor(async () => (await s.findAll(`[data-testid=section-${ids[last - 1]}]`)).length === 1, {
      what: `section ${ids[last - 1]}`,
    });
    await press("1");
    await s.waitFor(async () => (await s.findAll("[data-testid=section-overview]")).length === 1, {
      what: "overview section",
    });
  });

  test("arrow keys move focus through the navigation", async () => {
    await s.click(await s.find("[data-testid=nav-overview]"));
    // Choosing a section moves focus to its content on the next frame; wait for that
    // before putting focus back on the navigation.
    await s.waitFor(async () => (await s.execute(`return document.activeElement?.id ?? null;`)) === "content", {
      what: "focus on the content",
    });
    await s.execute(`document.querySelector("[data-testid=nav-overview]").focus();`);
    await s.pressKeys(Key.ArrowDown);
    const focused = await s.execute(`return document.activeElement?.dataset?.testid ?? null;`);
    const second = await s.execute(`return document.querySelectorAll("nav [data-testid^=nav-]")[1].dataset.testid;`);
    assert.equal(focused, second);
    await s.pressKeys(Key.ArrowUp);
    assert.equal(await s.execute(`return document.activeElement?.dataset?.testid ?? null;`), "nav-overview");
  });

  test("choosing a theme pins it; 'follow the system' releases it", async () => {
    await s.click(await s.find("[data-testid=nav-settings]"));
    await s.click(await s.find("input[name=theme][value=dark]"));
    assert.equal(await s.execute(`return document.documentElement.dataset.theme ?? null;`), "dark");
    await s.click(await s.find("input[name=theme][value=system]"));
    assert.equal(await s.execute(`return document.documentElement.dataset.theme ?? null;`), null);
  });

  test("the page runs under the strict CSP: inline script is refused", async () => {
    const ran = await s.execute(`
      window.__inlineRan = false;
      const el = document.createElement("script");
      el.textContent = "window.__inlineRan = true";
      document.head.appendChild(el);
      return window.__inlineRan;
    `);
    assert.equal(ran, false);
  });
});
