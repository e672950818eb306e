import { describe, expect, test } from "vitest";
import type { AuthEvent, AuthStatusView } from "../../bindings/wire";
import { authStatusView } from "./fixtures";
import { applyAuthEvents, initialAuthModel, MAX_NOTICES, toProviderConfig, toProviderForm } from "./authModel";

const status = (over: Partial<AuthStatusView> = {}): AuthEvent => ({ kind: "status", ...authStatusView(over) });
const notice = (id: number): AuthEvent => ({ kind: "notice", id, atMs: id, level: "warning", message: `n${id}` });

describe("applyAuthEvents", () => {
  test("the latest status wins and carries no kind tag", () => {
    const m = applyAuthEvents(initialAuthModel, [status(), status({ signedIn: true, maskedToken: "••••abcd" })]);
    expect(m.status?.signedIn).toBe(true);
    expect(m.status).not.toHaveProperty("kind");
  });

  test("a replayed notice is kept once, in id order", () => {
    let m = applyAuthEvents(initialAuthModel, [notice(2), notice(1)]);
    m = applyAuthEvents(m, [notice(1), notice(2), notice(3)]);
    expect(m.notices.map((n) => n.id)).toEqual([1, 2, 3]);
  });

  test("notices are capped, oldest dropped", () => {
    const events = Array.from({ length: MAX_NOTICES + 5 }, (_, i) => notice(i + 1));
    const m = applyAuthEvents(initialAuthModel, events);
    expect(m.notices).toHaveLength(MAX_NOTICES);
    expect(m.notices[0]?.id).toBe(6);
  });

  test("nothing new returns the same model", () => {
    const m = applyAuthEvents(initialAuthModel, [notice(1)]);
    expect(applyAuthEvents(m, [notice(1)])).toBe(m);
  });
});

describe("provider form", () => {
  test("blanks become null and scopes split on whitespace", () => {
    const c = toProviderConfig({ ...toProviderForm(null), issuer: " https://id.example ", clientId: " app ", scopes: "openid  email " });
    expect(c).toEqual({
      issuer: "https://id.example",
      authorizationEndpoint: null,
      tokenEndpoint: null,
      revocationEndpoint: null,
      clientId: "app",
      scopes: ["openid", "email"],
    });
    expect(toProviderForm(c).scopes).toBe("openid email");
  });
});
