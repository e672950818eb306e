import { invoke } from "@tauri-apps/api/core";
import type { Frame, Header, SseEvent, SseSettings, SubId, WsEvent, WsSettings } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import { subscribe, type Subscription } from "../../ipc/subscribe";

const retry = { initialDelayMs: 1000, maxDelayMs: 30_000, maxRetries: 10, retryHttpErrors: true };

export function sseSettings(url: string, headers: Header[]): SseSettings {
  return {
    url,
    method: "GET",
    headers,
    body: null,
    authRef: null,
    retry,
    idleTimeoutMs: 60_000,
    maxEventBytes: 8 * 1024 * 1024,
    keepalive: null,
    lastEventId: null,
  };
}

export function wsSettings(url: string, headers: Header[]): WsSettings {
  return {
    url,
    headers,
    subprotocols: [],
    authRef: null,
    maxMessageBytes: 4 * 1024 * 1024,
    maxFrameBytes: 1024 * 1024,
    pingIntervalMs: 15_000,
    pongTimeoutMs: 10_000,
    retry,
  };
}

/** Typed wrappers for src-tauri/src/commands/{sse,ws}.rs. */
export const streams = {
  sse: (settings: SseSettings, onFrame: (f: Frame<SseEvent>) => void): Promise<Subscription> =>
    subscribe<SseEvent>("sse_subscribe", { settings }, onFrame),
  ws: (settings: WsSettings, onFrame: (f: Frame<WsEvent>) => void): Promise<Subscription> =>
    subscribe<WsEvent>("ws_subscribe", { settings }, onFrame),
  async send(sub: SubId, text: string): Promise<void> {
    try {
      await invoke("ws_send", { sub, message: { kind: "text", text } });
    } catch (err) {
      throw toIpcError(err);
    }
  },
};
