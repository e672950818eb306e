/**
 * The webview's own streaming path, the chat benchmark's baseline: `fetch` a streaming
 * `chat/completions`, split the SSE lines, yield the content of each network read. Not used
 * by the app itself (the core owns real connections); the shipped CSP blocks the fetch.
 */

/** Incremental SSE `data:` splitter for OpenAI chunks; text may be cut anywhere. */
export class DeltaParser {
  private rest = "";
  done = false;

  /** Content deltas of the complete lines in `text` (plus what was held back before). */
  push(text: string): string {
    const lines = (this.rest + text).split(/\r\n|\r|\n/);
    this.rest = lines.pop() ?? "";
    let out = "";
    for (const line of lines) {
      if (this.done || !line.startsWith("data:")) continue;
      const data = line.slice(line.startsWith("data: ") ? 6 : 5);
      if (data === "[DONE]") {
        this.done = true;
        continue;
      }
      try {
        const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string | null } }[] | null };
        out += chunk.choices?.[0]?.delta?.content ?? "";
      } catch {
        // A malformed chunk carries no content; the stream goes on.
      }
    }
    return out;
  }
}

/** Content of each network read of a streaming completion from `baseUrl`. */
export async function* fetchCompletion(baseUrl: string, body: unknown): AsyncGenerator<string> {
  const res = await fetch(`${baseUrl.replace(/\/$/, "")}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new DeltaParser();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const content = parser.push(value);
    if (content) yield content;
    if (parser.done) break;
  }
  await reader.cancel().catch(() => undefined);
}
