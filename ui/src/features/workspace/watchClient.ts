import type { Frame, TreeChange, WatchOpened } from "../../bindings/wire";
import { subscribeWith, type Subscription } from "../../ipc/subscribe";

/** Watches `root` (empty: the user's home); frames carry the tree's changes. */
export async function openWatch(
  root: string,
  onFrame: (frame: Frame<TreeChange>) => void,
): Promise<{ subscription: Subscription; opened: WatchOpened }> {
  const { subscription, result } = await subscribeWith<TreeChange, WatchOpened>(
    "watch_open",
    { root },
    onFrame,
    (r) => r.sub,
  );
  return { subscription, opened: result };
}
