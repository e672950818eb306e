import { invoke } from "@tauri-apps/api/core";
import type { Frame, SseEvent, SseSettings, SubId, WsEvent, WsSettings } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import { subscribe, type Subscription } from "../../ipc/subscribe";
import { toSseSettings, toWsSettings, type StreamOptions } from "./streamOptions";
import type { StreamKind } from "./tailLog";

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

/** Opens a tail from the form; an invalid form rejects with an `invalid_input` error. */
export function openStream(
  kind: StreamKind,
  url: string,
  headers: string,
  options: StreamOptions,
  onFrame: (f: Frame<SseEvent | WsEvent>) => void,
): Promise<Subscription> {
  const invalid = (message: string) => Promise.reject<Subscription>({ code: "invalid_input", message });
  if (kind === "sse") {
    const b = toSseSettings(url, headers, options);
    return b.ok ? streams.sse(b.settings, onFrame) : invalid(b.message);
  }
  const b = toWsSettings(url, headers, options);
  return b.ok ? streams.ws(b.settings, onFrame) : invalid(b.message);
}
