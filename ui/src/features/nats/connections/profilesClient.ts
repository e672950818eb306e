import type { Frame, NatsProfileInput, NatsProfileView, NatsProfilesStatus } from "../../../bindings/wire";
import { subscribe, type Subscription } from "../../../ipc/subscribe";
import { call } from "../../../ipc/call";

/** Typed wrappers for src-tauri/src/commands/nats_profiles.rs. */
export const profilesApi = {
  /** Each frame's last entry is the whole list (saved profiles first, then contexts). */
  subscribe: (onFrame: (f: Frame<NatsProfileView[]>) => void): Promise<Subscription> =>
    subscribe<NatsProfileView[]>("nats_profiles_subscribe", {}, onFrame),
  status: () => call<NatsProfilesStatus>("nats_profiles_status"),
  save: (input: NatsProfileInput) => call<NatsProfileView>("nats_profile_save", { input }),
  remove: (profileId: string) => call<null>("nats_profile_delete", { profileId }),
  connect: (profileId: string) => call<NatsProfileView>("nats_connect", { profileId }),
  disconnect: (profileId: string) => call<null>("nats_disconnect", { profileId }),
};
