//! How a live status is drawn: a mark that tells it without colour.

use crate::model::analysis::Status;

/// ✓, ! or ✕: the status readable in black and white and by colour-blind eyes.
pub fn mark(status: Status) -> &'static str {
    match status {
        Status::Up => "✓",
        Status::Degraded => "!",
        Status::Down => "✕",
    }
}
