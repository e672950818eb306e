import { useEffect, useRef, useState } from "react";
import { useHealth } from "../features/health/useHealth";
import { globalShortcut } from "./keyboard";
import { Nav } from "./Nav";
import { QuitHeldDialog } from "./QuitHeldDialog";
import { onNavigate } from "./navigation";
import { listenForNav } from "../features/monitor/navRequests";
import { SectionBoundary } from "./SectionBoundary";
import { SECTIONS } from "./sections";
import { StatusBar } from "./StatusBar";

/** The shell: navigation, the active section, and the live status bar. */
export function App() {
  const health = useHealth();
  const [active, setActive] = useState(SECTIONS[0]?.id ?? "overview");
  const main = useRef<HTMLElement>(null);

  const select = (id: string) => {
    setActive(id);
    // Move focus to the content so screen readers and the keyboard land there.
    requestAnimationFrame(() => main.current?.focus());
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const cmd = globalShortcut(e);
      if (cmd?.kind !== "jump") return;
      const target = SECTIONS[cmd.index];
      if (!target) return;
      e.preventDefault();
      setActive(target.id);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => onNavigate((id) => setActive(id)), []);
  // A clicked notification or tray alert asks the core to open a view; it arrives here.
  useEffect(() => listenForNav(), []);

  const section = SECTIONS.find((s) => s.id === active) ?? SECTIONS[0];

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <Nav sections={SECTIONS} active={active} onSelect={select} />
      <main id="content" ref={main} tabIndex={-1} className="content" data-testid={`section-${section?.id}`}>
        {section && (
          <SectionBoundary key={section.id} name={section.title}>
            {section.render({ health })}
          </SectionBoundary>
        )}
      </main>
      <StatusBar health={health} />
      <QuitHeldDialog />
    </div>
  );
}
