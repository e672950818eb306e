import { describe, expect, it } from "vitest";
import { atBottom, StickToBottom } from "./stickToBottom";

describe("stick to bottom", () => {
  it("counts a few pixels from the end as the bottom", () => {
    expect(atBottom({ scrollTop: 490, scrollHeight: 1000, clientHeight: 500 })).toBe(true);
    expect(atBottom({ scrollTop: 300, scrollHeight: 1000, clientHeight: 500 })).toBe(false);
  });

  it("releases when the user scrolls up and sticks again at the end", () => {
    const s = new StickToBottom();
    s.scrolledTo(500);
    s.onScroll({ scrollTop: 500, scrollHeight: 1000, clientHeight: 500 });
    expect(s.stuck).toBe(true);
    s.onScroll({ scrollTop: 200, scrollHeight: 1000, clientHeight: 500 });
    expect(s.stuck).toBe(false);
    // Content grows while released: still released.
    s.onScroll({ scrollTop: 200, scrollHeight: 1400, clientHeight: 500 });
    expect(s.stuck).toBe(false);
    s.onScroll({ scrollTop: 900, scrollHeight: 1400, clientHeight: 500 });
    expect(s.stuck).toBe(true);
  });
});
