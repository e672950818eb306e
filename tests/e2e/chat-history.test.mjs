// A long conversation in the real app: the history is windowed (the DOM holds a bounded
// number of messages whatever the length), opens scrolled to the end, and scrolling to the
// top shows the first message.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";

const MESSAGES = 500;
/** Messages the window may hold: the viewport plus overscan, far below the conversation's length. */
const BOUND = 80;

describe("chat history", () => {
  let app;
  let s;
  const inDom = () => s.execute(`return document.querySelectorAll("[data-testid=chat-messages] [data-testid=chat-message]").length;`);
  const scroll = () =>
    s.execute(`const el = document.querySelector("[data-testid=chat-messages]");
      return { top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight,
        texts: [...el.querySelectorAll("[data-testid=chat-message]")].map((m) => m.innerText.slice(0, 40)) };`);

  before(async () => {
    app = await launchApp();
    s = app.session;
    await waitForShell(s);
    // A saved conversation of 500 messages of varied length, through the app's own command.
    const id = await s.executeAsync(
      `const done = arguments[arguments.length - 1];
       const settings = await window.__TAURI_INTERNALS__.invoke("chat_settings_get");
       const messages = Array.from({ length: ${MESSAGES} }, (_, i) => ({
         role: i % 2 ? "assistant" : "user",
         content: "message " + i + " " + (i % 2 ? "**bold** and a list\\n\\n- one\\n- two\\n\\n" + "word ".repeat(i % 40) : "question"),
         reasoning: null, toolCalls: [], toolCallId: null,
       }));
       const c = await window.__TAURI_INTERNALS__.invoke("chat_save", { conversation: {
         id: "", title: "long history", settings, messages, createdAtMs: Date.now(), updatedAtMs: Date.now() } });
       done(c.id);`,
    );
    assert.ok(id);
    await s.click(await s.find("[data-testid=nav-chat]"));
    await s.waitFor(async () => (await s.execute(`return document.querySelector("[data-testid=chat-list]")?.innerText ?? "";`)).includes("long history"), {
      what: "the saved conversation in the list",
    });
    await s.click(await s.find("[data-testid=chat-list] .chat-list-item"));
    await s.waitFor(async () => (await inDom()) > 0, { what: "messages" });
  });

  after(async () => {
    if (s) await saveScreenshot(s, "chat-history").catch(() => undefined);
    await app?.close();
  });

  test("opens at the end with a bounded number of messages in the DOM", async () => {
    await s.waitFor(async () => (await scroll()).texts.some((t) => t.startsWith("message 499")), { what: "the last message" });
    const v = await scroll();
    assert.ok(v.height - v.top - v.client <= 32, `stuck to the bottom: ${JSON.stringify({ ...v, texts: undefined })}`);
    const n = await inDom();
    assert.ok(n > 0 && n <= BOUND, `${n} messages in the DOM`);
    assert.equal(await s.attribute(await s.find("[data-testid=chat-history]"), "data-count"), String(MESSAGES));
  });

  test("scrolling to the top shows the first messages, still bounded", async () => {
    await s.execute(`document.querySelector("[data-testid=chat-messages]").scrollTop = 0;`);
    await s.waitFor(async () => (await scroll()).texts[0]?.startsWith("message 0"), { what: "the first message" });
    const n = await inDom();
    assert.ok(n <= BOUND, `${n} messages in the DOM`);
    // Scrolled up, the view is released: it stays at the top.
    await new Promise((r) => setTimeout(r, 300));
    assert.ok((await scroll()).top < 50);
  });

  test("the middle of the conversation renders when scrolled to", async () => {
    await s.execute(`const el = document.querySelector("[data-testid=chat-messages]"); el.scrollTop = el.scrollHeight / 2;`);
    await s.waitFor(
      async () => {
        const t = (await scroll()).texts.map((x) => Number(/message (\d+)/.exec(x)?.[1]));
        return t.length > 0 && t[0] > 100 && t[t.length - 1] < 400;
      },
      { what: "messages from the middle" },
    );
    assert.ok((await inDom()) <= BOUND);
    await saveScreenshot(s, "chat-history-middle");
  });
});
