// Generated from crates/sluice-wire by scripts/gen-bindings. Do not edit by hand.

export type SubId = number;

export type ErrorCode = "invalid_input" | "not_found" | "closed" | "unavailable" | "internal";

export type IpcError = { code: ErrorCode, message: string, };

export type DropReport = { count: number, 
/**
 * Event sequence (order of arrival, from 1) of the first and last dropped event.
 */
firstSeq: number, lastSeq: number, };

export type FlowStats = { 
/**
 * Events the producer pushed.
 */
received: number, 
/**
 * Events that left in a frame as their own entry.
 */
delivered: number, 
/**
 * Events appended into an earlier pending entry of the same key.
 */
merged: number, 
/**
 * Events replaced by a newer value of the same key before they were sent.
 */
superseded: number, 
/**
 * Events lost because the ring was full.
 */
dropped: number, 
/**
 * Frames sent.
 */
frames: number, };

export type Frame<T> = { sub: SubId, 
/**
 * Bumped each time the source restarts (reconnect); the receiver can reset views.
 */
generation: number, 
/**
 * Frame sequence, starting at 1 and continuous for the life of the subscription, so a
 * receiver detects a missing frame. Acks name this number.
 */
seq: number, entries: Array<T>, 
/**
 * Events dropped since the previous frame, if any.
 */
dropped: DropReport | null, 
/**
 * Running totals for the subscription.
 */
stats: FlowStats, };

export type HealthSample = { version: string, uptimeMs: number, 
/**
 * Resident set size of the core process, in bytes (0 where the OS does not say).
 */
rssBytes: number, 
/**
 * Events all subscriptions of this process have taken in so far.
 */
eventsHandled: number, 
/**
 * Wall clock of the sample, milliseconds since the Unix epoch.
 */
sampledAtMs: number, };

export type AppInfo = { name: string, version: string, os: string, arch: string, };
