import { useEffect, useState } from "react";
import type { IpcError } from "../../bindings/wire";
import { isDesktopShell, toIpcError } from "../../ipc/errors";
import { auth } from "./authClient";
import { applyAuthEvents, initialAuthModel, type AuthModel } from "./authModel";

/** The sign-in state and notices, streamed for as long as the caller is mounted. */
export function useAuth(): AuthModel & { error: IpcError | null } {
  const [model, setModel] = useState<AuthModel>(initialAuthModel);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    if (!isDesktopShell()) return;
    let cancelled = false;
    const pending = auth.subscribe((frame) => setModel((m) => applyAuthEvents(m, frame.entries)));
    pending.catch((err: unknown) => {
      if (!cancelled) setError(toIpcError(err));
    });
    return () => {
      cancelled = true;
      void pending.then((s) => s.close()).catch(() => undefined);
    };
  }, []);

  return { ...model, error };
}
