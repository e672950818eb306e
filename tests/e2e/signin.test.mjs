// Sign-in in the real app: a provider configured by issuer (the test authorization server),
// the authorization URL opened in the "system browser" (a recording stand-in), and the
// callback delivered as a deep link by a second app process, which must forward it to the
// running instance and exit. Hostile links produce a notice and change nothing; a link given
// at a cold start is handled once the UI is ready.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { authorize, browserStandIn, launchSecond, openSignIn, saveProvider, signInNotices, signInStatus, startOAuthServer, startSessionBus, xdgOf } from "./lib/signin.mjs";

describe("sign-in through a deep link", () => {
  let server;
  let bus;
  let browser;
  let app;
  let s;
  let env;
  let callback;

  before(async () => {
    server = await startOAuthServer(["--client-id", "sluice-e2e"]);
    bus = startSessionBus();
    browser = browserStandIn();
    env = { DBUS_SESSION_BUS_ADDRESS: bus.address, SLUICE_OPEN_URL_CMD: browser.command };
    app = await launchApp({ env });
    s = app.session;
    env = { ...env, ...xdgOf(app.home) };
    await waitForShell(s);
    await openSignIn(s);
  });

  after(async () => {
    if (s) await saveScreenshot(s, "signin").catch(() => undefined);
    await app?.close();
    bus?.close();
    server?.close();
  });

  test("configure the provider, sign in in the browser, the link arrives through a second launch", async () => {
    await saveProvider(s, server.issuer, "sluice-e2e");
    await s.click(await s.find("[data-testid=signin-start]"));
    const url = await s.waitFor(() => browser.opened().at(-1), { what: "the authorization URL opened in the browser" });
    assert.ok(url.startsWith(`${server.issuer}/authorize?`), url);
    assert.match(url, /code_challenge_method=S256/);
    assert.match(url, /redirect_uri=dev\.sluice\.app%3A%2Foauth%2Fcallback/);
    assert.equal(await signInStatus(s, "data-signed-in"), "false");

    callback = await authorize(url);
    assert.match(callback, /^dev\.sluice\.app:\/oauth\/callback\?code=/);
    const second = await launchSecond(callback, env);
    assert.equal(second.code, 0, `the second instance exits 0 after forwarding\n${second.output}`);

    await s.waitFor(async () => (await signInStatus(s, "data-signed-in")) === "true", { what: "signed in", timeoutMs: 30_000 });
    assert.equal(await signInStatus(s, "data-links"), "1", "the link was handled exactly once");
    const masked = await s.textOf("[data-testid=signin-masked]");
    assert.match(masked, /^••••.{4}$/);
    const page = await s.execute(`return document.documentElement.outerHTML + JSON.stringify(localStorage);`);
    assert.doesNotMatch(page, /at-[A-Za-z0-9_-]{20,}/, "no access token in the page");
    assert.doesNotMatch(page, /rt-[A-Za-z0-9_-]{20,}/, "no refresh token in the page");
    assert.ok((await signInNotices(s)).includes("Signed in."));
    const seen = await server.state();
    assert.equal(seen.exchanges, 1);
  });

  test("hostile and replayed links show a notice and change nothing", async () => {
    assert.ok(callback, "needs the sign-in above");
    const masked = await s.textOf("[data-testid=signin-masked]");
    const links = [
      ["dev.sluice.app:/oauth/callback?code=x&state=forgedforgedforgedforged", /does not belong/],
      ["dev.sluice.app://evil.example/oauth/callback?code=x&state=abc", /does not point at the sign-in callback/],
      [`dev.sluice.app:/oauth/callback?code=${"a".repeat(5000)}&state=abc`, /bytes, more than/],
      [callback, /already used/],
    ];
    for (const [i, [link, reason]] of links.entries()) {
      const before = (await signInNotices(s)).length;
      const second = await launchSecond(link, env);
      assert.equal(second.code, 0, second.output);
      const notices = await s.waitFor(async () => {
        const n = await signInNotices(s);
        return n.length > before ? n : null;
      }, { what: `a notice for hostile link ${i}` });
      assert.match(notices.at(-1), /ignored/);
      assert.match(notices.at(-1), reason);
      assert.equal(await signInStatus(s, "data-links"), String(2 + i), "each link handled exactly once");
    }
    assert.equal(await signInStatus(s, "data-signed-in"), "true", "still signed in");
    assert.equal(await s.textOf("[data-testid=signin-masked]"), masked, "the same session");
    const seen = await server.state();
    assert.equal(seen.exchanges, 1, "no further code exchange");
    assert.deepEqual(seen.refusals, [], "nothing reached the token endpoint");
    assert.equal(await s.execute(`return document.querySelectorAll("[data-testid=signin-notice][data-level=warning]").length;`), links.length);
    await saveScreenshot(s, "signin-notices");
  });

  test("the scheme is registered for this user with %u", () => {
    const file = join(app.home, "data", "applications", "sluice-app-handler.desktop");
    assert.ok(existsSync(file), file);
    const entry = readFileSync(file, "utf8");
    assert.match(entry, /MimeType=.*x-scheme-handler\/dev\.sluice\.app/);
    assert.match(entry, /Exec=.* %u/);
  });

  test("signing out forgets the session and revokes the tokens", async () => {
    await s.click(await s.find("[data-testid=signin-signout]"));
    await s.waitFor(async () => (await signInStatus(s, "data-signed-in")) === "false", { what: "signed out" });
    assert.equal((await s.findAll("[data-testid=signin-masked]")).length, 0);
    const seen = await server.state();
    assert.equal(seen.revoked, 2, "refresh and access token revoked");
    assert.equal(seen.activeAccessTokens, 0);
  });
});

describe("a link given at a cold start", () => {
  let bus;
  let app;
  let s;

  before(async () => {
    bus = startSessionBus();
    const link = "dev.sluice.app:/oauth/callback?code=coldcode&state=coldstartstatecoldstartstate";
    app = await launchApp({ env: { DBUS_SESSION_BUS_ADDRESS: bus.address }, args: [link] });
    s = app.session;
    await waitForShell(s);
    await openSignIn(s);
  });

  after(async () => {
    if (s) await saveScreenshot(s, "signin-cold-start").catch(() => undefined);
    await app?.close();
    bus?.close();
  });

  test("is handled once the UI is ready: one notice, nothing signed in", async () => {
    await s.waitFor(async () => (await signInStatus(s, "data-links")) === "1", { what: "the start-up link handled" });
    const notices = await s.waitFor(async () => {
      const n = await signInNotices(s);
      return n.length > 0 ? n : null;
    }, { what: "the notice" });
    assert.equal(notices.length, 1, JSON.stringify(notices));
    assert.match(notices[0], /ignored: callback refused: the state does not belong/);
    assert.equal(await signInStatus(s, "data-signed-in"), "false");
    // A reload resubscribes: the kept notice comes back once, the link is not handled again.
    await s.execute("location.reload(); return null;");
    await waitForShell(s);
    await openSignIn(s);
    await s.waitFor(async () => (await signInNotices(s)).length === 1, { what: "the notice after reload" });
    assert.equal(await signInStatus(s, "data-links"), "1");
  });
});
