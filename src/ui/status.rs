//! A node's or function's live status as the views draw it.

/// Live status (MODEL.md §2): colour AND a mark tell it, so it reads without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    Up,
    Degraded,
    Down,
}

impl Status {
    /// The name used in `data-status` (UI.md).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Up => "up",
            Status::Degraded => "degraded",
            Status::Down => "down",
        }
    }

    /// A mark that tells the status without colour.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Up => "✓",
            Status::Degraded => "!",
            Status::Down => "✕",
        }
    }
}
