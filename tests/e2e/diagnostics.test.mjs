// The Diagnostics benchmark in the real app, at a rate small enough for a test: every
// event produced in Rust is accounted in the webview on both paths. (The figures are the
// bench command's job: scripts/bench-app.)

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchApp } from "./lib/app.mjs";
import { runDiagnosticsBench } from "../bench/pipeline.mjs";
import { elementRef } from "./lib/webdriver.mjs";

describe("diagnostics pipeline benchmark", () => {
  let app;
  before(async () => {
    app = await launchApp();
  });
  after(async () => app?.close());

  test("both paths account for every event; the engine needs far fewer messages", async () => {
    const { results } = await runDiagnosticsBench(app.session, {
      eventsPerSec: 4000,
      durationMs: 1000,
      keys: 8,
      payloadBytes: 100,
      baselineMs: 250,
    });
    const batched = results.find((r) => r.mode === "batched");
    const baseline = results.find((r) => r.mode === "per_event");
    assert.equal(batched.offered, 4000);
    assert.equal(batched.accounted, 4000, "batched path loses nothing");
    assert.ok(batched.complete);
    assert.ok(batched.messages < batched.accounted / 10, `${batched.messages} frames for 4000 events`);
    assert.ok(batched.latency.p99 > 0 && Number.isFinite(batched.latency.p99));
    assert.equal(baseline.offered, 1000);
    assert.equal(baseline.accounted, 1000, "baseline delivers every event too");
    assert.equal(baseline.messages, 1000, "baseline sends one message per event");
  });

  test("a bad rate gets a clear error and runs nothing", async () => {
    const s = app.session;
    const input = await s.find("input[name=eventsPerSec]");
    await s.execute(`arguments[0].select();`, [elementRef(input)]);
    await s.sendKeys(input, "0");
    await s.click(await s.find("[data-testid=bench-run]"));
    const alert = await s.waitFor(async () => (await s.findAll("[role=alert]"))[0], { what: "an error" });
    assert.match(await s.text(alert), /Events per second must be a whole number from 1/);
    assert.equal((await s.findAll("[data-testid=bench-result]")).length, 0);
  });
});
