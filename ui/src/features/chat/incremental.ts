import { Lexer, type Token, type Tokens } from "marked";

/** A top-level markdown block and a key that stays the same while the block is unchanged. */
export interface Block {
  key: string;
  token: Token;
}

const lexerOptions = { gfm: true, breaks: false };

/**
 * Markdown parsed as it streams in. Blocks before the last one are finished: they are kept
 * (same objects, so React memo skips them) and never parsed again; only the text from the
 * start of the last, growing block is re-lexed on each update. `finish()` does one full
 * parse, for the rare construct a later block changes (a setext heading, a loose list).
 */
export class IncrementalMarkdown {
  private stable: Block[] = [];
  /** Characters of the text the stable blocks cover. */
  private stableLength = 0;
  private text = "";
  private tail: Block[] = [];
  private nextKey = 0;
  /** Characters lexed by the last update: what the work per update depends on. */
  lastLexed = 0;

  /** `text` must extend the previous text; anything else starts over. */
  update(text: string): Block[] {
    if (!text.startsWith(this.text)) this.reset();
    this.text = text;
    const rest = text.slice(this.stableLength);
    this.lastLexed = rest.length;
    const tokens = Lexer.lex(rest, lexerOptions).filter((t) => t.type !== "def");
    // Every token but the last (and trailing blank space) is complete: nothing later can
    // continue it, except the rare cases finish() corrects.
    let last = tokens.length - 1;
    while (last >= 0 && tokens[last]?.type === "space") last--;
    for (const token of tokens.slice(0, Math.max(0, last))) {
      this.stableLength += token.raw.length;
      if (token.type !== "space") this.stable.push({ key: `b${this.nextKey++}`, token });
    }
    const growing = last >= 0 ? tokens[last] : undefined;
    // The growing block keeps its key while it grows, so React updates it in place.
    this.tail = growing ? [{ key: `b${this.nextKey}`, token: growing }] : [];
    return this.blocks();
  }

  blocks(): Block[] {
    return this.tail.length ? [...this.stable, ...this.tail] : this.stable;
  }

  /** The whole text parsed at once: the final, exact rendering. */
  finish(text: string = this.text): Block[] {
    this.reset();
    this.text = text;
    this.stableLength = text.length;
    this.lastLexed = text.length;
    this.stable = Lexer.lex(text, lexerOptions)
      .filter((t) => t.type !== "space" && t.type !== "def")
      .map((token) => ({ key: `f${this.nextKey++}`, token }));
    return this.stable;
  }

  private reset() {
    this.stable = [];
    this.tail = [];
    this.stableLength = 0;
    this.text = "";
  }
}

export type { Token, Tokens };
