import { invoke } from "@tauri-apps/api/core";
import type { AuthEvent, AuthProviderConfig, AuthRedirect, Frame } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import { subscribe, type Subscription } from "../../ipc/subscribe";

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toIpcError(err);
  }
}

/** Sign-in commands (src-tauri/src/commands/auth.rs). Tokens never come back. */
export const auth = {
  configure: (config: AuthProviderConfig) => call<void>("auth_configure", { config }),
  signIn: (redirect: AuthRedirect) => call<void>("auth_sign_in", { redirect }),
  signOut: () => call<void>("auth_sign_out"),
  subscribe: (onFrame: (frame: Frame<AuthEvent>) => void): Promise<Subscription> =>
    subscribe<AuthEvent>("auth_subscribe", {}, onFrame),
};
