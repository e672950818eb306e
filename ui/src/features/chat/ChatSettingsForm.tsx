import { useState } from "react";
import type { ChatSettings, IpcError } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import { chat } from "./chatClient";

/**
 * Provider, base URL and model. The API key field is write-only: the core keeps the key
 * and only tells the UI whether one is set.
 */
export function ChatSettingsForm({ settings, onSaved }: { settings: ChatSettings; onSaved(s: ChatSettings): void }) {
  const [draft, setDraft] = useState(settings);
  const [key, setKey] = useState("");
  const [error, setError] = useState<IpcError | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (apiKey?: string) => {
    setError(null);
    setSaved(false);
    try {
      const next = await chat.saveSettings(draft, apiKey);
      setKey("");
      setDraft(next);
      setSaved(true);
      onSaved(next);
    } catch (err) {
      setError(toIpcError(err));
    }
  };

  return (
    <form
      className="chat-settings"
      data-testid="chat-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save(key ? key : undefined);
      }}
    >
      <label className="num-field">
        Provider
        <input data-testid="chat-provider" value={draft.provider} onChange={(e) => setDraft({ ...draft, provider: e.target.value })} />
      </label>
      <label className="num-field">
        Base URL
        <input data-testid="chat-base-url" value={draft.baseUrl} onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })} />
      </label>
      <label className="num-field">
        Model
        <input data-testid="chat-model" value={draft.model} onChange={(e) => setDraft({ ...draft, model: e.target.value })} />
      </label>
      <label className="num-field">
        API key {draft.hasApiKey ? "(set)" : "(none)"}
        <input
          data-testid="chat-api-key"
          type="password"
          autoComplete="off"
          value={key}
          placeholder={draft.hasApiKey ? "leave empty to keep" : "optional"}
          onChange={(e) => setKey(e.target.value)}
        />
      </label>
      <div className="row">
        <button className="button" type="submit" data-testid="chat-settings-save">
          Save
        </button>
        {draft.hasApiKey && (
          <button className="button button-quiet" type="button" onClick={() => void save("")}>
            Forget key
          </button>
        )}
        {saved && <span className="muted" data-testid="chat-settings-saved">Saved</span>}
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error.message}
        </p>
      )}
    </form>
  );
}
