import { useEffect, useState } from "react";
import type { IpcError, MonitorLagSample } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import { monitor } from "./monitorClient";
import { applyMonitor, emptyMonitor, pushLag, type MonitorState } from "./monitorStore";

const EMPTY = emptyMonitor();
const NO_LAG = new Map<string, MonitorLagSample[]>();

/** Verdicts, summary and timeline of `profileId`, live. */
export function useMonitor(profileId: string | null): { state: MonitorState; error: IpcError | null } {
  // Tagged with the profile it belongs to, so a switch never shows the old one's state.
  const [held, setHeld] = useState<{ profileId: string | null; state: MonitorState }>({ profileId: null, state: EMPTY });
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => {
    if (!profileId) return;
    const sub = monitor.subscribe(profileId, (f) =>
      setHeld((h) => ({ profileId, state: applyMonitor(h.profileId === profileId ? h.state : emptyMonitor(), f.entries) })),
    );
    sub.catch((err: unknown) => setError(toIpcError(err)));
    return () => {
      void sub.then((s) => s.close()).catch(() => undefined);
    };
  }, [profileId]);
  return { state: held.profileId === profileId ? held.state : EMPTY, error };
}

/** Lag of `ids`: the kept history first, then live samples (one subscription). */
export function useLag(profileId: string | null, ids: readonly string[]): Map<string, MonitorLagSample[]> {
  const key = `${profileId ?? ""}\n${ids.join("\n")}`;
  const [held, setHeld] = useState<{ key: string; lag: Map<string, MonitorLagSample[]> }>({ key: "", lag: NO_LAG });
  useEffect(() => {
    const [profile = "", ...wanted] = key.split("\n");
    if (profile === "" || wanted.length === 0) return;
    const sub = monitor.subscribeLag(profile, wanted, (f) =>
      setHeld((h) => {
        const lag = new Map(h.key === key ? h.lag : NO_LAG);
        for (const e of f.entries) {
          if (e.type === "lag") lag.set(e.id, pushLag(lag.get(e.id) ?? [], e.sample));
        }
        return { key, lag };
      }),
    );
    sub.catch((err: unknown) => console.warn("lag unavailable", toIpcError(err)));
    return () => {
      void sub.then((s) => s.close()).catch(() => undefined);
    };
  }, [key]);
  return held.key === key ? held.lag : NO_LAG;
}
