import { Channel, invoke } from "@tauri-apps/api/core";
import type { Frame, SubId } from "../bindings/wire";
import { toIpcError } from "./errors";

export interface Subscription {
  readonly id: SubId;
  close(): Promise<void>;
}

/**
 * Opens a streaming subscription: `command` receives a Channel and returns the id.
 * Frames are acked after the next paint, so the core only sends more once the view has
 * caught up (credit backpressure); one ack covers every frame up to its seq.
 */
export async function subscribe<T>(
  command: string,
  args: Record<string, unknown>,
  onFrame: (frame: Frame<T>) => void,
): Promise<Subscription> {
  return (await subscribeWith<T, SubId>(command, args, onFrame, (id) => id)).subscription;
}

/** Like `subscribe`, for commands that return more than the id (`idOf` picks it out). */
export async function subscribeWith<T, R>(
  command: string,
  args: Record<string, unknown>,
  onFrame: (frame: Frame<T>) => void,
  idOf: (result: R) => SubId,
): Promise<{ subscription: Subscription; result: R }> {
  const channel = new Channel<Frame<T>>();
  let id: SubId | null = null;
  let closed = false;
  let pendingAck = 0;
  let ackScheduled = false;

  // Runs as an animation-frame callback: `frameStart` tells the core when this webview
  // paints, so it can time later frames to land just before a paint.
  const flushAck = (frameStart?: number) => {
    ackScheduled = false;
    if (closed || id === null || pendingAck === 0) return;
    const seq = pendingAck;
    pendingAck = 0;
    const paintUs = frameStart === undefined ? undefined : Math.round((performance.timeOrigin + frameStart) * 1000);
    invoke("sub_ack", { sub: id, seq, paintUs }).catch((err: unknown) => {
      // The core closed the subscription (e.g. on shutdown); nothing more will arrive.
      console.warn("sub_ack failed", toIpcError(err));
    });
  };

  channel.onmessage = (frame) => {
    if (closed) return;
    onFrame(frame);
    pendingAck = Math.max(pendingAck, frame.seq);
    if (!ackScheduled) {
      ackScheduled = true;
      requestAnimationFrame(flushAck);
    }
  };

  let result: R;
  try {
    result = await invoke<R>(command, { ...args, onFrame: channel });
  } catch (err) {
    throw toIpcError(err);
  }
  id = idOf(result);
  // Frames can beat the command's reply; their acks waited for the id. Without this flush
  // a fast source would use up its credits before the id is known and stall for good.
  if (pendingAck > 0 && !ackScheduled) {
    ackScheduled = true;
    requestAnimationFrame(flushAck);
  }
  const subId = id;
  const subscription: Subscription = {
    id: subId,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await invoke("sub_close", { sub: subId });
      } catch (err) {
        const e = toIpcError(err);
        if (e.code !== "not_found") throw e;
      }
    },
  };
  return { subscription, result };
}
