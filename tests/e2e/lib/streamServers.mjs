// Real HTTP servers on 127.0.0.1 for the chat and streams end-to-end tests: an
// OpenAI-compatible streaming `chat/completions` endpoint and an SSE endpoint.

import { createServer } from "node:http";

/** Answers picked by the last user message's first word. */
export const ANSWERS = {
  markdown: [
    "# Release notes",
    "",
    "Here is what changed:",
    "",
    "- faster **parser**",
    "- fewer `allocations`",
    "- a new flag",
    "",
    "```rust",
    "fn main() {",
    '    println!("hello");',
    "}",
    "```",
    "",
    "Done.",
  ].join("\n"),
  xss: [
    "Careful with this:",
    "",
    '<img src=x onerror="window.__pwned=1">',
    "",
    "<script>window.__pwned = 2</script>",
    "",
    'Inline <b onmouseover="window.__pwned=3">bold</b> and [a link](javascript:window.__pwned=4).',
  ].join("\n"),
};

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Splits text into small tokens, as a model streams it. */
function tokens(text, size = 6) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * An OpenAI-compatible server. "markdown"/"xss" stream that answer; "slow" streams tokens
 * for a minute (for stop). `state` records requests and streams the client abandoned.
 */
export async function startChatServer() {
  const state = { requests: [], clientGone: 0, completed: 0 };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", async () => {
      if (req.method !== "POST" || !req.url.endsWith("/chat/completions")) {
        res.writeHead(404).end();
        return;
      }
      const request = JSON.parse(body);
      state.requests.push({ headers: req.headers, body: request });
      const last = request.messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
      const word = last.trim().split(/\s+/)[0];
      const slow = word === "slow";
      const parts = slow ? Array.from({ length: 3000 }, (_, i) => `word${i} `) : tokens(ANSWERS[word] ?? `You said: ${last}`);
      let gone = false;
      res.on("close", () => {
        if (!res.writableFinished) gone = true;
      });
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const chunk = (delta, finish = null) =>
        `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(chunk({ role: "assistant", content: "" }));
      for (const p of parts) {
        if (gone) break;
        res.write(chunk({ content: p }));
        await sleep(slow ? 20 : 5);
      }
      if (gone) {
        state.clientGone++;
        return;
      }
      res.write(chunk({}, "stop"));
      res.write("data: [DONE]\n\n");
      res.end();
      state.completed++;
    });
  });
  const port = await listen(server);
  return { baseUrl: `http://127.0.0.1:${port}/v1`, state, close: () => server.close() };
}

/** An SSE server: `GET /events` sends `total` events `tick n` (id n), `gapMs` apart, then holds. */
export async function startSseServer({ total = 60, gapMs = 10 } = {}) {
  const state = { connections: 0 };
  const server = createServer(async (req, res) => {
    if (!req.url.startsWith("/events")) {
      res.writeHead(404).end();
      return;
    }
    state.connections++;
    let open = true;
    res.on("close", () => (open = false));
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write(": hello\n\n");
    for (let n = 1; n <= total && open; n++) {
      res.write(`id: ${n}\nevent: tick\ndata: tick ${n}${n === 7 ? " <img src=x onerror=window.__pwned=5>" : ""}\n\n`);
      await sleep(gapMs);
    }
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/events`,
    state,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * A small WebSocket echo server (RFC 6455, text frames only): greets each client with
 * "hello", then echoes every text message it receives. With `authorize`, an upgrade whose
 * `Authorization` header it does not resolve to true is answered 401.
 */
export async function startWsServer({ authorize } = {}) {
  const { createHash } = await import("node:crypto");
  const state = { received: [] };
  const frame = (text) => {
    const payload = Buffer.from(text);
    const head = payload.length < 126 ? Buffer.from([0x81, payload.length]) : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 255]);
    return Buffer.concat([head, payload]);
  };
  const server = createServer((_req, res) => res.writeHead(426).end());
  server.on("upgrade", async (req, socket) => {
    if (authorize && !(await authorize(req.headers.authorization))) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    const accept = createHash("sha1").update(`${req.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.write(frame("hello"));
    let buf = Buffer.alloc(0);
    socket.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2) {
        const op = buf[0] & 15;
        let len = buf[1] & 127;
        let at = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          at = 4;
        } else if (len === 127) {
          socket.destroy();
          return;
        }
        if (buf.length < at + 4 + len) return;
        const mask = buf.subarray(at, at + 4);
        const data = Buffer.from(buf.subarray(at + 4, at + 4 + len).map((b, i) => b ^ mask[i % 4]));
        buf = buf.subarray(at + 4 + len);
        if (op === 1) {
          state.received.push(data.toString());
          socket.write(frame(`echo: ${data}`));
        } else if (op === 9) socket.write(Buffer.concat([Buffer.from([0x8a, data.length]), data]));
        else if (op === 8) socket.end(Buffer.from([0x88, 0]));
      }
    });
    socket.on("error", () => undefined);
  });
  const port = await listen(server);
  return {
    url: `ws://127.0.0.1:${port}/socket`,
    state,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * An SSE server that drops clients which do not answer its pings: `POST /events` (the body
 * must be `expectBody`, anything else is a 400) sends `tick n` (id n) every `gapMs`, resuming
 * after `Last-Event-ID`, and every `pingEveryMs` an `event: ping` whose data is a fresh
 * token. A client that has not sent `POST /pong?token=<token>` within `graceMs` is cut off.
 */
export async function startPingSseServer({ expectBody, total = 40, gapMs = 50, pingEveryMs = 300, graceMs = 400 } = {}) {
  const state = { connections: 0, dropped: 0, pongs: 0, rejected: 0, lastEventIds: [] };
  const waiting = new Map();
  let tokens = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", async () => {
      const url = new URL(req.url, "http://127.0.0.1");
      if (url.pathname === "/pong" && req.method === "POST") {
        const token = url.searchParams.get("token");
        if (waiting.has(token)) {
          clearTimeout(waiting.get(token));
          waiting.delete(token);
          state.pongs++;
        }
        res.writeHead(204).end();
        return;
      }
      if (url.pathname !== "/events") return res.writeHead(404).end();
      if (req.method !== "POST" || body !== expectBody) {
        state.rejected++;
        return res.writeHead(400, { "content-type": "text/plain" }).end("POST the expected body");
      }
      state.connections++;
      state.lastEventIds.push(req.headers["last-event-id"] ?? null);
      let open = true;
      const timers = new Set();
      res.on("close", () => {
        open = false;
        for (const t of timers) clearTimeout(t);
      });
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const ping = setInterval(() => {
        if (!open) return clearInterval(ping);
        const token = `t${++tokens}`;
        const cut = setTimeout(() => {
          waiting.delete(token);
          state.dropped++;
          res.destroy();
        }, graceMs);
        timers.add(cut);
        waiting.set(token, cut);
        res.write(`event: ping\ndata: ${token}\n\n`);
      }, pingEveryMs);
      timers.add(ping);
      for (let n = Number(req.headers["last-event-id"] ?? 0) + 1; n <= total && open; n++) {
        res.write(`id: ${n}\nevent: tick\ndata: tick ${n}\n\n`);
        await sleep(gapMs);
      }
    });
  });
  const port = await listen(server);
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/events`,
    pongUrl: `${base}/pong?token={data}`,
    state,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
