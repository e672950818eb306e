import type { Header, IpcError, SseEvent, WsEvent } from "../../bindings/wire";

export type StreamKind = "sse" | "ws";

/** One rendered line of a tail: payloads are kept as text, never interpreted. */
export interface LogLine {
  n: number;
  kind: "data" | "status" | "error" | "sent";
  label: string;
  text: string;
}

/** What the connection is doing, as the header of the view shows it. */
export type Connection =
  | { state: "idle" }
  | { state: "connecting" }
  | { state: "open"; reconnects: number }
  | { state: "reconnecting"; attempt: number; delayMs: number; reason: IpcError }
  | { state: "failed"; error: IpcError }
  | { state: "closed"; reason: string };

/** How many lines a view keeps; older ones go (the counters still count them). */
export const HISTORY = 2000;

/** Bounded history of a tail, plus the connection state the events imply. */
export class TailLog {
  private lines: LogLine[] = [];
  private next = 1;
  connection: Connection = { state: "connecting" };
  /** Reconnect attempts scheduled so far (all of them, not only the current streak). */
  retries = 0;
  /** Keepalive replies that went out fine / failed. */
  keepalives = { ok: 0, failed: 0 };

  constructor(private readonly cap = HISTORY) {}

  private push(kind: LogLine["kind"], label: string, text: string) {
    this.lines.push({ n: this.next++, kind, label, text });
    // Trim in chunks, so a full log does not copy the array on every line.
    if (this.lines.length > this.cap + this.cap / 4) this.lines = this.lines.slice(-this.cap);
  }

  addSse(ev: SseEvent) {
    switch (ev.kind) {
      case "open":
        this.connection = { state: "open", reconnects: ev.reconnects };
        this.push("status", "open", `HTTP ${ev.status}${ev.resumedFrom ? `, resumed after id ${ev.resumedFrom}` : ""}`);
        break;
      case "message":
        this.push("data", ev.message.event || "message", ev.message.id ? `[${ev.message.id}] ${ev.message.data}` : ev.message.data);
        break;
      case "reconnecting":
        this.reconnecting(ev.attempt, ev.delayMs, ev.reason);
        break;
      case "keepalive":
        if (ev.ok) this.keepalives.ok++;
        else this.keepalives.failed++;
        this.push(ev.ok ? "status" : "error", "keepalive", ev.ok ? `answered (${ev.status ?? ""})` : (ev.error ?? "failed"));
        break;
      case "failed":
        this.failed(ev.error);
        break;
    }
  }

  addWs(ev: WsEvent) {
    switch (ev.kind) {
      case "open":
        this.connection = { state: "open", reconnects: ev.reconnects };
        this.push("status", "open", ev.protocol ? `protocol ${ev.protocol}` : "connected");
        break;
      case "text":
        this.push("data", "text", ev.text);
        break;
      case "binary":
        this.push("data", "binary", `${ev.len} bytes: ${ev.base64.slice(0, 120)}${ev.base64.length > 120 ? "…" : ""}`);
        break;
      case "sent":
        this.push("sent", "sent", `${ev.len} bytes`);
        break;
      case "closed":
        this.connection = { state: "closed", reason: ev.reason };
        this.push("status", "closed", `${ev.code ?? ""} ${ev.reason}`.trim());
        break;
      case "reconnecting":
        this.reconnecting(ev.attempt, ev.delayMs, ev.reason);
        break;
      case "failed":
        this.failed(ev.error);
        break;
    }
  }

  private reconnecting(attempt: number, delayMs: number, reason: IpcError) {
    this.retries++;
    this.connection = { state: "reconnecting", attempt, delayMs, reason };
    this.push("error", "reconnecting", `attempt ${attempt} in ${delayMs} ms: ${reason.message}`);
  }

  private failed(error: IpcError) {
    this.connection = { state: "failed", error };
    this.push("error", "failed", error.message);
  }

  /** The last `limit` lines containing `filter` (case-insensitive), oldest first. */
  view(filter: string, limit: number): LogLine[] {
    const needle = filter.trim().toLowerCase();
    if (!needle) return this.lines.slice(-limit);
    const out: LogLine[] = [];
    for (let i = this.lines.length - 1; i >= 0 && out.length < limit; i--) {
      const l = this.lines[i];
      if (l && (l.text.toLowerCase().includes(needle) || l.label.toLowerCase().includes(needle))) out.push(l);
    }
    return out.reverse();
  }

  get size(): number {
    return Math.min(this.lines.length, this.cap);
  }
}

/** Events per second over the last couple of seconds, from the flow's running total. */
export class RateMeter {
  private samples: { t: number; total: number }[] = [];

  sample(total: number, now: number): void {
    this.samples.push({ t: now, total });
    while (this.samples.length > 2 && now - (this.samples[0]?.t ?? now) > 2000) this.samples.shift();
  }

  rate(now: number): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last) return 0;
    // No new sample for a while means nothing arrived: the rate falls to zero.
    const span = Math.max(now, last.t) - first.t;
    return span > 0 ? ((last.total - first.total) * 1000) / span : 0;
  }
}

/** `Name: value` per line → headers; lines without a colon are reported. */
export function parseHeaders(text: string): { headers: Header[]; bad: string[] } {
  const headers: Header[] = [];
  const bad: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(":");
    if (at <= 0) bad.push(line);
    else headers.push({ name: line.slice(0, at).trim(), value: line.slice(at + 1).trim() });
  }
  return { headers, bad };
}
