// An OpenAI-compatible streaming server for the chat benchmark: answers any
// `POST /v1/chat/completions` with a fixed markdown answer (headings, lists, code blocks)
// streamed as one `data:` chunk per token at a steady token rate. CORS is open so the
// webview's own fetch can read it too (the baseline path).

import { createServer } from "node:http";

/** A deterministic markdown answer of about `chars` characters. */
export function benchAnswer(chars = 20_000) {
  const parts = [];
  let n = 0;
  while (parts.join("").length < chars) {
    n++;
    parts.push(
      `## Section ${n}\n\nThe **flow engine** batches events into frames, so a burst of \`${n * 7}\` tokens costs ` +
        `one render instead of many. See [the notes](https://example.com/${n}) for the details of step ${n}.\n\n` +
        `- coalesce deltas per frame\n- parse only the *growing* block\n- keep finished blocks as they are\n\n` +
        "```rust\n" +
        `fn step_${n}(input: &str) -> usize {\n    let total = input.len() + ${n};\n    println!("step {}", total);\n    total\n}\n` +
        "```\n\n",
    );
  }
  return parts.join("").slice(0, chars);
}

/** Splits text into model-like tokens of about four characters. */
export function tokenize(text) {
  const out = [];
  for (const piece of text.match(/\s*\S+|\s+/g) ?? []) {
    for (let i = 0; i < piece.length; i += 4) out.push(piece.slice(i, i + 4));
  }
  return out;
}

const cors = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "content-type, authorization, accept",
  "access-control-allow-methods": "POST, GET, OPTIONS",
};

/** Starts the server; `tokensPerSec` is the pace of every answer. */
export async function startBenchChatServer({ tokensPerSec = 2000, chars = 20_000 } = {}) {
  const answer = benchAnswer(chars);
  const tokens = tokenize(answer);
  const state = { requests: 0, gets: 0, completed: 0, lastStreamMs: 0 };
  const server = createServer((req, res) => {
    if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
    if (req.method === "GET") {
      state.gets++;
      return res.writeHead(200, { ...cors, "content-type": "text/plain" }).end("ok");
    }
    if (req.method !== "POST" || !req.url.endsWith("/chat/completions")) return res.writeHead(404, cors).end();
    req.resume();
    req.on("end", () => {
      state.requests++;
      res.writeHead(200, { ...cors, "content-type": "text/event-stream", "cache-control": "no-cache" });
      const chunk = (delta, finish = null) =>
        `data: ${JSON.stringify({ id: "b1", object: "chat.completion.chunk", model: "bench", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(chunk({ role: "assistant", content: "" }));
      const t0 = performance.now();
      let sent = 0;
      let gone = false;
      res.on("close", () => (gone = !res.writableFinished));
      // Paced by the clock, not by timer accuracy: each tick sends what is due by now.
      const timer = setInterval(() => {
        if (gone) return clearInterval(timer);
        const due = Math.min(tokens.length, Math.floor(((performance.now() - t0) * tokensPerSec) / 1000));
        let out = "";
        for (; sent < due; sent++) out += chunk({ content: tokens[sent] });
        if (out) res.write(out);
        if (sent === tokens.length) {
          clearInterval(timer);
          state.lastStreamMs = performance.now() - t0;
          res.end(chunk({}, "stop") + "data: [DONE]\n\n");
          state.completed++;
        }
      }, 2);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const port = server.address().port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    origin: `http://127.0.0.1:${port}`,
    answer,
    tokens: tokens.length,
    state,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
