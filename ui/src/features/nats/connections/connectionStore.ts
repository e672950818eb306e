import { useSyncExternalStore } from "react";
import type { IpcError, NatsConnState, NatsProfileView } from "../../../bindings/wire";
import { toIpcError } from "../../../ipc/errors";
import type { Subscription } from "../../../ipc/subscribe";
import { nats } from "../natsClient";
import { profilesApi } from "./profilesClient";

/**
 * The active NATS connection, kept outside React so the status bar shows it whichever
 * section is open, and so leaving the NATS section does not drop it.
 */
export interface ActiveConnection {
  profile: NatsProfileView | null;
  /** Name of the profile a connect call is in flight for. */
  pendingName: string | null;
  state: NatsConnState | null;
  error: IpcError | null;
}

let current: ActiveConnection = { profile: null, pendingName: null, state: null, error: null };
const listeners = new Set<() => void>();
let stateSub: Promise<Subscription> | null = null;
/** Bumped per connect so a slow older call cannot overwrite a newer choice. */
let attempt = 0;

function set(next: Partial<ActiveConnection>) {
  current = { ...current, ...next };
  for (const l of listeners) l();
}

function follow(profile: NatsProfileView) {
  const old = stateSub;
  stateSub = null;
  void old?.then((s) => s.close()).catch(() => undefined);
  const sub = nats.subscribeState(profile.id, (f) => {
    const last = f.entries[f.entries.length - 1];
    if (last && current.profile?.id === last.profileId) set({ state: last });
  });
  sub.catch((err: unknown) => set({ error: toIpcError(err) }));
  stateSub = sub;
}

async function open(name: string, opener: () => Promise<NatsProfileView>): Promise<boolean> {
  const mine = ++attempt;
  set({ pendingName: name, error: null });
  try {
    const profile = await opener();
    if (mine !== attempt) return false;
    set({ profile, pendingName: null, state: null, error: null });
    follow(profile);
    return true;
  } catch (err) {
    if (mine === attempt) set({ pendingName: null, error: toIpcError(err) });
    return false;
  }
}

export const connections = {
  get: () => current,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Connects to a saved profile or context and makes it the active one. */
  connect: (profile: NatsProfileView) =>
    open(profile.name, () => (profile.source === "sandbox" ? nats.startSandbox() : profilesApi.connect(profile.id))),
  /** The sandbox, the default when nothing else is chosen. */
  sandbox: () => open("Sandbox", () => nats.startSandbox()),
  /** Closes the active connection; its state turns `closed` and stays shown. */
  async disconnect() {
    const p = current.profile;
    if (!p || p.source === "sandbox") return;
    try {
      await profilesApi.disconnect(p.id);
    } catch (err) {
      set({ error: toIpcError(err) });
    }
  },
};

export function useConnection(): ActiveConnection {
  return useSyncExternalStore(connections.subscribe, connections.get);
}
