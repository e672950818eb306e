//! Per-OS adjustments that must happen before the webview starts.

/// WebKitGTK's DMA-BUF renderer needs a GPU render node; without one (VMs, Xvfb, some
/// remote desktops) its frame clock stalls for a second at a time, which freezes
/// requestAnimationFrame and every live view with it. Fall back to the shared-memory
/// renderer there, unless the user chose otherwise.
pub fn prepare_webview_env() {
    #[cfg(target_os = "linux")]
    {
        const VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
        if software_rendering() && std::env::var_os(VAR).is_none() {
            // Called first thing in main, before any thread exists.
            std::env::set_var(VAR, "1");
        }
    }
}

/// True when the webview has no GPU to draw with (Linux without a DRM render node). Other
/// systems always have one.
pub fn software_rendering() -> bool {
    #[cfg(target_os = "linux")]
    {
        let has_render_node = std::fs::read_dir("/dev/dri")
            .map(|mut entries| {
                entries.any(|e| {
                    e.map(|e| e.file_name().to_string_lossy().starts_with("renderD"))
                        .unwrap_or(false)
                })
            })
            .unwrap_or(false);
        !has_render_node
    }
    #[cfg(not(target_os = "linux"))]
    false
}
