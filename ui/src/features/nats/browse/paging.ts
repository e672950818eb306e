import type { NatsBrowseRequest } from "../../../bindings/wire";

export type StartMode = "seq" | "time";

export interface BrowseForm {
  stream: string;
  mode: StartMode;
  /** A sequence number, or a local date-time (`YYYY-MM-DDTHH:MM[:SS]`). */
  start: string;
  subject: string;
  limit: number;
}

/** The first page's request from the form, or why the form is not usable. */
export function firstRequest(form: BrowseForm): NatsBrowseRequest | string {
  if (!form.stream) return "Choose a stream";
  const subject = form.subject.trim();
  if (/\s/.test(subject)) return "A subject filter cannot contain spaces";
  const limit = Math.min(500, Math.max(1, Math.floor(form.limit) || 50));
  const base = { stream: form.stream, subject: subject || null, limit, startSeq: null, startTimeMs: null };
  const start = form.start.trim();
  if (!start) return base;
  if (form.mode === "seq") {
    if (!/^\d+$/.test(start)) return "The start sequence must be a whole number";
    return { ...base, startSeq: Number(start) };
  }
  const ms = new Date(start).getTime();
  if (Number.isNaN(ms)) return "The start time is not a date and time";
  return { ...base, startTimeMs: Math.max(0, ms) };
}

/** Pages seen so far, newest last: Next pushes, Back pops. */
export type PageStack = readonly NatsBrowseRequest[];

export function nextPage(stack: PageStack, nextSeq: number | null): PageStack {
  const last = stack[stack.length - 1];
  if (!last || nextSeq === null) return stack;
  return [...stack, { ...last, startSeq: nextSeq, startTimeMs: null }];
}

export function prevPage(stack: PageStack): PageStack {
  return stack.length > 1 ? stack.slice(0, -1) : stack;
}
