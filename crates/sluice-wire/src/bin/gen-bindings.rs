//! Writes the TypeScript bindings to the path given as the first argument.
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: gen-bindings <output.ts>");
        return ExitCode::from(2);
    };
    match std::fs::write(&path, sluice_wire::render_typescript()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "cannot write {}: {err}",
                std::path::Path::new(&path).display()
            );
            ExitCode::FAILURE
        }
    }
}
