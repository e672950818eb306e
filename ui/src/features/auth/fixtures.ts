import type { AuthStatusView } from "../../bindings/wire";

/** A sign-in status for tests: signed out, nothing pending, unless `over` says otherwise. */
export const authStatusView = (over: Partial<AuthStatusView> = {}): AuthStatusView => ({
  provider: null,
  providerLabel: null,
  signedIn: false,
  pending: false,
  maskedToken: null,
  vaultPending: false,
  expiresAtMs: null,
  refreshes: 0,
  lastError: null,
  linksHandled: 0,
  ...over,
});
