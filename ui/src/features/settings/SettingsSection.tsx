import { useEffect, useState } from "react";
import { applyTheme, loadTheme, saveTheme, type ThemeChoice } from "./theme";
import { loadPrefs, savePrefs, type TerminalPrefs } from "../terminal/prefs";
import { SignInPanel } from "../auth/SignInPanel";
import { SecretsPanel } from "../vault/SecretsPanel";
import { AutostartToggle } from "../desktop/AutostartToggle";
import { BackgroundSettings } from "../monitor/BackgroundSettings";

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "Follow the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

export function SettingsSection() {
  const [theme, setTheme] = useState<ThemeChoice>(() => loadTheme(window.localStorage));
  const [term, setTerm] = useState<TerminalPrefs>(() => loadPrefs(window.localStorage));

  useEffect(() => savePrefs(window.localStorage, term), [term]);

  useEffect(() => {
    applyTheme(document.documentElement, theme);
    saveTheme(window.localStorage, theme);
  }, [theme]);

  return (
    <section aria-labelledby="settings-title" className="section">
      <h1 id="settings-title">Settings</h1>
      <fieldset className="field">
        <legend>Theme</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="radio">
            <input
              type="radio"
              name="theme"
              value={c.value}
              checked={theme === c.value}
              onChange={() => setTheme(c.value)}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>Terminal (applies to new terminals)</legend>
        <label className="radio">
          <input
            type="radio"
            name="renderer"
            value="auto"
            checked={term.renderer === "auto"}
            onChange={() => setTerm({ ...term, renderer: "auto" })}
          />
          GPU (WebGL) when this machine has one
        </label>
        <label className="radio">
          <input
            type="radio"
            name="renderer"
            value="dom"
            checked={term.renderer === "dom"}
            onChange={() => setTerm({ ...term, renderer: "dom" })}
          />
          DOM only (if WebGL misdraws on this machine)
        </label>
        <label className="radio">
          Font size
          <select
            name="fontSize"
            value={term.fontSize}
            onChange={(e) => setTerm({ ...term, fontSize: Number(e.target.value) })}
          >
            {[10, 11, 12, 13, 14, 15, 16, 18, 20, 24].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <SignInPanel />
      <SecretsPanel />
      <BackgroundSettings />
      <AutostartToggle />
    </section>
  );
}
