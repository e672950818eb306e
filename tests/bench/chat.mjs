// The real-app chat benchmark: a local OpenAI-compatible server streams a markdown answer at
// a fixed token rate; it goes into the chat view (1) through the core (chat_send, frames
// coalesced by the flow engine) and (2) through the webview's own fetch in the same webview,
// parsed and rendered by the same incremental markdown path. For each: requestAnimationFrame
// gaps while it streams (and around it), markdown work per rendered update (lexing, then React
// render and commit) and the scroll-follow layout after it, recorded in the page and read back
// once the finished answer is painted. Prints the load average: the figures are wall-clock.
// Run through scripts/bench-chat, which builds the app and sets a display.
//
// Spec from the environment: BENCH_TOKENS_PER_SEC (2000), BENCH_CHARS (20000), BENCH_ROUNDS (2).

import os from "node:os";
import { launchApp, saveScreenshot, waitForShell } from "../e2e/lib/app.mjs";
import { Key } from "../e2e/lib/webdriver.mjs";
import { startBenchChatServer } from "./chatServer.mjs";

const clearField = (s, el) => s.sendKeys(el, "\uE009a\uE000\uE003");

function pct(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function setUp(s, server) {
  await waitForShell(s);
  // The bench hooks are installed when the chat view mounts with this flag set.
  await s.execute(`localStorage.setItem("sluice.bench", "1"); location.reload();`);
  await waitForShell(s);
  // The reload may still be under way: wait for the new page's navigation.
  await s.waitFor(async () => (await s.findAll("[data-testid=nav-chat]")).length === 1, { what: "the navigation" });
  await s.click(await s.find("[data-testid=nav-chat]"));
  await s.waitFor(() => s.execute(`return !!window.__sluiceChatBench;`), { what: "the bench hooks" });
  const csp = await s.executeAsync(`window.__sluiceChatBench.probeFetch(arguments[0]).then(arguments[arguments.length - 1]);`, [server.origin]);
  if (csp !== "allowed") throw new Error(`the webview may not fetch ${server.origin} (${csp}): is this a debug build with SLUICE_BENCH_CONNECT=1?`);
  if ((await s.findAll("[data-testid=chat-settings]")).length === 0) await s.click(await s.find("[data-testid=chat-settings-toggle]"));
  // No API key: the bench server does not ask for one, and a key would need the vault.
  for (const [css, value] of [
    ["[data-testid=chat-base-url]", server.baseUrl],
    ["[data-testid=chat-model]", "bench"],
  ]) {
    const el = await s.find(css);
    await clearField(s, el);
    await s.sendKeys(el, value);
  }
  await s.click(await s.find("[data-testid=chat-settings-save]"));
  await s.waitFor(async () => (await s.findAll("[data-testid=chat-settings]")).length === 0, { what: "settings saved" });
}

const streamingGone = (s) => s.execute(`return !document.querySelector("[data-testid=chat-streaming]");`);

// Page-side: stops recording two frames after the answer is done, so the finished answer's
// paint is measured and no WebDriver round trip lands in the frames being measured.
const stopAfterPaint = (reply) => `requestAnimationFrame(() => requestAnimationFrame(() => (${reply})(window.__sluiceChatBench.stop())));`;

async function viaCore(s, server) {
  const before = server.state.completed;
  const t0 = Date.now();
  await s.execute(`window.__sluiceChatBench.start();`);
  const input = await s.find("[data-testid=chat-input]");
  await s.sendKeys(input, "bench");
  await s.sendKeys(input, Key.Enter);
  const record = await s.executeAsync(`const done = arguments[arguments.length - 1];
    const t0 = performance.now();
    let seen = false;
    const check = () => {
      const live = !!document.querySelector("[data-testid=chat-streaming]");
      seen ||= live;
      if (seen && !live) return ${stopAfterPaint("done")}
      if (performance.now() - t0 > 25000) return done("still streaming");
      setTimeout(check, 20);
    };
    check();`);
  if (typeof record !== "object") throw new Error(`the answer through the core: ${record}`);
  await s.waitFor(async () => server.state.completed > before && (await streamingGone(s)), {
    what: "the answer through the core",
    timeoutMs: 120_000,
    intervalMs: 50,
  });
  return { record, wallMs: Date.now() - t0, streamMs: server.state.lastStreamMs };
}

async function viaFetch(s, server) {
  const t0 = Date.now();
  await s.execute(`window.__sluiceChatBench.start();`);
  const out = await s.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.__sluiceChatBench.browser(arguments[0], { model: "bench", stream: true, messages: [{ role: "user", content: "bench" }] })
       .then((chars) => { ${stopAfterPaint("(record) => done({ chars, record })")} },
             (e) => done("error: " + e));`,
    [server.baseUrl],
  );
  if (typeof out !== "object") throw new Error(`the fetch path failed: ${out}`);
  return { record: out.record, wallMs: Date.now() - t0, streamMs: server.state.lastStreamMs, chars: out.chars };
}

function row(path, r, tokens) {
  const u = r.record.updates;
  const { frameGaps, frameTimes } = r.record;
  // A gap is "in the stream" when it starts between the first and the last rendered update;
  // the others belong to the request before it or to the finished answer taking its place.
  const [first, last] = [u[0]?.at ?? 0, u.at(-1)?.at ?? 0];
  const inStream = [];
  const before = [];
  const after = [];
  for (let i = 1; i < frameGaps.length; i++) {
    const begin = frameTimes[i] - frameGaps[i];
    (begin < first ? before : begin < last ? inStream : after).push(frameGaps[i]);
  }
  const work = u.map((x) => x.lexMs + x.renderMs);
  const mean = work.reduce((a, b) => a + b, 0) / (work.length || 1);
  const f = (v) => (Number.isFinite(v) ? v.toFixed(2) : "-");
  return [
    path,
    Math.round((tokens * 1000) / r.streamMs).toString(),
    u.length.toString(),
    f(Math.max(...inStream)),
    f(pct(inStream, 99)),
    inStream.filter((g) => g > 50).length.toString(),
    f(Math.max(...before)),
    f(Math.max(...after)),
    f(pct(work, 95)),
    f(mean),
    f(Math.max(...work)),
    f(pct(u.map((x) => x.lexMs), 95)),
    f(pct(u.map((x) => x.renderMs), 95)),
    f(pct(u.map((x) => x.layoutMs), 95)),
    f(u.reduce((a, x) => a + x.layoutMs, 0) / (u.length || 1)),
  ];
}

function table(rows, spec) {
  const head = ["path", "tokens/s", "updates", "max gap", "p99 gap", "gaps>50", "gap before", "gap after", "md p95", "md mean", "md max", "lex p95", "render p95", "follow p95", "follow mean"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    `offered: ${spec.tokensPerSec} tokens/s, ${spec.tokens} tokens, ${spec.chars} characters of markdown per answer; ${spec.rounds} rounds per path after one unmeasured warm-up answer each`,
    "gaps (ms): between requestAnimationFrame timestamps while the answer streams; gap before: the largest one from the",
    "  request to the first update; gap after: from the last update until the finished answer is in place",
    "md (ms): markdown work per rendered update (at most one per frame) = incremental lexing + React render and DOM commit",
    "follow (ms): scrolling to the end after the update, which forces the layout. WebKit's clock has 1 ms steps.",
    line(head),
    ...rows.map(line),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const spec = {
    tokensPerSec: Number(process.env.BENCH_TOKENS_PER_SEC ?? 2000),
    chars: Number(process.env.BENCH_CHARS ?? 20_000),
    rounds: Number(process.env.BENCH_ROUNDS ?? 2),
  };
  const server = await startBenchChatServer(spec);
  spec.tokens = server.tokens;
  const app = await launchApp({ env: { SLUICE_BENCH_CONNECT: "1" } });
  const rows = [];
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  const loadAtStart = load();
  try {
    const s = app.session;
    await setUp(s, server);
    // One unmeasured answer through each path first: the webview compiles the chat code
    // during whichever path streams first, which would count against that path alone.
    await viaCore(s, server);
    await viaFetch(s, server);
    for (let round = 1; round <= spec.rounds; round++) {
      // Alternating which path goes first, so neither always follows the other's garbage.
      const order = round % 2 ? ["core", "fetch"] : ["fetch", "core"];
      for (const path of order) {
        if (path === "core") {
          rows.push(row(`core (chat_send) #${round}`, await viaCore(s, server), server.tokens));
        } else {
          const fetched = await viaFetch(s, server);
          if (fetched.chars !== server.answer.length) throw new Error(`fetch path got ${fetched.chars} of ${server.answer.length} characters`);
          rows.push(row(`webview fetch #${round}`, fetched, server.tokens));
        }
      }
    }
    const last = await s.execute(
      `const a = document.querySelectorAll("[data-testid=chat-message][data-role=assistant]"); return a[a.length - 1]?.innerText.length ?? 0;`,
    );
    console.log(table(rows, spec));
    console.log(`load average (1, 5, 15 min) on ${os.cpus().length} cores: ${loadAtStart} at the start, ${load()} at the end`);
    console.log(`last answer through the core, rendered text: ${last} characters (markdown source ${server.answer.length})`);
    await saveScreenshot(s, "chat-bench");
  } finally {
    await app.close();
    server.close();
  }
}
