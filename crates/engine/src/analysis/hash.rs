//! A tiny FxHash-style hasher (the multiply-rotate hash of rustc's `FxHasher`):
//! the engine hashes integers and short ids, where SipHash's resistance to
//! hostile keys buys nothing and costs a third of the BDD's time.

use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0xf135_7aea_2e62_a9c5;

/// Mixes one word into a hash state.
#[inline]
pub(crate) fn mix(state: u64, word: u64) -> u64 {
    (state ^ word).wrapping_mul(SEED)
}

/// Spreads the entropy of a state, which gathers in the high bits, over the
/// low bits that select a table slot.
#[inline]
pub(crate) fn finish(state: u64) -> u64 {
    state.rotate_left(26)
}

/// `Hasher` over [`mix`], for `HashMap`s keyed by ids.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    state: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.state = mix(self.state, u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.state = mix(self.state, u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.state = mix(self.state, u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.state = mix(self.state, u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.state = mix(self.state, i);
    }

    fn write_usize(&mut self, i: usize) {
        self.state = mix(self.state, i as u64);
    }

    fn finish(&self) -> u64 {
        finish(self.state)
    }
}

/// Builds [`FxHasher`]s for `HashMap::with_hasher`.
pub(crate) type FxBuildHasher = BuildHasherDefault<FxHasher>;
