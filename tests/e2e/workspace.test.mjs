// The Workspace section in the real app: a folder's tree, live, with .gitignore rules,
// skipped build output, marked links, and a terminal opened at a folder of the tree.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { scratchDir } from "./lib/scratch.mjs";
import { Key, elementRef } from "./lib/webdriver.mjs";

describe("workspace", () => {
  let app;
  let s;
  let root;
  let outside;
  let home;

  /** Paths and kinds of the rows on screen (the tree renders only what is in view). */
  const rows = () =>
    s.execute(
      `return [...document.querySelectorAll("[data-testid=workspace-tree] [role=treeitem]")]
        .map((r) => ({ path: r.dataset.path, kind: r.dataset.kind, text: r.textContent }));`,
    );
  const paths = async () => (await rows()).map((r) => r.path);
  const waitForRows = (pred, what) => s.waitFor(async () => pred(await paths()), { what, timeoutMs: 20_000 });
  const rowSelector = (path) => `[data-testid=workspace-tree] [role=treeitem][data-path="${path}"]`;

  before(async () => {
    root = realpathSync(scratchDir("sluice-ws-"));
    mkdirSync(join(root, "src", "deep"), { recursive: true });
    writeFileSync(join(root, "README.md"), "# hi\n");
    writeFileSync(join(root, "src", "main.rs"), "fn main() {}\n");
    writeFileSync(join(root, ".gitignore"), "secret.log\n");
    writeFileSync(join(root, "secret.log"), "ignored\n");
    mkdirSync(join(root, "node_modules", "pkg"), { recursive: true });
    writeFileSync(join(root, "node_modules", "pkg", "index.js"), "\n");
    symlinkSync(".", join(root, "loop"));
    // A sibling folder: outside the root, but not one of its ancestors (that would be a loop).
    outside = scratchDir("sluice-ws-outside-");
    symlinkSync(outside, join(root, "outside"));
    // A home of its own, so the section's default (home) is small and known.
    home = scratchDir("sluice-ws-home-");
    app = await launchApp({ env: { HOME: home, SHELL: "/bin/bash", PS1: "$ " } });
    s = app.session;
    await waitForShell(s);
    // Read the terminal's screen from the DOM renderer; WebGL draws to a canvas.
    await s.click(await s.find("[data-testid=nav-settings]"));
    await s.click(await s.find("input[name=renderer][value=dom]"));
    await s.click(await s.find("[data-testid=nav-workspace]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=workspace-status]")).length === 1, {
      what: "the home folder listed",
      timeoutMs: 20_000,
    });
  });

  after(async () => {
    if (s) await saveScreenshot(s, "workspace").catch(() => undefined);
    await app?.close();
  });

  test("opening a folder lists it, ignored and build folders left out, links marked", async () => {
    const input = await s.find("[data-testid=workspace-path]");
    // Select, then type over: WebDriver's clear() bypasses React's change tracking.
    await s.execute(`arguments[0].select();`, [elementRef(input)]);
    await s.sendKeys(input, root);
    await s.click(await s.find("[data-testid=workspace-open]"));
    await waitForRows((p) => p.includes("README.md") && p.includes("src") && p.includes("loop"), "the folder's entries");
    const listed = await rows();
    const byPath = Object.fromEntries(listed.map((r) => [r.path, r]));
    assert.equal(byPath["src"]?.kind, "dir");
    assert.equal(byPath["secret.log"], undefined, ".gitignore'd file is absent");
    assert.equal(byPath["node_modules"], undefined, "node_modules is skipped");
    assert.equal(byPath["loop"]?.kind, "linkLoop");
    assert.match(byPath["loop"]?.text ?? "", /loop/);
    assert.equal(byPath["outside"]?.kind, "linkOutside");
    assert.match(byPath["outside"]?.text ?? "", /link outside/);
    // Folders are collapsed until opened.
    assert.ok(!(await paths()).includes("src/main.rs"));
  });

  test("the keyboard expands and collapses folders", async () => {
    await s.click(await s.find(rowSelector("src")));
    await waitForRows((p) => p.includes("src/main.rs"), "src expanded by a click");
    await s.pressKeys("\uE012"); // Left
    await waitForRows((p) => !p.includes("src/main.rs"), "src collapsed by Left");
    await s.pressKeys("\uE014"); // Right
    await waitForRows((p) => p.includes("src/main.rs") && p.includes("src/deep"), "src expanded by Right");
    await saveScreenshot(s, "workspace-tree");
  });

  test("files created, renamed and deleted on disk show up live", async () => {
    writeFileSync(join(root, "new-file.txt"), "x\n");
    writeFileSync(join(root, "src", "added.rs"), "\n");
    await waitForRows((p) => p.includes("new-file.txt") && p.includes("src/added.rs"), "created files");
    renameSync(join(root, "new-file.txt"), join(root, "renamed.txt"));
    await waitForRows((p) => p.includes("renamed.txt") && !p.includes("new-file.txt"), "the rename");
    rmSync(join(root, "renamed.txt"));
    writeFileSync(join(root, "also-secret.log"), "\n");
    writeFileSync(join(root, "secret.log"), "changed\n");
    await waitForRows((p) => !p.includes("renamed.txt"), "the delete");
    assert.ok(!(await paths()).includes("secret.log"), "an ignored file stays hidden when it changes");
  });

  test("Enter on a folder opens a terminal there", async () => {
    // Focus is on src (the last clicked row); move to its child folder src/deep.
    const list = await paths();
    const at = list.indexOf("src");
    const deep = list.indexOf("src/deep");
    assert.ok(at >= 0 && deep > at, `${list}`);
    for (let i = at; i < deep; i++) await s.pressKeys(Key.ArrowDown);
    await s.waitFor(
      async () => (await s.execute(`return document.querySelector("[role=treeitem][aria-selected=true]")?.dataset.path;`)) === "src/deep",
      { what: "src/deep selected" },
    );
    await s.pressKeys(Key.Enter);
    await s.waitFor(async () => (await s.findAll("[data-testid=terminal] .xterm-rows")).length === 1, {
      what: "the Terminal section with a terminal",
      timeoutMs: 20_000,
    });
    const tab = await s.find("[role=tab][aria-selected=true]");
    assert.match(await s.text(tab), /deep/);
    const input = await s.find("[data-testid=terminal] textarea.xterm-helper-textarea");
    await s.sendKeys(input, "pwd\n");
    const want = join(root, "src", "deep");
    await s.waitFor(
      async () =>
        (await s.execute(`return document.querySelector("[data-testid=terminal] .xterm-rows")?.innerText ?? "";`)).includes(want),
      { what: `pwd printing ${want}`, timeoutMs: 20_000 },
    );
  });
});
