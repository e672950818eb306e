/** Largest object shown inline (matches the core's MAX_INLINE_OBJECT). */
export const MAX_INLINE_BYTES = 1024 * 1024;

export const canShowInline = (size: number) => size <= MAX_INLINE_BYTES;

/** The last part of a local path or object name (`/`- or `\`-separated). */
export function baseName(path: string): string {
  const parts = path.trim().split(/[/\\]/).filter(Boolean);
  return parts[parts.length - 1] ?? "";
}

/** Where a download goes by default: the object's base name inside `dir`. */
export function downloadPath(dir: string, objectName: string): string {
  const d = dir.trim().replace(/[/\\]+$/, "");
  const name = baseName(objectName).replace(/[^-\w.]/g, "_") || "object";
  return `${d}/${name}`;
}

/** Why a local path cannot be used, or null; the core accepts absolute paths only. */
export function pathProblem(path: string): string | null {
  const p = path.trim();
  if (!p) return "Enter a file path";
  if (!(p.startsWith("/") || /^[a-zA-Z]:[/\\]/.test(p))) return "Use an absolute path (starting with /)";
  return null;
}
