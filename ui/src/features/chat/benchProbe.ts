/**
 * One rendered update of the streaming answer: incremental lexing, React render + DOM commit
 * (the markdown work), then following the end (layout forced by reading the scroll height).
 */
export interface UpdateSample {
  /** When the update began (performance.now). */
  at: number;
  lexMs: number;
  renderMs: number;
  layoutMs: number;
}

/**
 * Timing of each streamed update, for the chat benchmark (tests/bench/chat.mjs), recorded by
 * `LiveAnswer.flush`. Off (one null check per frame) unless the benchmark starts it.
 */
export const markdownProbe = {
  samples: null as UpdateSample[] | null,
};
