import { lazy, Suspense, type ReactNode } from "react";
import type { HealthState } from "../features/health/useHealth";
import { OverviewSection } from "../features/health/OverviewSection";
import { SettingsSection } from "../features/settings/SettingsSection";
import { DiagnosticsSection } from "../features/diagnostics/DiagnosticsSection";
// xterm.js is most of the bundle: load it when the Terminal section is first opened, so
// start-up does not parse it.
const TerminalSection = lazy(() =>
  import("../features/terminal/TerminalSection").then((m) => ({ default: m.TerminalSection })),
);

export interface SectionContext {
  health: HealthState;
}

export interface Section {
  id: string;
  title: string;
  /** One glyph for the compact navigation rail. */
  icon: string;
  render(ctx: SectionContext): ReactNode;
}

/**
 * The navigation frame's contents. Each capability adds its own entry here once it works;
 * order is the order of Ctrl/Cmd+1…9.
 */
export const SECTIONS: readonly Section[] = [
  { id: "overview", title: "Overview", icon: "◎", render: ({ health }) => <OverviewSection health={health} /> },
  {
    id: "terminal",
    title: "Terminal",
    icon: "❯",
    render: () => (
      <Suspense fallback={<p className="muted">Loading terminal…</p>}>
        <TerminalSection />
      </Suspense>
    ),
  },
  { id: "diagnostics", title: "Diagnostics", icon: "◷", render: () => <DiagnosticsSection /> },
  { id: "settings", title: "Settings", icon: "⚙", render: () => <SettingsSection /> },
];
