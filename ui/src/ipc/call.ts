import { invoke } from "@tauri-apps/api/core";
import { toIpcError } from "./errors";

/** Invokes a core command; a failure is rethrown as an `IpcError` the UI can branch on. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toIpcError(err);
  }
}
