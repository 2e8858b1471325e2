//! Moving keyboard focus around the diagram, as pure lookups on the document:
//! the arrow keys go to the nearest node that way by position; Shift+arrows
//! follow the links (→ the first node called, ← back to the caller, ↑ ↓ the
//! caller's other callees); a first letter finds a link's target.

use crate::gesture::Point;
use topolab_engine::geometry::node_size;
use topolab_engine::Document;

/// An arrow key's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

impl Direction {
    /// The direction of a `KeyboardEvent.key` ("ArrowLeft" ...), if it is an arrow.
    pub fn of_key(key: &str) -> Option<Direction> {
        match key {
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            _ => None,
        }
    }

    /// A unit step this way (y grows downward).
    pub fn unit(self) -> Point {
        match self {
            Direction::Left => Point::new(-1.0, 0.0),
            Direction::Right => Point::new(1.0, 0.0),
            Direction::Up => Point::new(0.0, -1.0),
            Direction::Down => Point::new(0.0, 1.0),
        }
    }
}

/// The nearest node from `from` in direction `dir`, with nodes where
/// `positions` draws them, weighing sideways distance double so that
/// "right" means mostly right.
pub fn nearest(
    doc: &Document,
    positions: &dyn Fn(&str) -> Point,
    from: &str,
    dir: Direction,
) -> Option<String> {
    let here = positions(from);
    let u = dir.unit();
    doc.nodes
        .iter()
        .filter(|n| n.id != from)
        .filter_map(|n| {
            let d = here.to(positions(&n.id));
            let along = d.x * u.x + d.y * u.y;
            let across = (d.x * u.y - d.y * u.x).abs();
            (along > 0.0).then_some((along + 2.0 * across, n.id.clone()))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}

/// The targets of `id`'s links, in document order.
pub fn callees(doc: &Document, id: &str) -> Vec<String> {
    doc.links
        .iter()
        .filter(|l| l.from == id)
        .map(|l| l.to.clone())
        .collect()
}

/// The sources of the links to `id`, in document order.
pub fn callers(doc: &Document, id: &str) -> Vec<String> {
    doc.links
        .iter()
        .filter(|l| l.to == id)
        .map(|l| l.from.clone())
        .collect()
}

/// Where Shift+arrows have come from: the callers followed, last on top, so
/// that ← goes back the way → came.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinkPath(Vec<String>);

impl LinkPath {
    /// The callers followed so far, first one first.
    pub fn callers(&self) -> &[String] {
        &self.0
    }

    /// Where Shift+`dir` goes from node `at` along the links, the path kept up to date.
    pub fn follow(&mut self, doc: &Document, at: &str, dir: Direction) -> Option<String> {
        // A caller on the path that no longer calls `at` (focus moved by position) is forgotten.
        let parent = match self.0.last() {
            Some(p) if callers(doc, at).contains(p) => Some(p.clone()),
            _ => {
                self.0.clear();
                callers(doc, at).into_iter().next()
            }
        };
        match dir {
            Direction::Right => {
                let to = callees(doc, at).into_iter().next()?;
                self.0.push(at.to_string());
                Some(to)
            }
            Direction::Left => {
                let to = parent?;
                self.0.pop();
                Some(to)
            }
            Direction::Down | Direction::Up => self.sibling(doc, at, parent?, dir),
        }
    }

    /// The next (↓) or previous (↑) node `parent` calls after `at`, wrapping.
    fn sibling(
        &mut self,
        doc: &Document,
        at: &str,
        parent: String,
        dir: Direction,
    ) -> Option<String> {
        let siblings = callees(doc, &parent);
        let i = siblings.iter().position(|s| s == at)?;
        let n = siblings.len();
        let j = if dir == Direction::Down {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        if self.0.last() != Some(&parent) {
            self.0.push(parent);
        }
        (j != i).then(|| siblings[j].clone())
    }
}

/// The next node after `at` (in document order, wrapping) whose label starts
/// with `letter`, for choosing a link's target by typing. Latin letters match
/// either case; others as typed (ASCII case keeps the Unicode case tables,
/// 24 KB, out of the wasm: BENCHMARKS.md, "The single file").
pub fn by_letter(doc: &Document, at: &str, letter: &str) -> Option<String> {
    let letter = letter.to_ascii_lowercase();
    let start = doc.nodes.iter().position(|n| n.id == at).unwrap_or(0);
    let n = doc.nodes.len();
    (1..=n)
        .map(|k| &doc.nodes[(start + k) % n])
        .find(|node| node.label().to_ascii_lowercase().starts_with(&letter))
        .map(|node| node.id.clone())
}

/// How far to move a view (`view_at` its top left, `view_size` its size,
/// diagram units) the least so that it shows node `id`, drawn at `at`, whole
/// with a margin; `None` when it does already. A node reached by keyboard is
/// never off screen.
pub fn pan_to_show(
    doc: &Document,
    id: &str,
    at: Point,
    (view_at, view_size): (Point, Point),
) -> Option<Point> {
    const MARGIN: f64 = 24.0;
    let node = doc.node(id)?;
    let (w, h) = node_size(node);
    let shift = |lo: f64, hi: f64, start: f64, size: f64| {
        if hi - lo + 2.0 * MARGIN > size {
            (lo + hi) / 2.0 - (start + size / 2.0)
        } else if lo - MARGIN < start {
            lo - MARGIN - start
        } else if hi + MARGIN > start + size {
            hi + MARGIN - (start + size)
        } else {
            0.0
        }
    };
    let dx = shift(at.x - w / 2.0, at.x + w / 2.0, view_at.x, view_size.x);
    let dy = shift(at.y - h / 2.0, at.y + h / 2.0, view_at.y, view_size.y);
    (dx != 0.0 || dy != 0.0).then_some(Point::new(dx, dy))
}
