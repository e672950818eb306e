import { describe, expect, it } from "vitest";
import { IncrementalMarkdown } from "./incremental";

function stream(md: IncrementalMarkdown, text: string, step: number) {
  let blocks = md.update("");
  for (let i = step; i < text.length + step; i += step) blocks = md.update(text.slice(0, i));
  return blocks;
}

describe("IncrementalMarkdown", () => {
  const doc = "# Title\n\nSome *text* here.\n\n- one\n- two\n\n```rust\nfn main() {}\n```\n\nLast words";

  it("ends with the same blocks as a full parse", () => {
    const md = new IncrementalMarkdown();
    const streamed = stream(md, doc, 3).map((b) => b.token.type);
    const full = new IncrementalMarkdown().finish(doc).map((b) => b.token.type);
    expect(streamed).toEqual(full);
    expect(full).toEqual(["heading", "paragraph", "list", "code", "paragraph"]);
  });

  it("keeps finished blocks as the same objects and re-lexes only the last block", () => {
    const md = new IncrementalMarkdown();
    const first = md.update("# Title\n\nA para\n");
    const heading = first[0];
    const next = md.update("# Title\n\nA para\nthat grows");
    expect(next[0]).toBe(heading);
    expect(md.lastLexed).toBe("A para\nthat grows".length);
    expect(next[1]?.key).toBe(first[1]?.key);
  });

  it("treats an unclosed fence as a growing code block", () => {
    const md = new IncrementalMarkdown();
    const blocks = md.update("Intro\n\n```js\nconst a = 1;\n");
    expect(blocks.map((b) => b.token.type)).toEqual(["paragraph", "code"]);
  });

  it("holds a block open while the next one's first line is unfinished", () => {
    const md = new IncrementalMarkdown();
    md.update("1. one\n2. two\n\n   more\n3");
    const blocks = md.update("1. one\n2. two\n\n   more\n3. three\n");
    expect(blocks.map((b) => b.token.type)).toEqual(["list"]);
    expect((blocks[0]?.token as { items: unknown[] }).items).toHaveLength(3);
  });

  it("starts over when the text is replaced instead of extended", () => {
    const md = new IncrementalMarkdown();
    md.update("# A\n\nbody");
    expect(md.update("other").map((b) => b.token.type)).toEqual(["paragraph"]);
  });

  it("finish() corrects a setext heading split across updates", () => {
    const md = new IncrementalMarkdown();
    md.update("Heading\n");
    md.update("Heading\n===\n");
    expect(md.finish().map((b) => b.token.type)).toEqual(["heading"]);
  });
});
