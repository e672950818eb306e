import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IncrementalMarkdown } from "./incremental";
import { Markdown } from "./Markdown";

const html = (text: string) => renderToStaticMarkup(<Markdown blocks={new IncrementalMarkdown().finish(text)} />);

describe("Markdown", () => {
  it("renders headings, lists and highlighted code as elements", () => {
    const out = html("# Title\n\n- **a**\n- b\n\n```js\nconst x = 'y';\n```");
    expect(out).toContain('<h2 class="md-h md-h1">Title</h2>');
    expect(out).toContain("<li><span><strong>a</strong></span></li>");
    expect(out).toContain('<span class="hl-keyword">const</span>');
    expect(out).toContain('<span class="hl-string">&#x27;y&#x27;</span>');
  });

  it("never emits markup from the model's text", () => {
    const out = html('<img src=x onerror="p()">\n\n<script>p()</script>\n\nx <b onclick="p()">y</b> [l](javascript:p()) ![i](http://e/x.png)');
    expect(out).not.toMatch(/<(img|script|b|a)[\s>]/);
    expect(out).toContain("&lt;img src=x onerror=&quot;p()&quot;&gt;");
    expect(out).toContain("&lt;script&gt;p()&lt;/script&gt;");
  });
});
