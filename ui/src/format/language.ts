/**
 * WebKitGTK reports `navigator.language` as "C" under a C.UTF-8 locale (common on servers,
 * containers and CI). Intl refuses that tag, and libraries that pass it on (uPlot builds an
 * `Intl.NumberFormat(navigator.language)` as it loads) throw. Imported first in main.tsx so
 * every later module sees a usable tag.
 */
export function usableLanguage(tag: string | undefined, fallback = "en-US"): string {
  if (!tag) return fallback;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? fallback;
  } catch {
    return fallback;
  }
}

export function fixNavigatorLanguage(nav: Navigator | undefined = globalThis.navigator): void {
  if (!nav) return;
  const usable = usableLanguage(nav.language);
  if (usable === nav.language) return;
  Object.defineProperty(nav, "language", { value: usable, configurable: true });
  Object.defineProperty(nav, "languages", { value: [usable], configurable: true });
}

fixNavigatorLanguage();
