import type { Header, HttpMethod, KeepaliveRule, RetrySettings, SseSettings, WsSettings } from "../../bindings/wire";
import { parseHeaders } from "./tailLog";

/**
 * The options form of a stream, as typed (numbers are strings until validated). Saved with
 * an endpoint, so every field has a default an older saved entry can fall back to.
 */
export interface StreamOptions {
  method: HttpMethod;
  body: string;
  /** Empty: retry forever. */
  maxRetries: string;
  initialDelayMs: string;
  maxDelayMs: string;
  retryHttpErrors: boolean;
  idleTimeoutS: string;
  keepaliveOn: boolean;
  keepaliveEvent: string;
  keepaliveUrl: string;
  keepaliveMethod: HttpMethod;
  keepaliveHeaders: string;
  keepaliveBody: string;
  /** Comma- or space-separated, in order of preference. */
  subprotocols: string;
  pingIntervalS: string;
  pongTimeoutS: string;
  /** Name of a vault secret sent as `Authorization: Bearer …`; empty: none. */
  authRef: string;
}

export const DEFAULT_OPTIONS: StreamOptions = {
  method: "GET",
  body: "",
  maxRetries: "10",
  initialDelayMs: "1000",
  maxDelayMs: "30000",
  retryHttpErrors: true,
  idleTimeoutS: "60",
  keepaliveOn: false,
  keepaliveEvent: "ping",
  keepaliveUrl: "",
  keepaliveMethod: "POST",
  keepaliveHeaders: "",
  keepaliveBody: "",
  subprotocols: "",
  pingIntervalS: "15",
  pongTimeoutS: "10",
  authRef: "",
};

/** Saved options merged over the defaults; fields of the wrong type are dropped. */
export function restoreOptions(raw: unknown): StreamOptions {
  const out = { ...DEFAULT_OPTIONS };
  if (typeof raw !== "object" || raw === null) return out;
  const src = raw as Record<string, unknown>;
  for (const key of Object.keys(out) as (keyof StreamOptions)[]) {
    const v = src[key];
    if (typeof v === typeof out[key]) (out as Record<string, unknown>)[key] = v;
  }
  if (out.method !== "GET" && out.method !== "POST") out.method = "GET";
  if (out.keepaliveMethod !== "GET" && out.keepaliveMethod !== "POST") out.keepaliveMethod = "POST";
  return out;
}

export type Built<T> = { ok: true; settings: T } | { ok: false; message: string };

class Invalid extends Error {}

/** A whole number in [min, max], or the error the form shows. */
function num(value: string, what: string, min: number, max: number): number {
  const n = Number(value.trim());
  if (!value.trim() || !Number.isInteger(n) || n < min || n > max) throw new Invalid(`${what} must be a whole number from ${min} to ${max}`);
  return n;
}

function headerList(text: string, what: string): Header[] {
  const parsed = parseHeaders(text);
  if (parsed.bad.length) throw new Invalid(`${what} must be "Name: value": ${parsed.bad.join(", ")}`);
  return parsed.headers;
}

function retry(o: StreamOptions): RetrySettings {
  const initialDelayMs = num(o.initialDelayMs, "First retry delay (ms)", 10, 3_600_000);
  const maxDelayMs = num(o.maxDelayMs, "Backoff cap (ms)", 10, 3_600_000);
  if (maxDelayMs < initialDelayMs) throw new Invalid("Backoff cap must not be below the first retry delay");
  return {
    initialDelayMs,
    maxDelayMs,
    maxRetries: o.maxRetries.trim() ? num(o.maxRetries, "Max retries", 0, 1_000_000) : null,
    retryHttpErrors: o.retryHttpErrors,
  };
}

function keepalive(o: StreamOptions): KeepaliveRule | null {
  if (!o.keepaliveOn) return null;
  if (!o.keepaliveEvent.trim()) throw new Invalid("Keepalive needs the ping event's name");
  if (!/^https?:\/\/\S+$/i.test(o.keepaliveUrl.trim())) throw new Invalid("Keepalive reply URL must be an http(s) URL");
  return {
    event: o.keepaliveEvent.trim(),
    url: o.keepaliveUrl.trim(),
    method: o.keepaliveMethod,
    headers: headerList(o.keepaliveHeaders, "Keepalive headers"),
    body: o.keepaliveMethod === "POST" && o.keepaliveBody ? o.keepaliveBody : null,
  };
}

function build<T>(make: () => T): Built<T> {
  try {
    return { ok: true, settings: make() };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, message: e.message };
    throw e;
  }
}

/** The SSE settings the form describes, or why it cannot be sent. */
export function toSseSettings(url: string, headers: string, o: StreamOptions): Built<SseSettings> {
  return build(() => ({
    url,
    method: o.method,
    headers: headerList(headers, "Headers"),
    body: o.method === "POST" ? o.body : null,
    authRef: o.authRef.trim() || null,
    retry: retry(o),
    idleTimeoutMs: num(o.idleTimeoutS, "Idle timeout (s)", 1, 86_400) * 1000,
    maxEventBytes: 8 * 1024 * 1024,
    keepalive: keepalive(o),
    lastEventId: null,
  }));
}

/** The WebSocket settings the form describes, or why it cannot be sent. */
export function toWsSettings(url: string, headers: string, o: StreamOptions): Built<WsSettings> {
  return build(() => ({
    url,
    headers: headerList(headers, "Headers"),
    subprotocols: o.subprotocols.split(/[\s,]+/).filter(Boolean),
    authRef: o.authRef.trim() || null,
    maxMessageBytes: 4 * 1024 * 1024,
    maxFrameBytes: 1024 * 1024,
    pingIntervalMs: num(o.pingIntervalS, "Ping interval (s)", 1, 3600) * 1000,
    pongTimeoutMs: num(o.pongTimeoutS, "Pong timeout (s)", 1, 3600) * 1000,
    retry: retry(o),
  }));
}
