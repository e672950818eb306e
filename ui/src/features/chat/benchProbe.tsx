import { useLayoutEffect } from "react";
import type { Block, IncrementalMarkdown } from "./incremental";

/** One rendered update of the streaming answer: lexing, then React render + DOM commit. */
export interface UpdateSample {
  lexMs: number;
  renderMs: number;
}

/**
 * Timing of the markdown work per streamed update, for the chat benchmark
 * (tests/bench/chat.mjs). Off (one null check per update) unless the benchmark starts it.
 */
export const markdownProbe = {
  samples: null as UpdateSample[] | null,
  /** Lexing since the last commit (several updates can meet in one render). */
  pendingLex: 0,
  renderStart: 0,
};

/** `md.update(text)`, timed when the probe is on. */
export function timedUpdate(md: IncrementalMarkdown, text: string): Block[] {
  if (!markdownProbe.samples) return md.update(text);
  const t = performance.now();
  const blocks = md.update(text);
  markdownProbe.pendingLex += performance.now() - t;
  return blocks;
}

function mark() {
  if (markdownProbe.samples) markdownProbe.renderStart = performance.now();
}

/** Placed before the markdown: its render marks when the answer's render began. */
export function ProbeStart() {
  mark();
  return null;
}

/** Placed after the markdown: its layout effect runs once the update is in the DOM. */
export function ProbeEnd() {
  useLayoutEffect(() => {
    const p = markdownProbe;
    if (!p.samples || !p.renderStart) return;
    p.samples.push({ lexMs: p.pendingLex, renderMs: performance.now() - p.renderStart });
    p.pendingLex = 0;
    p.renderStart = 0;
  });
  return null;
}
