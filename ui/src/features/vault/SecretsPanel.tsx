import { useCallback, useEffect, useState } from "react";
import type { IpcError, SecretView, VaultStatus } from "../../bindings/wire";
import { isDesktopShell, toIpcError } from "../../ipc/errors";
import { useAuth } from "../auth/useAuth";
import { SecretList } from "./SecretList";
import { vault } from "./vaultClient";

const WIDE = { width: "min(320px, 100%)" } as const;

/**
 * Settings → Secrets: create or unlock the vault, then add, list (masked) and delete
 * secrets. A damaged vault shows what happened and offers to move it aside.
 */
export function SecretsPanel() {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [items, setItems] = useState<SecretView[]>([]);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<IpcError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async (next?: VaultStatus) => {
    const s = next ?? (await vault.status());
    setStatus(s);
    setItems(s.state === "unlocked" ? await vault.list() : []);
  }, []);

  useEffect(() => {
    if (!isDesktopShell()) return;
    vault
      .status()
      .then((s) => refresh(s))
      .catch((err: unknown) => setError(toIpcError(err)));
  }, [refresh]);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setError(toIpcError(err));
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = () =>
    run(async () => {
      const next = status?.state === "absent" ? await vault.create(password) : await vault.unlock(password);
      setPassword("");
      await refresh(next);
    });

  const moveAside = () =>
    run(async () => {
      const aside = await vault.moveAside();
      setNotice(`The damaged vault was moved to ${aside}. Create a new vault below.`);
      await refresh();
    });

  // Signing in, refreshing and signing out write the OAuth tokens kept in the vault (the
  // core stores them before it reports the new status), so the list is read again then.
  const signIn = useAuth().status;
  const session = signIn ? `${signIn.signedIn}:${signIn.maskedToken ?? ""}` : null;
  const unlocked = status?.state === "unlocked";
  useEffect(() => {
    if (session === null || !unlocked) return;
    let stale = false;
    vault
      .list()
      .then((list) => !stale && setItems(list))
      .catch((err: unknown) => !stale && setError(toIpcError(err)));
    return () => {
      stale = true;
    };
  }, [session, unlocked]);

  const state = status?.state;
  // A damaged file, found when the panel opened or when unlocking failed.
  const damaged = status?.problem?.canMoveAside || (error !== null && error.code === "invalid_input" && state === "locked");

  return (
    <fieldset className="field" data-testid="vault-panel">
      <legend>Secrets</legend>
      <p className="muted" data-testid="vault-state">
        {state === undefined && "Checking the vault…"}
        {state === "absent" && "No vault yet. Choose a password (at least 8 characters) to create one."}
        {state === "locked" && "The vault is locked. Enter its password to use the saved keys."}
        {state === "unlocked" && `Unlocked · ${status?.cipher ?? ""}`}
      </p>
      {status?.problem && (
        <div role="alert" className="error" data-testid="vault-problem">
          <p>{status.problem.message}</p>
          <p>{status.problem.recovery}</p>
        </div>
      )}
      {(state === "absent" || state === "locked") && !status?.problem && (
        <form
          className="row"
          data-testid="vault-password-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submitPassword();
          }}
        >
          <label className="num-field">
            Vault password
            <input
              type="password"
              data-testid="vault-password"
              value={password}
              autoComplete={state === "absent" ? "new-password" : "current-password"}
              style={WIDE}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button type="submit" disabled={busy || password.length === 0} data-testid="vault-submit">
            {state === "absent" ? "Create vault" : "Unlock"}
          </button>
        </form>
      )}
      {damaged && (
        <button type="button" disabled={busy} data-testid="vault-move-aside" onClick={() => void moveAside()}>
          Move the damaged vault aside and start a new one
        </button>
      )}
      {error && (
        <p role="alert" className="error" data-testid="vault-error">
          {error.message}
        </p>
      )}
      {notice && (
        <p role="status" data-testid="vault-notice">
          {notice}
        </p>
      )}
      {state === "unlocked" && (
        <SecretList
          items={items}
          busy={busy}
          onAdd={(name, value) => run(async () => setItems(await vault.set(name, value)))}
          onDelete={(name) => run(async () => setItems(await vault.remove(name)))}
          onLock={() => run(async () => refresh(await vault.lock()))}
        />
      )}
    </fieldset>
  );
}
