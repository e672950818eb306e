//! Per-OS adjustments that must happen before the webview starts.

/// WebKitGTK's DMA-BUF renderer needs a GPU render node; without one (VMs, Xvfb, some
/// remote desktops) its frame clock stalls for a second at a time, which freezes
/// requestAnimationFrame and every live view with it. Fall back to the shared-memory
/// renderer there, unless the user chose otherwise.
pub fn prepare_webview_env() {
    #[cfg(target_os = "linux")]
    {
        const VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
        let has_render_node = std::fs::read_dir("/dev/dri")
            .map(|mut entries| {
                entries.any(|e| {
                    e.map(|e| e.file_name().to_string_lossy().starts_with("renderD"))
                        .unwrap_or(false)
                })
            })
            .unwrap_or(false);
        if !has_render_node && std::env::var_os(VAR).is_none() {
            // Called first thing in main, before any thread exists.
            std::env::set_var(VAR, "1");
        }
    }
}
