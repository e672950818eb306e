import type { AuthStatusView } from "../bindings/wire";

/** What the held-quit question says and offers, from the latest sign-in state. */
export interface QuitHeldView {
  /** A change still waits for the vault: quitting loses it. */
  pending: boolean;
  text: string;
}

export function quitHeldView(status: AuthStatusView | null): QuitHeldView {
  // Until the first status arrives, the core's reason for holding the quit stands.
  const pending = status?.vaultPending ?? true;
  if (!pending) {
    return { pending, text: "Nothing waits for the vault any more: the sign-in state is kept." };
  }
  if (status?.signedIn === false) {
    return {
      pending,
      text: "Your sign-out has not reached the vault yet: it is locked. If Sluice quits now, the vault still holds the old sign-in, and the next unlock restores it.",
    };
  }
  return {
    pending,
    text: "This sign-in is not kept yet: the vault is locked or not created. If Sluice quits now, the sign-in is lost and you sign in again next time.",
  };
}
