import { useEffect, useRef, useState } from "react";
import type { IpcError } from "../bindings/wire";
import { useAuth } from "../features/auth/useAuth";
import { onNav } from "../features/monitor/navRequests";
import { appQuit } from "../ipc/commands";
import { toIpcError } from "../ipc/errors";
import { quitHeldView } from "./quitHeld";

/**
 * Asked when the core held a quit (File → Quit, the tray, closing the window) because a
 * sign-in or sign-out waits for the locked vault and quitting would lose it. The shell has
 * already opened Settings, where the vault is unlocked.
 */
export function QuitHeldDialog() {
  const [open, setOpen] = useState(false);
  useEffect(
    () =>
      onNav((req) => {
        if (req.reason === "quitHeld") setOpen(true);
      }),
    [],
  );
  return open ? <QuitHeld onClose={() => setOpen(false)} /> : null;
}

function QuitHeld({ onClose }: { onClose: () => void }) {
  const { status } = useAuth();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const { pending, text } = quitHeldView(status);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const quit = (force: boolean) => {
    setError(null);
    appQuit(force).catch((err: unknown) => setError(toIpcError(err)));
  };

  const unlock = () => {
    onClose();
    requestAnimationFrame(() => {
      const field = document.querySelector<HTMLElement>("[data-testid=vault-password]");
      field?.scrollIntoView({ block: "center" });
      field?.focus();
    });
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      role="alertdialog"
      aria-labelledby="quit-held-title"
      aria-describedby="quit-held-text"
      data-testid="quit-held"
      data-vault-pending={pending ? "true" : "false"}
      onCancel={(e) => {
        // Escape keeps Sluice open; React, not the browser, closes the dialog.
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="quit-held-title">Sluice has not quit</h2>
      <p id="quit-held-text">{text}</p>
      {error && (
        <p role="alert" className="notice notice-error">
          {error.message}
        </p>
      )}
      <div className="row">
        {pending ? (
          <>
            <button className="button" type="button" autoFocus data-testid="quit-held-unlock" onClick={unlock}>
              Unlock the vault
            </button>
            <button className="button button-quiet" type="button" data-testid="quit-held-force" onClick={() => quit(true)}>
              Quit anyway
            </button>
          </>
        ) : (
          <button className="button" type="button" autoFocus data-testid="quit-held-quit" onClick={() => quit(false)}>
            Quit
          </button>
        )}
        <button className="button button-quiet" type="button" data-testid="quit-held-cancel" onClick={onClose}>
          Keep Sluice open
        </button>
      </div>
    </dialog>
  );
}
