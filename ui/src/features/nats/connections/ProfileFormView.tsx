import { useState, type ReactNode } from "react";
import type { NatsAuthKind, NatsProfileView } from "../../../bindings/wire";
import { toIpcError } from "../../../ipc/errors";
import { AUTH_LABELS, errorsFromCore, toInput, validateForm, type FormErrors, type ProfileForm } from "./profileForm";
import { profilesApi } from "./profilesClient";

interface Props {
  initial: ProfileForm;
  /** The edited profile already has its secret stored (an empty field keeps it). */
  storedSecret: boolean;
  /** Names of the other saved profiles. */
  names: readonly string[];
  secretsPersist: boolean;
  onSaved(profile: NatsProfileView): void;
  onCancel(): void;
}

const SECRET_LABEL: Partial<Record<NatsAuthKind, string>> = {
  token: "Token",
  userPassword: "Password",
  nkey: "NKey user seed",
  jwt: "User JWT",
};

/** Add or edit a saved connection profile. */
export function ProfileFormView({ initial, storedSecret, names, secretsPersist, onSaved, onCancel }: Props) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const edit = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async () => {
    const problems = validateForm(form, storedSecret, names);
    setErrors(problems);
    setFailure(null);
    if (Object.values(problems).some(Boolean)) return;
    setSaving(true);
    try {
      onSaved(await profilesApi.save(toInput(form)));
    } catch (err) {
      const e = toIpcError(err);
      const fields = errorsFromCore(e.message);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(e.message);
    } finally {
      setSaving(false);
    }
  };

  const field = (key: keyof ProfileForm, label: string, input: ReactNode, hint?: string) => (
    <label className="nats-form-field">
      <span>{label}</span>
      {input}
      {errors[key] ? (
        <span className="nats-form-error" role="alert" data-testid={`nats-form-error-${key}`}>
          {errors[key]}
        </span>
      ) : hint ? (
        <span className="muted">{hint}</span>
      ) : null}
    </label>
  );
  const text = (key: keyof ProfileForm, props: { type?: string; placeholder?: string } = {}) => (
    <input
      data-testid={`nats-form-${key}`}
      aria-invalid={errors[key] ? true : undefined}
      value={String(form[key])}
      onChange={(e) => edit(key, e.target.value)}
      {...props}
    />
  );
  const secretLabel = SECRET_LABEL[form.auth];
  const keepHint = storedSecret ? "Leave empty to keep the stored one." : undefined;

  return (
    <form
      className="nats-form"
      data-testid="nats-profile-form"
      aria-label={form.originalId ? "Edit connection profile" : "New connection profile"}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{form.originalId ? `Edit ${initial.name}` : "New connection"}</h3>
      {field("name", "Name", text("name", { placeholder: "production" }))}
      {field("description", "Description", text("description"))}
      {field(
        "servers",
        "Servers",
        <textarea data-testid="nats-form-servers" rows={2} value={form.servers} onChange={(e) => edit("servers", e.target.value)} />,
        "One per line: nats://host:4222, tls://host:4443",
      )}
      {field(
        "auth",
        "Authentication",
        <select data-testid="nats-form-auth" value={form.auth} onChange={(e) => edit("auth", e.target.value as NatsAuthKind)}>
          {Object.entries(AUTH_LABELS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>,
      )}
      {form.auth === "userPassword" && field("user", "User", text("user", { placeholder: "user" }))}
      {secretLabel && field("secret", secretLabel, text("secret", { type: "password" }), keepHint)}
      {form.auth === "jwt" && field("seed", "Signing seed", text("seed", { type: "password" }), keepHint)}
      {(form.auth === "credsFile" || form.auth === "nkey") &&
        field("secretFile", form.auth === "credsFile" ? "Creds file" : "Or a seed file", text("secretFile", { placeholder: "/path/to/file" }))}
      <fieldset className="nats-form-tls">
        <legend>TLS</legend>
        {field("tlsCa", "CA file", text("tlsCa"))}
        {field("tlsCert", "Client certificate", text("tlsCert"))}
        {field("tlsKey", "Client key", text("tlsKey"))}
        <label className="nats-form-check">
          <input type="checkbox" data-testid="nats-form-tlsFirst" checked={form.tlsFirst} onChange={(e) => edit("tlsFirst", e.target.checked)} />
          TLS first (handshake before INFO)
        </label>
      </fieldset>
      {field("jsDomain", "JetStream domain", text("jsDomain"))}
      {form.auth !== "none" && form.auth !== "credsFile" && (
        <p className="muted" data-testid="nats-form-secret-note">
          {secretsPersist
            ? "The secret is stored in the vault (Settings → Secrets, which must be unlocked), never in the profile file."
            : "Secrets are kept for this run only and never written to disk; enter them again after a restart."}
        </p>
      )}
      {failure && (
        <p className="notice notice-error" role="alert" data-testid="nats-form-failure">
          {failure}
        </p>
      )}
      <div className="nats-form-actions">
        <button type="submit" data-testid="nats-form-save" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
