import { useEffect, useState } from "react";
import { applyTheme, loadTheme, saveTheme, type ThemeChoice } from "./theme";

const CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "Follow the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

export function SettingsSection() {
  const [theme, setTheme] = useState<ThemeChoice>(() => loadTheme(window.localStorage));

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
    </section>
  );
}
