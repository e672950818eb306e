// Connections in the real app: a profile with user/password added through the form (bad
// input refused field by field, a wrong password refused by the server, then fixed by
// editing) connects to a nats-server this test starts; a NATS CLI context file written into
// the app's XDG_CONFIG_HOME appears, changes and disappears live; a 10,000-consumer table
// scrolls by keyboard with only a window of rows in the DOM; details open from the tables.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { freePort, launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { sandboxPids } from "./lib/sandbox.mjs";
import { scratchDir } from "./lib/scratch.mjs";

const USER = "ops";
const PASSWORD = "e2e-s3cret";
const CONSUMERS = 10_000;
const KEY = { down: "\uE015", up: "\uE013", pageDown: "\uE00F", home: "\uE011", end: "\uE010", enter: "\uE007", escape: "\uE00C" };

async function startServer(dir) {
  const port = await freePort();
  const child = spawn("nats-server", ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", dir, "-n", "e2e-auth", "--user", USER, "--pass", PASSWORD], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (d) => (log += d));
  const deadline = Date.now() + 20_000;
  while (!/Server is ready/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nats-server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, port, url: `nats://127.0.0.1:${port}` };
}

describe("nats connections", () => {
  let app;
  let s;
  let server;
  const work = scratchDir("sluice-e2e-nats-");
  const config = join(work, "config");
  const contextDir = join(config, "nats", "context");

  const profileRow = (id) => `[data-testid=nats-profiles] li[data-profile-id="${id}"]`;
  const profileIds = () => s.execute(`return [...document.querySelectorAll("[data-testid=nats-profiles] li")].map((li) => li.dataset.profileId);`);
  const rowText = (id) => s.execute(`return document.querySelector(arguments[0])?.textContent ?? null;`, [profileRow(id)]);
  const clickIn = async (id, testId) => s.click(await s.find(`${profileRow(id)} [data-testid=${testId}]`));
  const fill = async (field, text) => {
    const el = await s.find(`[data-testid=nats-form-${field}]`);
    await s.clearField(el);
    if (text) await s.sendKeys(el, text);
  };
  const connStatus = async () => s.attribute(await s.find("[data-testid=nats-conn]"), "data-status");

  before(async () => {
    server = await startServer(join(work, "store"));
    // Many consumers, made fast by a small Rust tool beside the app binary.
    const bin = join(dirname(process.env.SLUICE_APP_BIN ?? ""), "nats-consumers");
    // nats-server 2.9 allows 1,000 consumers per stream: ten streams of 1,000.
    for (let i = 0; i < CONSUMERS / 1000; i += 1) {
      const made = execFileSync(bin, [server.url, `BIG${i}`, String(i * 1000), "1000", USER, PASSWORD], { encoding: "utf8" });
      assert.equal(made.trim(), "1000");
    }
    mkdirSync(contextDir, { recursive: true });
    app = await launchApp({ env: { XDG_CONFIG_HOME: config } });
    s = app.session;
    await waitForShell(s);
  });

  after(async () => {
    if (s) await saveScreenshot(s, "nats-connections").catch(() => undefined);
    const home = app?.home;
    await app?.close();
    if (home) for (const pid of sandboxPids(home)) process.kill(pid, "SIGKILL");
    // `nats-server` on PATH may be a wrapper script (pyenv): kill the real server by its
    // store folder too, and drop the pipes, or this file's process never exits.
    for (const pid of sandboxPids(work)) process.kill(pid, "SIGKILL");
    server?.child.kill("SIGKILL");
    server?.child.stdout.destroy();
    server?.child.stderr.destroy();
  });

  test("the vault is created so profile secrets have somewhere to live", async () => {
    await s.click(await s.find("[data-testid=nav-settings]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=vault-password]")).length > 0, { what: "the vault form", timeoutMs: 20_000 });
    await s.sendKeys(await s.find("[data-testid=vault-password]"), "correct horse battery staple 42");
    await s.click(await s.find("[data-testid=vault-submit]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=vault-unlocked]")).length > 0, { what: "an unlocked vault", timeoutMs: 60_000 });
  });

  test("a profile added through the form connects with user and password", async () => {
    await s.click(await s.find("[data-testid=nav-nats]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=nats-profile-add]")).length > 0, { what: "the connections panel", timeoutMs: 30_000 });
    await s.click(await s.find("[data-testid=nats-profile-add]"));
    // Empty name, bad URL: refused before anything is sent.
    await fill("name", "");
    await fill("servers", "http://127.0.0.1:0");
    await s.click(await s.find("[data-testid=nats-form-save]"));
    assert.match(await s.textOf("[data-testid=nats-form-error-name]"), /name/i);
    assert.match(await s.textOf("[data-testid=nats-form-error-servers]"), /nats:\/\//);
    await fill("name", "e2e-auth");
    await fill("servers", server.url);
    await s.click(await s.find("[data-testid=nats-form-auth] option[value=userPassword]"));
    await fill("user", USER);
    await s.click(await s.find("[data-testid=nats-form-save]"));
    assert.match(await s.textOf("[data-testid=nats-form-error-secret]"), /password/i);
    // A wrong password is saved; the server refuses it with a clear error.
    await fill("secret", "wrong-password");
    await s.click(await s.find("[data-testid=nats-form-save]"));
    await s.waitFor(async () => (await s.findAll(profileRow("saved:e2e-auth"))).length > 0, { what: "the saved profile" });
    const file = readFileSync(join(app.home, "data", "dev.sluice.app", "nats-profiles.json"), "utf8");
    assert.ok(!file.includes("wrong-password"), "the profile file holds no secret");
    await clickIn("saved:e2e-auth", "nats-profile-connect");
    await s.waitFor(async () => /refused the credentials/.test(await s.textOf("[data-testid=nats-error]")), { what: "an auth error", timeoutMs: 20_000 });
    // Edit: the right password, and a description; the name stays.
    await clickIn("saved:e2e-auth", "nats-profile-edit");
    await fill("secret", PASSWORD);
    await fill("description", "edited in e2e");
    await s.click(await s.find("[data-testid=nats-form-save]"));
    await s.waitFor(async () => /edited in e2e/.test((await rowText("saved:e2e-auth")) ?? "") || (await s.findAll("[data-testid=nats-profile-form]")).length === 0, {
      what: "the edited profile",
    });
    await clickIn("saved:e2e-auth", "nats-profile-connect");
    await s.waitFor(async () => (await connStatus()) === "connected" && /e2e-auth/.test(await s.textOf("[data-testid=nats-conn]")), {
      what: "connected to the e2e server",
      timeoutMs: 30_000,
    });
    assert.match(await s.textOf("[data-testid=nats-conn]"), /Connected to e2e-auth/);
    assert.equal(await s.attribute(await s.find("[data-testid=statusbar-nats]"), "data-status"), "connected");
    assert.match(await s.textOf("[data-testid=statusbar-nats]"), /NATS e2e-auth/);
    // textContent, not WebDriver's visible text: the table is windowed and scrolls.
    const streamsText = () => s.execute(`return [...document.querySelectorAll("[data-testid=nats-streams]")].map((e) => e.textContent).join(" ");`);
    await s.waitFor(async () => /BIG9/.test(await streamsText()), { what: "the BIG streams", timeoutMs: 30_000 });
    await s.waitFor(async () => /e2e-auth/.test(await s.textOf("[data-testid=nats-topology]")), { what: "the server in the overview" });
    await saveScreenshot(s, "nats-connections-connected");
  });

  test("a NATS context file appears, changes and disappears live", async () => {
    const file = join(contextDir, "e2e-ctx.json");
    writeFileSync(file, JSON.stringify({ description: "first", url: "nats://127.0.0.1:4999" }));
    await s.waitFor(async () => /first/.test((await rowText("context:e2e-ctx")) ?? ""), { what: "the new context", timeoutMs: 20_000 });
    assert.match(await rowText("context:e2e-ctx"), /nats:\/\/127\.0\.0\.1:4999/);
    writeFileSync(file, JSON.stringify({ description: "second", url: "nats://127.0.0.1:5000", user: "x", password: "y" }));
    await s.waitFor(async () => /second/.test((await rowText("context:e2e-ctx")) ?? "") && /5000/.test((await rowText("context:e2e-ctx")) ?? ""), {
      what: "the edited context",
      timeoutMs: 20_000,
    });
    writeFileSync(join(contextDir, "broken.json"), "{ not json");
    await s.waitFor(async () => /not valid JSON/.test((await rowText("context:broken")) ?? ""), { what: "the broken context's problem", timeoutMs: 20_000 });
    await saveScreenshot(s, "nats-connections-contexts");
    rmSync(file);
    rmSync(join(contextDir, "broken.json"));
    await s.waitFor(async () => !(await profileIds()).some((id) => id.startsWith("context:")), { what: "the contexts gone", timeoutMs: 20_000 });
    assert.ok((await profileIds()).includes("saved:e2e-auth"));
  });

  test("10,000 consumers scroll by keyboard with a windowed DOM, and details open", async () => {
    const grid = "[data-testid=nats-consumers-grid]";
    await s.waitFor(async () => (await s.textOf("[data-testid=nats-consumers] h3")).includes(`(${CONSUMERS})`), {
      what: "all consumers in the table",
      timeoutMs: 60_000,
    });
    const rows = () => s.execute(`return [...document.querySelectorAll(arguments[0] + " [role=row]")].map((r) => r.textContent);`, [grid]);
    const selected = () => s.execute(`return document.querySelector(arguments[0] + " [aria-selected=true]")?.textContent ?? "";`, [grid]);
    await s.click(await s.find(grid));
    await s.pressKeys(KEY.end);
    await s.waitFor(async () => (await selected()).startsWith("c09999"), { what: "the last consumer selected" });
    let shown = await rows();
    assert.ok(shown.length < 40, `windowed: ${shown.length} rows in the DOM`);
    assert.ok(shown.some((t) => t.startsWith("c09999BIG9")));
    await s.pressKeys(KEY.home);
    await s.waitFor(async () => (await selected()).startsWith("c00000"), { what: "the first consumer selected" });
    for (let i = 0; i < 3; i += 1) await s.pressKeys(KEY.pageDown);
    await s.pressKeys(KEY.down);
    const at = await s.execute(`return Number(document.querySelector(arguments[0]).dataset.selected);`, [grid]);
    assert.ok(at > 3 && at < 100, `selection moved by pages: ${at}`);
    shown = await rows();
    assert.ok(shown.length < 40, `still windowed: ${shown.length}`);
    assert.ok(shown.some((t) => t.startsWith(`c${String(at).padStart(5, "0")}`)), "the selected row is rendered");
    await s.pressKeys(KEY.enter);
    await s.waitFor(async () => (await s.findAll("[data-testid=nats-consumer-detail]")).length > 0, { what: "the consumer detail" });
    assert.match(await s.textOf("[data-testid=nats-consumer-detail] h3"), new RegExp(`BIG0 › c${String(at).padStart(5, "0")}`));
    assert.match(await s.textOf("[data-testid=nats-consumer-config]"), /explicit/);
    await saveScreenshot(s, "nats-connections-consumer-detail");
    await s.pressKeys(KEY.escape);
    await s.waitFor(async () => (await s.findAll("[data-testid=nats-consumer-detail]")).length === 0, { what: "the detail closed" });
    // The streams table opens the stream detail the same way.
    await s.click(await s.find("[data-testid=nats-streams-grid]"));
    await s.pressKeys(KEY.home);
    await s.pressKeys(KEY.enter);
    await s.waitFor(async () => (await s.findAll("[data-testid=nats-stream-detail]")).length > 0, { what: "the stream detail" });
    assert.match(await s.textOf("[data-testid=nats-stream-detail] h3"), /Stream BIG0/);
    // Grouping follows the webview's locale (none under C.UTF-8).
    assert.match(await s.textOf("[data-testid=nats-stream-state]"), /Consumers\s*1[,.\u00a0\u202f]?000/);
    await saveScreenshot(s, "nats-connections-stream-detail");
  });

  test("disconnect shows the connection closed", async () => {
    await clickIn("saved:e2e-auth", "nats-profile-disconnect");
    await s.waitFor(async () => (await connStatus()) === "closed", { what: "a closed connection", timeoutMs: 20_000 });
    assert.match(await s.textOf("[data-testid=nats-conn]"), /Closed/);
  });
});
