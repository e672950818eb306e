import { describe, expect, it } from "vitest";
import { highlight } from "./highlight";

describe("highlight", () => {
  it("marks keywords, strings, numbers and comments and keeps every character", () => {
    const code = 'fn main() {\n  let s = "hi"; // greet\n  return 42;\n}';
    const spans = highlight(code, "rust");
    expect(spans.map((s) => s.text).join("")).toBe(code);
    const of = (kind: string) => spans.filter((s) => s.kind === kind).map((s) => s.text);
    expect(of("keyword")).toEqual(["fn", "let", "return"]);
    expect(of("string")).toEqual(['"hi"']);
    expect(of("number")).toEqual(["42"]);
    expect(of("comment")).toEqual(["// greet"]);
  });

  it("treats # as a comment only where the language says so", () => {
    expect(highlight("# note", "python")[0]?.kind).toBe("comment");
    expect(highlight("#include <x>", "c").every((s) => s.kind !== "comment")).toBe(true);
  });

  it("keeps markup as plain text", () => {
    const code = "<script>alert(1)</script>";
    expect(highlight(code, "html").map((s) => s.text).join("")).toBe(code);
  });
});
