import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../bindings/wire";
import { keepShown } from "./useChatSession";

const msg = (role: ChatMessage["role"], content: string): ChatMessage => ({ role, content, reasoning: null, toolCalls: [], toolCallId: null });

describe("keepShown", () => {
  it("keeps the shown objects of equal messages and takes the new ones otherwise", () => {
    const shown = [msg("user", "q"), msg("assistant", "a")];
    const saved = [msg("user", "q"), msg("assistant", "a changed"), msg("user", "next")];
    const out = keepShown(shown, saved);
    expect(out[0]).toBe(shown[0]);
    expect(out[1]).toBe(saved[1]);
    expect(out[2]).toBe(saved[2]);
    expect(keepShown(shown, [{ ...msg("user", "q"), reasoning: "r" }])[0]).not.toBe(shown[0]);
  });
});
