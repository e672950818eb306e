/** How a tail shows a payload. Everything here returns plain text; the view renders it as text. */
export type PayloadMode = "text" | "json" | "hex" | "base64";

export const PAYLOAD_MODES: readonly PayloadMode[] = ["text", "json", "hex", "base64"];

/** Longest rendering shown per message; an 8 MiB payload must not freeze the view. */
export const MAX_RENDERED_CHARS = 64 * 1024;

export function decodeB64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const utf8 = new TextDecoder("utf-8", { fatal: false });

function clip(text: string): string {
  if (text.length <= MAX_RENDERED_CHARS) return text;
  return `${text.slice(0, MAX_RENDERED_CHARS)}… (${text.length - MAX_RENDERED_CHARS} more characters)`;
}

function hex(bytes: Uint8Array): string {
  // Only as many bytes as fit in the clip: 3 characters per byte.
  const shown = bytes.subarray(0, Math.ceil(MAX_RENDERED_CHARS / 3));
  const parts: string[] = [];
  for (const b of shown) parts.push(b.toString(16).padStart(2, "0"));
  const more = bytes.length - shown.length;
  return parts.join(" ") + (more > 0 ? ` … (${more} more bytes)` : "");
}

/** Renders `payloadB64` in `mode`; JSON that does not parse falls back to text. */
export function renderPayload(payloadB64: string, mode: PayloadMode): string {
  if (mode === "base64") return clip(payloadB64);
  const bytes = decodeB64(payloadB64);
  if (bytes.length === 0) return "(empty)";
  if (mode === "hex") return hex(bytes);
  const text = utf8.decode(bytes);
  if (mode === "json") {
    try {
      return clip(JSON.stringify(JSON.parse(text) as unknown, null, 2));
    } catch {
      return clip(text);
    }
  }
  return clip(text);
}
