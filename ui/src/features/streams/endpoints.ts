import { restoreOptions, type StreamOptions } from "./streamOptions";
import type { StreamKind } from "./tailLog";

/** A saved endpoint: what the form needs to connect again. */
export interface Endpoint {
  name: string;
  kind: StreamKind;
  url: string;
  headers: string;
  /** Method, body, retry policy, keepalive rule, subprotocols, pings. */
  options: StreamOptions;
}

const KEY = "sluice.streams.endpoints";

/** Reads saved endpoints, skipping anything malformed (an older or hand-edited entry). */
export function parseEndpoints(raw: string | null): Endpoint[] {
  if (!raw) return [];
  try {
    const data: unknown = JSON.parse(raw);
    if (!Array.isArray(data)) return [];
    return data
      .filter(
        (e): e is Omit<Endpoint, "options"> & { options?: unknown } =>
          typeof e === "object" &&
          e !== null &&
          typeof (e as Endpoint).name === "string" &&
          ((e as Endpoint).kind === "sse" || (e as Endpoint).kind === "ws") &&
          typeof (e as Endpoint).url === "string" &&
          typeof (e as Endpoint).headers === "string",
      )
      // Entries saved before options existed get the defaults.
      .map((e) => ({ name: e.name, kind: e.kind, url: e.url, headers: e.headers, options: restoreOptions(e.options) }));
  } catch {
    return [];
  }
}

/** Adds or replaces (by name) an endpoint. */
export function upsert(list: Endpoint[], e: Endpoint): Endpoint[] {
  return [...list.filter((x) => x.name !== e.name), e].sort((a, b) => a.name.localeCompare(b.name));
}

export function loadEndpoints(): Endpoint[] {
  return parseEndpoints(localStorage.getItem(KEY));
}

export function storeEndpoints(list: Endpoint[]): void {
  localStorage.setItem(KEY, JSON.stringify(list));
}
