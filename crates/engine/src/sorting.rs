//! One stable sort for the whole program. The standard library's sorts are
//! generic: every call site with its own element type or comparison gets its
//! own copy of the driftsort/quicksort machinery, about 2 KB of WebAssembly
//! each, 80 KB in the app before this. Here the sorting itself is one
//! non-generic merge sort of indices behind a `dyn` comparison; what each call
//! site instantiates is a few lines that build the indices and apply the
//! permutation. Stable, O(n log n), n <= 2^32.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    {
        let items: &[T] = v;
        merge_sort(&mut order, &mut |a, b| {
            cmp(&items[a as usize], &items[b as usize])
        });
    }
    apply_permutation(v, &mut order);
}

/// Sorts `v` stably by `key`, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably, like `slice::sort`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// A bottom-up merge sort of indices: the one instance of sorting code.
fn merge_sort(order: &mut Vec<u32>, cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    let n = order.len();
    let mut merged = vec![0u32; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut a, mut b) = (start, mid);
            for slot in &mut merged[start..end] {
                // Ties take the left run first: stable.
                let take_b = a == mid || (b < end && cmp(order[b], order[a]) == Ordering::Less);
                if take_b {
                    *slot = order[b];
                    b += 1;
                } else {
                    *slot = order[a];
                    a += 1;
                }
            }
            start = end;
        }
        std::mem::swap(order, &mut merged);
        width *= 2;
    }
}

/// Puts `v[order[i]]` at `i` for every i, following the permutation's cycles
/// (`order` is used up).
fn apply_permutation<T>(v: &mut [T], order: &mut [u32]) {
    const DONE: u32 = u32::MAX;
    for i in 0..v.len() {
        let mut at = i;
        while order[at] != DONE {
            let from = order[at] as usize;
            order[at] = DONE;
            if from == i {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 5, 8, 13, 100, 1000] {
            let v: Vec<(u8, u32)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "len {len}");
        }
        let mut words = vec!["pear", "apple", "fig", "apple"];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
        let mut floats = vec![0.5, -1.0, 3.0];
        sort_by(&mut floats, |a: &f64, b| b.total_cmp(a));
        assert_eq!(floats, [3.0, 0.5, -1.0]);
    }
}
