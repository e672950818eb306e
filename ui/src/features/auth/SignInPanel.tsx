import { useState } from "react";
import type { AuthRedirect, IpcError } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import { auth } from "./authClient";
import { toProviderConfig, toProviderForm, type ProviderForm } from "./authModel";
import { useAuth } from "./useAuth";

const FIELDS: { key: keyof ProviderForm; label: string; placeholder: string }[] = [
  { key: "issuer", label: "Issuer (OIDC discovery)", placeholder: "https://login.example.com" },
  { key: "clientId", label: "Client id", placeholder: "sluice" },
  { key: "scopes", label: "Scopes", placeholder: "openid profile" },
  { key: "authorizationEndpoint", label: "Authorization endpoint (optional)", placeholder: "from discovery" },
  { key: "tokenEndpoint", label: "Token endpoint (optional)", placeholder: "from discovery" },
  { key: "revocationEndpoint", label: "Revocation endpoint (optional)", placeholder: "from discovery" },
];

const WIDE = { width: "min(420px, 100%)" } as const;
const NOTICE_LIST = { listStyle: "none", padding: 0, display: "grid", gap: 6 } as const;

/**
 * Settings → Sign-in: the provider, the session (the token only masked), sign-in in the
 * system browser, sign-out, and notices about links the app refused.
 */
export function SignInPanel() {
  const { status, notices, error: streamError } = useAuth();
  const [form, setForm] = useState<ProviderForm>(() => toProviderForm(null));
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  // The saved provider fills the form until the user edits it.
  const shown = touched ? form : toProviderForm(status?.provider);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setError(toIpcError(err));
    } finally {
      setBusy(false);
    }
  };
  const signIn = (redirect: AuthRedirect) => run(() => auth.signIn(redirect));
  const configured = Boolean(status?.provider);

  return (
    <fieldset className="field" data-testid="signin-panel">
      <legend>Sign-in</legend>
      <form
        className="signin-form"
        data-testid="signin-provider-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await auth.configure(toProviderConfig(shown));
            setTouched(false);
          });
        }}
      >
        {FIELDS.map((f) => (
          <label key={f.key} className="num-field">
            {f.label}
            <input
              data-testid={`signin-${f.key}`}
              value={shown[f.key]}
              placeholder={f.placeholder}
              autoComplete="off"
              style={WIDE}
              onChange={(e) => {
                setTouched(true);
                setForm({ ...shown, [f.key]: e.target.value });
              }}
            />
          </label>
        ))}
        <div className="row">
          <button className="button" type="submit" data-testid="signin-save" disabled={busy}>
            Save provider
          </button>
        </div>
      </form>
      <div className="signin-status" data-testid="signin-status" data-signed-in={status?.signedIn ? "true" : "false"} data-vault-pending={status?.vaultPending ? "true" : "false"} data-links={status?.linksHandled ?? 0}>
        {status?.signedIn ? (
          <p>
            Signed in{status.providerLabel ? ` with ${status.providerLabel}` : ""}. Token{" "}
            <code data-testid="signin-masked">{status.maskedToken}</code>
            {status.expiresAtMs ? `, expires ${new Date(status.expiresAtMs).toLocaleTimeString()}` : ""}
            {status.refreshes > 0 ? `, refreshed ${status.refreshes}×` : ""}.
          </p>
        ) : (
          <p className="muted">{status?.pending ? "Waiting for the browser…" : configured ? "Not signed in." : "No provider configured."}</p>
        )}
        {status?.vaultPending && (
          <p className="notice notice-error" role="status" data-testid="signin-vault-pending">
            {status.signedIn
              ? "This sign-in is not kept yet: unlock the vault (Settings → Secrets) to keep it. Quitting before then loses it."
              : "The sign-out reaches the vault when it is unlocked (Settings → Secrets). Until then the vault still holds the old sign-in."}
          </p>
        )}
        {status?.lastError && <p className="notice notice-error">{status.lastError}</p>}
        <div className="row">
          {status?.signedIn ? (
            <button className="button" type="button" data-testid="signin-signout" disabled={busy} onClick={() => void run(auth.signOut)}>
              Sign out
            </button>
          ) : (
            <>
              <button className="button" type="button" data-testid="signin-start" disabled={busy || !configured} onClick={() => void signIn("custom_scheme")}>
                Sign in with browser
              </button>
              <button className="button button-quiet" type="button" data-testid="signin-start-loopback" disabled={busy || !configured} onClick={() => void signIn("loopback")}>
                Sign in (loopback redirect)
              </button>
            </>
          )}
        </div>
      </div>
      {(error ?? streamError) && (
        <p className="notice notice-error" role="alert" data-testid="signin-error">
          {(error ?? streamError)?.message}
        </p>
      )}
      {notices.length > 0 && (
        <ul className="signin-notices" style={NOTICE_LIST} data-testid="signin-notices" aria-label="Sign-in notices">
          {notices.map((n) => (
            <li key={n.id} className={n.level === "warning" ? "notice notice-error" : "notice"} data-testid="signin-notice" data-level={n.level}>
              {n.message}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
