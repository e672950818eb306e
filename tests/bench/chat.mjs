// The real-app chat benchmark: a local OpenAI-compatible server streams a markdown answer at
// a fixed token rate; it goes into the chat view (1) through the core (chat_send, frames
// coalesced by the flow engine) and (2) through the webview's own fetch in the same webview,
// parsed and rendered by the same incremental markdown path. For each: animation-frame gaps
// while it streams and markdown work per rendered update (lexing, then React render and
// commit). Run through scripts/bench-chat, which builds the app and sets a display.
//
// Spec from the environment: BENCH_TOKENS_PER_SEC (2000), BENCH_CHARS (20000), BENCH_ROUNDS (2).

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
  await s.click(await s.find("[data-testid=nav-chat]"));
  await s.waitFor(() => s.execute(`return !!window.__sluiceChatBench;`), { what: "the bench hooks" });
  const csp = await s.executeAsync(`window.__sluiceChatBench.probeFetch(arguments[0]).then(arguments[arguments.length - 1]);`, [server.origin]);
  if (csp !== "allowed") throw new Error(`the webview may not fetch ${server.origin} (${csp}): is this a debug build with SLUICE_BENCH_CONNECT=1?`);
  if ((await s.findAll("[data-testid=chat-settings]")).length === 0) await s.click(await s.find("[data-testid=chat-settings-toggle]"));
  for (const [css, value] of [
    ["[data-testid=chat-base-url]", server.baseUrl],
    ["[data-testid=chat-model]", "bench"],
    ["[data-testid=chat-api-key]", "sk-bench"],
  ]) {
    const el = await s.find(css);
    await clearField(s, el);
    await s.sendKeys(el, value);
  }
  await s.click(await s.find("[data-testid=chat-settings-save]"));
  await s.waitFor(async () => (await s.findAll("[data-testid=chat-settings]")).length === 0, { what: "settings saved" });
}

const streamingGone = (s) => s.execute(`return !document.querySelector("[data-testid=chat-streaming]");`);

async function viaCore(s, server) {
  const before = server.state.completed;
  const t0 = Date.now();
  await s.execute(`window.__sluiceChatBench.start();`);
  const input = await s.find("[data-testid=chat-input]");
  await s.sendKeys(input, "bench");
  await s.sendKeys(input, Key.Enter);
  await s.waitFor(async () => server.state.completed > before && (await streamingGone(s)), {
    what: "the answer through the core",
    timeoutMs: 120_000,
    intervalMs: 50,
  });
  const record = await s.execute(`return window.__sluiceChatBench.stop();`);
  return { record, wallMs: Date.now() - t0, streamMs: server.state.lastStreamMs };
}

async function viaFetch(s, server) {
  const t0 = Date.now();
  await s.execute(`window.__sluiceChatBench.start();`);
  const chars = await s.executeAsync(
    `window.__sluiceChatBench.browser(arguments[0], { model: "bench", stream: true, messages: [{ role: "user", content: "bench" }] })
       .then(arguments[arguments.length - 1], (e) => arguments[arguments.length - 1]("error: " + e));`,
    [server.baseUrl],
  );
  const record = await s.execute(`return window.__sluiceChatBench.stop();`);
  if (typeof chars !== "number") throw new Error(`the fetch path failed: ${chars}`);
  return { record, wallMs: Date.now() - t0, streamMs: server.state.lastStreamMs, chars };
}

function row(path, r, tokens) {
  const gaps = r.record.frameGaps.slice(1);
  const u = r.record.updates;
  const work = u.map((x) => x.lexMs + x.renderMs);
  const f = (v) => (Number.isFinite(v) ? v.toFixed(2) : "-");
  return [
    path,
    Math.round((tokens * 1000) / r.streamMs).toString(),
    u.length.toString(),
    f(Math.max(...gaps)),
    f(pct(gaps, 99)),
    gaps.filter((g) => g > 50).length.toString(),
    f(pct(u.map((x) => x.lexMs), 95)),
    f(pct(u.map((x) => x.renderMs), 95)),
    f(pct(work, 95)),
    f(Math.max(...work)),
  ];
}

function table(rows, spec) {
  const head = ["path", "tokens/s", "updates", "max gap ms", "p99 gap ms", "gaps>50ms", "lex p95", "render p95", "md work p95", "md work max"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [
    `offered: ${spec.tokensPerSec} tokens/s, ${spec.tokens} tokens, ${spec.chars} characters of markdown per answer; ${spec.rounds} rounds per path`,
    "md work = lexing (incremental) + React render and DOM commit of the streaming answer, per rendered update (ms)",
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
  try {
    const s = app.session;
    await setUp(s, server);
    for (let round = 1; round <= spec.rounds; round++) {
      const core = await viaCore(s, server);
      rows.push(row(`core (chat_send) #${round}`, core, server.tokens));
      const fetched = await viaFetch(s, server);
      if (fetched.chars !== server.answer.length) throw new Error(`fetch path got ${fetched.chars} of ${server.answer.length} characters`);
      rows.push(row(`webview fetch #${round}`, fetched, server.tokens));
    }
    const last = await s.execute(
      `const a = document.querySelectorAll("[data-testid=chat-message][data-role=assistant]"); return a[a.length - 1]?.innerText.length ?? 0;`,
    );
    console.log(table(rows, spec));
    console.log(`last answer through the core, rendered text: ${last} characters (markdown source ${server.answer.length})`);
    await saveScreenshot(s, "chat-bench");
  } finally {
    await app.close();
    server.close();
  }
}
