// Generated from crates/sluice-wire by scripts/gen-bindings. Do not edit by hand.

export type SubId = number;

export type ErrorCode = "invalid_input" | "not_found" | "closed" | "unavailable" | "internal" | "unauthorized";

export type IpcError = { code: ErrorCode, message: string, };

export type AuthProviderConfig = { issuer: string | null, authorizationEndpoint: string | null, tokenEndpoint: string | null, revocationEndpoint: string | null, clientId: string, scopes: Array<string>, };

export type AuthRedirect = "custom_scheme" | "loopback";

export type AuthStatusView = { provider: AuthProviderConfig | null, 
/**
 * The issuer or authorization host, for display.
 */
providerLabel: string | null, signedIn: boolean, 
/**
 * A sign-in was started and waits for its callback.
 */
pending: boolean, maskedToken: string | null, 
/**
 * A sign-in or sign-out made while the vault was locked: it is kept once the vault is
 * unlocked, and lost if the app quits before.
 */
vaultPending: boolean, expiresAtMs: number | null, refreshes: number, lastError: string | null, 
/**
 * Deep links handled since the app started (each exactly once).
 */
linksHandled: number, };

export type AuthNoticeLevel = "info" | "warning";

export type AuthNotice = { id: number, atMs: number, level: AuthNoticeLevel, message: string, };

export type AuthEvent = { "kind": "status" } & AuthStatusView | { "kind": "notice" } & AuthNotice;

export type DropReport = { count: number, 
/**
 * Event sequence (order of arrival, from 1) of the first and last dropped event.
 */
firstSeq: number, lastSeq: number, };

export type FlowStats = { 
/**
 * Events the producer pushed.
 */
received: number, 
/**
 * Events that left in a frame as their own entry.
 */
delivered: number, 
/**
 * Events appended into an earlier pending entry of the same key.
 */
merged: number, 
/**
 * Events replaced by a newer value of the same key before they were sent.
 */
superseded: number, 
/**
 * Events lost because the ring was full.
 */
dropped: number, 
/**
 * Frames sent.
 */
frames: number, };

export type Frame<T> = { sub: SubId, 
/**
 * Bumped each time the source restarts (reconnect); the receiver can reset views.
 */
generation: number, 
/**
 * Frame sequence, starting at 1 and continuous for the life of the subscription, so a
 * receiver detects a missing frame. Acks name this number.
 */
seq: number, entries: Array<T>, 
/**
 * Events dropped since the previous frame, if any.
 */
dropped: DropReport | null, 
/**
 * Running totals for the subscription.
 */
stats: FlowStats, };

export type HealthSample = { version: string, uptimeMs: number, 
/**
 * Resident set size of the core process, in bytes (0 where the OS does not say).
 */
rssBytes: number, 
/**
 * Events all subscriptions of this process have taken in so far.
 */
eventsHandled: number, 
/**
 * Wall clock of the sample, milliseconds since the Unix epoch.
 */
sampledAtMs: number, };

export type AppInfo = { name: string, version: string, os: string, arch: string, 
/**
 * The webview draws without a GPU (no render node: VMs, Xvfb, some remote desktops).
 * WebGL is then emulated on the CPU and slower than plain DOM drawing.
 */
softwareRendering: boolean, };

export type PtyId = number;

export type PtySize = { rows: number, cols: number, };

export type PtyOpenOptions = { 
/**
 * Program and arguments; empty means the user's login shell.
 */
command: Array<string>, 
/**
 * Working directory; `None` means the user's home.
 */
cwd: string | null, 
/**
 * Extra environment variables, on top of the app's own environment.
 */
env: { [key in string]: string }, size: PtySize | null, };

export type PtySessionInfo = { id: PtyId, 
/**
 * Process id of the child, where the OS gives one.
 */
pid: number | null, 
/**
 * The program and arguments that were started.
 */
command: Array<string>, cwd: string | null, size: PtySize, };

export type PtyExitStatus = { 
/**
 * Exit code; 1 when the child was ended by a signal.
 */
code: number, 
/**
 * Name of the signal that ended the child, if one did.
 */
signal: string | null, success: boolean, };

export type PtyEvent = { "kind": "output", data: string, } | { "kind": "exit", status: PtyExitStatus, };

export type EntryKind = "file" | "dir" | "link" | "linkOutside" | "linkLoop" | "linkBroken" | "other";

export type TreeEntry = { 
/**
 * Path relative to the watched root, `/`-separated, never empty, never with `..`.
 */
path: string, kind: EntryKind, 
/**
 * Size in bytes (0 for folders and links).
 */
size: number, 
/**
 * Last modification, milliseconds since the Unix epoch (0 where unknown).
 */
modifiedMs: number, };

export type TreeChange = { "op": "upsert", entry: TreeEntry, } | { "op": "remove", path: string, } | { "op": "scanned", entries: number, 
/**
 * True when the tree hit its entry limit and later entries are not listed.
 */
truncated: boolean, 
/**
 * Full scans so far, the first one included.
 */
scans: number, 
/**
 * Why the watch is degraded (e.g. the OS ran out of watches), if it is.
 */
warning: string | null, };

export type WatchInfo = { 
/**
 * The canonical absolute path of the root.
 */
root: string, };

export type WatchOpened = { sub: SubId, info: WatchInfo, };

export type LoadSpec = { 
/**
 * Target rate of the producer.
 */
eventsPerSec: number, durationMs: number, 
/**
 * Distinct keys (think subjects); events of one key may be merged into one entry.
 */
keys: number, 
/**
 * Payload bytes per event.
 */
payloadBytes: number, };

export type LoadSample = { key: number, count: number, firstSeq: number, lastSeq: number, 
/**
 * Microseconds since the Unix epoch when the first / last merged event was produced.
 */
firstSentUs: number, lastSentUs: number, 
/**
 * Payload of the newest merged event.
 */
payload: string, };

export type HttpMethod = "GET" | "POST";

export type Header = { name: string, value: string, };

export type RetrySettings = { initialDelayMs: number, maxDelayMs: number, 
/**
 * Consecutive failed attempts allowed before giving up; `null` retries forever. The count
 * resets once a connection delivers something.
 */
maxRetries: number | null, 
/**
 * Also retry HTTP 5xx, 408 and 429 answers (EventSource itself gives up on them).
 */
retryHttpErrors: boolean, };

export type KeepaliveRule = { 
/**
 * Event name (`event:` field) that triggers the reply.
 */
event: string, url: string, method: HttpMethod, headers: Array<Header>, body: string | null, };

export type SseSettings = { url: string, method: HttpMethod, headers: Array<Header>, 
/**
 * Request body for POST.
 */
body: string | null, 
/**
 * Name of a vault secret sent as `Authorization: Bearer …`.
 */
authRef: string | null, retry: RetrySettings, 
/**
 * No bytes for this long counts as a dead connection (reconnect).
 */
idleTimeoutMs: number, 
/**
 * Largest single event accepted; a larger one fails the stream.
 */
maxEventBytes: number, keepalive: KeepaliveRule | null, 
/**
 * Resume from this id on the first connection.
 */
lastEventId: string | null, };

export type SseMessage = { 
/**
 * `event:` field, `"message"` when absent.
 */
event: string, 
/**
 * `data:` lines joined with `\n`; invalid UTF-8 shows as U+FFFD.
 */
data: string, 
/**
 * Last event id at dispatch (empty when the server never sent one).
 */
id: string, };

export type SseEvent = { "kind": "open", url: string, status: number, 
/**
 * Connections made before this one.
 */
reconnects: number, 
/**
 * The `Last-Event-ID` this connection resumed from.
 */
resumedFrom: string | null, } | { "kind": "message", message: SseMessage, } | { "kind": "reconnecting", attempt: number, delayMs: number, reason: IpcError, } | { "kind": "keepalive", ok: boolean, status: number | null, error: string | null, } | { "kind": "failed", error: IpcError, };

export type WsSettings = { url: string, headers: Array<Header>, 
/**
 * Offered in `Sec-WebSocket-Protocol`, in order of preference.
 */
subprotocols: Array<string>, 
/**
 * Name of a vault secret sent as `Authorization: Bearer …`.
 */
authRef: string | null, 
/**
 * Largest message accepted; a larger one fails the stream with a clear error.
 */
maxMessageBytes: number, maxFrameBytes: number, 
/**
 * How often the core pings the peer.
 */
pingIntervalMs: number, 
/**
 * A ping not answered within this is a dead peer (reconnect).
 */
pongTimeoutMs: number, retry: RetrySettings, };

export type WsOutgoing = { "kind": "text", text: string, } | { "kind": "binary", base64: string, };

export type WsEvent = { "kind": "open", url: string, 
/**
 * The subprotocol the server picked.
 */
protocol: string | null, reconnects: number, } | { "kind": "text", text: string, } | { "kind": "binary", base64: string, len: number, } | { "kind": "sent", len: number, } | { "kind": "closed", code: number | null, reason: string, } | { "kind": "reconnecting", attempt: number, delayMs: number, reason: IpcError, } | { "kind": "failed", error: IpcError, };

export type ChatSettings = { 
/**
 * Free label: "openai", "ollama", "llama.cpp", "vllm"…
 */
provider: string, 
/**
 * Up to and including the version segment, e.g. `https://api.openai.com/v1`.
 */
baseUrl: string, model: string, temperature: number | null, hasApiKey: boolean, };

export type ChatRole = "system" | "user" | "assistant" | "tool";

export type ChatToolCall = { id: string, name: string, 
/**
 * JSON text, as the model wrote it.
 */
arguments: string, };

export type ChatUsage = { promptTokens: number, completionTokens: number, totalTokens: number, };

export type ChatMessage = { role: ChatRole, content: string, 
/**
 * The model's reasoning (`reasoning_content`), when it streams one.
 */
reasoning: string | null, toolCalls: Array<ChatToolCall>, 
/**
 * For `role: tool`: the call this answers.
 */
toolCallId: string | null, };

export type ChatEvent = { "kind": "delta", content: string, reasoning: string, } | { "kind": "toolCallDelta", index: number, id: string | null, name: string | null, arguments: string, } | { "kind": "usage", usage: ChatUsage, } | { "kind": "done", finishReason: string | null, message: ChatMessage, usage: ChatUsage | null, } | { "kind": "cancelled", message: ChatMessage, } | { "kind": "failed", error: IpcError, message: ChatMessage, };

export type Conversation = { id: string, title: string, settings: ChatSettings, messages: Array<ChatMessage>, createdAtMs: number, updatedAtMs: number, };

export type ConversationSummary = { id: string, title: string, messages: number, updatedAtMs: number, };

export type NatsAuthKind = "none" | "token" | "userPassword" | "nkey" | "credsFile" | "jwt";

export type NatsProfileSource = "saved" | "context" | "sandbox";

export type NatsProfileView = { id: string, name: string, source: NatsProfileSource, description: string | null, servers: Array<string>, auth: NatsAuthKind, 
/**
 * User name (user/password auth); not a secret.
 */
user: string | null, 
/**
 * Path of the creds or NKey seed file, if the secret lives in a file.
 */
secretFile: string | null, 
/**
 * True when a secret (token, password, seed, JWT) is set; its value never crosses.
 */
hasSecret: boolean, tlsCa: string | null, tlsCert: string | null, tlsKey: string | null, tlsFirst: boolean, jsDomain: string | null, 
/**
 * The context selected in `~/.config/nats/context.txt` or `NATS_CONTEXT`.
 */
selected: boolean, 
/**
 * Why a context file could not be used, if it could not.
 */
problem: string | null, };

export type NatsConnStatus = "connecting" | "connected" | "reconnecting" | "closed";

export type NatsConnState = { profileId: string, status: NatsConnStatus, 
/**
 * The server currently connected to, `host:port`.
 */
server: string | null, serverName: string | null, serverVersion: string | null, 
/**
 * Why the connection is reconnecting or closed, in plain words.
 */
reason: string | null, 
/**
 * Reconnects since the connection was opened.
 */
reconnects: number, 
/**
 * When the status last changed, ms since the Unix epoch.
 */
sinceMs: number, lameDuck: boolean, };

export type NatsHeader = { name: string, value: string, };

export type NatsTailMessage = { subject: string, reply: string | null, headers: Array<NatsHeader>, 
/**
 * Status code of a no-responders or JetStream status message, if it is one.
 */
status: number | null, payloadB64: string, 
/**
 * Payload size in bytes.
 */
size: number, 
/**
 * Order of arrival in this tail, from 1.
 */
index: number, receivedAtMs: number, };

export type NatsGap = { disconnectedAtMs: number, resumedAtMs: number, 
/**
 * Messages published on the tailed subjects while the tail was away, counted from a
 * JetStream stream that captures them; `None` when no stream does (unknown count).
 */
missed: number | null, 
/**
 * The stream the count comes from.
 */
countedBy: string | null, reason: string | null, };

export type NatsTailEntry = { "kind": "message" } & NatsTailMessage | { "kind": "gap" } & NatsGap;

export type NatsStoredMessage = { seq: number, subject: string, headers: Array<NatsHeader>, payloadB64: string, size: number, 
/**
 * Server timestamp, ms since the Unix epoch.
 */
timeMs: number, };

export type NatsBrowseRequest = { stream: string, 
/**
 * First sequence to show (default: the stream's first).
 */
startSeq: number | null, 
/**
 * Or the first message at or after this time (ms since the Unix epoch).
 */
startTimeMs: number | null, 
/**
 * Only subjects matching this filter (wildcards allowed).
 */
subject: string | null, 
/**
 * Page size (capped by the core).
 */
limit: number, };

export type NatsBrowsePage = { stream: string, messages: Array<NatsStoredMessage>, 
/**
 * Sequence to ask for next; `None` when the page reached the end of the stream.
 */
nextSeq: number | null, firstSeq: number, lastSeq: number, };

export type NatsPublishRequest = { subject: string, payloadB64: string, headers: Array<NatsHeader>, reply: string | null, };

export type NatsReply = { subject: string, headers: Array<NatsHeader>, payloadB64: string, size: number, elapsedMs: number, };

export type NatsKvWatchEntry = { "kind": "entry" } & NatsKvEntryView | { "kind": "bucketGone", bucket: string, reason: string, };

export type NatsObjectContent = { bucket: string, name: string, size: number, payloadB64: string, };

export type NatsObjectTransfer = { bucket: string, name: string, 
/**
 * The local file written or read.
 */
path: string, bytes: number, digest: string | null, };

export type NatsServerView = { id: string, name: string, version: string, host: string, port: number, cluster: string | null, jetstream: boolean, 
/**
 * Names of the servers this one routes to (needs `$SYS` access; else empty).
 */
routes: Array<string>, connections: number | null, memBytes: number | null, cpu: number | null, 
/**
 * True for the server this connection is attached to.
 */
connected: boolean, 
/**
 * True when the facts come from `$SYS` rather than the connection's INFO.
 */
fromSystem: boolean, };

export type NatsAccountUsage = { memory: number, storage: number, streams: number, consumers: number, 
/**
 * Limits; -1 means unlimited.
 */
maxMemory: number, maxStorage: number, maxStreams: number, maxConsumers: number, domain: string | null, };

export type NatsReplicaView = { name: string, current: boolean, offline: boolean, activeMs: number, lag: number | null, };

export type NatsClusterView = { name: string | null, leader: string | null, replicas: Array<NatsReplicaView>, };

export type NatsStreamView = { name: string, description: string | null, subjects: Array<string>, 
/**
 * `limits`, `interest` or `workqueue`.
 */
retention: string, 
/**
 * `file` or `memory`.
 */
storage: string, replicas: number, maxMsgs: number, maxBytes: number, maxAgeMs: number, discard: string, messages: number, bytes: number, firstSeq: number, lastSeq: number, firstTimeMs: number, lastTimeMs: number, consumerCount: number, subjectsCount: number, deletedCount: number, createdMs: number, sealed: boolean, allowDirect: boolean, mirror: string | null, sources: Array<string>, cluster: NatsClusterView | null, 
/**
 * KV bucket or object store this stream backs, if any.
 */
backs: string | null, };

export type NatsConsumerView = { stream: string, name: string, durable: boolean, description: string | null, 
/**
 * The consumer's subject filter(s); empty means the whole stream.
 */
filterSubjects: Array<string>, ackPolicy: string, deliverPolicy: string, 
/**
 * Push consumers deliver here; `None` for pull consumers.
 */
deliverSubject: string | null, pushBound: boolean, maxAckPending: number, maxDeliver: number, maxWaiting: number, ackWaitMs: number, numPending: number, numAckPending: number, numRedelivered: number, numWaiting: number, deliveredStreamSeq: number, deliveredConsumerSeq: number, ackFloorStreamSeq: number, ackFloorConsumerSeq: number, 
/**
 * Last delivery / last ack, ms since the Unix epoch (server clock).
 */
lastDeliveredMs: number | null, lastAckMs: number | null, paused: boolean, pauseUntilMs: number | null, 
/**
 * Consumer metadata, including `io.nats.monitor.*` thresholds.
 */
metadata: { [key in string]: string }, cluster: NatsClusterView | null, createdMs: number, 
/**
 * When the server produced this info (server clock; local clock on servers that do not
 * say), ms since the Unix epoch.
 */
sampledAtMs: number, };

export type NatsKvBucketView = { bucket: string, values: number, bytes: number, history: number, ttlMs: number, replicas: number, storage: string, };

export type NatsKvEntryView = { bucket: string, key: string, revision: number, 
/**
 * `put`, `delete` or `purge`.
 */
operation: string, valueB64: string, size: number, createdMs: number, };

export type NatsObjectStoreView = { bucket: string, description: string | null, 
/**
 * Bytes stored, chunks and metadata included.
 */
size: number, sealed: boolean, replicas: number, storage: string, };

export type NatsObjectView = { bucket: string, name: string, description: string | null, size: number, chunks: number, digest: string | null, modifiedMs: number, headers: Array<NatsHeader>, metadata: { [key in string]: string }, };

export type NatsPollSummary = { 
/**
 * Polls since the model started, from 1.
 */
poll: number, polledAtMs: number, durationMs: number, 
/**
 * JetStream API requests the poll made.
 */
requests: number, 
/**
 * Parts of the model that could not be read this time, in plain words.
 */
errors: Array<string>, };

export type NatsModelKind = "server" | "account" | "stream" | "consumer" | "kvBucket" | "objectStore" | "poll";

export type NatsModelEntry = { "kind": "server" } & NatsServerView | { "kind": "account" } & NatsAccountUsage | { "kind": "stream" } & NatsStreamView | { "kind": "consumer" } & NatsConsumerView | { "kind": "kvBucket" } & NatsKvBucketView | { "kind": "objectStore" } & NatsObjectStoreView | { "kind": "poll" } & NatsPollSummary | { "kind": "removed", of: NatsModelKind, key: string, };

export type NatsProfileInput = { 
/**
 * Id of the saved profile being edited; `None` for a new one.
 */
originalId: string | null, name: string, description: string | null, 
/**
 * `nats://host:port`, `tls://host:port` or `host:port`.
 */
servers: Array<string>, auth: NatsAuthKind | null, 
/**
 * User name for user/password auth.
 */
user: string | null, 
/**
 * Token, password, inline NKey seed or user JWT, by `auth`. Empty when editing keeps
 * the stored one.
 */
secret: string | null, 
/**
 * The NKey seed that signs for a user JWT (`auth = jwt`). Empty keeps the stored one.
 */
seed: string | null, 
/**
 * Creds file, or NKey seed file (`auth = nkey` without an inline seed).
 */
secretFile: string | null, tlsCa: string | null, tlsCert: string | null, tlsKey: string | null, tlsFirst: boolean, jsDomain: string | null, };

export type NatsFieldProblem = { 
/**
 * The input field: `name`, `servers`, `user`, `secret`, `seed`, `secretFile`, `tlsCa`,
 * `tlsCert`, `tlsKey`, `jsDomain`.
 */
field: string, message: string, };

export type NatsProfilesStatus = { 
/**
 * The file saved profiles live in.
 */
file: string, 
/**
 * The NATS CLI config folder watched for contexts, if there is one.
 */
contextsDir: string | null, 
/**
 * True when secrets outlive the app; false means they are kept for this run only.
 */
secretsPersist: boolean, 
/**
 * Why the saved file or the contexts folder could not be used, if so.
 */
problems: Array<string>, };

export type MonitorVerdictKind = "healthy" | "idle" | "paused" | "noWorkers" | "ackStall" | "saturated" | "redeliveryLoop" | "fallingBehind" | "replication";

export type MonitorSeverity = "ok" | "warning" | "alert";

export type MonitorNumbers = { 
/**
 * The span the window actually covers (server time between its first and last sample).
 */
windowMs: number, samples: number, numPending: number, numAckPending: number, numRedelivered: number, numWaiting: number, 
/**
 * -1 means unlimited.
 */
maxAckPending: number, deliveredStreamSeq: number, ackFloorStreamSeq: number, deliveredAdvance: number, ackFloorAdvance: number, pendingChange: number, redeliveredChange: number, 
/**
 * Max-deliveries and NAK advisories for this consumer inside the window.
 */
advisories: number, 
/**
 * Server time since the last delivery / last ack, when the server reported one.
 */
sinceLastDeliveryMs: number | null, sinceLastAckMs: number | null, };

export type MonitorVerdict = { 
/**
 * `stream/consumer`.
 */
id: string, stream: string, consumer: string, filterSubjects: Array<string>, 
/**
 * The worst finding.
 */
kind: MonitorVerdictKind, severity: MonitorSeverity, 
/**
 * Plain words, with the numbers.
 */
reason: string, 
/**
 * Every other finding that holds too, worst first (empty when healthy).
 */
also: Array<MonitorVerdictKind>, 
/**
 * The `io.nats.monitor.*` metadata key that decided the verdict, if one did.
 */
threshold: string | null, numbers: MonitorNumbers, 
/**
 * Server time of the sample this verdict was evaluated at, ms since the Unix epoch.
 */
atMs: number, 
/**
 * Server time since which `kind` holds.
 */
sinceMs: number, };

export type MonitorLagSample = { atMs: number, numPending: number, numAckPending: number, numRedelivered: number, numWaiting: number, deliveredStreamSeq: number, ackFloorStreamSeq: number, 
/**
 * Counts every delivery, redeliveries included.
 */
deliveredConsumerSeq: number, 
/**
 * Latest of last delivery and last ack, when the server reported either.
 */
lastActiveMs: number | null, };

export type MonitorLagSeries = { id: string, samples: Array<MonitorLagSample>, };

export type MonitorChangeKind = "streamCreated" | "streamDeleted" | "streamReconfigured" | "consumerCreated" | "consumerDeleted" | "consumerReconfigured" | "leaderMoved" | "verdictChanged" | "pendingJump";

export type MonitorFieldChange = { field: string, before: string | null, after: string | null, };

export type MonitorTimelineEntry = { 
/**
 * Unique and increasing for the life of a monitor.
 */
seq: number, 
/**
 * Server time of the poll that saw the change.
 */
atMs: number, kind: MonitorChangeKind, stream: string, consumer: string | null, 
/**
 * The consumer's filter subjects, or the stream's subjects for stream changes.
 */
subjects: Array<string>, summary: string, diff: Array<MonitorFieldChange>, };

export type MonitorSummary = { severity: MonitorSeverity, consumers: number, ok: number, warning: number, alert: number, idle: number, paused: number, 
/**
 * The model poll this evaluation used (0 before the first).
 */
poll: number, atMs: number, 
/**
 * Parts of the cluster the poll could not read, in plain words.
 */
errors: Array<string>, };

export type MonitorEntry = { "type": "summary" } & MonitorSummary | { "type": "verdict" } & MonitorVerdict | { "type": "removed", id: string, } | { "type": "timeline" } & MonitorTimelineEntry | { "type": "lag", id: string, sample: MonitorLagSample, };

export type MonitorPrefs = { 
/**
 * Verdicts compare the newest sample with the one this long before (server time).
 */
windowSecs: number, 
/**
 * A timeline entry when pending rises at least this much between two polls.
 */
pendingJump: number, 
/**
 * Falling behind: pending must grow by more than this over the window.
 */
fallingBehindGrowth: number, 
/**
 * Saturated at this many unacknowledged messages (besides the consumer's own limit).
 */
outstandingAck: number, 
/**
 * Alert when this many messages are pending.
 */
unprocessed: number, 
/**
 * Alert when nothing was delivered for this long.
 */
lastDeliverySecs: number, 
/**
 * Alert when nothing was acknowledged for this long.
 */
lastAckSecs: number, 
/**
 * Alert at this many redeliveries.
 */
redelivery: number, };

export type BackgroundPrefs = { 
/**
 * Closing the window hides it to the tray instead of quitting.
 */
closeToTray: boolean, 
/**
 * Raise native notifications when a consumer starts alerting.
 */
notify: boolean, 
/**
 * At most this many notifications a minute; more are summarised in one.
 */
maxNotificationsPerMinute: number, 
/**
 * Global thresholds of the NATS health monitor.
 */
thresholds: MonitorPrefs, };

export type TrayAlert = { profileId: string, 
/**
 * `stream/consumer`.
 */
consumerId: string, kind: MonitorVerdictKind, label: string, };

export type TrayStatus = { 
/**
 * Worst severity over every monitored connection (`ok` while paused).
 */
severity: MonitorSeverity, paused: boolean, tooltip: string, alerts: Array<TrayAlert>, 
/**
 * Whether a tray icon exists (false where the desktop has no tray).
 */
trayPresent: boolean, 
/**
 * Whether the main window is shown.
 */
windowVisible: boolean, };

export type NotificationRecord = { seq: number, 
/**
 * Local time, ms since the Unix epoch.
 */
atMs: number, title: string, body: string, profileId: string, 
/**
 * The consumer it names; `None` for a summary of several.
 */
consumerId: string | null, kind: MonitorVerdictKind | null, 
/**
 * How many alerts it covers (1 unless a summary).
 */
count: number, 
/**
 * False when it could not be handed to the desktop; the reason is logged.
 */
delivered: boolean, };

export type NavRequest = { 
/**
 * Section id, e.g. `monitor`.
 */
section: string, profileId: string | null, 
/**
 * `stream/consumer`.
 */
consumerId: string | null, 
/**
 * Why the view is opened, when the view has something to ask.
 */
reason: NavReason | null, };

export type NavReason = "quitHeld";

export type VaultLockState = "absent" | "locked" | "unlocked";

export type VaultProblem = { message: string, recovery: string, 
/**
 * The UI offers "move aside and start a new vault".
 */
canMoveAside: boolean, };

export type VaultStatus = { state: VaultLockState, 
/**
 * Where the vault file lives.
 */
path: string, 
/**
 * e.g. "Argon2id 64 MiB × 3, XChaCha20-Poly1305" once unlocked.
 */
cipher: string | null, 
/**
 * Set when the file is damaged or unreadable; `recovery` says what to do.
 */
problem: VaultProblem | null, };

export type SecretView = { name: string, masked: string, };
