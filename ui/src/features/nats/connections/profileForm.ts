import type { NatsAuthKind, NatsProfileInput, NatsProfileView } from "../../../bindings/wire";

/** The connection form's fields, all text as typed. */
export interface ProfileForm {
  originalId: string | null;
  name: string;
  description: string;
  /** One URL per line or comma-separated. */
  servers: string;
  auth: NatsAuthKind;
  user: string;
  secret: string;
  seed: string;
  secretFile: string;
  tlsCa: string;
  tlsCert: string;
  tlsKey: string;
  tlsFirst: boolean;
  jsDomain: string;
}

export type FormErrors = Partial<Record<keyof ProfileForm, string>>;

export const AUTH_LABELS: Record<NatsAuthKind, string> = {
  none: "None",
  token: "Token",
  userPassword: "User and password",
  nkey: "NKey seed",
  credsFile: "Creds file",
  jwt: "User JWT and seed",
};

export function emptyForm(): ProfileForm {
  return {
    originalId: null,
    name: "",
    description: "",
    servers: "nats://127.0.0.1:4222",
    auth: "none",
    user: "",
    secret: "",
    seed: "",
    secretFile: "",
    tlsCa: "",
    tlsCert: "",
    tlsKey: "",
    tlsFirst: false,
    jsDomain: "",
  };
}

/** The form for editing a saved profile; secrets stay empty (empty keeps the stored one). */
export function formFromProfile(p: NatsProfileView): ProfileForm {
  return {
    ...emptyForm(),
    originalId: p.source === "saved" ? p.id : null,
    name: p.source === "saved" ? p.name : `${p.name} copy`,
    description: p.description ?? "",
    servers: p.servers.join("\n"),
    auth: p.auth,
    user: p.user ?? "",
    secretFile: p.secretFile ?? "",
    tlsCa: p.tlsCa ?? "",
    tlsCert: p.tlsCert ?? "",
    tlsKey: p.tlsKey ?? "",
    tlsFirst: p.tlsFirst,
    jsDomain: p.jsDomain ?? "",
  };
}

export function splitServers(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Same rules as the core (`check_server_url`); the core has the last word. */
export function serverProblem(url: string): string | null {
  if (/\s/.test(url)) return `"${url}" contains spaces`;
  let rest = url;
  const scheme = /^([a-z]+):\/\//i.exec(url);
  if (scheme) {
    if (!["nats", "tls", "ws", "wss"].includes((scheme[1] ?? "").toLowerCase())) return `"${url}": use nats://, tls://, ws:// or wss://`;
    rest = url.slice(scheme[0].length);
  }
  const hostport = (rest.split("@").pop() ?? "").split("/")[0] ?? "";
  const m = /^(.*?)(?::([^:\]]*))?$/.exec(hostport);
  const host = m?.[1] ?? "";
  const port = m?.[2];
  if (!host) return `"${url}" has no host`;
  if (port !== undefined) {
    const n = Number(port);
    if (!/^\d+$/.test(port) || n < 1 || n > 65535) return `"${url}": the port must be a number from 1 to 65535`;
  }
  return null;
}

/**
 * Field-by-field problems. `storedSecret` says the edited profile already has its secret
 * (then an empty secret field keeps it); `names` are other saved profiles' names.
 */
export function validateForm(f: ProfileForm, storedSecret: boolean, names: readonly string[]): FormErrors {
  const e: FormErrors = {};
  const name = f.name.trim();
  if (!name) e.name = "Give the profile a name.";
  else if (name.length > 64) e.name = "At most 64 characters.";
  else if (names.includes(name)) e.name = `A profile named "${name}" exists.`;
  const servers = splitServers(f.servers);
  if (servers.length === 0) e.servers = "Give at least one server URL.";
  else {
    const bad = servers.map(serverProblem).find((p) => p !== null);
    if (bad) e.servers = bad;
  }
  const needSecret = !f.secret.trim() && !storedSecret;
  switch (f.auth) {
    case "token":
      if (needSecret) e.secret = "Enter the token.";
      break;
    case "userPassword":
      if (!f.user.trim()) e.user = "Enter the user name.";
      if (needSecret) e.secret = "Enter the password.";
      break;
    case "nkey":
      if (f.secret.trim() && !/^SU[A-Z2-7]{56}$/.test(f.secret.trim())) e.secret = "Not an NKey user seed (SU… 58 characters).";
      else if (needSecret && !f.secretFile.trim()) e.secret = "Enter an NKey user seed or a seed file.";
      break;
    case "credsFile":
      if (!f.secretFile.trim()) e.secretFile = "Choose the .creds file.";
      break;
    case "jwt":
      if (f.secret.trim() && f.secret.trim().split(".").length !== 3) e.secret = "Not a JWT (three dot-separated parts).";
      else if (needSecret) e.secret = "Paste the user JWT.";
      if (f.seed.trim() && !/^SU[A-Z2-7]{56}$/.test(f.seed.trim())) e.seed = "Not an NKey user seed (SU… 58 characters).";
      else if (!f.seed.trim() && !storedSecret) e.seed = "Enter the seed that signs for the JWT.";
      break;
    case "none":
      break;
  }
  if (f.tlsCert.trim() && !f.tlsKey.trim()) e.tlsKey = "A client certificate needs its key.";
  if (f.tlsKey.trim() && !f.tlsCert.trim()) e.tlsCert = "A client key needs its certificate.";
  if (/[\s.*>]/.test(f.jsDomain.trim())) e.jsDomain = "A JetStream domain has no spaces, dots, * or >.";
  return e;
}

const opt = (s: string) => (s.trim() ? s.trim() : null);

export function toInput(f: ProfileForm): NatsProfileInput {
  return {
    originalId: f.originalId,
    name: f.name.trim(),
    description: opt(f.description),
    servers: splitServers(f.servers),
    auth: f.auth,
    user: f.auth === "userPassword" ? opt(f.user) : null,
    secret: f.auth === "none" || f.auth === "credsFile" ? null : opt(f.secret),
    seed: f.auth === "jwt" ? opt(f.seed) : null,
    secretFile: f.auth === "credsFile" || f.auth === "nkey" ? opt(f.secretFile) : null,
    tlsCa: opt(f.tlsCa),
    tlsCert: opt(f.tlsCert),
    tlsKey: opt(f.tlsKey),
    tlsFirst: f.tlsFirst,
    jsDomain: opt(f.jsDomain),
  };
}

/** The core's `field: message; …` error split back onto the form's fields. */
export function errorsFromCore(message: string): FormErrors {
  const fields: readonly string[] = ["name", "servers", "user", "secret", "seed", "secretFile", "tlsCa", "tlsCert", "tlsKey", "jsDomain"];
  const body = message.replace(/^the profile is not usable: /, "");
  const e: FormErrors = {};
  for (const part of body.split("; ")) {
    const i = part.indexOf(": ");
    const field = i > 0 ? part.slice(0, i) : "";
    if (fields.includes(field)) {
      const k = field as keyof ProfileForm;
      e[k] = e[k] ? `${e[k]} ${part.slice(i + 2)}` : part.slice(i + 2);
    }
  }
  return e;
}
