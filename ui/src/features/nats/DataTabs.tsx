import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { NatsStreamView } from "../../bindings/wire";
import { BrowsePanel } from "./browse/BrowsePanel";
import { KvBrowser } from "./kv/KvBrowser";
import { ObjectBrowser } from "./objects/ObjectBrowser";
import { RequestPanel } from "./request/RequestPanel";
import "./data.css";

const TABS = [
  { id: "kv", label: "KV" },
  { id: "objects", label: "Objects" },
  { id: "browse", label: "Browse stream" },
  { id: "request", label: "Request / publish" },
] as const;
type TabId = (typeof TABS)[number]["id"];

/** Buckets backed by streams in the model (`backs` is `kv:<name>` or `object:<name>`). */
function backed(streams: readonly NatsStreamView[], prefix: string): string[] {
  return streams
    .map((s) => s.backs)
    .filter((b): b is string => !!b?.startsWith(prefix))
    .map((b) => b.slice(prefix.length))
    .sort();
}

/** The data browsers as tabs (arrow keys move between tabs, as WAI-ARIA tabs do). */
export function DataTabs({ profileId, streams }: { profileId: string; streams: readonly NatsStreamView[] }) {
  const [tab, setTab] = useState<TabId>("kv");
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const kv = useMemo(() => backed(streams, "kv:"), [streams]);
  const stores = useMemo(() => backed(streams, "object:"), [streams]);
  const sorted = useMemo(() => [...streams].sort((a, b) => a.name.localeCompare(b.name)), [streams]);

  const onKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    const to = e.key === "Home" ? 0 : e.key === "End" ? TABS.length - 1 : (i + step + TABS.length) % TABS.length;
    if (step === 0 && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const next = TABS[to];
    if (next) setTab(next.id);
    refs.current[to]?.focus();
  };

  return (
    <section className="nats-data-tabs" aria-label="Data">
      <div role="tablist" aria-label="Data browsers" className="nats-tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`nats-tab-${t.id}`}
            data-testid={`nats-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`nats-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="nats-tab"
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`nats-panel-${tab}`} aria-labelledby={`nats-tab-${tab}`} className="nats-tabpanel">
        {tab === "kv" && <KvBrowser profileId={profileId} buckets={kv} />}
        {tab === "objects" && <ObjectBrowser profileId={profileId} stores={stores} />}
        {tab === "browse" && <BrowsePanel profileId={profileId} streams={sorted} />}
        {tab === "request" && <RequestPanel profileId={profileId} />}
      </div>
    </section>
  );
}
