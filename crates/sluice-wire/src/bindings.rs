use ts_rs::{Config, TS};

use crate::{AppInfo, DropReport, ErrorCode, FlowStats, Frame, HealthSample, IpcError, SubId};

const HEADER: &str =
    "// Generated from crates/sluice-wire by scripts/gen-bindings. Do not edit by hand.\n";

/// Renders every IPC type as one TypeScript module (`ui/src/bindings/wire.ts`).
///
/// Each type added to the crate must be listed here; the drift test then keeps the
/// committed file honest.
pub fn render_typescript() -> String {
    let cfg = Config::default();
    let decls = [
        SubId::decl(&cfg),
        ErrorCode::decl(&cfg),
        IpcError::decl(&cfg),
        DropReport::decl(&cfg),
        FlowStats::decl(&cfg),
        Frame::<()>::decl(&cfg),
        HealthSample::decl(&cfg),
        AppInfo::decl(&cfg),
    ];
    let mut out = String::from(HEADER);
    for decl in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push('\n');
    }
    out
}
