import { describe, expect, it } from "vitest";
import { DeltaParser } from "./fetchStream";

const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;

describe("DeltaParser", () => {
  it("joins content across reads cut at any byte, and stops at [DONE]", () => {
    const stream = chunk("Hel") + ": comment\n\n" + chunk("lo **wor") + "data:" + JSON.stringify({ choices: null }) + "\n\n" + chunk("ld**") + "data: [DONE]\n\n" + chunk("after");
    for (let cut = 1; cut < 40; cut += 7) {
      const p = new DeltaParser();
      let out = "";
      for (let i = 0; i < stream.length; i += cut) out += p.push(stream.slice(i, i + cut));
      expect(out).toBe("Hello **world**");
      expect(p.done).toBe(true);
    }
  });

  it("skips malformed JSON and handles CRLF", () => {
    const p = new DeltaParser();
    expect(p.push("data: {not json\r\n\r\n" + chunk("ok").replace(/\n/g, "\r\n"))).toBe("ok");
    expect(p.done).toBe(false);
  });
});
