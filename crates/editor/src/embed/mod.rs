//! Embedding a diagram in someone else's page, as plain data (docs/spec/app.md "URL",
//! `?embed=1`, and the `postMessage` API): the `<iframe>` snippet the Embed
//! dialog offers ([`snippet`]) and the messages an embedding page exchanges
//! with the embedded app ([`protocol`]). No browser here: `ui` reads the
//! page's address and the messages and hands them over as text and JSON.

pub mod protocol;
pub mod snippet;
