import { memo, type ReactNode } from "react";
import type { Token, Tokens } from "marked";
import type { Block } from "./incremental";
import { highlight } from "./highlight";

// Markdown tokens become React elements, so model output is only ever text in the DOM:
// raw HTML in an answer is shown as text, links do not navigate the app's window, images
// are not loaded. Nothing here can run script.

function inline(tokens: Token[] | undefined, keyPrefix = ""): ReactNode[] {
  return (tokens ?? []).map((t, i) => inlineToken(t, `${keyPrefix}${i}`));
}

function inlineToken(t: Token, key: string): ReactNode {
  switch (t.type) {
    case "strong":
      return <strong key={key}>{inline((t as Tokens.Strong).tokens, key)}</strong>;
    case "em":
      return <em key={key}>{inline((t as Tokens.Em).tokens, key)}</em>;
    case "del":
      return <del key={key}>{inline((t as Tokens.Del).tokens, key)}</del>;
    case "codespan":
      return <code key={key}>{(t as Tokens.Codespan).text}</code>;
    case "br":
      return <br key={key} />;
    case "link": {
      const link = t as Tokens.Link;
      // Shown as a link-styled span with the address as its title: clicking must not
      // navigate the app's own window to a page the model chose.
      return (
        <span key={key} className="md-link" title={link.href}>
          {inline(link.tokens, key)}
        </span>
      );
    }
    case "image":
      return <span key={key} className="md-link" title={(t as Tokens.Image).href}>{`[image: ${(t as Tokens.Image).text}]`}</span>;
    case "text": {
      const text = t as Tokens.Text;
      return text.tokens ? <span key={key}>{inline(text.tokens, key)}</span> : text.text;
    }
    case "escape":
      return (t as Tokens.Escape).text;
    default:
      // html and anything unknown: the raw source, as text.
      return t.raw;
  }
}

function CodeBlock({ code, lang }: { code: string; lang: string }) {
  return (
    <pre className="md-code" data-lang={lang || undefined}>
      <code>
        {highlight(code, lang).map((s, i) =>
          s.kind === "plain" ? s.text : <span key={i} className={`hl-${s.kind}`}>{s.text}</span>,
        )}
      </code>
    </pre>
  );
}

function blockToken(t: Token, key: string): ReactNode {
  switch (t.type) {
    case "heading": {
      const h = t as Tokens.Heading;
      // One level down: the section's own title is the page's h1.
      const Tag = `h${Math.min(6, h.depth + 1)}` as "h2";
      return <Tag key={key} className={`md-h md-h${h.depth}`}>{inline(h.tokens)}</Tag>;
    }
    case "paragraph":
      return <p key={key}>{inline((t as Tokens.Paragraph).tokens)}</p>;
    case "code": {
      const c = t as Tokens.Code;
      return <CodeBlock key={key} code={c.text} lang={(c.lang ?? "").split(/\s/)[0] ?? ""} />;
    }
    case "list": {
      const l = t as Tokens.List;
      const items = l.items.map((item, i) => (
        <li key={i}>
          {item.task && <input type="checkbox" checked={item.checked ?? false} readOnly disabled />}
          {item.tokens.map((c, j) => (c.type === "text" ? inlineToken(c, `${i}-${j}`) : blockToken(c, `${i}-${j}`)))}
        </li>
      ));
      return l.ordered ? (
        <ol key={key} start={typeof l.start === "number" ? l.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case "blockquote":
      return <blockquote key={key}>{(t as Tokens.Blockquote).tokens.map((c, i) => blockToken(c, `${key}-${i}`))}</blockquote>;
    case "hr":
      return <hr key={key} />;
    case "table": {
      const tb = t as Tokens.Table;
      return (
        <table key={key} className="md-table">
          <thead>
            <tr>{tb.header.map((c, i) => <th key={i}>{inline(c.tokens)}</th>)}</tr>
          </thead>
          <tbody>
            {tb.rows.map((r, i) => (
              <tr key={i}>{r.map((c, j) => <td key={j}>{inline(c.tokens)}</td>)}</tr>
            ))}
          </tbody>
        </table>
      );
    }
    case "space":
    case "def":
      return null;
    case "text": {
      const text = t as Tokens.Text;
      return <p key={key}>{text.tokens ? inline(text.tokens) : text.text}</p>;
    }
    default:
      // html blocks and anything unknown: the raw source, as text.
      return <p key={key} className="md-raw">{t.raw.trimEnd()}</p>;
  }
}

/** One block; memoised on its token, so finished blocks render once. */
const BlockView = memo(function BlockView({ token }: { token: Token }) {
  return blockToken(token, "0");
});

/** Blocks per group: a streamed update re-renders one group, not every block of the answer. */
export const GROUP = 16;

const sameBlocks = (a: { blocks: Block[] }, b: { blocks: Block[] }) =>
  a.blocks.length === b.blocks.length && a.blocks.every((x, i) => x === b.blocks[i]);

/** A run of blocks without a wrapper element; skipped while its blocks are the same objects. */
const BlockGroup = memo(function BlockGroup({ blocks }: { blocks: Block[] }) {
  return blocks.map((b) => <BlockView key={b.key} token={b.token} />);
}, sameBlocks);

export function Markdown({ blocks }: { blocks: Block[] }) {
  const groups: ReactNode[] = [];
  for (let i = 0; i < blocks.length; i += GROUP) groups.push(<BlockGroup key={i} blocks={blocks.slice(i, i + GROUP)} />);
  return <div className="md">{groups}</div>;
}
