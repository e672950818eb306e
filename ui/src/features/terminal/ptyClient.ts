import { Channel } from "@tauri-apps/api/core";
import type { PtyExitStatus, PtyId, PtyOpenOptions, PtySessionInfo, PtySize } from "../../bindings/wire";
import { call } from "../../ipc/call";

/** What a terminal view receives: raw output bytes, then once the exit status. */
export interface PtyReceiver {
  output(bytes: Uint8Array, done: () => void): void;
  exit(status: PtyExitStatus): void;
}

/**
 * A binary channel for one view. Output bytes are acked only after xterm.js has written
 * them (its write callback), so the core pauses the child instead of queueing a flood.
 * Acks are summed and sent once per task, not once per chunk.
 */
export function outputChannel(id: () => PtyId | null, rx: PtyReceiver): Channel<ArrayBuffer | PtyExitStatus> {
  const channel = new Channel<ArrayBuffer | PtyExitStatus>();
  let unacked = 0;
  let flushing = false;
  const flush = () => {
    flushing = false;
    const target = id();
    if (target === null || unacked === 0) return;
    const bytes = unacked;
    unacked = 0;
    void call("pty_ack", { id: target, bytes }).catch(() => undefined);
  };
  channel.onmessage = (msg) => {
    if (msg instanceof ArrayBuffer) {
      const bytes = new Uint8Array(msg);
      rx.output(bytes, () => {
        unacked += bytes.byteLength;
        if (!flushing) {
          flushing = true;
          queueMicrotask(flush);
        }
      });
    } else {
      rx.exit(msg);
    }
  };
  return channel;
}

export const pty = {
  open: (options: PtyOpenOptions, onOutput: Channel<ArrayBuffer | PtyExitStatus>) =>
    call<PtySessionInfo>("pty_open", { options, onOutput }),
  attach: (id: PtyId, onOutput: Channel<ArrayBuffer | PtyExitStatus>) => call<void>("pty_attach", { id, onOutput }),
  detach: (id: PtyId) => call<void>("pty_detach", { id }),
  write: (id: PtyId, data: string) => call<void>("pty_write", { id, data }),
  paste: (id: PtyId, text: string, bracketed: boolean) => call<void>("pty_paste", { id, text, bracketed }),
  resize: (id: PtyId, size: PtySize) => call<void>("pty_resize", { id, size }),
  kill: (id: PtyId) => call<void>("pty_kill", { id }),
  close: (id: PtyId) => call<void>("pty_close", { id }),
};
