import { describe, expect, test } from "vitest";
import { authStatusView } from "../features/auth/fixtures";
import { quitHeldView } from "./quitHeld";

const status = authStatusView;

describe("quitHeldView", () => {
  test("a sign-in waiting for the vault: quitting loses it", () => {
    const v = quitHeldView(status({ signedIn: true, vaultPending: true }));
    expect(v.pending).toBe(true);
    expect(v.text).toMatch(/sign-in is not kept yet.*lost/);
  });

  test("a sign-out waiting for the vault: the old sign-in would come back", () => {
    const v = quitHeldView(status({ signedIn: false, vaultPending: true }));
    expect(v.pending).toBe(true);
    expect(v.text).toMatch(/sign-out has not reached the vault.*restores it/);
  });

  test("once written, nothing is lost and a plain quit is offered", () => {
    const v = quitHeldView(status({ signedIn: true, vaultPending: false }));
    expect(v.pending).toBe(false);
    expect(v.text).toMatch(/Nothing waits for the vault/);
  });

  test("before the first status arrives, the hold's reason stands", () => {
    expect(quitHeldView(null).pending).toBe(true);
  });
});
