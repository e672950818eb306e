// A small W3C WebDriver client over fetch: enough to drive the real app through
// tauri-driver without pulling a browser-automation framework into the repo.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** WebDriver codes for special keys. */
export const Key = { Control: "\uE009", ArrowDown: "\uE015", ArrowUp: "\uE013", Enter: "\uE007", Tab: "\uE004" };

/** Wraps an element id so it can be passed to execute() as an argument. */
export const elementRef = (id) => ({ [ELEMENT]: id });

export class WebDriverError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} -> ${status}: ${body?.value?.error ?? ""} ${body?.value?.message ?? ""}`.trim());
    this.status = status;
    this.code = body?.value?.error;
  }
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities, { timeoutMs = 60_000 } = {}) {
    const body = await request(base, "POST", "/session", { capabilities }, timeoutMs);
    return new Session(base, body.value.sessionId);
  }

  cmd(method, path, payload) {
    return request(this.base, method, `/session/${this.id}${path}`, payload).then((b) => b.value);
  }

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return v.map((e) => e[ELEMENT]);
  }

  text(elementId) {
    return this.cmd("GET", `/element/${elementId}/text`);
  }

  click(elementId) {
    return this.cmd("POST", `/element/${elementId}/click`, {});
  }

  clear(elementId) {
    return this.cmd("POST", `/element/${elementId}/clear`, {});
  }

  /** Empties a field as a user does (select all, delete): `clear()` bypasses React's change events. */
  clearField(elementId) {
    return this.sendKeys(elementId, "\uE009a\uE000\uE003");
  }

  sendKeys(elementId, text) {
    return this.cmd("POST", `/element/${elementId}/value`, { text });
  }

  attribute(elementId, name) {
    return this.cmd("GET", `/element/${elementId}/attribute/${encodeURIComponent(name)}`);
  }

  /** Runs a script in the page; `args` are passed as `arguments`. */
  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  /** Real key input through the WebDriver actions API: presses the keys in order, releases in reverse. */
  async pressKeys(...keys) {
    const down = keys.map((value) => ({ type: "keyDown", value }));
    const up = [...keys].reverse().map((value) => ({ type: "keyUp", value }));
    await this.cmd("POST", "/actions", {
      actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }],
    });
    await this.cmd("DELETE", "/actions");
  }

  title() {
    return this.cmd("GET", "/title");
  }

  /** The window's outer position and size: {x, y, width, height}. */
  windowRect() {
    return this.cmd("GET", "/window/rect");
  }

  setWindowRect(rect) {
    return this.cmd("POST", "/window/rect", rect);
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  async textOf(css) {
    return this.text(await this.find(css));
  }

  /** Polls `fn` until it returns a truthy value or the time is up (a failure bound, not a speed claim). */
  async waitFor(fn, { timeoutMs = 15_000, intervalMs = 100, what = "condition" } = {}) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      try {
        last = await fn();
        if (last) return last;
      } catch (err) {
        last = err;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${last}`);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }

  delete() {
    return request(this.base, "DELETE", `/session/${this.id}`);
  }
}

async function request(base, method, path, payload, timeoutMs = 30_000) {
  const res = await fetch(base + path, {
    method,
    headers: payload ? { "content-type": "application/json" } : {},
    body: payload ? JSON.stringify(payload) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let body;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { value: { error: "invalid json", message: text.slice(0, 200) } };
  }
  if (!res.ok) throw new WebDriverError(method, path, res.status, body);
  return body;
}
