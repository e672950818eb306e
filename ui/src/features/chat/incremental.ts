import { Lexer, type Token, type Tokens } from "marked";

/** A top-level markdown block and a key that stays the same while the block is unchanged. */
export interface Block {
  key: string;
  token: Token;
}

const lexerOptions = { gfm: true, breaks: false };

/** Blank space and link definitions render nothing. */
const shown = (t: Token) => t.type !== "space" && t.type !== "def";

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
  /** Whether a reference definition was seen: it can change how any block renders. */
  private sawDefs = false;
  /** Characters lexed by the last update: what the work per update depends on. */
  lastLexed = 0;

  /** `text` must extend the previous text; anything else starts over. */
  update(text: string): Block[] {
    if (!text.startsWith(this.text)) this.reset();
    this.text = text;
    const rest = text.slice(this.stableLength);
    this.lastLexed = rest.length;
    const tokens = Lexer.lex(rest, lexerOptions);
    if (Object.keys(tokens.links).length) this.sawDefs = true;
    let last = tokens.length - 1;
    while (last >= 0 && tokens[last]?.type === "space") last--;
    // A block is complete once a later block starts on a complete line: an unfinished line
    // can still turn out to continue it ("3" becoming the list item "3. third").
    const lineEnd = rest.lastIndexOf("\n");
    let done = 0;
    for (let i = 0, at = 0; i < last; i++) {
      at += tokens[i]?.raw.length ?? 0;
      if (tokens[i + 1]?.type !== "space" && at <= lineEnd) done = i + 1;
    }
    for (const token of tokens.slice(0, done)) {
      this.stableLength += token.raw.length;
      if (shown(token)) this.stable.push({ key: `b${this.nextKey++}`, token });
    }
    // The growing blocks keep their keys while they grow, so React updates them in place.
    this.tail = tokens
      .slice(done, last + 1)
      .filter(shown)
      .map((token, i) => ({ key: `b${this.nextKey + i}`, token }));
    return this.blocks();
  }

  blocks(): Block[] {
    return this.tail.length ? [...this.stable, ...this.tail] : this.stable;
  }

  /**
   * The end of a stream: its growing blocks are final as they are, so this costs one
   * incremental update, not a parse of the whole answer. Lexing the text in the pieces the
   * stream settled on gives the same blocks as one parse (tested with random chunkings)
   * except where reference definitions resolve links across blocks: then a full parse.
   */
  complete(text: string = this.text): Block[] {
    if (text !== this.text || !this.blocks().length) this.update(text);
    if (this.sawDefs) return this.finish(text);
    this.stable = this.blocks();
    this.nextKey += this.tail.length;
    this.tail = [];
    this.stableLength = text.length;
    return this.stable;
  }

  /**
   * The whole text parsed at once: the final, exact rendering. Blocks whose source is
   * unchanged keep the streamed objects and keys, so a view that showed the stream re-renders
   * only what the full parse changed. Not when the text defines reference links: those can
   * change how any block renders.
   */
  finish(text: string = this.text): Block[] {
    const before = this.blocks();
    this.reset();
    this.text = text;
    this.stableLength = text.length;
    this.lastLexed = text.length;
    const tokens = Lexer.lex(text, lexerOptions);
    const reuse = Object.keys(tokens.links).length === 0;
    this.stable = tokens
      .filter(shown)
      .map((token, i) => {
        const old = before[i];
        return reuse && old && old.token.raw === token.raw ? old : { key: `f${this.nextKey++}`, token };
      });
    return this.stable;
  }

  private reset() {
    this.stable = [];
    this.tail = [];
    this.stableLength = 0;
    this.text = "";
    this.sawDefs = false;
  }
}

export type { Token, Tokens };
