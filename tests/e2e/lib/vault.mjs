// Secrets vault helpers for the end-to-end tests: drive Settings → Secrets like a user,
// and record every IPC answer the webview receives.

export async function openSecrets(s) {
  await s.click(await s.find("[data-testid=nav-settings]"));
  await s.waitFor(async () => (await s.findAll("[data-testid=vault-state]")).length === 1, { what: "the Secrets panel" });
}

export const vaultState = (s) => s.textOf("[data-testid=vault-state]");

/** Types the password and submits (creates when absent, unlocks when locked). */
export async function submitVaultPassword(s, password) {
  const input = await s.find("[data-testid=vault-password]");
  await s.clearField(input);
  await s.sendKeys(input, password);
  await s.click(await s.find("[data-testid=vault-submit]"));
}

/** Creates (or unlocks) the vault through the UI and waits until it is unlocked. */
export async function ensureVault(s, password = "e2e vault password") {
  await openSecrets(s);
  await s.waitFor(async () => !(await vaultState(s)).startsWith("Checking"), { what: "the vault state" });
  if (!(await vaultState(s)).startsWith("Unlocked")) await submitVaultPassword(s, password);
  await s.waitFor(async () => (await vaultState(s)).startsWith("Unlocked"), { what: "an unlocked vault", timeoutMs: 30_000 });
}

export async function addSecret(s, name, value) {
  const n = await s.find("[data-testid=vault-new-name]");
  await s.clearField(n);
  await s.sendKeys(n, name);
  const v = await s.find("[data-testid=vault-new-value]");
  await s.clearField(v);
  await s.sendKeys(v, value);
  await s.click(await s.find("[data-testid=vault-add]"));
  await s.waitFor(
    async () => (await s.execute(`return [...document.querySelectorAll("[data-testid=vault-item] code")].map((c) => c.innerText);`)).includes(name),
    { what: `secret ${name} listed` },
  );
}

/**
 * Records every IPC answer the webview receives, in `window.__ipcLog`: Tauri's
 * `invoke` is read-only, so the recorder sits on `fetch`, which carries the IPC
 * requests and answers (commands and channel data) to and from the core.
 */
export function recordIpc(s) {
  return s.execute(`
    if (window.__ipcLog) return;
    window.__ipcLog = [];
    const fetch = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = String(input?.url ?? input);
      try {
        window.__ipcLog.push({ url, body: await res.clone().text() });
      } catch (err) {
        window.__ipcLog.push({ url, unreadable: String(err) });
      }
      return res;
    };
  `);
}

export const ipcLog = (s) => s.execute(`return JSON.stringify(window.__ipcLog);`);
