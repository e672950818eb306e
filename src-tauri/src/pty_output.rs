//! Terminal output to the webview: raw bytes over a binary Channel (never re-decoded), and
//! the exit status as one JSON message at the end.

use sluice_pty::{OutputClosed, PtyOutput};
use sluice_wire::PtyExitStatus;
use tauri::ipc::{Channel, InvokeResponseBody};

pub struct ChannelPtyOutput(pub Channel<InvokeResponseBody>);

impl PtyOutput for ChannelPtyOutput {
    fn data(&mut self, bytes: Vec<u8>) -> Result<(), OutputClosed> {
        self.0
            .send(InvokeResponseBody::Raw(bytes))
            .map_err(|_| OutputClosed)
    }

    fn exit(&mut self, status: &PtyExitStatus) {
        if let Ok(json) = serde_json::to_string(status) {
            // The view may be gone already; the status stays queryable via pty_list.
            let _ = self.0.send(InvokeResponseBody::Json(json));
        }
    }
}
