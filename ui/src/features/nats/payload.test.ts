import { describe, expect, it } from "vitest";
import { MAX_RENDERED_CHARS, decodeB64, renderPayload } from "./payload";

const b64 = (s: string) => btoa(s);

describe("renderPayload", () => {
  it("shows text, pretty JSON, hex and base64", () => {
    expect(renderPayload(b64("hello"), "text")).toBe("hello");
    expect(renderPayload(b64('{"a":1}'), "json")).toBe('{\n  "a": 1\n}');
    expect(renderPayload(b64("AB"), "hex")).toBe("41 42");
    expect(renderPayload(b64("AB"), "base64")).toBe("QUI=");
  });

  it("falls back to text for JSON that does not parse, and names empty payloads", () => {
    expect(renderPayload(b64("not json"), "json")).toBe("not json");
    expect(renderPayload("", "text")).toBe("(empty)");
  });

  it("keeps markup as literal text and survives invalid UTF-8", () => {
    const markup = '<img src=x onerror="window.__pwned=1">';
    expect(renderPayload(b64(markup), "text")).toBe(markup);
    expect(renderPayload(btoa("\xff\xfe"), "text")).toBe("\uFFFD\uFFFD");
    expect(Array.from(decodeB64(btoa("\xff")))).toEqual([255]);
  });

  it("clips huge payloads", () => {
    const big = b64("x".repeat(MAX_RENDERED_CHARS + 10));
    expect(renderPayload(big, "text")).toMatch(/… \(10 more characters\)$/);
    expect(renderPayload(big, "hex").length).toBeLessThan(MAX_RENDERED_CHARS + 100);
  });
});
