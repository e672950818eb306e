import type { NatsServerView, NatsStreamView } from "../../../bindings/wire";

/** One server in the topology: what it is, who it routes to, which streams it carries. */
export interface ServerNode {
  name: string;
  /** Facts about the server, when the model has them ($SYS or the connected server). */
  info: NatsServerView | null;
  routes: string[];
  /** Streams this server leads. */
  leads: string[];
  /** Streams it holds a follower replica of, with lag when known. */
  follows: { stream: string; current: boolean; offline: boolean; lag: number | null }[];
}

/**
 * Servers as the model knows them, plus any server named only as a stream's leader or
 * replica (without $SYS access the model knows the connected server alone), sorted by name.
 */
export function buildTopology(servers: Iterable<NatsServerView>, streams: Iterable<NatsStreamView>): ServerNode[] {
  const nodes = new Map<string, ServerNode>();
  const node = (name: string): ServerNode => {
    let n = nodes.get(name);
    if (!n) {
      n = { name, info: null, routes: [], leads: [], follows: [] };
      nodes.set(name, n);
    }
    return n;
  };
  for (const s of servers) {
    const n = node(s.name);
    n.info = s;
    n.routes = [...s.routes].sort();
  }
  for (const st of streams) {
    const c = st.cluster;
    if (!c) continue;
    if (c.leader) node(c.leader).leads.push(st.name);
    for (const r of c.replicas) node(r.name).follows.push({ stream: st.name, current: r.current, offline: r.offline, lag: r.lag });
  }
  const out = [...nodes.values()];
  for (const n of out) {
    n.leads.sort();
    n.follows.sort((a, b) => a.stream.localeCompare(b.stream));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
