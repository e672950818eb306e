// One app ready to sign in: the test authorization server, a private session bus, the
// browser stand-in and the app, plus what a restart on the same data folders needs.

import { launchApp, saveScreenshot, waitForShell } from "./app.mjs";
import { browserStandIn, signInThroughLink, startOAuthServer, startSessionBus, xdgOf } from "./signin.mjs";

export async function startSignInRig({ clientId, oauthArgs = [] }) {
  const oauth = await startOAuthServer(["--client-id", clientId, ...oauthArgs]);
  const bus = startSessionBus();
  const browser = browserStandIn();
  const first = { DBUS_SESSION_BUS_ADDRESS: bus.address, SLUICE_OPEN_URL_CMD: browser.command };
  const app = await launchApp({ env: first });
  const env = { ...first, ...xdgOf(app.home) };
  const rig = {
    oauth,
    app,
    s: app.session,
    /** The data folders every launch of this rig shares. */
    home: app.home,
    /** Output of the launches already quit. */
    output: [],
    signIn: () => signInThroughLink(rig.s, { server: oauth, browser, env, clientId }),
    async quit() {
      rig.output.push(...rig.app.driverLog);
      await rig.app.close();
    },
    /** Starts the app again on the same data folders. */
    async launch() {
      rig.app = await launchApp({ env });
      rig.s = rig.app.session;
      await waitForShell(rig.s);
    },
    async close(screenshot) {
      if (rig.s) await saveScreenshot(rig.s, screenshot).catch(() => undefined);
      await rig.app?.close();
      bus.close();
      oauth.close();
    },
  };
  await waitForShell(rig.s);
  return rig;
}
