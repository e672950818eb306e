import { useEffect, useState } from "react";
import type { IpcError, NatsObjectContent, NatsObjectView } from "../../../bindings/wire";
import { formatBytes } from "../../../format/units";
import { toIpcError } from "../../../ipc/errors";
import { natsData } from "../dataClient";
import { chosenOrFirst, useAction } from "../useAction";
import { PayloadView } from "../PayloadView";
import { baseName, canShowInline, downloadPath, pathProblem } from "./objectPaths";

const invalid = (message: string): IpcError => ({ code: "invalid_input", message });

/** Object store browser: objects with sizes and metadata; show, download, upload, delete. */
export function ObjectBrowser({ profileId, stores }: { profileId: string; stores: string[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const store = chosenOrFirst(chosen, stores);
  if (stores.length === 0) return <p className="muted">No object stores on this connection yet.</p>;
  // Keyed by store: switching stores starts from a clean state.
  return <ObjectStoreView key={store} profileId={profileId} store={store} stores={stores} onStore={setChosen} />;
}

interface StoreProps {
  profileId: string;
  store: string;
  stores: string[];
  onStore: (s: string) => void;
}

function ObjectStoreView({ profileId, store, stores, onStore }: StoreProps) {
  const [objects, setObjects] = useState<NatsObjectView[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [content, setContent] = useState<NatsObjectContent | null>(null);
  const [target, setTarget] = useState("/tmp");
  const [upPath, setUpPath] = useState("");
  const [upName, setUpName] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { busy, note, error, setError, run } = useAction();

  // Bumped to list again (after an upload or delete, or on Refresh).
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);

  useEffect(() => {
    let live = true;
    natsData.objectList(profileId, store).then(
      (list) => live && setObjects(list),
      (err: unknown) => live && setError(toIpcError(err)),
    );
    return () => {
      live = false;
    };
  }, [profileId, store, version, setError]);

  const current = objects?.find((o) => o.name === selected);

  return (
    <div className="nats-data" data-testid="nats-objects">
      <div className="row">
        <label className="num-field">
          Store
          <select data-testid="nats-obj-store" value={store} onChange={(e) => onStore(e.target.value)}>
            {stores.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <button type="button" className="button button-quiet" onClick={refresh}>
          Refresh
        </button>
        <span className="muted" role="status">
          {objects === null ? "Loading…" : `${objects.length} objects`}
        </span>
      </div>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="nats-obj-error">
          {error.message}
        </p>
      )}
      {note && <p className="muted" data-testid="nats-obj-note">{note}</p>}
      <table className="nats-grid" data-testid="nats-obj-list" aria-label="Objects">
        <thead>
          <tr>
            <th>Name</th>
            <th className="nats-num">Size</th>
            <th className="nats-num">Chunks</th>
            <th>Modified</th>
            <th>Metadata</th>
          </tr>
        </thead>
        <tbody>
          {objects?.map((o) => (
            <tr key={o.name} aria-selected={o.name === selected}>
              <td>
                <button
                  type="button"
                  className="nats-link"
                  onClick={() => {
                    setSelected(o.name);
                    setContent(null);
                    setConfirmDelete(false);
                  }}
                >
                  {o.name}
                </button>
              </td>
              <td className="nats-num">{formatBytes(o.size)}</td>
              <td className="nats-num">{o.chunks}</td>
              <td>{o.modifiedMs ? new Date(o.modifiedMs).toLocaleString() : "—"}</td>
              <td className="muted">
                {[...Object.entries(o.metadata), ...o.headers.map((h) => [h.name, h.value] as const)]
                  .map(([k, v]) => `${k}=${v}`)
                  .join(", ")}
              </td>
            </tr>
          ))}
          {objects?.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                Empty store
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {current && (
        <div className="nats-detail" data-testid="nats-obj-detail">
          <div className="nats-msg-head">
            <span className="nats-subject">{current.name}</span>
            <span className="muted">
              {formatBytes(current.size)} · {current.digest ?? "no digest"}
              {current.description ? ` · ${current.description}` : ""}
            </span>
          </div>
          <div className="row">
            <button
              type="button"
              className="button button-quiet"
              data-testid="nats-obj-show"
              disabled={busy || !canShowInline(current.size)}
              title={canShowInline(current.size) ? "" : "Too large to show inline; download it"}
              onClick={() =>
                void run(async () => {
                  setContent(await natsData.objectRead(profileId, store, current.name));
                  return "";
                })
              }
            >
              Show inline
            </button>
            <label className="num-field grow-field">
              Download to folder
              <input data-testid="nats-obj-target" value={target} onChange={(e) => setTarget(e.target.value)} />
            </label>
            <button
              type="button"
              className="button button-quiet"
              data-testid="nats-obj-download"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  const path = downloadPath(target, current.name);
                  const problem = pathProblem(path);
                  if (problem) throw invalid(problem);
                  const t = await natsData.objectDownload(profileId, store, current.name, path);
                  return `Saved ${formatBytes(t.bytes)} to ${t.path}`;
                })
              }
            >
              Download
            </button>
            <button
              type="button"
              className={confirmDelete ? "button button-stop" : "button button-quiet"}
              disabled={busy}
              onClick={() => {
                if (!confirmDelete) return setConfirmDelete(true);
                setConfirmDelete(false);
                void run(async () => {
                  await natsData.objectDelete(profileId, store, current.name);
                  setSelected(null);
                  refresh();
                  return `Deleted ${current.name}`;
                });
              }}
            >
              {confirmDelete ? "Confirm delete" : "Delete"}
            </button>
          </div>
          {content && content.name === current.name && <PayloadView payloadB64={content.payloadB64} testId="nats-obj-content" />}
        </div>
      )}
      <form
        className="row"
        aria-label="Upload a file"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const problem = pathProblem(upPath);
            if (problem) throw invalid(problem);
            const name = upName.trim() || baseName(upPath);
            const t = await natsData.objectUpload(profileId, store, name, upPath.trim());
            refresh();
            setSelected(name);
            return `Uploaded ${t.name} (${formatBytes(t.bytes)})`;
          });
        }}
      >
        <label className="num-field grow-field">
          Upload file (absolute path)
          <input data-testid="nats-obj-upload-path" value={upPath} onChange={(e) => setUpPath(e.target.value)} />
        </label>
        <label className="num-field">
          As name
          <input value={upName} placeholder={baseName(upPath) || "file name"} onChange={(e) => setUpName(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy}>
          Upload
        </button>
      </form>
    </div>
  );
}
