import type { SecretView, VaultStatus } from "../../bindings/wire";
import { call } from "../../ipc/call";

/**
 * The vault's commands. Passwords and values go to the core; answers hold only states,
 * names and masked values.
 */
export const vault = {
  status: () => call<VaultStatus>("vault_status"),
  create: (password: string) => call<VaultStatus>("vault_create", { password }),
  unlock: (password: string) => call<VaultStatus>("vault_unlock", { password }),
  lock: () => call<VaultStatus>("vault_lock"),
  moveAside: () => call<string>("vault_move_aside"),
  list: () => call<SecretView[]>("vault_list"),
  set: (name: string, value: string) => call<SecretView[]>("vault_set", { name, value }),
  remove: (name: string) => call<SecretView[]>("vault_delete", { name }),
};

/** Names the core accepts: 1–128 of A-Z a-z 0-9 . _ - / : */
export function validSecretName(name: string): boolean {
  return /^[A-Za-z0-9._\-/:]{1,128}$/.test(name);
}
