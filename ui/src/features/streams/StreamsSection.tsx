import { useCallback, useEffect, useRef, useState } from "react";
import type { FlowStats, Frame, IpcError, SseEvent, SubId, WsEvent } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import type { Subscription } from "../../ipc/subscribe";
import { loadEndpoints, storeEndpoints, upsert, type Endpoint } from "./endpoints";
import { DEFAULT_OPTIONS, type StreamOptions } from "./streamOptions";
import { StreamOptionsForm } from "./StreamOptionsForm";
import { openStream, streams } from "./streamsClient";
import { RateMeter, TailLog, type Connection, type LogLine, type StreamKind } from "./tailLog";

/** Lines on screen at most; the log behind them keeps more, the counters count all. */
const VISIBLE = 500;

function describe(c: Connection): string {
  switch (c.state) {
    case "idle":
      return "Not connected";
    case "connecting":
      return "Connecting…";
    case "open":
      return c.reconnects ? `Open (reconnected ${c.reconnects}×)` : "Open";
    case "reconnecting":
      return `Reconnecting: attempt ${c.attempt} in ${c.delayMs} ms (${c.reason.message})`;
    case "failed":
      return `Failed: ${c.error.message}`;
    case "closed":
      return `Closed${c.reason ? `: ${c.reason}` : ""}`;
  }
}

/** A live tail of any SSE or WebSocket endpoint; the core owns the connection. */
export function StreamsSection() {
  const [kind, setKind] = useState<StreamKind>("sse");
  const [url, setUrl] = useState("");
  const [headers, setHeaders] = useState("");
  const [options, setOptions] = useState<StreamOptions>(DEFAULT_OPTIONS);
  const [counters, setCounters] = useState({ retries: 0, keepaliveOk: 0, keepaliveFailed: 0 });
  const [filter, setFilter] = useState("");
  const [paused, setPaused] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [sub, setSub] = useState<{ id: SubId; kind: StreamKind } | null>(null);
  const [connection, setConnection] = useState<Connection>({ state: "idle" });
  const [stats, setStats] = useState<FlowStats | null>(null);
  const [rate, setRate] = useState(0);
  const [lines, setLines] = useState<LogLine[]>([]);
  const [outgoing, setOutgoing] = useState("");
  const [saved, setSaved] = useState<Endpoint[]>(loadEndpoints);
  const log = useRef(new TailLog());
  const meter = useRef(new RateMeter());
  const subscription = useRef<Subscription | null>(null);
  const view = useRef({ filter, paused });

  const refresh = useCallback(() => {
    if (!view.current.paused) setLines(log.current.view(view.current.filter, VISIBLE));
  }, []);
  useEffect(() => {
    // Frames arrive in a callback that must see the current filter and pause state.
    view.current = { filter, paused };
    refresh();
  }, [filter, paused, refresh]);

  // The rate falls to zero when frames stop coming, so it is recomputed on a timer too.
  useEffect(() => {
    const timer = setInterval(() => setRate(meter.current.rate(performance.now())), 1000);
    return () => clearInterval(timer);
  }, []);

  const stop = useCallback(async () => {
    const s = subscription.current;
    subscription.current = null;
    setSub(null);
    setConnection((c) => (c.state === "failed" ? c : { state: "idle" }));
    if (s) await s.close().catch(() => undefined);
  }, []);
  useEffect(() => () => void subscription.current?.close().catch(() => undefined), []);

  const onFrame = useCallback(
    (frame: Frame<SseEvent | WsEvent>, k: StreamKind) => {
      for (const e of frame.entries) {
        if (k === "sse") log.current.addSse(e as SseEvent);
        else log.current.addWs(e as WsEvent);
      }
      const now = performance.now();
      meter.current.sample(frame.stats.received, now);
      setRate(meter.current.rate(now));
      setStats(frame.stats);
      setConnection(log.current.connection);
      const l = log.current;
      setCounters({ retries: l.retries, keepaliveOk: l.keepalives.ok, keepaliveFailed: l.keepalives.failed });
      refresh();
    },
    [refresh],
  );

  const start = async () => {
    await stop();
    setError(null);
    log.current = new TailLog();
    meter.current = new RateMeter();
    setStats(null);
    setCounters({ retries: 0, keepaliveOk: 0, keepaliveFailed: 0 });
    setLines([]);
    setConnection({ state: "connecting" });
    try {
      const s = await openStream(kind, url.trim(), headers, options, (f) => onFrame(f, kind));
      subscription.current = s;
      setSub({ id: s.id, kind });
    } catch (err) {
      setConnection({ state: "idle" });
      setError(toIpcError(err));
    }
  };

  const send = async () => {
    if (!sub || sub.kind !== "ws" || !outgoing) return;
    try {
      await streams.send(sub.id, outgoing);
      setOutgoing("");
    } catch (err) {
      setError(toIpcError(err));
    }
  };

  const save = () => {
    const name = url.trim();
    if (!name) return;
    const next = upsert(saved, { name, kind, url: name, headers, options });
    setSaved(next);
    storeEndpoints(next);
  };

  const remove = (name: string) => {
    const next = saved.filter((e) => e.name !== name);
    setSaved(next);
    storeEndpoints(next);
  };

  return (
    <section aria-labelledby="streams-title" className="section streams-section">
      <h1 id="streams-title">Streams</h1>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <label className="num-field">
          Kind
          <select value={kind} data-testid="streams-kind" onChange={(e) => setKind(e.target.value as StreamKind)}>
            <option value="sse">Server-Sent Events</option>
            <option value="ws">WebSocket</option>
          </select>
        </label>
        <label className="num-field grow-field">
          URL
          <input
            data-testid="streams-url"
            value={url}
            placeholder={kind === "sse" ? "https://host/events" : "wss://host/socket"}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <label className="num-field">
          Headers (Name: value per line)
          <textarea data-testid="streams-headers" rows={1} value={headers} onChange={(e) => setHeaders(e.target.value)} />
        </label>
        <button className="button" type="submit" data-testid="streams-connect">
          {sub ? "Reconnect" : "Connect"}
        </button>
        <button className="button button-quiet" type="button" disabled={!sub} data-testid="streams-disconnect" onClick={() => void stop()}>
          Disconnect
        </button>
        <button className="button button-quiet" type="button" data-testid="streams-save" onClick={save} disabled={!url.trim()}>
          Save endpoint
        </button>
      </form>
      <StreamOptionsForm kind={kind} value={options} onChange={setOptions} />
      {saved.length > 0 && (
        <ul className="endpoint-list" aria-label="Saved endpoints" data-testid="streams-saved">
          {saved.map((e) => (
            <li key={e.name}>
              <button
                type="button"
                className="chip"
                onClick={() => {
                  setKind(e.kind);
                  setUrl(e.url);
                  setHeaders(e.headers);
                  setOptions(e.options);
                }}
              >
                {e.kind.toUpperCase()} {e.name}
              </button>
              <button type="button" className="chip-x" aria-label={`Forget ${e.name}`} onClick={() => remove(e.name)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="notice notice-error" role="alert" data-testid="streams-error">
          {error.message}
        </p>
      )}
      <div className="stream-status" data-testid="streams-status" data-state={connection.state}>
        <span className="status-dot" data-status={connection.state === "open" ? "live" : connection.state === "failed" ? "error" : "stale"} />
        <span>{describe(connection)}</span>
        <span className="grow" />
        <span>
          retries <b data-testid="streams-retries">{counters.retries}</b>
        </span>
        {kind === "sse" && (counters.keepaliveOk > 0 || counters.keepaliveFailed > 0 || options.keepaliveOn) && (
          <span>
            keepalive <b data-testid="streams-keepalive-ok">{counters.keepaliveOk}</b> ok
            {counters.keepaliveFailed > 0 && (
              <>
                , <b data-testid="streams-keepalive-failed">{counters.keepaliveFailed}</b> failed
              </>
            )}
          </span>
        )}
        <span>
          received <b data-testid="streams-received">{stats?.received ?? 0}</b>
        </span>
        <span>
          rate <b data-testid="streams-rate">{rate.toFixed(0)}</b>/s
        </span>
        <span>
          dropped <b data-testid="streams-dropped">{stats?.dropped ?? 0}</b>
        </span>
        <span>
          frames <b>{stats?.frames ?? 0}</b>
        </span>
      </div>
      <div className="row">
        <label className="num-field grow-field">
          Filter
          <input data-testid="streams-filter" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="substring" />
        </label>
        <button className="button button-quiet" type="button" aria-pressed={paused} data-testid="streams-pause" onClick={() => setPaused((p) => !p)}>
          {paused ? "Resume" : "Pause"}
        </button>
        {sub?.kind === "ws" && (
          <form
            className="row ws-send"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <input data-testid="streams-send-text" value={outgoing} placeholder="message" onChange={(e) => setOutgoing(e.target.value)} />
            <button className="button" type="submit" data-testid="streams-send">
              Send
            </button>
          </form>
        )}
      </div>
      {paused && <p className="muted">Paused: counting continues, the log is frozen.</p>}
      <ol className="tail-log" data-testid="streams-log" aria-live="off">
        {lines.map((l) => (
          <li key={l.n} data-kind={l.kind}>
            <span className="tail-label">{l.label}</span>
            <span className="tail-text">{l.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
