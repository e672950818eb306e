import type { BackgroundPrefs, MonitorPrefs } from "../../bindings/wire";

/** The numeric thresholds the Settings form edits, with their labels and units. */
export const THRESHOLD_FIELDS: { key: keyof MonitorPrefs; label: string; unit: string; min: number }[] = [
  { key: "windowSecs", label: "Evaluation window", unit: "s", min: 5 },
  { key: "unprocessed", label: "Alert at pending messages", unit: "msgs, 0 = off", min: 0 },
  { key: "outstandingAck", label: "Alert at unacknowledged messages", unit: "msgs, 0 = off", min: 0 },
  { key: "lastDeliverySecs", label: "Alert when nothing delivered for", unit: "s, 0 = off", min: 0 },
  { key: "lastAckSecs", label: "Alert when nothing acknowledged for", unit: "s, 0 = off", min: 0 },
  { key: "redelivery", label: "Alert at redeliveries", unit: "msgs, 0 = off", min: 0 },
  { key: "fallingBehindGrowth", label: "Falling behind when pending grows by more than", unit: "msgs per window", min: 0 },
  { key: "pendingJump", label: "Timeline entry when pending jumps by", unit: "msgs per poll", min: 1 },
];

/**
 * Reads a number field: whole, at least `min`, at most 2^31 (the core's u32 fields); `null`
 * for anything else, so the form can say so instead of saving garbage.
 */
export function parseThreshold(text: string, min: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  if (!Number.isSafeInteger(n) || n < min || n > 2_147_483_647) return null;
  return n;
}

export function withThreshold(prefs: BackgroundPrefs, key: keyof MonitorPrefs, value: number): BackgroundPrefs {
  return { ...prefs, thresholds: { ...prefs.thresholds, [key]: value } };
}
