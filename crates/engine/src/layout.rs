//! A tidy automatic layout for any document (the "tidy" action):
//! layered left to right by the longest path from the clients, one column a
//! layer, boxes stacked by their drawn size ([`node_size`]) so none overlap.
//!
//! Layers follow every link kind, not only route/pool/requires: a queue's
//! consumers (reached by `async`) then stand right of the queue, as a reader
//! expects. Cycles are broken at the link that closes them, found by a depth-first
//! walk from the clients in document order, so the result is the same for the
//! same document. Within a column nodes are ordered by the mean row of the nodes
//! linking to them, ties by document order. Only `x` and `y` change.

use std::collections::HashMap;

use super::document::Document;
use super::geometry::{node_size, NODE_WIDTH};

/// Horizontal distance between two columns' centres when their boxes are of
/// the usual width; a column of wider boxes (long labels) moves over by the
/// difference, so the space between boxes stays [`COLUMN_SPACE`].
pub const COLUMN_GAP: f64 = NODE_WIDTH + COLUMN_SPACE;
/// Horizontal space between the widest boxes of two neighbouring columns.
const COLUMN_SPACE: f64 = 76.0;
/// Vertical space between two boxes of a column.
pub const ROW_GAP: f64 = 28.0;
/// Centre of the first column, top of the tallest.
const ORIGIN: (f64, f64) = (80.0, 60.0);

/// Whether `doc` has no layout of its own: two nodes or more, all at one
/// spot, as when it was written without `x` and `y` (both read as 0). Such a
/// document is laid out by [`tidy`] as it opens (docs/spec/app.md "Opening a
/// document"); any other keeps its positions.
pub fn needs_layout(doc: &Document) -> bool {
    match doc.nodes.split_first() {
        Some((first, rest)) if !rest.is_empty() => {
            rest.iter().all(|n| n.x == first.x && n.y == first.y)
        }
        _ => false,
    }
}

/// `doc` with every node placed by the layered layout; topology untouched.
pub fn tidy(doc: &Document) -> Document {
    let mut out = doc.clone();
    let n = doc.nodes.len();
    if n == 0 {
        return out;
    }
    let index: HashMap<&str, usize> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id.as_str(), i))
        .collect();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for link in &doc.links {
        if let (Some(&a), Some(&b)) = (index.get(link.from.as_str()), index.get(link.to.as_str())) {
            if a != b {
                succ[a].push(b);
            }
        }
    }
    let order = dfs_order(doc, &succ);
    // Position of each node in a topological order of the graph without back links.
    let mut rank = vec![0usize; n];
    for (r, &v) in order.iter().enumerate() {
        rank[v] = r;
    }
    let mut layer = vec![0usize; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &v in &order {
        for &w in &succ[v] {
            if rank[w] > rank[v] {
                layer[w] = layer[w].max(layer[v] + 1);
                preds[w].push(v);
            }
        }
    }
    let depth = layer.iter().copied().max().unwrap_or(0);
    let mut columns: Vec<Vec<usize>> = vec![Vec::new(); depth + 1];
    let mut row = vec![0.0f64; n];
    for (l, column) in columns.iter_mut().enumerate() {
        let mut members: Vec<(f64, usize)> = (0..n)
            .filter(|&v| layer[v] == l)
            .map(|v| {
                let key = match preds[v].len() {
                    0 => v as f64,
                    k => preds[v].iter().map(|&p| row[p]).sum::<f64>() / k as f64,
                };
                (key, v)
            })
            .collect();
        crate::sorting::sort_by(&mut members, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (i, &(_, v)) in members.iter().enumerate() {
            row[v] = i as f64;
        }
        *column = members.into_iter().map(|(_, v)| v).collect();
    }
    let heights: Vec<f64> = columns
        .iter()
        .map(|c| {
            c.iter().map(|&v| node_size(&doc.nodes[v]).1).sum::<f64>()
                + ROW_GAP * c.len().saturating_sub(1) as f64
        })
        .collect();
    let tallest = heights.iter().copied().fold(0.0, f64::max);
    let centres = column_centres(doc, &columns);
    for (l, column) in columns.iter().enumerate() {
        let mut top = ORIGIN.1 + (tallest - heights[l]) / 2.0;
        for &v in column {
            let h = node_size(&doc.nodes[v]).1;
            out.nodes[v].x = centres[l];
            out.nodes[v].y = top + h / 2.0;
            top += h + ROW_GAP;
        }
    }
    out
}

/// Each column's centre: [`COLUMN_SPACE`] between the widest boxes of two
/// neighbours, which is [`COLUMN_GAP`] between centres for usual boxes.
fn column_centres(doc: &Document, columns: &[Vec<usize>]) -> Vec<f64> {
    let half_width = |c: &Vec<usize>| {
        c.iter()
            .map(|&v| node_size(&doc.nodes[v]).0 / 2.0)
            .fold(NODE_WIDTH / 2.0, f64::max)
    };
    let mut centres = Vec::with_capacity(columns.len());
    let mut previous: Option<(f64, f64)> = None;
    for column in columns {
        let half = half_width(column);
        let x = match previous {
            None => ORIGIN.0,
            Some((x, prev_half)) => x + prev_half + COLUMN_SPACE + half,
        };
        centres.push(x);
        previous = Some((x, half));
    }
    centres
}

/// A reverse post-order of a depth-first walk from the clients, then from every
/// other node, in document order: a topological order of the graph once the
/// links closing cycles are left out.
fn dfs_order(doc: &Document, succ: &[Vec<usize>]) -> Vec<usize> {
    let n = succ.len();
    let mut seen = vec![false; n];
    let mut post = Vec::with_capacity(n);
    let starts = (0..n)
        .filter(|&v| doc.nodes[v].is_client())
        .chain((0..n).filter(|&v| !doc.nodes[v].is_client()));
    for start in starts {
        if seen[start] {
            continue;
        }
        // Iterative, so a long chain cannot overflow the stack.
        seen[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&w) = succ[v].get(*next) {
                *next += 1;
                if !seen[w] {
                    seen[w] = true;
                    stack.push((w, 0));
                }
            } else {
                post.push(v);
                stack.pop();
            }
        }
    }
    post.reverse();
    post
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Link, Node, NodeKind};

    fn doc(nodes: &[(&str, NodeKind)], links: &[(&str, &str)]) -> Document {
        Document {
            nodes: nodes
                .iter()
                .map(|&(id, k)| Node::new(id, k, 0.0, 0.0))
                .collect(),
            links: links.iter().map(|&(a, b)| Link::new(a, b)).collect(),
            ..Document::default()
        }
    }

    #[test]
    fn layers_follow_the_longest_path_from_the_client() {
        let d = tidy(&doc(
            &[
                ("c", NodeKind::Client),
                ("a", NodeKind::Service),
                ("b", NodeKind::Service),
                ("db", NodeKind::Database),
            ],
            &[("c", "a"), ("a", "b"), ("b", "db"), ("a", "db")],
        ));
        let x: Vec<f64> = d.nodes.iter().map(|n| n.x).collect();
        assert_eq!(
            x,
            [
                80.0,
                80.0 + COLUMN_GAP,
                80.0 + 2.0 * COLUMN_GAP,
                80.0 + 3.0 * COLUMN_GAP
            ]
        );
    }

    #[test]
    fn only_a_document_with_every_node_on_one_spot_needs_a_layout() {
        let nodes = [("c", NodeKind::Client), ("a", NodeKind::Service)];
        let mut d = doc(&nodes, &[("c", "a")]);
        assert!(needs_layout(&d), "no positions: both at (0, 0)");
        d.nodes.iter_mut().for_each(|n| (n.x, n.y) = (300.0, 200.0));
        assert!(needs_layout(&d), "both at one spot, whichever");
        d.nodes[1].x = 301.0;
        assert!(!needs_layout(&d), "positions of its own are kept");
        assert!(
            !needs_layout(&doc(&nodes[..1], &[])),
            "one node is never stacked"
        );
        assert!(!needs_layout(&Document::default()));
    }

    #[test]
    fn a_cycle_is_laid_out_without_overlap() {
        let d = tidy(&doc(
            &[
                ("a", NodeKind::Service),
                ("b", NodeKind::Service),
                ("c", NodeKind::Service),
            ],
            &[("a", "b"), ("b", "c"), ("c", "a")],
        ));
        let x: Vec<f64> = d.nodes.iter().map(|n| n.x).collect();
        assert_eq!(x, [80.0, 80.0 + COLUMN_GAP, 80.0 + 2.0 * COLUMN_GAP]);
    }

    #[test]
    fn a_column_of_long_labels_keeps_its_distance_from_its_neighbours() {
        let d = tidy(&doc(
            &[
                ("c", NodeKind::Client),
                ("a-service-with-a-long-name", NodeKind::Service),
                ("db", NodeKind::Database),
            ],
            &[
                ("c", "a-service-with-a-long-name"),
                ("a-service-with-a-long-name", "db"),
            ],
        ));
        let edges: Vec<(f64, f64)> = d
            .nodes
            .iter()
            .map(|n| (n.x - node_size(n).0 / 2.0, n.x + node_size(n).0 / 2.0))
            .collect();
        assert!(node_size(&d.nodes[1]).0 > NODE_WIDTH);
        assert_eq!(edges[1].0 - edges[0].1, COLUMN_SPACE);
        assert_eq!(edges[2].0 - edges[1].1, COLUMN_SPACE);
    }
}
