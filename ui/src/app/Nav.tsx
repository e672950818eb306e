import { useRef, type KeyboardEvent } from "react";
import type { Section } from "./sections";
import { moveIndex, navKey } from "./keyboard";

interface Props {
  sections: readonly Section[];
  active: string;
  onSelect(id: string): void;
}

/** The navigation rail: a roving-focus list, so Tab enters once and arrows move. */
export function Nav({ sections, active, onSelect }: Props) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const activeIndex = Math.max(
    0,
    sections.findIndex((s) => s.id === active),
  );

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const cmd = navKey(e);
    if (!cmd || cmd.kind !== "move") return;
    e.preventDefault();
    const focused = buttons.current.findIndex((b) => b === document.activeElement);
    const next = moveIndex(focused < 0 ? activeIndex : focused, cmd.delta, sections.length);
    buttons.current[next]?.focus();
  };

  return (
    <nav className="nav" aria-label="Sections" onKeyDown={onKeyDown}>
      <div className="brand" aria-hidden="true">
        Sluice
      </div>
      <ul>
        {sections.map((s, i) => (
          <li key={s.id}>
            <button
              ref={(el) => {
                buttons.current[i] = el;
              }}
              type="button"
              className="nav-item"
              aria-current={s.id === active ? "page" : undefined}
              tabIndex={i === activeIndex ? 0 : -1}
              aria-keyshortcuts={i < 9 ? `Control+${i + 1}` : undefined}
              title={i < 9 ? `${s.title} (Ctrl+${i + 1})` : s.title}
              data-testid={`nav-${s.id}`}
              onClick={() => onSelect(s.id)}
            >
              <span className="nav-icon" aria-hidden="true">
                {s.icon}
              </span>
              <span>{s.title}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
