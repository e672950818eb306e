import { useEffect, useMemo, useState } from "react";
import type { IpcError, NatsKvEntryView } from "../../../bindings/wire";
import { toIpcError } from "../../../ipc/errors";
import type { Subscription } from "../../../ipc/subscribe";
import { natsData } from "../dataClient";
import { chosenOrFirst, useAction } from "../useAction";
import { textToB64 } from "../natsClient";
import { PayloadView } from "../PayloadView";
import { applyKv, emptyKv, filterKeys, keyProblem, MAX_SHOWN_KEYS } from "./kvStore";

/** KV browser: a live watch of one bucket, key filter, value, history, put and delete. */
export function KvBrowser({ profileId, buckets }: { profileId: string; buckets: string[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const bucket = chosenOrFirst(chosen, buckets);
  if (buckets.length === 0) return <p className="muted">No KV buckets on this connection yet.</p>;
  // Keyed by bucket: switching buckets starts from a clean state and a new watch.
  return <KvBucket key={bucket} profileId={profileId} bucket={bucket} buckets={buckets} onBucket={setChosen} />;
}

interface BucketProps {
  profileId: string;
  bucket: string;
  buckets: string[];
  onBucket: (b: string) => void;
}

function KvBucket({ profileId, bucket, buckets, onBucket }: BucketProps) {
  const [kv, setKv] = useState(emptyKv);
  const [watching, setWatching] = useState(false);
  const [filter, setFilter] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [history, setHistory] = useState<NatsKvEntryView[] | null>(null);
  const [putKey, setPutKey] = useState("");
  const [putValue, setPutValue] = useState("");
  const { busy, note, error, setError, run } = useAction();

  useEffect(() => {
    const sub: Promise<Subscription> = natsData.kvWatch(profileId, bucket, (f) => setKv((s) => applyKv(s, f.entries)));
    sub.then(
      () => setWatching(true),
      (err: unknown) => setError(toIpcError(err)),
    );
    return () => void sub.then((s) => s.close()).catch(() => undefined);
  }, [profileId, bucket, setError]);

  const keys = useMemo(() => filterKeys(kv.entries.keys(), filter), [kv, filter]);
  const current = selected ? kv.entries.get(selected) : undefined;

  const put = () =>
    run(async () => {
      const problem = keyProblem(putKey);
      if (problem) throw { code: "invalid_input", message: problem } satisfies IpcError;
      const rev = await natsData.kvPut(profileId, bucket, putKey, textToB64(putValue));
      setSelected(putKey);
      return `Stored ${putKey} at revision ${rev}`;
    });
  const del = (key: string) =>
    run(async () => `Deleted ${key} (revision ${await natsData.kvDelete(profileId, bucket, key)})`);
  const loadHistory = (key: string) =>
    run(async () => {
      setHistory(await natsData.kvHistory(profileId, bucket, key));
      return "";
    });

  return (
    <div className="nats-data" data-testid="nats-kv">
      <div className="row">
        <label className="num-field">
          Bucket
          <select data-testid="nats-kv-bucket" value={bucket} onChange={(e) => onBucket(e.target.value)}>
            {buckets.map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
        </label>
        <label className="num-field grow-field">
          Filter keys
          <input data-testid="nats-kv-filter" value={filter} placeholder="text or a.*.pattern" onChange={(e) => setFilter(e.target.value)} />
        </label>
        <span className="muted" role="status" data-testid="nats-kv-status">
          {kv.gone ? "Watch ended" : watching ? `Live · ${kv.entries.size} keys` : "Loading…"}
        </span>
      </div>
      {kv.gone && <p className="notice notice-error">{kv.gone}</p>}
      {error && (
        <p className="notice notice-error" role="alert" data-testid="nats-kv-error">
          {error.message}
        </p>
      )}
      {note && <p className="muted" data-testid="nats-kv-note">{note}</p>}
      <div className="nats-split">
        <ul className="nats-list" data-testid="nats-kv-keys" aria-label="Keys">
          {keys.slice(0, MAX_SHOWN_KEYS).map((k) => {
            const e = kv.entries.get(k);
            return (
              <li key={k}>
                <button
                  type="button"
                  className="nats-list-item"
                  aria-pressed={k === selected}
                  data-key={k}
                  onClick={() => {
                    setSelected(k);
                    setHistory(null);
                  }}
                >
                  <span className={e?.operation === "put" ? "" : "nats-deleted"}>{k}</span>
                  <span className="muted">r{e?.revision}</span>
                </button>
              </li>
            );
          })}
          {keys.length > MAX_SHOWN_KEYS && <li className="muted">{keys.length - MAX_SHOWN_KEYS} more; narrow the filter</li>}
          {keys.length === 0 && <li className="muted">{watching ? "No keys match" : "…"}</li>}
        </ul>
        <div className="nats-detail" data-testid="nats-kv-detail">
          {current ? (
            <>
              <div className="nats-msg-head">
                <span className="nats-subject">{current.key}</span>
                <span className="muted">
                  revision {current.revision} · {current.operation} · {current.size} B · {new Date(current.createdMs).toLocaleString()}
                </span>
              </div>
              <PayloadView payloadB64={current.valueB64} testId="nats-kv-value" />
              <div className="row">
                <button type="button" className="button button-quiet" disabled={busy} onClick={() => void loadHistory(current.key)}>
                  History
                </button>
                <button type="button" className="button button-quiet" disabled={busy} onClick={() => setPutKey(current.key)}>
                  Edit
                </button>
                <button type="button" className="button button-quiet" disabled={busy || current.operation !== "put"} onClick={() => void del(current.key)}>
                  Delete
                </button>
              </div>
              {history && (
                <ol className="nats-tail-log" aria-label="History" data-testid="nats-kv-history">
                  {history.map((h) => (
                    <li key={h.revision} className="nats-msg">
                      <div className="nats-msg-head">
                        <span>r{h.revision}</span>
                        <span className="muted">
                          {h.operation} · {new Date(h.createdMs).toLocaleString()}
                        </span>
                      </div>
                      <PayloadView payloadB64={h.valueB64} compact />
                    </li>
                  ))}
                </ol>
              )}
            </>
          ) : (
            <p className="muted">Select a key to see its value.</p>
          )}
        </div>
      </div>
      <form
        className="row"
        aria-label="Put a key"
        onSubmit={(e) => {
          e.preventDefault();
          void put();
        }}
      >
        <label className="num-field">
          Key
          <input data-testid="nats-kv-put-key" value={putKey} onChange={(e) => setPutKey(e.target.value)} />
        </label>
        <label className="num-field grow-field">
          Value
          <input data-testid="nats-kv-put-value" value={putValue} onChange={(e) => setPutValue(e.target.value)} />
        </label>
        <button type="submit" className="button" data-testid="nats-kv-put" disabled={busy || !bucket}>
          Put
        </button>
      </form>
    </div>
  );
}
