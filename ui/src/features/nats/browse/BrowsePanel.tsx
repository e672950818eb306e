import { useState } from "react";
import type { IpcError, NatsBrowsePage, NatsStreamView } from "../../../bindings/wire";
import { toIpcError } from "../../../ipc/errors";
import { natsData } from "../dataClient";
import { PAYLOAD_MODES, renderPayload, type PayloadMode } from "../payload";
import { firstRequest, nextPage, prevPage, type BrowseForm, type PageStack } from "./paging";

/**
 * Browse a stream by sequence or time, a page at a time. Reads are direct gets in the core,
 * so work-queue and interest streams are shown as they are and nothing is consumed.
 */
export function BrowsePanel({ profileId, streams }: { profileId: string; streams: NatsStreamView[] }) {
  const [form, setForm] = useState<BrowseForm>({ stream: "", mode: "seq", start: "", subject: "", limit: 25 });
  const [stack, setStack] = useState<PageStack>([]);
  const [page, setPage] = useState<NatsBrowsePage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [mode, setMode] = useState<PayloadMode>("text");
  const stream = form.stream || streams[0]?.name || "";
  const info = streams.find((s) => s.name === stream);
  const set = (patch: Partial<BrowseForm>) => setForm((f) => ({ ...f, ...patch }));

  const load = async (next: PageStack) => {
    const req = next[next.length - 1];
    if (!req) return;
    setLoading(true);
    setError(null);
    try {
      setPage(await natsData.browse(profileId, req));
      setStack(next);
    } catch (err) {
      setError(toIpcError(err));
    } finally {
      setLoading(false);
    }
  };
  const start = () => {
    const req = firstRequest({ ...form, stream });
    if (typeof req === "string") return setError({ code: "invalid_input", message: req });
    void load([req]);
  };

  return (
    <div className="nats-data" data-testid="nats-browse">
      <form
        className="row"
        aria-label="Browse a stream"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <label className="num-field">
          Stream
          <select data-testid="nats-browse-stream" value={stream} onChange={(e) => set({ stream: e.target.value })}>
            {streams.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} ({s.retention})
              </option>
            ))}
          </select>
        </label>
        <label className="num-field">
          Start at
          <select value={form.mode} onChange={(e) => set({ mode: e.target.value as BrowseForm["mode"], start: "" })}>
            <option value="seq">sequence</option>
            <option value="time">time</option>
          </select>
        </label>
        <label className="num-field">
          {form.mode === "seq" ? "Sequence" : "Time"}
          <input
            data-testid="nats-browse-start"
            type={form.mode === "seq" ? "text" : "datetime-local"}
            inputMode={form.mode === "seq" ? "numeric" : undefined}
            step={form.mode === "time" ? 1 : undefined}
            placeholder={form.mode === "seq" ? `first (${info?.firstSeq ?? 1})` : ""}
            value={form.start}
            onChange={(e) => set({ start: e.target.value })}
          />
        </label>
        <label className="num-field grow-field">
          Subject filter
          <input value={form.subject} placeholder="all subjects" onChange={(e) => set({ subject: e.target.value })} />
        </label>
        <label className="num-field">
          Page size
          <input type="number" min={1} max={500} value={form.limit} onChange={(e) => set({ limit: Number(e.target.value) })} />
        </label>
        <button type="submit" className="button" data-testid="nats-browse-go" disabled={loading || !stream}>
          Browse
        </button>
      </form>
      {info && (
        <p className="muted">
          {info.retention} stream · {info.messages} messages · sequences {info.firstSeq}–{info.lastSeq} · read without a consumer
        </p>
      )}
      {error && (
        <p className="notice notice-error" role="alert" data-testid="nats-browse-error">
          {error.message}
        </p>
      )}
      {page && (
        <>
          <div className="row" role="navigation" aria-label="Pages">
            <button type="button" className="button button-quiet" data-testid="nats-browse-back" disabled={loading || stack.length < 2} onClick={() => void load(prevPage(stack))}>
              ← Back
            </button>
            <span className="muted" role="status" data-testid="nats-browse-status">
              {loading
                ? "Loading…"
                : page.messages.length === 0
                  ? "No messages here"
                  : `Page ${stack.length}: sequences ${page.messages[0]?.seq}–${page.messages[page.messages.length - 1]?.seq} of ${page.firstSeq}–${page.lastSeq}`}
            </span>
            <button
              type="button"
              className="button button-quiet"
              data-testid="nats-browse-next"
              disabled={loading || page.nextSeq === null}
              onClick={() => void load(nextPage(stack, page.nextSeq))}
            >
              Next →
            </button>
            <label className="num-field">
              Payload as
              <select value={mode} onChange={(e) => setMode(e.target.value as PayloadMode)}>
                {PAYLOAD_MODES.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </label>
          </div>
          <ol className="nats-tail-log nats-browse-log" data-testid="nats-browse-log" aria-label="Stored messages">
            {page.messages.map((m) => (
              <li key={m.seq} className="nats-msg" data-seq={m.seq}>
                <div className="nats-msg-head">
                  <span>#{m.seq}</span>
                  <span className="nats-subject">{m.subject}</span>
                  <span className="muted">
                    {m.size} B · {new Date(m.timeMs).toLocaleString()}
                  </span>
                </div>
                {m.headers.length > 0 && <div className="nats-headers">{m.headers.map((h) => `${h.name}: ${h.value}`).join("\n")}</div>}
                <pre className="nats-payload">{renderPayload(m.payloadB64, mode)}</pre>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
