import type { NatsKvEntryView, NatsKvWatchEntry } from "../../../bindings/wire";

/** A watched bucket as the view holds it: the latest entry per key, and why the watch ended. */
export interface KvState {
  entries: Map<string, NatsKvEntryView>;
  gone: string | null;
}

export const emptyKv = (): KvState => ({ entries: new Map(), gone: null });

/** Applies one frame; an older revision never replaces a newer one (frames can be replayed). */
export function applyKv(prev: KvState, items: readonly NatsKvWatchEntry[]): KvState {
  const next: KvState = { entries: new Map(prev.entries), gone: prev.gone };
  for (const item of items) {
    if (item.kind === "bucketGone") {
      next.gone = item.reason;
      continue;
    }
    const old = next.entries.get(item.key);
    if (!old || old.revision < item.revision) next.entries.set(item.key, item);
  }
  return next;
}

/** Most keys rendered at once; the filter narrows the rest. */
export const MAX_SHOWN_KEYS = 500;

/**
 * Keys matching `filter`, sorted. A filter with `*` or `>` matches like a NATS subject
 * (`*` one token, `>` the rest); otherwise it is a case-insensitive substring.
 */
export function filterKeys(keys: Iterable<string>, filter: string): string[] {
  const f = filter.trim();
  const all = [...keys].sort();
  if (!f) return all;
  if (/[*>]/.test(f)) return all.filter((k) => subjectMatch(f, k));
  const needle = f.toLowerCase();
  return all.filter((k) => k.toLowerCase().includes(needle));
}

function subjectMatch(filter: string, key: string): boolean {
  const ft = filter.split(".");
  const kt = key.split(".");
  for (let i = 0; i < ft.length; i++) {
    if (ft[i] === ">") return kt.length > i;
    if (i >= kt.length) return false;
    if (ft[i] !== "*" && ft[i] !== kt[i]) return false;
  }
  return ft.length === kt.length;
}

/** Same rule as the core: letters, digits and `-/_=.`, no empty parts between dots. */
export function keyProblem(key: string): string | null {
  if (!key) return "Enter a key";
  if (!/^[-/_=.a-zA-Z0-9]+$/.test(key)) return "Keys may use letters, digits and - / _ = . only";
  if (key.split(".").some((t) => t === "")) return "Keys may not start or end with a dot or have two dots in a row";
  return null;
}
