// The chat benchmark's CSP relaxation (src-tauri/src/bench_csp.rs) in the real app: without
// SLUICE_BENCH_CONNECT the webview may not fetch a local server (the shipped CSP applies);
// with it (debug builds only) it may. Proves the CSP comes from the runtime config.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchApp, waitForShell } from "./lib/app.mjs";
import { startBenchChatServer } from "../bench/chatServer.mjs";

async function probe(env, url) {
  const app = await launchApp({ env });
  try {
    const s = app.session;
    await waitForShell(s);
    return await s.executeAsync(
      `const done = arguments[arguments.length - 1];
       fetch(arguments[0]).then(() => done("allowed"), (e) => done("blocked: " + e));`,
      [url],
    );
  } finally {
    await app.close();
  }
}

describe("bench CSP relaxation", () => {
  let server;
  before(async () => {
    server = await startBenchChatServer();
  });
  after(() => server?.close());

  test("the shipped CSP blocks a fetch to 127.0.0.1", async () => {
    const result = await probe({ SLUICE_BENCH_CONNECT: "" }, server.origin);
    assert.match(result, /^blocked/);
    assert.equal(server.state.gets, 0, "the request never left the webview");
  });

  test("SLUICE_BENCH_CONNECT=1 allows it in a debug build", async () => {
    const result = await probe({ SLUICE_BENCH_CONNECT: "1" }, server.origin);
    assert.equal(result, "allowed");
    assert.equal(server.state.gets, 1);
  });
});
