import { useEffect, useState } from "react";
import { isDesktopShell, toIpcError } from "../../ipc/errors";
import { autostart } from "./autostartClient";

/** Settings → Launch at login: off until the user turns it on. */
export function AutostartToggle() {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!isDesktopShell()) return;
    autostart
      .get()
      .then(setEnabled)
      .catch((err: unknown) => setError(toIpcError(err).message));
  }, []);

  return (
    <fieldset className="field">
      <legend>Startup</legend>
      <label className="radio">
        <input
          type="checkbox"
          data-testid="autostart-toggle"
          checked={enabled ?? false}
          disabled={enabled === null}
          onChange={(e) => {
            setError(null);
            autostart
              .set(e.target.checked)
              .then(setEnabled)
              .catch((err: unknown) => setError(toIpcError(err).message));
          }}
        />
        Launch Sluice when I log in
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
