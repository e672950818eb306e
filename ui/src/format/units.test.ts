import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatDuration } from "./units";

describe("formatBytes", () => {
  it("picks the largest unit below 1024", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(150 * 1024 * 1024)).toBe("150 MiB");
  });
  it("refuses nonsense instead of printing NaN", () => {
    expect(formatBytes(Number.NaN)).toBe("—");
    expect(formatBytes(-1)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("shows minutes and seconds, hours when needed", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(61_500)).toBe("1:01");
    expect(formatDuration(3_600_000 + 5_000)).toBe("1:00:05");
  });
});

describe("formatCount", () => {
  it("groups thousands", () => {
    expect(formatCount(1204)).toBe("1,204");
  });
});
