export type ThemeChoice = "system" | "light" | "dark";

const KEY = "sluice.theme";

export function loadTheme(storage: Pick<Storage, "getItem"> | undefined): ThemeChoice {
  const v = storage?.getItem(KEY);
  return v === "light" || v === "dark" ? v : "system";
}

export function saveTheme(storage: Pick<Storage, "setItem"> | undefined, choice: ThemeChoice): void {
  storage?.setItem(KEY, choice);
}

/** "system" leaves the attribute off so CSS follows prefers-color-scheme. */
export function applyTheme(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", choice);
}
