import { useState } from "react";
import type { SecretView } from "../../bindings/wire";
import { validSecretName } from "./vaultClient";

interface Props {
  items: SecretView[];
  busy: boolean;
  onAdd: (name: string, value: string) => Promise<void>;
  onDelete: (name: string) => Promise<void>;
  onLock: () => Promise<void>;
}

/** The unlocked vault: masked entries, a form to add one, and Lock. */
export function SecretList({ items, busy, onAdd, onDelete, onLock }: Props) {
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const nameOk = validSecretName(name.trim());

  return (
    <div data-testid="vault-unlocked">
      {items.length === 0 ? (
        <p className="muted">No secrets stored yet.</p>
      ) : (
        <table className="table" data-testid="vault-list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.name} data-testid="vault-item">
                <td>
                  <code>{item.name}</code>
                </td>
                <td data-testid="vault-masked">{item.masked}</td>
                <td>
                  <button type="button" disabled={busy} onClick={() => void onDelete(item.name)} aria-label={`Delete ${item.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="row"
        data-testid="vault-add-form"
        onSubmit={(e) => {
          e.preventDefault();
          void onAdd(name.trim(), value).then(() => {
            setName("");
            setValue("");
          });
        }}
      >
        <label className="num-field">
          Name
          <input
            data-testid="vault-new-name"
            value={name}
            placeholder="chat/api-key"
            autoComplete="off"
            aria-invalid={name.length > 0 && !nameOk}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="num-field">
          Secret
          <input
            type="password"
            data-testid="vault-new-value"
            value={value}
            autoComplete="off"
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy || !nameOk || value.length === 0} data-testid="vault-add">
          Add
        </button>
        <button type="button" disabled={busy} data-testid="vault-lock" onClick={() => void onLock()}>
          Lock
        </button>
      </form>
    </div>
  );
}
