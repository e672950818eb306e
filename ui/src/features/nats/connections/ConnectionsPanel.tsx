import { useEffect, useState } from "react";
import type { NatsProfileView, NatsProfilesStatus } from "../../../bindings/wire";
import { toIpcError } from "../../../ipc/errors";
import { connections, useConnection } from "./connectionStore";
import { emptyForm, formFromProfile, type ProfileForm } from "./profileForm";
import { ProfileFormView } from "./ProfileFormView";
import { profilesApi } from "./profilesClient";

const SOURCE_LABEL = { saved: "saved", context: "NATS context", sandbox: "sandbox" } as const;

/** Saved profiles and NATS CLI contexts (live from disk): connect, add, edit, delete. */
export function ConnectionsPanel() {
  const [profiles, setProfiles] = useState<NatsProfileView[]>([]);
  const [status, setStatus] = useState<NatsProfilesStatus | null>(null);
  const [editing, setEditing] = useState<{ form: ProfileForm; storedSecret: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const active = useConnection();

  useEffect(() => {
    const sub = profilesApi.subscribe((f) => {
      const last = f.entries[f.entries.length - 1];
      if (last) setProfiles(last);
    });
    sub.catch((err: unknown) => setProblem(toIpcError(err).message));
    profilesApi.status().then(setStatus, (err: unknown) => setProblem(toIpcError(err).message));
    return () => void sub.then((s) => s.close()).catch(() => undefined);
  }, []);

  const savedNames = (except: string | null) => profiles.filter((p) => p.source === "saved" && p.id !== except).map((p) => p.name);
  const remove = async (p: NatsProfileView) => {
    if (!window.confirm(`Delete the profile "${p.name}"?`)) return;
    try {
      await profilesApi.remove(p.id);
    } catch (err) {
      setProblem(toIpcError(err).message);
    }
  };
  const sandbox: NatsProfileView = {
    id: "sandbox",
    name: "Sandbox",
    source: "sandbox",
    description: "A local nats-server with demo streams and traffic",
    servers: [],
    auth: "none",
    user: null,
    secretFile: null,
    hasSecret: false,
    tlsCa: null,
    tlsCert: null,
    tlsKey: null,
    tlsFirst: false,
    jsDomain: null,
    selected: false,
    problem: null,
  };

  return (
    <section className="nats-connections" data-testid="nats-connections" aria-label="Connections">
      <div className="nats-table-bar">
        <h3>Connections</h3>
        <button type="button" data-testid="nats-profile-add" onClick={() => setEditing({ form: emptyForm(), storedSecret: false })}>
          Add connection
        </button>
      </div>
      {status && status.problems.length > 0 && <p className="notice notice-error">{status.problems.join(" · ")}</p>}
      {problem && <p className="notice notice-error">{problem}</p>}
      <ul className="nats-profiles" data-testid="nats-profiles">
        {[...profiles, sandbox].map((p) => {
          const isActive = active.profile?.id === p.id;
          const state = isActive ? (active.state?.status ?? "connecting") : "idle";
          return (
            <li key={p.id} className="nats-profile" data-profile-id={p.id} data-source={p.source} data-active={isActive} data-status={state}>
              <span className="nats-profile-name">
                <strong>{p.name}</strong> <span className="muted">{SOURCE_LABEL[p.source]}</span>
                {p.selected && <span className="nats-tag"> selected</span>}
              </span>
              <span className="muted nats-profile-servers">
                {[p.servers.join(", "), p.description].filter(Boolean).join(" · ")}
              </span>
              {p.problem && <span className="notice-error nats-profile-problem">{p.problem}</span>}
              {p.source !== "sandbox" && p.auth !== "none" && !p.hasSecret && !p.secretFile && (
                <span className="muted">secret not stored: edit to enter it</span>
              )}
              <span className="nats-profile-actions">
                {isActive && p.source !== "sandbox" && active.state?.status !== "closed" ? (
                  <button type="button" data-testid="nats-profile-disconnect" onClick={() => void connections.disconnect()}>
                    Disconnect
                  </button>
                ) : (
                  <button type="button" data-testid="nats-profile-connect" disabled={!!p.problem} onClick={() => void connections.connect(p)}>
                    Connect
                  </button>
                )}
                {p.source !== "sandbox" && (
                  <button
                    type="button"
                    data-testid="nats-profile-edit"
                    onClick={() => setEditing({ form: formFromProfile(p), storedSecret: p.source === "saved" && p.hasSecret })}
                  >
                    {p.source === "saved" ? "Edit" : "Copy"}
                  </button>
                )}
                {p.source === "saved" && (
                  <button type="button" data-testid="nats-profile-delete" onClick={() => void remove(p)}>
                    Delete
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {editing && (
        <ProfileFormView
          key={editing.form.originalId ?? "new"}
          initial={editing.form}
          storedSecret={editing.storedSecret}
          names={savedNames(editing.form.originalId)}
          secretsPersist={status?.secretsPersist ?? false}
          onSaved={() => setEditing(null)}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}
