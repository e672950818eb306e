import type { AuthEvent, AuthProviderConfig, AuthRedirect, Frame } from "../../bindings/wire";
import { subscribe, type Subscription } from "../../ipc/subscribe";
import { call } from "../../ipc/call";

/** Sign-in commands (src-tauri/src/commands/auth.rs). Tokens never come back. */
export const auth = {
  configure: (config: AuthProviderConfig) => call<void>("auth_configure", { config }),
  signIn: (redirect: AuthRedirect) => call<void>("auth_sign_in", { redirect }),
  signOut: () => call<void>("auth_sign_out"),
  subscribe: (onFrame: (frame: Frame<AuthEvent>) => void): Promise<Subscription> =>
    subscribe<AuthEvent>("auth_subscribe", {}, onFrame),
};
