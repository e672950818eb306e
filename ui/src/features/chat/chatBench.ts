import { markdownProbe, type UpdateSample } from "./benchProbe";
import { fetchCompletion } from "./fetchStream";

/** localStorage key that turns the benchmark hooks on (tests/bench/chat.mjs sets it). */
export const BENCH_FLAG = "sluice.bench";

export interface BenchRecord {
  updates: UpdateSample[];
  /** Time between consecutive animation frames while recording (ms). */
  frameGaps: number[];
  /** When each of those frames began (the animation frame timestamp, ms). */
  frameTimes: number[];
}

export interface ChatBench {
  start(): void;
  stop(): BenchRecord;
  /** Streams a completion with the webview's fetch into the chat view; resolves with its length. */
  browser(baseUrl: string, body: unknown): Promise<number>;
  /** Whether the page may fetch `url` (the CSP decides): "allowed" or the error. */
  probeFetch(url: string): Promise<string>;
}

/**
 * Exposes the chat benchmark's hooks on `window.__sluiceChatBench` when the bench flag is
 * set; otherwise does nothing. Returns the cleanup.
 */
export function installChatBench(show: (chunks: AsyncIterable<string>) => Promise<string>): () => void {
  if (localStorage.getItem(BENCH_FLAG) !== "1") return () => undefined;
  let frameGaps: number[] = [];
  let frameTimes: number[] = [];
  let raf = 0;
  const bench: ChatBench = {
    start() {
      markdownProbe.samples = [];
      frameGaps = [];
      frameTimes = [];
      let last = performance.now();
      const tick = (t: number) => {
        frameGaps.push(t - last);
        frameTimes.push(t);
        last = t;
        raf = requestAnimationFrame(tick);
      };
      raf = requestAnimationFrame(tick);
    },
    stop() {
      cancelAnimationFrame(raf);
      const updates = markdownProbe.samples ?? [];
      markdownProbe.samples = null;
      return { updates, frameGaps, frameTimes };
    },
    async browser(baseUrl, body) {
      return (await show(fetchCompletion(baseUrl, body))).length;
    },
    async probeFetch(url) {
      try {
        await fetch(url);
        return "allowed";
      } catch (err) {
        return `blocked: ${String(err)}`;
      }
    },
  };
  const w = window as unknown as { __sluiceChatBench?: ChatBench };
  w.__sluiceChatBench = bench;
  return () => {
    cancelAnimationFrame(raf);
    delete w.__sluiceChatBench;
  };
}
