import { useState } from "react";
import { PAYLOAD_MODES, renderPayload, type PayloadMode } from "./payload";

/** A payload shown as text only (never markup), with a text/JSON/hex/base64 switch. */
export function PayloadView({ payloadB64, testId, compact }: { payloadB64: string; testId?: string; compact?: boolean }) {
  const [mode, setMode] = useState<PayloadMode>("json");
  return (
    <div className="nats-payload-view">
      {!compact && (
        <div className="nats-modes" role="radiogroup" aria-label="Show payload as">
          {PAYLOAD_MODES.map((m) => (
            <button key={m} type="button" role="radio" aria-checked={m === mode} className="nats-mode" onClick={() => setMode(m)}>
              {m}
            </button>
          ))}
        </div>
      )}
      <pre className="nats-payload" data-testid={testId}>
        {renderPayload(payloadB64, compact ? "text" : mode)}
      </pre>
    </div>
  );
}
