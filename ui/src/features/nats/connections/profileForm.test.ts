import { describe, expect, it } from "vitest";
import { describeConn } from "./connState";
import { emptyForm, errorsFromCore, serverProblem, toInput, validateForm, type ProfileForm } from "./profileForm";

const form = (over: Partial<ProfileForm>): ProfileForm => ({ ...emptyForm(), name: "prod", ...over });
const SEED = `SU${"A".repeat(56)}`;

describe("serverProblem", () => {
  it("accepts the URL forms the core accepts", () => {
    for (const ok of ["nats://a:4222", "tls://a.example:4443", "a:4222", "localhost", "ws://u:p@a:80/x", "[::1]:4222"]) {
      expect(serverProblem(ok), ok).toBeNull();
    }
  });
  it("refuses hostile or broken URLs", () => {
    expect(serverProblem("http://a:4222")).toMatch(/use nats:/);
    expect(serverProblem("nats://:4222")).toMatch(/no host/);
    expect(serverProblem("a:0")).toMatch(/port/);
    expect(serverProblem("a:99999")).toMatch(/port/);
    expect(serverProblem("a:12ab")).toMatch(/port/);
    expect(serverProblem("a b:1")).toMatch(/spaces/);
  });
});

describe("validateForm", () => {
  it("names each missing or bad field", () => {
    const e = validateForm(form({ name: " ", servers: "", auth: "userPassword" }), false, []);
    expect(Object.keys(e).sort()).toEqual(["name", "secret", "servers", "user"]);
    expect(validateForm(form({ auth: "token" }), false, []).secret).toMatch(/token/);
    expect(validateForm(form({ auth: "nkey", secret: "SUshort" }), false, []).secret).toMatch(/NKey/);
    expect(validateForm(form({ auth: "nkey", secretFile: "/k.nk" }), false, [])).toEqual({});
    expect(validateForm(form({ auth: "credsFile" }), false, []).secretFile).toMatch(/creds/);
    expect(validateForm(form({ auth: "jwt", secret: "a.b" }), false, [])).toMatchObject({ secret: expect.stringMatching(/JWT/), seed: expect.any(String) });
    expect(validateForm(form({ auth: "jwt", secret: "a.b.c", seed: SEED }), false, [])).toEqual({});
    expect(validateForm(form({ tlsCert: "/c.pem" }), false, []).tlsKey).toMatch(/key/);
    expect(validateForm(form({ jsDomain: "a.b" }), false, []).jsDomain).toMatch(/domain/);
    expect(validateForm(form({}), false, ["prod"]).name).toMatch(/exists/);
  });
  it("lets an edit keep its stored secret", () => {
    expect(validateForm(form({ auth: "userPassword", user: "ops" }), true, [])).toEqual({});
    expect(validateForm(form({ auth: "userPassword", user: "ops" }), false, []).secret).toMatch(/password/);
  });
});

describe("toInput", () => {
  it("sends only the fields of the chosen auth", () => {
    const i = toInput(form({ servers: "nats://a:1\n nats://b:2, nats://c:3", auth: "userPassword", user: " ops ", secret: "pw", seed: SEED, secretFile: "/x" }));
    expect(i.servers).toEqual(["nats://a:1", "nats://b:2", "nats://c:3"]);
    expect(i).toMatchObject({ user: "ops", secret: "pw", seed: null, secretFile: null, originalId: null });
    expect(toInput(form({ auth: "credsFile", secret: "leftover", secretFile: "/u.creds" }))).toMatchObject({ secret: null, secretFile: "/u.creds" });
  });
});

describe("errorsFromCore", () => {
  it("puts the core's field problems on their fields", () => {
    const e = errorsFromCore("the profile is not usable: name: a profile named \"x\" exists; servers: \"a:0\": bad port; servers: no host; weird");
    expect(e).toEqual({ name: 'a profile named "x" exists', servers: '"a:0": bad port no host' });
    expect(errorsFromCore("cannot reach nats://a:1: refused")).toEqual({});
  });
});

describe("describeConn", () => {
  const base = { profileId: "p", server: "h:1", serverName: "n1", serverVersion: "2.9.0", reason: null, reconnects: 0, sinceMs: 0, lameDuck: false };
  it("says where it stands and why", () => {
    expect(describeConn(null, false)).toBe("Connecting…");
    expect(describeConn({ ...base, status: "connected" }, true)).toBe("Connecting…");
    expect(describeConn({ ...base, status: "connected" }, false)).toBe("Connected to n1 (nats-server 2.9.0)");
    expect(describeConn({ ...base, status: "reconnecting", reason: "lost the connection" }, false)).toBe("Reconnecting: lost the connection");
    expect(describeConn({ ...base, status: "closed" }, false)).toBe("Closed");
  });
});
