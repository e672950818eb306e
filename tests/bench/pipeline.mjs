// The real-app pipeline benchmark: launches Sluice under tauri-driver, runs the
// Diagnostics benchmark (flow engine vs one channel message per event, same run) and
// prints the table. Run through scripts/bench-app, which builds the app and sets a display.
//
// Spec from the environment: BENCH_RATE (events/s), BENCH_MS, BENCH_KEYS, BENCH_PAYLOAD,
// BENCH_BASELINE_MS (duration of the one-message-per-event run).

import { launchApp, saveScreenshot, waitForShell } from "../e2e/lib/app.mjs";
import { elementRef } from "../e2e/lib/webdriver.mjs";

export async function runDiagnosticsBench(session, spec) {
  await waitForShell(session);
  await session.click(await session.find("[data-testid=nav-diagnostics]"));
  await session.waitFor(async () => (await session.findAll("input[name=eventsPerSec]")).length === 1, {
    what: "the diagnostics form",
  });
  for (const [name, value] of Object.entries(spec)) {
    if (value === undefined) continue;
    const input = await session.find(`input[name=${name}]`);
    await session.execute(`arguments[0].select();`, [elementRef(input)]);
    await session.sendKeys(input, String(value));
  }
  await session.click(await session.find("[data-testid=bench-run]"));
  const timeoutMs = ((spec.durationMs ?? 3000) + (spec.baselineMs ?? 500)) * 2 + 90_000;
  const json = await session.waitFor(
    async () => {
      const found = await session.findAll("[data-testid=bench-result][data-json]");
      return found.length ? session.attribute(found[0], "data-json") : null;
    },
    { timeoutMs, intervalMs: 250, what: "benchmark results" },
  );
  return JSON.parse(json);
}

function table({ spec, baselineMs, results, ratio }) {
  const rows = results.map((r) => [
    r.mode === "batched" ? "flow engine (batched)" : "one message per event",
    `${r.accounted}/${r.offered}${r.complete ? "" : " (incomplete)"}`,
    Math.round(r.eventsPerSec).toString(),
    r.messages.toString(),
    r.latency.p50?.toFixed(1) ?? "-",
    r.latency.p99?.toFixed(1) ?? "-",
    r.latency.max?.toFixed(1) ?? "-",
    r.arrival?.p50?.toFixed(1) ?? "-",
    r.arrival?.p99?.toFixed(1) ?? "-",
    `${r.toFrame?.p50?.toFixed(1) ?? "-"}/${r.toFrame?.p99?.toFixed(1) ?? "-"}`,
    `${r.render?.p50?.toFixed(1) ?? "-"}/${r.render?.p99?.toFixed(1) ?? "-"}`,
  ]);
  const head = ["path", "accounted", "events/s", "messages", "p50 ms", "p99 ms", "max ms", "arrival p50", "arrival p99", "to frame p50/p99", "render p50/p99"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join("  ");
  return [
    `offered: ${spec.eventsPerSec} events/s, ${spec.keys} keys, ${spec.payloadBytes} B payload; ` +
      `batched run ${spec.durationMs} ms, per-event run ${baselineMs} ms`,
    line(head),
    ...rows.map(line),
    `ratio (batched / per-event events/s): ${ratio === null ? "n/a" : ratio.toFixed(1)}x`,
    "latency is send in Rust to the paint that shows the event; arrival is send to the channel handler",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const num = (v) => (v === undefined ? undefined : Number(v));
  const spec = {
    eventsPerSec: num(process.env.BENCH_RATE),
    durationMs: num(process.env.BENCH_MS),
    keys: num(process.env.BENCH_KEYS),
    payloadBytes: num(process.env.BENCH_PAYLOAD),
    baselineMs: num(process.env.BENCH_BASELINE_MS),
  };
  const app = await launchApp();
  try {
    const result = await runDiagnosticsBench(app.session, spec);
    console.log(table(result));
    await saveScreenshot(app.session, "diagnostics-bench");
  } finally {
    await app.close();
  }
}
