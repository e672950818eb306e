import type { NatsConnState } from "../../../bindings/wire";

/** What the status line says about a connection. `pending` is a connect call in flight. */
export function describeConn(state: NatsConnState | null, pending: boolean): string {
  if (pending || !state) return "Connecting…";
  const where = state.serverName ?? state.server ?? "";
  switch (state.status) {
    case "connecting":
      return "Connecting…";
    case "connected":
      return `Connected to ${where}${state.serverVersion ? ` (nats-server ${state.serverVersion})` : ""}`;
    case "reconnecting":
      return `Reconnecting${state.reason ? `: ${state.reason}` : ""}`;
    case "closed":
      return `Closed${state.reason ? `: ${state.reason}` : ""}`;
  }
}
