import type { IpcError, NatsHeader } from "../../../bindings/wire";

/** `Name: value` per line; blank lines skipped. Returns the headers or the first problem. */
export function parseHeaders(text: string): NatsHeader[] | string {
  const out: NatsHeader[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (!line.trim()) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return `Header line ${i + 1} needs "Name: value"`;
    const name = line.slice(0, colon).trim();
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return `Header line ${i + 1}: "${name}" is not a header name`;
    out.push({ name, value: line.slice(colon + 1).trim() });
  }
  return out;
}

/** Why `subject` cannot be published to, or null. */
export function subjectProblem(subject: string): string | null {
  const s = subject.trim();
  if (!s) return "Enter a subject";
  if (/\s/.test(s)) return "A subject cannot contain spaces";
  if (/[*>]/.test(s)) return "Wildcards are for subscribing; publish to a concrete subject";
  if (s.split(".").some((t) => t === "")) return "A subject cannot start or end with a dot or have two dots in a row";
  return null;
}

/** The sentence shown for a failed request: no responders and timeouts said plainly. */
export function describeRequestError(err: IpcError, subject: string, timeoutMs: number): string {
  if (/no responders/i.test(err.message)) return `No responders: nothing is listening on ${subject}.`;
  if (err.code === "unavailable" && /within \d+ ms/.test(err.message))
    return `Timed out: no reply on ${subject} within ${timeoutMs} ms (something is subscribed but did not answer).`;
  return err.message;
}
