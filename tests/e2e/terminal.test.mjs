// Real PTY terminals in the real app: typing reaches the shell, output comes back intact,
// a flood leaves the UI responsive and Ctrl-C works.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { Key } from "./lib/webdriver.mjs";

describe("terminal", () => {
  let app;
  let s;

  const screenText = () =>
    s.execute(`return document.querySelector("[data-testid=terminal] .xterm-rows")?.innerText ?? "";`);
  const type = async (text) => {
    const input = await s.find("[data-testid=terminal] textarea.xterm-helper-textarea");
    await s.sendKeys(input, text);
  };
  const waitForText = (pattern, what, timeoutMs = 20_000) =>
    s.waitFor(async () => pattern.test(await screenText()), { what, timeoutMs });

  before(async () => {
    app = await launchApp({ env: { SHELL: "/bin/bash", PS1: "$ " } });
    s = app.session;
    await waitForShell(s);
    // Read the screen from the DOM renderer; WebGL draws to a canvas.
    await s.click(await s.find("[data-testid=nav-settings]"));
    await s.click(await s.find("input[name=renderer][value=dom]"));
    await s.click(await s.find("[data-testid=nav-terminal]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=terminal] .xterm-rows")).length === 1, {
      what: "a terminal",
    });
  });

  after(async () => {
    if (s) await saveScreenshot(s, "terminal").catch(() => undefined);
    await app?.close();
  });

  test("typing a command runs it in a real shell", async () => {
    await type("echo hello-$((6*7))\n");
    await waitForText(/hello-42/, "the command's output");
  });

  test("a UTF-8 character split across reads arrives intact", async () => {
    await type("printf 'a\\xe2'; sleep .2; printf '\\x80\\x94b\\n'\n");
    await waitForText(/a—b/, "the em dash");
    assert.doesNotMatch(await screenText(), /\uFFFD/);
  });

  test("a flood leaves the UI responsive, and Ctrl-C returns the prompt", async () => {
    await type("seq 1 50000000\n");
    await waitForText(/\n\d{5,}/, "the flood to start");
    // The shell keeps flooding while the user switches sections and back.
    await s.click(await s.find("[data-testid=nav-overview]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=section-overview]")).length === 1, {
      what: "overview while the terminal floods",
    });
    await s.click(await s.find("[data-testid=nav-terminal]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=terminal] .xterm-rows")).length === 1, {
      what: "the terminal again",
    });
    const input = await s.find("[data-testid=terminal] textarea.xterm-helper-textarea");
    await s.execute(`arguments[0].focus();`, [{ "element-6066-11e4-a52e-4f735466cecf": input }]);
    await s.pressKeys(Key.Control, "c");
    await type("echo back-$((1+1))\n");
    await waitForText(/back-2/, "the prompt after Ctrl-C");
  });

  test("exit is reported on the tab", async () => {
    await type("exit 3\n");
    await waitForText(/process exited with code 3/, "the exit status");
    const tab = await s.find("[role=tab][aria-selected=true]");
    assert.match(await s.text(tab), /\(exited\)/);
  });
});
