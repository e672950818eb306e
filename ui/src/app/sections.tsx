import { lazy, Suspense, type ReactNode } from "react";
import type { HealthState } from "../features/health/useHealth";
import { OverviewSection } from "../features/health/OverviewSection";
import { SettingsSection } from "../features/settings/SettingsSection";
import { DiagnosticsSection } from "../features/diagnostics/DiagnosticsSection";
import { WorkspaceSection } from "../features/workspace/WorkspaceSection";
import { StreamsSection } from "../features/streams/StreamsSection";
// xterm.js is most of the bundle: load it when the Terminal section is first opened, so
// start-up does not parse it.
const TerminalSection = lazy(() =>
  import("../features/terminal/TerminalSection").then((m) => ({ default: m.TerminalSection })),
);

// The NATS section (tables, tail) loads when first opened; it also starts the sandbox then.
const NatsSection = lazy(() => import("../features/nats/NatsSection").then((m) => ({ default: m.NatsSection })));

// Health (verdicts, uPlot charts, timeline) loads when first opened.
const MonitorSection = lazy(() => import("../features/monitor/MonitorSection").then((m) => ({ default: m.MonitorSection })));

// The markdown parser is only needed once a chat is open.
const ChatSection = lazy(() => import("../features/chat/ChatSection").then((m) => ({ default: m.ChatSection })));

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
    id: "nats",
    title: "NATS",
    icon: "⇄",
    render: () => (
      <Suspense fallback={<p className="muted">Loading NATS…</p>}>
        <NatsSection />
      </Suspense>
    ),
  },
  {
    id: "monitor",
    title: "Health",
    icon: "♥",
    render: () => (
      <Suspense fallback={<p className="muted">Loading health…</p>}>
        <MonitorSection />
      </Suspense>
    ),
  },
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
  { id: "streams", title: "Streams", icon: "≋", render: () => <StreamsSection /> },
  {
    id: "chat",
    title: "Chat",
    icon: "✦",
    render: () => (
      <Suspense fallback={<p className="muted">Loading chat…</p>}>
        <ChatSection />
      </Suspense>
    ),
  },
  { id: "workspace", title: "Workspace", icon: "▤", render: () => <WorkspaceSection /> },
  { id: "diagnostics", title: "Diagnostics", icon: "◷", render: () => <DiagnosticsSection /> },
  { id: "settings", title: "Settings", icon: "⚙", render: () => <SettingsSection /> },
];
