// NATS health in the real app against its sandbox: the stuck consumer is flagged with its
// reason and its lag chart draws; then, with the window closed to the tray, a consumer
// that gets stuck changes the tray state and raises exactly one native notification
// (seen by a real notification daemon, dunst, on a private session bus), and activating
// it opens the window at that consumer.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { requestClose, startDesktopBus, windowsTitled } from "./lib/desktopBus.mjs";
import { sandboxPids } from "./lib/sandbox.mjs";

const STUCK = "ORDERS/billing";
const LATE = "ORDERS/lonely";

describe("monitor", () => {
  let app;
  let s;
  let bus;

  /** Calls an app command from the page, as the UI does. */
  const invoke = async (cmd, args = {}) => {
    const out = await s.executeAsync(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then((v) => done({ ok: v }), (e) => done({ err: e }));`,
      [cmd, args],
    );
    if ("err" in out) throw new Error(`${cmd}: ${JSON.stringify(out.err)}`);
    return out.ok;
  };
  const records = () => invoke("notifications_list");
  const tray = () => invoke("tray_status");
  const samplesOf = async (id) => {
    const series = await invoke("monitor_history", { profileId: "sandbox", ids: [id] });
    return series[0]?.samples.length ?? 0;
  };

  before(async () => {
    bus = await startDesktopBus();
    // The machine's own locale on purpose: under C.UTF-8 WebKit reports the language "C",
    // which ui/src/format/language.ts must make safe for uPlot.
    app = await launchApp({ env: { DBUS_SESSION_BUS_ADDRESS: bus.address } });
    s = app.session;
    await waitForShell(s);
    // A short evaluation window (the setting exists for this) keeps the test quick.
    const prefs = await invoke("background_prefs_get");
    assert.equal(prefs.closeToTray, true, "close to tray is on by default");
    await invoke("background_prefs_set", { prefs: { ...prefs, thresholds: { ...prefs.thresholds, windowSecs: 10 } } });
    await s.click(await s.find("[data-testid=nav-monitor]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=monitor-section]")).length > 0, {
      timeoutMs: 30_000,
      what: "the Health section",
    });
  });

  after(async () => {
    if (s) await saveScreenshot(s, "monitor-end").catch(() => undefined);
    const home = app?.home;
    await app?.close();
    if (home) for (const pid of sandboxPids(home)) process.kill(pid, "SIGKILL");
    bus?.stop();
  });

  test("the stuck consumer is flagged with its reason, listed first", async () => {
    const row = `[data-testid=verdict-list] li[data-id="${STUCK}"]`;
    await s.waitFor(async () => (await s.findAll(`${row}[data-severity=alert]`)).length === 1, {
      timeoutMs: 90_000,
      what: `${STUCK} flagged as alerting`,
    });
    const reason = await s.textOf(`${row} [data-testid=verdict-reason]`);
    assert.match(reason, /\d/, `the reason gives the numbers: ${reason}`);
    assert.ok(reason.length > 20, `the reason is in words: ${reason}`);
    const kind = await s.attribute(await s.find(row), "data-kind");
    assert.ok(["ackStall", "saturated", "noWorkers", "redeliveryLoop"].includes(kind), `a stuck verdict, got ${kind}`);
    // Stuck first: nothing healthy is listed above it.
    const order = await s.execute(
      `return [...document.querySelectorAll("[data-testid=verdict-list] li")].map((li) => li.dataset.severity);`,
    );
    const at = order.indexOf("alert");
    assert.equal(at, 0, `alerts come first: ${order.join(",")}`);
    assert.ok(!order.slice(0, order.lastIndexOf("alert")).includes("ok"), `no ok row among the alerts: ${order.join(",")}`);
    assert.match(await s.textOf("[data-testid=monitor-summary]"), /\d+ alerting/);
  });

  test("its lag chart draws", async () => {
    await s.click(await s.find(`[data-testid=verdict-list] li[data-id="${STUCK}"] .verdict-main`));
    await s.waitFor(async () => Number(await s.attribute(await s.find("[data-testid=lag-chart]"), "data-points")) >= 3, {
      timeoutMs: 60_000,
      what: "three lag points in the chart",
    });
    // The canvas itself has the series drawn: count pixels of the first series colour.
    const drawn = await s.waitFor(
      () =>
        s.execute(`
          const c = document.querySelector("[data-testid=lag-chart] canvas");
          if (!c) return 0;
          const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < px.length; i += 4) {
            if (Math.abs(px[i] - 14) < 40 && Math.abs(px[i + 1] - 165) < 40 && Math.abs(px[i + 2] - 233) < 40 && px[i + 3] > 100) n++;
          }
          return n;`),
      { timeoutMs: 20_000, what: "series pixels on the canvas" },
    );
    assert.ok(drawn > 20, `the series line has pixels (${drawn})`);
    assert.match(await s.attribute(await s.find("[data-testid=lag-chart]"), "aria-label"), new RegExp(STUCK));
    await saveScreenshot(s, "monitor");
  });

  test("closed to the tray, a consumer getting stuck changes the tray and notifies once", async () => {
    // Leave the Health view, so opening the notification has to bring us back.
    await s.click(await s.find("[data-testid=nav-overview]"));
    bus.ctl("close-all");
    const ids = windowsTitled("Sluice");
    assert.ok(ids.length > 0, "the app window is on the display");
    const lastSeq = Math.max(0, ...(await records()).map((r) => r.seq));
    for (const id of ids) requestClose(id);
    await s.waitFor(async () => (await tray()).windowVisible === false, { timeoutMs: 15_000, what: "the window hidden" });
    const before = await tray();
    assert.equal(before.trayPresent, true);
    assert.ok(!before.alerts.some((a) => a.consumerId === LATE));
    assert.ok(!(await records()).some((r) => r.consumerId === LATE));

    // A consumer nobody reads from: work piles up with no one to take it.
    const config = { stream_name: "ORDERS", config: { durable_name: "lonely", ack_policy: "explicit", filter_subject: "orders.eu.created" } };
    await invoke("nats_publish", {
      profileId: "sandbox",
      request: {
        subject: "$JS.API.CONSUMER.DURABLE.CREATE.ORDERS.lonely",
        payloadB64: Buffer.from(JSON.stringify(config)).toString("base64"),
        headers: [],
        reply: "_INBOX.e2e.monitor",
      },
    });

    const alerting = await s.waitFor(
      async () => (await tray()).alerts.find((a) => a.consumerId === LATE && a.kind === "noWorkers"),
      { timeoutMs: 90_000, what: `${LATE} in the tray's alerts` },
    );
    assert.match(alerting.label, /lonely/);
    const status = await tray();
    assert.equal(status.severity, "alert");
    assert.match(status.tooltip, /\d+ alerting/);
    assert.equal(status.windowVisible, false, "still hidden: the monitor ran without the window");

    await s.waitFor(async () => (await records()).some((r) => r.consumerId === LATE), {
      timeoutMs: 30_000,
      what: "a notification record",
    });
    // Several more polls while it stays stuck: still one notification, not one per poll.
    const seen = await samplesOf(LATE);
    await s.waitFor(async () => (await samplesOf(LATE)) >= seen + 5, { timeoutMs: 60_000, what: "five more polls" });
    const mine = (await records()).filter((r) => r.consumerId === LATE);
    assert.equal(mine.length, 1, JSON.stringify(mine));
    assert.equal(mine[0].delivered, true);
    assert.equal(mine[0].kind, "noWorkers");

    // Activating a notification on screen opens the window at the consumer it names
    // (other sandbox consumers may have changed verdict meanwhile: each is a transition).
    const shownSince = (await records()).filter((r) => r.seq > lastSeq && r.consumerId);
    assert.ok(bus.displayed() >= 1, "the notification is on screen");
    bus.ctl("action", "0");
    await s.waitFor(async () => (await tray()).windowVisible === true, { timeoutMs: 15_000, what: "the window shown again" });
    // The view opens at a consumer one of those notifications named.
    const opened = await s.waitFor(
      () => s.execute(`return document.querySelector("[data-testid=verdict-list] li[data-selected]")?.dataset.id ?? null;`),
      { timeoutMs: 30_000, what: "the Health view at a consumer" },
    );
    assert.ok(shownSince.some((r) => r.consumerId === opened), `${opened} was notified: ${JSON.stringify(shownSince.map((r) => r.consumerId))}`);
    await saveScreenshot(s, "monitor-opened");

    bus.ctl("close-all");
    const titles = bus.historySummaries().filter((t) => t.includes(LATE));
    assert.equal(titles.length, 1, `dunst received one notification for ${LATE}: ${JSON.stringify(bus.historySummaries())}`);
  });
});
