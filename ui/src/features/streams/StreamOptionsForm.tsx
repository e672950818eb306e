import type { HttpMethod } from "../../bindings/wire";
import type { StreamOptions } from "./streamOptions";
import type { StreamKind } from "./tailLog";

interface Props {
  kind: StreamKind;
  value: StreamOptions;
  onChange(next: StreamOptions): void;
}

/** The request, retry and keepalive options of a stream; folded away until wanted. */
export function StreamOptionsForm({ kind, value, onChange }: Props) {
  const set = <K extends keyof StreamOptions>(key: K, v: StreamOptions[K]) => onChange({ ...value, [key]: v });
  const text = (key: keyof StreamOptions, label: string, testid: string, width = "") => (
    <label className={`num-field ${width}`}>
      {label}
      <input data-testid={`streams-opt-${testid}`} value={value[key] as string} onChange={(e) => set(key, e.target.value)} />
    </label>
  );
  return (
    <details className="stream-options" data-testid="streams-options">
      <summary>
        Options{" "}
        <span className="muted">
          {kind === "sse" ? `${value.method}${value.keepaliveOn ? ", keepalive" : ""}` : value.subprotocols || "no subprotocol"}
          {`, retries ${value.maxRetries.trim() || "∞"}`}
        </span>
      </summary>
      {kind === "sse" && (
        <div className="row">
          <label className="num-field">
            Method
            <select data-testid="streams-opt-method" value={value.method} onChange={(e) => set("method", e.target.value as HttpMethod)}>
              <option value="GET">GET</option>
              <option value="POST">POST</option>
            </select>
          </label>
          {value.method === "POST" && (
            <label className="num-field grow-field">
              Body
              <textarea data-testid="streams-opt-body" rows={2} value={value.body} onChange={(e) => set("body", e.target.value)} />
            </label>
          )}
        </div>
      )}
      {kind === "ws" && (
        <div className="row">
          {text("subprotocols", "Subprotocols (comma-separated)", "subprotocols", "grow-field")}
          {text("pingIntervalS", "Ping every (s)", "ping")}
          {text("pongTimeoutS", "Pong timeout (s)", "pong")}
        </div>
      )}
      <div className="row">
        {text("authRef", "Bearer token: vault secret name (Settings → Secrets), or oauth for the signed-in account", "auth-ref", "grow-field")}
      </div>
      <div className="row">
        {text("maxRetries", "Max retries (empty: forever)", "max-retries")}
        {text("initialDelayMs", "First retry delay (ms)", "initial-delay")}
        {text("maxDelayMs", "Backoff cap (ms)", "max-delay")}
        {kind === "sse" && text("idleTimeoutS", "Idle timeout (s)", "idle")}
        <label className="check-field">
          <input type="checkbox" data-testid="streams-opt-retry-http" checked={value.retryHttpErrors} onChange={(e) => set("retryHttpErrors", e.target.checked)} />
          Retry HTTP 5xx / 408 / 429
        </label>
      </div>
      {kind === "sse" && (
        <fieldset className="stream-keepalive">
          <legend>
            <label className="check-field">
              <input type="checkbox" data-testid="streams-opt-keepalive" checked={value.keepaliveOn} onChange={(e) => set("keepaliveOn", e.target.checked)} />
              Answer a ping event with an HTTP request
            </label>
          </legend>
          {value.keepaliveOn && (
            <>
              <div className="row">
                {text("keepaliveEvent", "Ping event name", "ka-event")}
                <label className="num-field">
                  Reply method
                  <select data-testid="streams-opt-ka-method" value={value.keepaliveMethod} onChange={(e) => set("keepaliveMethod", e.target.value as HttpMethod)}>
                    <option value="POST">POST</option>
                    <option value="GET">GET</option>
                  </select>
                </label>
                {text("keepaliveUrl", "Reply URL ({data}, {id} are replaced)", "ka-url", "grow-field")}
              </div>
              <div className="row">
                <label className="num-field grow-field">
                  Reply headers (Name: value per line)
                  <textarea data-testid="streams-opt-ka-headers" rows={1} value={value.keepaliveHeaders} onChange={(e) => set("keepaliveHeaders", e.target.value)} />
                </label>
                {value.keepaliveMethod === "POST" && (
                  <label className="num-field grow-field">
                    Reply body
                    <textarea data-testid="streams-opt-ka-body" rows={1} value={value.keepaliveBody} onChange={(e) => set("keepaliveBody", e.target.value)} />
                  </label>
                )}
              </div>
            </>
          )}
        </fieldset>
      )}
    </details>
  );
}
