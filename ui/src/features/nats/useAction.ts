import { useState } from "react";
import type { IpcError } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";

/**
 * One user action at a time: `busy` while it runs, its result sentence in `note`, or its
 * failure in `error` (typed, so views can branch on the code).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const run = async (what: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      setNote(await what());
    } catch (err) {
      setError(toIpcError(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, note, error, setError, run };
}

/** The chosen item while it still exists, else the first one. */
export const chosenOrFirst = (chosen: string | null, items: readonly string[]) =>
  chosen !== null && items.includes(chosen) ? chosen : (items[0] ?? "");
