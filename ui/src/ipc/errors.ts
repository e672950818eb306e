import type { ErrorCode, IpcError } from "../bindings/wire";

const CODES: readonly ErrorCode[] = ["invalid_input", "not_found", "closed", "unavailable", "unauthorized", "internal"];

function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === "string" && CODES.includes(v.code as ErrorCode);
}

/**
 * Every failure the UI shows goes through here, so views can branch on `code` whatever
 * was thrown: a typed error from a command, a JS exception, or a bare string.
 */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) return value;
  if (value instanceof Error) return { code: "internal", message: value.message };
  if (typeof value === "string") return { code: "internal", message: value };
  return { code: "internal", message: "Unexpected error" };
}

/** True when the app runs outside the desktop shell (plain browser, unit tests). */
export function isDesktopShell(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}
