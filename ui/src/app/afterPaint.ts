/**
 * Called from a requestAnimationFrame callback: runs `fn` after the browser has painted that
 * frame. The rendering steps (style, layout, paint) follow the rAF callbacks in the same
 * frame, and a task posted now runs only after them.
 */
export function afterThisPaint(fn: () => void) {
  const ch = new MessageChannel();
  ch.port1.onmessage = fn;
  ch.port2.postMessage(null);
}
