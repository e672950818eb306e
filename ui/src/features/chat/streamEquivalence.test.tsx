import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IncrementalMarkdown } from "./incremental";
import { LiveAnswer } from "./liveAnswer";
import { Markdown } from "./Markdown";
import { MessageView } from "./MessageView";

// Streaming an answer in any chunking must end in exactly the HTML of parsing it whole.

const DOCS: Record<string, string> = {
  mixed: [
    "# Release notes\n\nThe **parser** is *faster*; see `lex()` and [docs](https://example.com).\n",
    "- one\n- two with `code`\n  continued line\n- three\n\n",
    "1. first\n2. second\n\n   nested paragraph\n3. third\n\n",
    "```rust\nfn main() {\n    println!(\"hi\");\n\n    let x = 1;\n}\n```\n\n",
    "> quoted **text**\n> more\n\n| a | b |\n| - | - |\n| 1 | 2 |\n| 3 | 4 |\n\n",
    "Setext heading\n===\n\nText\n---\n\n***\n\n",
    "    indented code\n    block\n\nTrailing paragraph with <b>html</b> & entities &amp; a line  \nbreak.\n",
    "- [ ] task\n- [x] done\n\n~~~\ntilde fence\n~~~\n\nEnd without newline",
  ].join(""),
  fences: "Intro\n\n```js\nconst a = `x`;\n\n\nconst b = 2;\n```\nAfter the fence\n\n```\nunclosed at the end\nstill code",
  lists: "- a\n- b\n\n- loose c\n\n  para in c\n- d\n\n* other bullet\n+ third bullet\n\n10. ten\n11. eleven\n",
  hostile: '<script>alert(1)</script>\n\n<img src=x onerror="p()">\n\nx <b onclick="p()">y</b> [l](javascript:p()) ![i](http://e/x.png)\n',
};

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function chunks(text: string, rnd: () => number, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rnd() * max);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

const html = (blocks: Parameters<typeof Markdown>[0]["blocks"]) => renderToStaticMarkup(<Markdown blocks={blocks} />);

describe("streamed markdown equals a full parse", () => {
  for (const [name, doc] of Object.entries(DOCS)) {
    it(`${name}: random chunk sizes, before and after the final parse`, () => {
      const whole = html(new IncrementalMarkdown().finish(doc));
      for (let seed = 1; seed <= 24; seed++) {
        const rnd = random(seed);
        const md = new IncrementalMarkdown();
        let text = "";
        let blocks = md.update("");
        for (const c of chunks(doc, rnd, seed % 2 ? 7 : 60)) blocks = md.update((text += c));
        expect(html(blocks), `seed ${seed}, streamed`).toBe(whole);
        const completed = md.complete();
        expect(html(completed), `seed ${seed}, completed`).toBe(whole);
        expect(completed.every((b, i) => b === blocks[i]), `seed ${seed}, blocks kept`).toBe(true);
        expect(html(md.finish()), `seed ${seed}, full parse`).toBe(whole);
      }
    });
  }

  it("the final parse keeps the streamed blocks it agrees with", () => {
    const md = new IncrementalMarkdown();
    const streamed = md.update(DOCS.mixed ?? "");
    const final = md.finish();
    expect(final.length).toBe(streamed.length);
    expect(final.filter((b, i) => b === streamed[i]).length).toBe(final.length);
  });

  it("parses the whole answer again when reference links can change earlier blocks", () => {
    const md = new IncrementalMarkdown();
    const doc = "See [the docs][d].\n\nMore text.\n\n[d]: https://example.com\n";
    let text = "";
    let streamed = md.update("");
    for (const c of chunks(doc, random(3), 5)) streamed = md.update((text += c));
    // While streaming, the link cannot resolve yet: its definition comes later.
    expect(html(streamed)).not.toContain("md-link");
    const final = md.complete();
    expect(final[0]).not.toBe(streamed[0]);
    expect(html(final)).toBe(html(new IncrementalMarkdown().finish(doc)));
    expect(html(final)).toContain('title="https://example.com"');
  });
});

describe("LiveAnswer", () => {
  it("lexes and notifies once per frame, however many chunks arrived", () => {
    const frames: (() => void)[] = [];
    let rendered = 0;
    const live = new LiveAnswer(
      () => rendered++,
      (fn) => {
        frames.push(fn);
        return () => frames.splice(frames.indexOf(fn), 1);
      },
    );
    let notified = 0;
    live.subscribe(() => notified++);
    const doc = DOCS.mixed ?? "";
    for (const c of chunks(doc, random(7), 9)) live.append(c);
    expect(frames.length).toBe(1);
    expect(notified).toBe(0);
    frames.shift()?.();
    expect([notified, rendered]).toEqual([1, 1]);
    expect(live.content()).toBe(doc);
    expect(html(live.getSnapshot().blocks)).toBe(html(new IncrementalMarkdown().finish(doc)));
    live.append("\n\nmore");
    expect(frames.length).toBe(1);
    live.finish();
    expect(frames.length).toBe(0);
  });

  it("the streaming view and the finished message render the same markdown", () => {
    const doc = DOCS.mixed ?? "";
    const live = new LiveAnswer(undefined, () => () => undefined);
    for (const c of chunks(doc, random(11), 13)) {
      live.append(c);
      live.flush();
    }
    const md = (html: string) => html.slice(html.indexOf('<div class="md">'), html.lastIndexOf("</div>") + 6);
    const streaming = renderToStaticMarkup(<MessageView message={null} live={live} />);
    const message = { role: "assistant" as const, content: doc, reasoning: null, toolCalls: [], toolCallId: null };
    const finished = renderToStaticMarkup(<MessageView message={message} />);
    expect(streaming).toContain('data-testid="chat-streaming"');
    expect(md(streaming)).toBe(md(finished));
  });
});
