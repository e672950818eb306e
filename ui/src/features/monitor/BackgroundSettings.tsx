import { useEffect, useState } from "react";
import type { BackgroundPrefs, IpcError, MonitorPrefs } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import { monitor } from "./monitorClient";
import { parseThreshold, THRESHOLD_FIELDS, withThreshold } from "./prefsForm";
import "./prefs.css";

/** Settings → background monitoring and NATS health thresholds (kept by the core). */
export function BackgroundSettings() {
  const [prefs, setPrefs] = useState<BackgroundPrefs | null>(null);
  const [drafts, setDrafts] = useState<Partial<Record<keyof MonitorPrefs, string>>>({});
  const [error, setError] = useState<IpcError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    monitor.prefs().then(setPrefs, (err: unknown) => setError(toIpcError(err)));
  }, []);

  const save = (next: BackgroundPrefs) => {
    setPrefs(next);
    setSaved(false);
    monitor.setPrefs(next).then(
      () => setSaved(true),
      (err: unknown) => setError(toIpcError(err)),
    );
  };

  if (!prefs) return error ? <p className="notice notice-error">{error.message}</p> : null;

  const invalid = THRESHOLD_FIELDS.filter((f) => {
    const d = drafts[f.key];
    return d !== undefined && parseThreshold(d, f.min) === null;
  });

  const applyThresholds = () => {
    let next = prefs;
    for (const f of THRESHOLD_FIELDS) {
      const d = drafts[f.key];
      const n = d === undefined ? null : parseThreshold(d, f.min);
      if (n !== null) next = withThreshold(next, f.key, n);
    }
    setDrafts({});
    save(next);
  };

  return (
    <>
      <fieldset className="field" data-testid="background-settings">
        <legend>Background monitoring</legend>
        <label className="radio">
          <input type="checkbox" data-testid="background-close-to-tray" checked={prefs.closeToTray} onChange={(e) => save({ ...prefs, closeToTray: e.target.checked })} />
          Closing the window keeps Sluice running in the tray
        </label>
        <label className="radio">
          <input type="checkbox" checked={prefs.notify} onChange={(e) => save({ ...prefs, notify: e.target.checked })} />
          Notify me when a consumer gets stuck
        </label>
        <label className="radio">
          At most
          <select
            value={prefs.maxNotificationsPerMinute}
            onChange={(e) => save({ ...prefs, maxNotificationsPerMinute: Number(e.target.value) })}
          >
            {[1, 2, 3, 5, 10].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          notifications a minute (more are summarised)
        </label>
      </fieldset>
      <fieldset className="field threshold-fields" data-testid="threshold-settings">
        <legend>NATS health thresholds (consumer metadata io.nats.monitor.* overrides them)</legend>
        <form
          className="threshold-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (invalid.length === 0) applyThresholds();
          }}
        >
          {THRESHOLD_FIELDS.map((f) => {
            const bad = invalid.includes(f);
            return (
              <label key={f.key} className="threshold-row">
                <span>{f.label}</span>
                <input
                  name={f.key}
                  inputMode="numeric"
                  aria-invalid={bad || undefined}
                  value={drafts[f.key] ?? String(prefs.thresholds[f.key])}
                  onChange={(e) => setDrafts((d) => ({ ...d, [f.key]: e.target.value }))}
                />
                <span className="muted">{bad ? `a whole number ≥ ${f.min}` : f.unit}</span>
              </label>
            );
          })}
          <button type="submit" disabled={invalid.length > 0 || Object.keys(drafts).length === 0}>
            Apply thresholds
          </button>
          {saved && <span role="status" className="muted"> Saved.</span>}
        </form>
      </fieldset>
      {error && <p className="notice notice-error">{error.message}</p>}
    </>
  );
}
