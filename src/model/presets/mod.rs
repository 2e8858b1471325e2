//! Built-in scenarios that tell the textbook story (UI.md `#preset=`): each is
//! a `topolab/1` document kept as JSON beside this file, read with the same
//! parser as any user's file, so a preset is valid by the same rules.

use super::document::Document;
use super::parse::parse_document;

/// A built-in scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// The name used in `#preset=<name>`.
    pub name: &'static str,
    json: &'static str,
}

/// Every preset, in the order of the story: one server, many servers, coarse
/// parts, small services.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "monolith",
        json: include_str!("monolith.json"),
    },
    Preset {
        name: "cluster",
        json: include_str!("cluster.json"),
    },
    Preset {
        name: "distributed",
        json: include_str!("distributed.json"),
    },
    Preset {
        name: "microservices",
        json: include_str!("microservices.json"),
    },
];

impl Preset {
    /// The preset's document.
    pub fn document(&self) -> Document {
        // Presets are checked by the tests; a broken one still yields an empty
        // diagram rather than a panic.
        parse_document(self.json).unwrap_or_default()
    }
}

/// The preset named `name`, if there is one.
pub fn preset(name: &str) -> Option<Preset> {
    PRESETS.iter().copied().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_a_valid_document() {
        for p in PRESETS {
            let doc = parse_document(p.json);
            assert!(doc.is_ok(), "preset {} is invalid: {:?}", p.name, doc.err());
            assert!(
                !doc.unwrap_or_default().nodes.is_empty(),
                "preset {} is empty",
                p.name
            );
        }
    }
}
