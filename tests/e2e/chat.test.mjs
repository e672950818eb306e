// AI chat in the real app against a real OpenAI-compatible server on 127.0.0.1: answers
// stream in and render as markdown, model output never runs script, stop works.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { Key } from "./lib/webdriver.mjs";
import { startChatServer } from "./lib/streamServers.mjs";
import { ensureVault } from "./lib/vault.mjs";

describe("chat", () => {
  let app;
  let s;
  let server;

  const answers = () => s.findAll("[data-testid=chat-message][data-role=assistant]");
  const lastAnswerText = () =>
    s.execute(`const a = document.querySelectorAll("[data-testid=chat-message][data-role=assistant]");
      return a.length ? a[a.length - 1].innerText : "";`);
  const ask = async (text) => {
    const input = await s.find("[data-testid=chat-input]");
    await s.sendKeys(input, text);
    await s.sendKeys(input, Key.Enter);
  };
  const setField = async (css, value) => {
    const el = await s.find(css);
    await s.clearField(el);
    await s.sendKeys(el, value);
  };

  before(async () => {
    server = await startChatServer();
    app = await launchApp();
    s = app.session;
    await waitForShell(s);
    // The API key is kept in the vault.
    await ensureVault(s);
    await s.click(await s.find("[data-testid=nav-chat]"));
    // No model yet: the settings form is open.
    await s.waitFor(async () => (await s.findAll("[data-testid=chat-settings]")).length === 1, { what: "chat settings" });
    await setField("[data-testid=chat-base-url]", server.baseUrl);
    await setField("[data-testid=chat-model]", "fixture-model");
    await setField("[data-testid=chat-api-key]", "sk-test-secret");
    await s.click(await s.find("[data-testid=chat-settings-save]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=chat-settings]")).length === 0, { what: "settings saved" });
  });

  after(async () => {
    if (s) await saveScreenshot(s, "chat").catch(() => undefined);
    await app?.close();
    server?.close();
  });

  test("an answer streams in and renders markdown: heading, list, highlighted code", async () => {
    await ask("markdown please");
    await s.waitFor(async () => (await answers()).length === 1, { what: "the finished answer", timeoutMs: 30_000 });
    const shape = await s.execute(`const a = document.querySelector("[data-testid=chat-message][data-role=assistant]");
      return {
        heading: a.querySelector("h2")?.innerText,
        items: [...a.querySelectorAll("ul > li")].map((li) => li.innerText),
        strong: a.querySelector("li strong")?.innerText,
        code: a.querySelector("pre.md-code")?.innerText,
        lang: a.querySelector("pre.md-code")?.dataset.lang,
        keywords: [...a.querySelectorAll("pre .hl-keyword")].map((k) => k.innerText),
        strings: [...a.querySelectorAll("pre .hl-string")].map((k) => k.innerText),
      };`);
    assert.equal(shape.heading, "Release notes");
    assert.deepEqual(shape.items, ["faster parser", "fewer allocations", "a new flag"]);
    assert.equal(shape.strong, "parser");
    assert.match(shape.code, /fn main\(\) \{\s+println!\("hello"\);\s+\}/);
    assert.equal(shape.lang, "rust");
    assert.ok(shape.keywords.includes("fn"), JSON.stringify(shape));
    assert.deepEqual(shape.strings, ['"hello"']);
    // The key went to the server, and never to the webview.
    assert.equal(server.state.requests.at(-1).headers.authorization, "Bearer sk-test-secret");
    const page = await s.execute(`return document.documentElement.outerHTML + JSON.stringify(localStorage);`);
    assert.ok(!page.includes("sk-test-secret"), "the API key is not in the page");
  });

  test("HTML and script in model output render as text and never run", async () => {
    await ask("xss now");
    await s.waitFor(async () => (await answers()).length === 2, { what: "the second answer", timeoutMs: 30_000 });
    const text = await lastAnswerText();
    assert.match(text, /<img src=x onerror="window.__pwned=1">/);
    assert.match(text, /<script>window.__pwned = 2<\/script>/);
    const found = await s.execute(`const a = [...document.querySelectorAll("[data-testid=chat-message][data-role=assistant]")].at(-1);
      return { img: a.querySelectorAll("img").length, script: a.querySelectorAll("script").length,
        handlers: [...a.querySelectorAll("*")].filter((e) => [...e.attributes].some((at) => at.name.startsWith("on"))).length,
        anchors: a.querySelectorAll("a[href]").length, pwned: typeof window.__pwned };`);
    assert.deepEqual(found, { img: 0, script: 0, handlers: 0, anchors: 0, pwned: "undefined" });
  });

  test("Esc stops a streaming answer; what arrived is kept and the server sees the cancel", async () => {
    await ask("slow answer");
    await s.waitFor(async () => /word1\d/.test(await s.textOf("[data-testid=chat-streaming]").catch(() => "")), {
      what: "tokens streaming",
      timeoutMs: 30_000,
    });
    // The answer's DOM is handed over to the finished message, not rebuilt.
    await s.execute(`document.querySelector("[data-testid=chat-streaming] .md").dataset.mark = "streamed";`);
    await s.pressKeys("\uE00C"); // Escape
    await s.waitFor(async () => (await s.findAll("[data-testid=chat-streaming]")).length === 0, { what: "the stream to stop" });
    const kept = await s.execute(`return [...document.querySelectorAll("[data-testid=chat-message][data-role=assistant] .md")].at(-1).dataset.mark ?? null;`);
    assert.equal(kept, "streamed", "the stopped answer kept the elements it streamed into");
    await s.waitFor(async () => server.state.clientGone === 1, { what: "the server to see the client leave" });
    assert.equal(server.state.completed, 2, "the stopped answer never completed");
    assert.match(await lastAnswerText(), /word0 word1/);
    assert.ok((await s.findAll("[data-testid=chat-send]")).length === 1, "ready for the next question");
  });

  test("the conversation is saved, with every answer, and listed", async () => {
    const items = await s.execute(`return [...document.querySelectorAll("[data-testid=chat-list] li")].map((li) => li.innerText);`);
    assert.equal(items.length, 1);
    assert.match(items[0], /markdown please/);
    const dir = join(app.home, "data");
    const files = [];
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else files.push(join(d, e.name));
      }
    };
    walk(dir);
    const convo = files.find((f) => /chats\/[0-9a-f]+-[0-9a-f]+\.json$/.test(f));
    assert.ok(convo, files.join("\n"));
    const saved = JSON.parse(readFileSync(convo, "utf8"));
    assert.deepEqual(saved.messages.map((m) => m.role), ["user", "assistant", "user", "assistant", "user", "assistant"]);
    assert.ok(!readFileSync(convo, "utf8").includes("sk-test-secret"), "the key is not in the conversation");
  });

  test("a server that is not there gives a clear error", async () => {
    await s.click(await s.find("[data-testid=chat-settings-toggle]"));
    await setField("[data-testid=chat-base-url]", "http://127.0.0.1:9/v1");
    await s.click(await s.find("[data-testid=chat-settings-save]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=chat-settings]")).length === 0, { what: "settings saved" });
    await ask("hello?");
    await s.waitFor(async () => (await s.findAll("[data-testid=chat-error]")).length === 1, { what: "an error", timeoutMs: 30_000 });
    assert.match(await s.textOf("[data-testid=chat-error]"), /127\.0\.0\.1:9/);
  });
});
