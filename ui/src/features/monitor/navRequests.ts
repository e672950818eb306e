import type { NavRequest } from "../../bindings/wire";
import { navigateTo } from "../../app/navigation";
import { monitor } from "./monitorClient";

/**
 * Requests from the core to open a view (a clicked notification or tray alert). The shell
 * subscribes once at start-up; the Health view reads the consumer to focus from here, since
 * it may not be loaded when the request arrives.
 */
type Listener = (req: NavRequest) => void;
const listeners = new Set<Listener>();
let pending: NavRequest | null = null;

export function deliverNav(req: NavRequest): void {
  pending = req;
  navigateTo(req.section);
  for (const l of listeners) l(req);
}

/** The request not yet taken by a view, if any (taking it clears it). */
export function takePendingNav(section: string): NavRequest | null {
  if (!pending || pending.section !== section) return null;
  const req = pending;
  pending = null;
  return req;
}

export function onNav(l: Listener): () => void {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

/** Starts the subscription; returns a function that closes it. */
export function listenForNav(): () => void {
  const sub = monitor.subscribeNav((f) => {
    const last = f.entries[f.entries.length - 1];
    if (last) deliverNav(last);
  });
  sub.catch((err: unknown) => console.warn("navigation requests unavailable", err));
  return () => {
    void sub.then((s) => s.close()).catch(() => undefined);
  };
}
