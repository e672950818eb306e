// Sign-in fixtures for the end-to-end tests: the test authorization server (sluice-testkit's
// `oauth-server` binary, the same code the Rust tests use), a private D-Bus session bus (the
// single-instance lock lives there, so parallel runs never meet), a browser stand-in that
// records the URLs the app opens, and a second app process that forwards a link.

import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { scratchDir } from "./scratch.mjs";

/** The `oauth-server` binary next to the app binary; built on first use when missing. */
function oauthServerBin() {
  if (process.env.SLUICE_OAUTH_SERVER_BIN) return process.env.SLUICE_OAUTH_SERVER_BIN;
  const app = process.env.SLUICE_APP_BIN;
  if (!app) throw new Error("SLUICE_APP_BIN is not set");
  const bin = join(dirname(app), "oauth-server");
  if (!existsSync(bin)) {
    const targetDir = dirname(dirname(app));
    execFileSync("cargo", ["build", "-p", "sluice-testkit", "--bin", "oauth-server"], {
      env: { ...process.env, CARGO_TARGET_DIR: targetDir },
      stdio: "inherit",
    });
  }
  return bin;
}

export async function startOAuthServer(args = []) {
  const child = spawn(oauthServerBin(), args, { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`oauth-server exited with ${code}`)));
  });
  const { issuer } = JSON.parse(first);
  return {
    issuer,
    /** Counters the server keeps (codes issued, exchanges, refusals, refreshes, revoked). */
    async state() {
      return (await fetch(`${issuer}/_fixture/state`)).json();
    },
    close() {
      child.stdin.end();
      child.kill("SIGTERM");
    },
  };
}

/** A private session bus; `close()` stops it. */
export function startSessionBus() {
  const out = execFileSync("dbus-daemon", ["--session", "--fork", "--print-address=1", "--print-pid=1"], {
    encoding: "utf8",
  });
  const [address, pid] = out.trim().split("\n");
  return {
    address,
    close() {
      try {
        process.kill(Number(pid), "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

/** A stand-in for the system browser: a script that appends each URL it is given to a file. */
export function browserStandIn() {
  const dir = scratchDir("sluice-browser-");
  const log = join(dir, "opened.txt");
  const script = join(dir, "open-url.sh");
  writeFileSync(log, "");
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(script, 0o755);
  return {
    command: script,
    opened: () => readFileSync(log, "utf8").split("\n").filter((l) => l !== ""),
  };
}

/** The XDG folders `launchApp` gave an instance, so a second process sees the same. */
export function xdgOf(home) {
  return {
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
}

/**
 * Launches the app binary a second time with `link` as its only argument, as the desktop
 * does for a `dev.sluice.app:` link. It must hand the link to the running instance and exit 0.
 */
export function launchSecond(link, env, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const output = [];
    const child = spawn(process.env.SLUICE_APP_BIN, [link], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d) => output.push(d.toString()));
    child.stderr.on("data", (d) => output.push(d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the second instance did not exit\n${output.join("")}`));
    }, timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output: output.join("") });
    });
  });
}

/** Follows the authorization URL as a browser would, without following the redirect. */
export async function authorize(url) {
  const res = await fetch(url, { redirect: "manual" });
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
  return res.headers.get("location");
}

export const signInStatus = (s, name) =>
  s.execute(`return document.querySelector("[data-testid=signin-status]")?.getAttribute(${JSON.stringify(name)}) ?? null;`);
export const signInNotices = (s) =>
  s.execute(`return [...document.querySelectorAll("[data-testid=signin-notice]")].map((n) => n.innerText);`);

/** Settings → Sign-in. */
export async function openSignIn(s) {
  await s.click(await s.find("[data-testid=nav-settings]"));
  await s.waitFor(async () => (await s.findAll("[data-testid=signin-panel]")).length === 1, { what: "the sign-in panel" });
}

/** Fills in the provider (issuer and client id) in Settings → Sign-in and saves it. */
export async function saveProvider(s, issuer, clientId) {
  for (const [field, value] of [["issuer", issuer], ["clientId", clientId]]) {
    const el = await s.find(`[data-testid=signin-${field}]`);
    await s.clearField(el);
    await s.sendKeys(el, value);
  }
  await s.click(await s.find("[data-testid=signin-save]"));
  await s.waitFor(
    async () => (await s.execute(`return !document.querySelector("[data-testid=signin-start]")?.disabled;`)) === true,
    { what: "the provider saved" },
  );
}

/**
 * Signs in as a user does: saves the provider (`server`'s issuer, `clientId`), starts the
 * sign-in, lets the fixture approve in the "browser" and hands the callback to a second app
 * process (`env`: that instance's bus and XDG folders). Resolves once the UI shows it.
 */
export async function signInThroughLink(s, { server, browser, env, clientId }) {
  await openSignIn(s);
  await saveProvider(s, server.issuer, clientId);
  const opened = browser.opened().length;
  await s.click(await s.find("[data-testid=signin-start]"));
  const url = await s.waitFor(() => browser.opened()[opened], { what: "the authorization URL opened in the browser" });
  const second = await launchSecond(await authorize(url), env);
  if (second.code !== 0) throw new Error(`the second instance failed\n${second.output}`);
  await s.waitFor(async () => (await signInStatus(s, "data-signed-in")) === "true", { what: "signed in", timeoutMs: 30_000 });
}

/**
 * What a resource server does with a bearer token: asks the authorization server
 * (`/userinfo`) whether it is a live access token it issued. Never keeps the token.
 */
export function bearerCheck(server) {
  return async (header) => {
    if (typeof header !== "string" || !header.startsWith("Bearer ")) return false;
    const res = await fetch(`${server.issuer}/userinfo`, { headers: { authorization: header } });
    return res.ok;
  };
}
