import { useSyncExternalStore } from "react";
import { flushSync } from "react-dom";
import { markdownProbe } from "./benchProbe";
import { IncrementalMarkdown, type Block } from "./incremental";

export interface LiveSnapshot {
  blocks: Block[];
  reasoning: string;
}

/** Runs `fn` before the next paint (a timer where there are no animation frames). */
export type FrameScheduler = (fn: () => void) => () => void;

const nextFrame: FrameScheduler = (fn) => {
  if (typeof requestAnimationFrame === "function") {
    const id = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(fn, 16);
  return () => clearTimeout(id);
};

const EMPTY: LiveSnapshot = { blocks: [], reasoning: "" };

/**
 * The answer while it streams, outside React state: tokens only append to a string; once per
 * animation frame the growing text is lexed (incrementally) and the one view that shows it
 * re-renders, synchronously, so the frame paints it and nothing else in the chat renders per
 * token. `onRendered` runs after each such render (the view follows the end there).
 */
export class LiveAnswer {
  private md = new IncrementalMarkdown();
  private text = "";
  private reasoning = "";
  private snapshot: LiveSnapshot = EMPTY;
  private listeners = new Set<() => void>();
  private cancel: (() => void) | null = null;

  constructor(
    private onRendered: () => void = () => undefined,
    private schedule: FrameScheduler = nextFrame,
  ) {}

  /** Adds streamed text; the view catches up at the next frame. */
  append(content: string, reasoning = ""): void {
    if (!content && !reasoning) return;
    this.text += content;
    this.reasoning += reasoning;
    this.cancel ??= this.schedule(() => this.flush());
  }

  /** Whole text so far. */
  content(): string {
    return this.text;
  }

  /** Lexes and renders what arrived since the last frame; timed when the bench probe is on. */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    const t0 = performance.now();
    this.snapshot = { blocks: this.md.update(this.text), reasoning: this.reasoning };
    const t1 = performance.now();
    flushSync(() => this.listeners.forEach((l) => l()));
    const t2 = performance.now();
    this.onRendered();
    markdownProbe.samples?.push({ at: t0, lexMs: t1 - t0, renderMs: t2 - t1, layoutMs: performance.now() - t2 });
  }

  /**
   * The finished answer's blocks: the streamed ones, completed with what arrived since the
   * last frame (the same objects, so their rendering is kept). Stops further frames.
   */
  finish(text: string = this.text): Block[] {
    this.cancel?.();
    this.cancel = null;
    return this.md.complete(text);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveSnapshot => this.snapshot;
}

const noSubscription = () => () => undefined;
const empty = () => EMPTY;

/** The live answer's current blocks; an empty snapshot (and no subscription) for `null`. */
export function useLiveAnswer(live: LiveAnswer | null): LiveSnapshot {
  return useSyncExternalStore(live?.subscribe ?? noSubscription, live?.getSnapshot ?? empty, live?.getSnapshot ?? empty);
}
