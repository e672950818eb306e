import { describe, expect, it } from "vitest";
import type { BackgroundPrefs } from "../../bindings/wire";
import { parseThreshold, withThreshold } from "./prefsForm";
import { formatDuration, verdictFacts } from "./verdictText";
import { verdict } from "./fixtures";

describe("parseThreshold", () => {
  it("accepts whole numbers within bounds", () => {
    expect(parseThreshold(" 30 ", 5)).toBe(30);
    expect(parseThreshold("0", 0)).toBe(0);
  });
  it("refuses garbage, negatives, fractions, huge numbers and values under the minimum", () => {
    for (const bad of ["", "abc", "-1", "1.5", "1e3", "99999999999", "4", "<b>"]) expect(parseThreshold(bad, 5)).toBeNull();
  });
});

describe("withThreshold", () => {
  it("changes one threshold and nothing else", () => {
    const prefs: BackgroundPrefs = {
      closeToTray: true,
      notify: true,
      maxNotificationsPerMinute: 3,
      thresholds: { windowSecs: 60, pendingJump: 1000, fallingBehindGrowth: 0, outstandingAck: 0, unprocessed: 0, lastDeliverySecs: 0, lastAckSecs: 0, redelivery: 0 },
    };
    const next = withThreshold(prefs, "windowSecs", 15);
    expect(next.thresholds.windowSecs).toBe(15);
    expect(prefs.thresholds.windowSecs).toBe(60);
    expect(next.closeToTray).toBe(true);
  });
});

describe("verdict wording", () => {
  it("says durations the way a person does", () => {
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(200_000)).toBe("3 min 20 s");
    expect(formatDuration(7_500_000)).toBe("2 h 5 min");
    expect(formatDuration(-5)).toBe("0 s");
  });
  it("shows ack pending against its limit", () => {
    const facts = verdictFacts(verdict("S/a", "saturated", "alert"));
    expect(facts.find((f) => f.label === "ack pending")?.value).toBe("50 / 50");
    expect(facts.find((f) => f.label === "pending")?.value).toBe("1,200");
  });
});
