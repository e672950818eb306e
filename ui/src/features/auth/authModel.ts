import type { AuthEvent, AuthNotice, AuthProviderConfig, AuthStatusView } from "../../bindings/wire";

/** Most notices the panel keeps. */
export const MAX_NOTICES = 50;

export interface AuthModel {
  status: AuthStatusView | null;
  notices: AuthNotice[];
}

export const initialAuthModel: AuthModel = { status: null, notices: [] };

/**
 * Folds the `auth_subscribe` stream: the latest status wins; notices are kept once each
 * (a resubscription replays the kept ones), newest last.
 */
export function applyAuthEvents(model: AuthModel, events: readonly AuthEvent[]): AuthModel {
  let { status, notices } = model;
  for (const e of events) {
    if (e.kind === "status") {
      const { kind, ...view } = e;
      void kind;
      status = view;
    } else if (!notices.some((n) => n.id === e.id)) {
      const { kind, ...notice } = e;
      void kind;
      notices = [...notices, notice].sort((a, b) => a.id - b.id).slice(-MAX_NOTICES);
    }
  }
  return status === model.status && notices === model.notices ? model : { status, notices };
}

/** Form fields → provider config: blanks become null, scopes split on spaces. */
export function toProviderConfig(form: ProviderForm): AuthProviderConfig {
  const opt = (s: string) => (s.trim() === "" ? null : s.trim());
  return {
    issuer: opt(form.issuer),
    authorizationEndpoint: opt(form.authorizationEndpoint),
    tokenEndpoint: opt(form.tokenEndpoint),
    revocationEndpoint: opt(form.revocationEndpoint),
    clientId: form.clientId.trim(),
    scopes: form.scopes.split(/\s+/).filter((s) => s !== ""),
  };
}

export interface ProviderForm {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
  clientId: string;
  scopes: string;
}

export function toProviderForm(c: AuthProviderConfig | null | undefined): ProviderForm {
  return {
    issuer: c?.issuer ?? "",
    authorizationEndpoint: c?.authorizationEndpoint ?? "",
    tokenEndpoint: c?.tokenEndpoint ?? "",
    revocationEndpoint: c?.revocationEndpoint ?? "",
    clientId: c?.clientId ?? "",
    scopes: (c?.scopes ?? ["openid"]).join(" "),
  };
}
