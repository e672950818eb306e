import type { AppInfo } from "../../bindings/wire";

export type RendererChoice = "auto" | "dom";

const RENDERER = "sluice.terminal.renderer";
const FONT = "sluice.terminal.fontSize";

export interface TerminalPrefs {
  /**
   * "auto" draws with WebGL where the webview has a GPU and falls back to the DOM renderer;
   * "dom" never tries WebGL.
   */
  renderer: RendererChoice;
  fontSize: number;
}

export function loadPrefs(storage: Pick<Storage, "getItem"> | undefined): TerminalPrefs {
  const renderer = storage?.getItem(RENDERER) === "dom" ? "dom" : "auto";
  const size = Number(storage?.getItem(FONT));
  return { renderer, fontSize: Number.isInteger(size) && size >= 8 && size <= 32 ? size : 13 };
}

export function savePrefs(storage: Pick<Storage, "setItem"> | undefined, prefs: TerminalPrefs): void {
  storage?.setItem(RENDERER, prefs.renderer);
  storage?.setItem(FONT, String(prefs.fontSize));
}

/**
 * Whether "auto" should try WebGL. Not when the webview has no GPU: WebGL is then emulated
 * on the CPU, and a flood draws several times slower than with the DOM renderer. Unknown
 * (no answer from the core) means try it, as the fallback covers a missing WebGL.
 */
export function autoTriesWebgl(info: Pick<AppInfo, "softwareRendering"> | null): boolean {
  return !(info?.softwareRendering ?? false);
}
