import { useEffect } from "react";
import { isDesktopShell } from "../../ipc/errors";
import { reportFirstPaint } from "./autostartClient";

/** Renders nothing; after the first commit, reports the first painted frame to the core. */
export function FirstPaint() {
  useEffect(() => {
    if (isDesktopShell()) reportFirstPaint();
  }, []);
  return null;
}
