import { describe, expect, it } from "vitest";
import { baseName, canShowInline, downloadPath, MAX_INLINE_BYTES, pathProblem } from "./objectPaths";

describe("object paths", () => {
  it("base names", () => {
    expect(baseName("/tmp/a/b.txt")).toBe("b.txt");
    expect(baseName("C:\\x\\y.bin")).toBe("y.bin");
    expect(baseName("dir/")).toBe("dir");
    expect(baseName("")).toBe("");
  });
  it("download paths keep the name safe", () => {
    expect(downloadPath("/tmp/", "reports/q1 2024.pdf")).toBe("/tmp/q1_2024.pdf");
    expect(downloadPath("/tmp", "../../etc/passwd")).toBe("/tmp/passwd");
    expect(downloadPath("/tmp", "")).toBe("/tmp/object");
  });
  it("absolute paths only", () => {
    expect(pathProblem("/tmp/x")).toBeNull();
    expect(pathProblem("C:\\x")).toBeNull();
    expect(pathProblem("x.txt")).not.toBeNull();
    expect(pathProblem("  ")).not.toBeNull();
  });
  it("inline limit", () => {
    expect(canShowInline(MAX_INLINE_BYTES)).toBe(true);
    expect(canShowInline(MAX_INLINE_BYTES + 1)).toBe(false);
  });
});
