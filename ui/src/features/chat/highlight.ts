/** A span of code and its class: what the code view renders (as text, never HTML). */
export interface CodeSpan {
  kind: "plain" | "keyword" | "string" | "comment" | "number";
  text: string;
}

const KEYWORDS = new Set(
  (
    "as async await break case catch class const continue def default do elif else enum " +
    "export extends false fn for from func function go if impl import in interface let " +
    "match mod mut new nil None null package pub return self static struct super switch " +
    "this throw trait True true try type typeof undefined use var void while with yield False"
  ).split(" "),
);

// One pass over the text: comments (// # /* */), strings ('' "" ``), numbers, words.
const TOKEN =
  /(\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|`(?:\\.|[^`\\])*`?)|(\b\d[\d_.]*(?:e[+-]?\d+)?\b|\b0x[\da-f]+\b)|([A-Za-z_][\w]*)/gi;

/** Splits code into highlighted spans. Language-agnostic: good enough for most answers. */
export function highlight(code: string, lang = ""): CodeSpan[] {
  const hashComments = /^(py|python|sh|bash|shell|zsh|ruby|rb|yaml|yml|toml|perl|r)$/i.test(lang);
  const spans: CodeSpan[] = [];
  let plain = "";
  let at = 0;
  const flush = () => {
    if (plain) spans.push({ kind: "plain", text: plain });
    plain = "";
  };
  for (const m of code.matchAll(TOKEN)) {
    const index = m.index;
    plain += code.slice(at, index);
    at = index + m[0].length;
    const [text, comment, str, num, word] = m;
    let kind: CodeSpan["kind"] = "plain";
    if (comment !== undefined) kind = comment.startsWith("#") && !hashComments ? "plain" : "comment";
    else if (str !== undefined) kind = "string";
    else if (num !== undefined) kind = "number";
    else if (word !== undefined && KEYWORDS.has(word)) kind = "keyword";
    if (kind === "plain") {
      plain += text;
      continue;
    }
    flush();
    spans.push({ kind, text });
  }
  plain += code.slice(at);
  flush();
  return spans;
}
