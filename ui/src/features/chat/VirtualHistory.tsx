import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type RefObject } from "react";
import type { ChatMessage } from "../../bindings/wire";
import type { LiveAnswer } from "./liveAnswer";
import { MessageView } from "./MessageView";
import type { StickToBottom } from "./stickToBottom";
import { Heights } from "./windowing";

interface Props {
  messages: ChatMessage[];
  /** The scrolling box the list lives in. */
  scroller: RefObject<HTMLDivElement | null>;
  stick: RefObject<StickToBottom>;
  /** Changes when another conversation opens: its heights start over. */
  resetKey: string;
  /** Keeps the scroller at the end when it is stuck there. */
  followEnd(): void;
  /** The answer streaming in: shown after the last message, in the slot it will keep. */
  live: LiveAnswer | null;
}

/**
 * A conversation's finished messages, windowed: only those near the viewport are in the DOM;
 * the rest are padding above and a spacer below, of their measured (or estimated) height.
 * When an item above the viewport changes height while the user reads further up, the scroll
 * position moves with it so the text under the eyes stays put. The answer streaming in comes
 * last and renders itself per frame (see LiveAnswer): this list does not re-render per token.
 */
export function VirtualHistory({ messages, scroller, stick, resetKey, followEnd, live }: Props) {
  const heights = useMemo(() => {
    void resetKey;
    return new Heights();
  }, [resetKey]);
  heights.setCount(messages.length);
  const current = useRef(heights);
  useLayoutEffect(() => {
    current.current = heights;
  }, [heights]);
  const [, remeasured] = useReducer((n: number) => n + 1, 0);
  const [view, setView] = useState({ top: 0, height: 0 });

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // Re-render only when the window of items changes, not on every scroll (following the
    // streaming answer scrolls once per frame).
    const read = () =>
      setView((v) => {
        const next = { top: el.scrollTop, height: el.clientHeight };
        const h = current.current;
        const [a, b] = [h.range(v.top, v.height || window.innerHeight), h.range(next.top, next.height)];
        return v.height === next.height && a.start === b.start && a.end === b.end ? v : next;
      });
    read();
    el.addEventListener("scroll", read, { passive: true });
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => {
      el.removeEventListener("scroll", read);
      ro.disconnect();
    };
  }, [scroller]);

  const observer = useRef<ResizeObserver | null>(null);
  const items = useCallback(() => {
    observer.current ??= new ResizeObserver((entries) => {
      const h = current.current;
      const el = scroller.current;
      const firstVisible = el ? h.indexAt(el.scrollTop) : 0;
      let changed = false;
      let above = 0;
      for (const e of entries) {
        const i = Number((e.target as HTMLElement).dataset.index);
        const px = e.borderBoxSize[0]?.blockSize ?? (e.target as HTMLElement).getBoundingClientRect().height;
        // The streaming answer: remembered for when it joins the list, no re-render per frame.
        if (i === h.count) h.measureNext(px);
        const delta = h.measure(i, px);
        if (delta === 0) continue;
        changed = true;
        if (i < firstVisible) above += delta;
      }
      if (above !== 0 && el && !stick.current.stuck) {
        el.scrollTop += above;
        stick.current.scrolledTo(el.scrollTop);
      }
      if (changed) remeasured();
    });
    return observer.current;
  }, [scroller, stick]);
  useEffect(() => () => observer.current?.disconnect(), []);

  // React 19 runs the returned cleanup when the node leaves the DOM.
  const measure = useCallback(
    (node: HTMLDivElement | null) => {
      if (!node) return;
      const ro = items();
      ro.observe(node);
      return () => ro.unobserve(node);
    },
    [items],
  );

  // A re-measure re-renders this list alone: follow the end here too, unless scrolled up.
  useLayoutEffect(() => followEnd());

  // Before the first layout read, assume the window is as tall as the screen.
  const { start, end } = heights.range(view.top, view.height || window.innerHeight);
  const n = messages.length;
  // One keyed array, so the streaming answer's slot and the message it becomes are the same
  // child: its DOM is kept when the answer ends.
  const children = messages.slice(start, end).map((m, k) => (
    <div key={start + k} className="chat-history-item" data-index={start + k} ref={measure}>
      <MessageView message={m} />
    </div>
  ));
  children.push(<div key="below" aria-hidden="true" style={{ height: heights.total() - heights.offset(end) }} />);
  if (live)
    children.push(
      <div key={n} className="chat-history-item" data-index={n} ref={measure}>
        <MessageView message={null} live={live} />
      </div>,
    );
  return (
    <div className="chat-history" data-testid="chat-history" data-count={n} style={{ paddingTop: heights.offset(start) }}>
      {children}
    </div>
  );
}
