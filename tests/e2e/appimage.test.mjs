// The AppImage that scripts/lib/appimage.sh packs from the same build, run for real: its
// runtime mounts the image with FUSE, the app runs the WebKit inside it, registers the link
// scheme with the AppImage's own path, gives its terminals the user's environment, and
// leaves nothing mounted once it quits. A damaged image is refused with a clear error.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readlinkSync,
  readSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { launchApp, saveScreenshot, waitForShell } from "./lib/app.mjs";
import { environOf, pidsOf } from "./lib/procs.mjs";
import { scratchDir } from "./lib/scratch.mjs";

const image = process.env.SLUICE_APPIMAGE;

/** The live processes whose executable matches `re`, with their environment. */
const processes = (re) =>
  pidsOf((pid) => re.test(readlinkSync(`/proc/${pid}/exe`)))
    .map((pid) => {
      try {
        return { pid, exe: readlinkSync(`/proc/${pid}/exe`), env: environOf(pid) };
      } catch {
        return null; // ended since
      }
    })
    .filter(Boolean);

const mounted = (dir) => readFileSync("/proc/mounts", "utf8").split("\n").some((l) => l.split(" ")[1] === dir);

// Mounting needs FUSE; a machine without /dev/fuse (some containers) skips these, saying so.
const noFuse = !existsSync("/dev/fuse") && "no /dev/fuse on this machine: the image cannot be mounted";

describe("AppImage", { skip: noFuse }, () => {
  let app;
  let s;
  let mount;

  const screenText = () =>
    s.execute(`return document.querySelector("[data-testid=terminal] .xterm-rows")?.innerText ?? "";`);

  before(async () => {
    if (!image) throw new Error("SLUICE_APPIMAGE is not set (scripts/test builds it)");
    app = await launchApp({
      application: image,
      env: { SHELL: "/bin/bash", PS1: "$ ", XDG_DATA_DIRS: "/usr/local/share:/usr/share" },
    });
    s = app.session;
    await waitForShell(s);
    const [main] = processes(/\/\.mount_Sluice[^/]+\/usr\/bin\/sluice-app$/).filter(
      (p) => p.env.XDG_DATA_HOME === join(app.home, "data"),
    );
    assert.ok(main, "the app runs from a mounted image");
    mount = main.env.APPDIR;
    assert.equal(main.exe, `${mount}/usr/bin/sluice-app`);
  });

  after(async () => {
    if (s) await saveScreenshot(s, "appimage").catch(() => undefined);
    await app?.close();
  });

  test("the app's WebKit processes and library come from inside the image", () => {
    const web = processes(/\/WebKitWebProcess$/).filter((p) => p.env.APPDIR === mount);
    assert.equal(web.length, 1, "one web process of this app");
    assert.ok(web[0].exe.startsWith(`${mount}/usr/lib/`), web[0].exe);
    const maps = readFileSync(`/proc/${web[0].pid}/maps`, "utf8");
    assert.match(maps, new RegExp(`${mount.replace(/[.]/g, "\\.")}/usr/lib/libwebkit2gtk-4\\.1\\.so`));
    assert.doesNotMatch(maps, /\/usr\/lib\/x86_64-linux-gnu\/libwebkit2gtk/);
  });

  test("the link scheme is registered to open the AppImage itself", async () => {
    const entry = join(app.home, "data", "applications", "sluice-app-handler.desktop");
    await s.waitFor(async () => existsSync(entry), { what: "the scheme's desktop entry" });
    const text = readFileSync(entry, "utf8");
    assert.match(text, /^MimeType=.*x-scheme-handler\/dev\.sluice\.app;?$/m);
    assert.ok(text.includes(`Exec="${image}" %u`), text);
  });

  test("a terminal gets the user's environment and home, not the image's", async () => {
    await s.click(await s.find("[data-testid=nav-settings]"));
    await s.click(await s.find("input[name=renderer][value=dom]"));
    await s.click(await s.find("[data-testid=nav-terminal]"));
    await s.waitFor(async () => (await s.findAll("[data-testid=terminal] .xterm-rows")).length === 1, {
      what: "a terminal",
    });
    const input = await s.find("[data-testid=terminal] textarea.xterm-helper-textarea");
    await s.sendKeys(input, 'echo "env:[$APPDIR][$GIO_EXTRA_MODULES][$XDG_DATA_DIRS][$(pwd)]"\n');
    const want = `env:[][][/usr/local/share:/usr/share][${process.env.HOME}]`;
    await s.waitFor(async () => (await screenText()).includes(want), { what: want });
  });

  test("quitting unmounts the image", async () => {
    await app.close();
    app = undefined;
    s = undefined;
    const deadline = Date.now() + 15_000;
    while ((mounted(mount) || existsSync(mount)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(!mounted(mount), `${mount} is still mounted`);
    assert.ok(!existsSync(mount), `${mount} is left behind`);
  });
});

describe("AppImage with a damaged image", () => {
  const work = scratchDir("sluice-appimage-");

  /** A copy of the AppImage cut to `bytes`, or with its magic `patched`. */
  function copy(name, bytes, patch) {
    const out = join(work, name);
    const buf = Buffer.alloc(bytes);
    const fd = openSync(image, "r");
    readSync(fd, buf, 0, bytes, 0);
    closeSync(fd);
    patch?.(buf);
    writeFileSync(out, buf, { mode: 0o755 });
    return out;
  }
  const offset = () => Number(spawnSync(image, ["--appimage-offset"], { encoding: "utf8" }).stdout.trim());
  const mountsBefore = () =>
    readFileSync("/proc/mounts", "utf8")
      .split("\n")
      .filter((l) => l.includes(".mount_Sluice")).length;

  test("a truncated download is refused as damaged, and nothing is mounted", () => {
    const before = mountsBefore();
    const cut = copy("cut.AppImage", offset() + 64 * 1024);
    for (const args of [[], ["--appimage-extract", join(work, "out")]]) {
      const r = spawnSync(cut, args, { encoding: "utf8", cwd: work, timeout: 30_000 });
      assert.notEqual(r.status, 0, `${args} succeeded`);
      assert.match(r.stderr, /the image is damaged/);
    }
    assert.equal(mountsBefore(), before);
  });

  test("a file without the AppImage magic is refused", () => {
    const size = statSync(image).size;
    const plain = copy("plain.AppImage", Math.min(size, 4 * 1024 * 1024), (b) => b.fill(0, 8, 11));
    const r = spawnSync(plain, ["--appimage-offset"], { encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no AppImage type 2 magic/);
  });

  test("--appimage-extract unpacks the AppDir", () => {
    const r = spawnSync(image, ["--appimage-extract", join(work, "root")], {
      encoding: "utf8",
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(statSync(join(work, "root", "AppRun")).mode & 0o111, "AppRun is executable");
    assert.equal(readlinkSync(join(work, "root", ".DirIcon")), "sluice-app.png");
    const entry = readFileSync(join(work, "root", "sluice-app.desktop"), "utf8");
    assert.match(entry, /^Exec=sluice-app %u$/m);
    const wk = join(work, "root", "usr", "lib", "libwebkit2gtk-4.1.so.0");
    assert.ok(statSync(wk).size > 10_000_000, "the bundled WebKit is whole");
  });
});
