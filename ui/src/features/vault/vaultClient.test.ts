import { describe, expect, test } from "vitest";
import { validSecretName } from "./vaultClient";

describe("secret names", () => {
  test("the names the core accepts", () => {
    for (const ok of ["chat/api-key", "oauth/github/refresh", "nats/prod:creds", "a", "x".repeat(128)]) {
      expect(validSecretName(ok), ok).toBe(true);
    }
  });

  test("names the core refuses are refused here first", () => {
    for (const bad of ["", "with space", "new\nline", "名前", "x".repeat(129), "semi;colon"]) {
      expect(validSecretName(bad), bad).toBe(false);
    }
  });
});
