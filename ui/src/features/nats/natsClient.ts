import type {
  Frame,
  NatsConnState,
  NatsModelEntry,
  NatsProfileView,
  NatsPublishRequest,
  NatsTailEntry,
} from "../../bindings/wire";
import { subscribe, type Subscription } from "../../ipc/subscribe";
import { call } from "../../ipc/call";

/** Typed wrappers for the NATS commands in src-tauri/src/commands/nats.rs. */
export const nats = {
  startSandbox: () => call<NatsProfileView>("nats_sandbox_start"),
  publish: (profileId: string, request: NatsPublishRequest) => call<null>("nats_publish", { profileId, request }),
  subscribeState: (profileId: string, onFrame: (f: Frame<NatsConnState>) => void): Promise<Subscription> =>
    subscribe<NatsConnState>("nats_state_subscribe", { profileId }, onFrame),
  subscribeModel: (profileId: string, onFrame: (f: Frame<NatsModelEntry>) => void): Promise<Subscription> =>
    subscribe<NatsModelEntry>("nats_model_subscribe", { profileId }, onFrame),
  tail: (profileId: string, subject: string, onFrame: (f: Frame<NatsTailEntry>) => void): Promise<Subscription> =>
    subscribe<NatsTailEntry>("nats_tail", { profileId, subject }, onFrame),
};

/** UTF-8 text as base64, for `payloadB64`. */
export function textToB64(text: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}
