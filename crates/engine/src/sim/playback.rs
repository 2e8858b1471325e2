//! A simulation played at the page's pace, for the app's Traffic bar
//! (docs/spec/app.md `simulate`): what a frame advances, which dots its
//! events make, where those dots are, and the live figures. The app only
//! paints what this returns and marks the diagram; nothing here needs a browser.
//!
//! Time: the simulation runs `speed` simulated seconds per second of the
//! page (x1 to x1000), but its hops last milliseconds, too short to see. A
//! dot is therefore made after its request ended (so its colour is known),
//! each hop of the request along its link for [`hop_seconds`] of the page's
//! time (0.7 s at x1), one after the other. Dots beyond [`POOL`] in flight
//! are left out of the drawing (never out of the counts).
//!
//! Chaos: with the nodes' own repair times (minutes to an hour) and
//! availabilities of 99.9% a failure would be a rare sight. A playback scales
//! every repair time to [`DEMO_MTTR_S`] simulated seconds, unless a node sets
//! its own `extra.sim.mttr_s`; the MTTF follows (`MTTR · a / (1 - a)`), so
//! each instance's long-run availability is still its node's, only its
//! failures are more frequent and shorter ([`demo_document`]); a zone's
//! repairs are shortened to [`DEMO_MTTR_S`] too. Even so they
//! are rare or brief on screen; the classroom chaos ([`super::classroom`])
//! times failures in the page's seconds instead.
//!
//! The figures since the start ([`super::live`]) start again whenever the
//! kills or the chaos change: the prediction they are compared with is then
//! another one.

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{Map, Value};

use super::classroom::{Chaos, Classroom, Turn, DOWN_S};
use super::live::{Live, LiveWindow};
use super::{
    Discard, Happening, Outage, SettingError, SimEvent, SimOptions, Simulation, MAX_SECONDS,
};
use crate::document::{Document, Node, NodeKind};
use crate::effective_functions;
use crate::geometry::{link_segment, node_size};

/// Dots drawn at most at once.
pub const POOL: usize = 1200;
/// Mean time to repair under chaos in a playback, simulated seconds (see the module's comment).
pub const DEMO_MTTR_S: f64 = 10.0;
/// How often the page hears of the run, in seconds of the page's time.
const REPORT_S: f64 = 0.25;
/// Requests whose hops are waiting for their end, kept at most (an
/// unbounded queue may hold requests forever).
const MAX_PENDING: usize = 50_000;

/// How long one hop's dot travels its link, in seconds of the page's time.
pub fn hop_seconds(speed: f64) -> f64 {
    0.7 / (1.0 + speed.max(1.0).log10() / 2.0)
}

/// `doc` with every repair time not set by its node shortened to [`DEMO_MTTR_S`].
pub fn demo_document(doc: &Document) -> Document {
    let mut doc = doc.clone();
    for node in doc.nodes.iter_mut().filter(|n| n.kind != NodeKind::Client) {
        let extra = node.extra.get_or_insert_with(Map::new);
        let sim = extra
            .entry("sim")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(sim) = sim {
            sim.entry("mttr_s").or_insert(Value::from(DEMO_MTTR_S));
        }
    }
    doc
}

/// Whether two documents differ only in kills (of instances or zones) and
/// positions (a running simulation can follow such a change without starting again).
pub fn only_kills_or_positions_differ(a: &Document, b: &Document) -> bool {
    let zones_differ = a.zones.len() != b.zones.len()
        || a.zones.iter().zip(&b.zones).any(|(x, y)| {
            let mut y = y.clone();
            y.down = x.down;
            *x != y
        });
    let plain = |n: &Node| {
        let mut n = n.clone();
        n.killed.clear();
        n.x = 0.0;
        n.y = 0.0;
        n
    };
    !zones_differ
        && a.nodes.len() == b.nodes.len()
        && a.links == b.links
        && a.functions == b.functions
        && a.nodes
            .iter()
            .zip(&b.nodes)
            .all(|(x, y)| plain(x) == plain(y))
}

/// One dot: a hop of a request along `link`, drawn from page time `start` for `duration`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dot {
    pub link: u32,
    pub start: f64,
    pub duration: f64,
    /// Whether its request succeeded.
    pub ok: bool,
}

/// A dot where it is now, in diagram units, and whether its request succeeded.
pub type DotAt = (f64, f64, bool);

/// A [`Simulation`] of a document played at the page's pace, and the dots
/// its requests make.
pub struct Playback {
    sim: Simulation,
    doc: Rc<Document>,
    /// Each link's ends' box sizes, in link order.
    sizes: Vec<((f64, f64), (f64, f64))>,
    /// Simulated seconds per second of the page.
    speed: f64,
    /// No dots at all (`prefers-reduced-motion`): only the figures move.
    reduced: bool,
    /// Page time played, seconds; the page's time stamp of the last frame, ms.
    clock: f64,
    last: Option<f64>,
    frames: u64,
    /// The event buffer, kept between frames to spare its allocation.
    events: Vec<SimEvent>,
    /// The links of each unfinished request's hops, in order.
    pending: HashMap<u64, Vec<u32>>,
    dots: Vec<Dot>,
    window: LiveWindow,
    next_report: f64,
    /// An instance may have gone down or come back by chaos, or by hand.
    chaos_changed: bool,
    chaos: Chaos,
    /// The classroom chaos's clock and what it has down, if anything.
    classroom: Option<(Classroom, Option<Outage>)>,
    seed: u64,
}

impl Playback {
    /// A playback of `doc` (repairs shortened, [`demo_document`]) at `speed`,
    /// with `chaos`, from `seed`; `reduced`: make no dots.
    pub fn new(
        doc: Rc<Document>,
        speed: f64,
        chaos: Chaos,
        seed: u64,
        reduced: bool,
    ) -> Result<Playback, Vec<SettingError>> {
        let options = SimOptions {
            seconds: MAX_SECONDS,
            seed,
            chaos: chaos == Chaos::Real,
            ..SimOptions::default()
        };
        let sim = Simulation::with_zone_repair(&demo_document(&doc), &options, DEMO_MTTR_S)?;
        let size = |id: &str| doc.node(id).map(node_size).unwrap_or((0.0, 0.0));
        let sizes = doc
            .links
            .iter()
            .map(|l| (size(&l.from), size(&l.to)))
            .collect();
        let ids = effective_functions(&doc)
            .into_iter()
            .map(|f| f.id)
            .collect();
        let mut playback = Playback {
            sim,
            doc,
            sizes,
            speed,
            reduced,
            clock: 0.0,
            last: None,
            frames: 0,
            events: Vec::new(),
            pending: HashMap::new(),
            dots: Vec::new(),
            window: LiveWindow::new(ids),
            next_report: 0.0,
            chaos_changed: chaos != Chaos::Off,
            chaos: Chaos::Off,
            classroom: None,
            seed,
        };
        playback.set_chaos(chaos);
        Ok(playback)
    }

    /// The simulation, to read its state (backlogs, instances down).
    pub fn sim(&self) -> &Simulation {
        &self.sim
    }

    /// The document played.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// Frames played so far.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Dots in flight or waiting to start.
    pub fn dots(&self) -> &[Dot] {
        &self.dots
    }

    /// Plays on at `speed`; the classroom's failures, timed in the page's
    /// seconds, then last another simulated time: its figures start again.
    pub fn set_speed(&mut self, speed: f64) {
        let changed = speed != self.speed;
        self.speed = speed;
        if changed && self.chaos == Chaos::Classroom {
            self.restart_figures();
        }
    }

    /// Runs `chaos` from now on; the figures since the start start again.
    pub fn set_chaos(&mut self, chaos: Chaos) {
        if chaos == self.chaos {
            return;
        }
        self.sim.set_chaos(chaos == Chaos::Real, &mut Discard);
        if let Some((_, Some(outage))) = self.classroom.take() {
            self.sim.repair_by_chaos(outage, &mut Discard);
        }
        if chaos == Chaos::Classroom {
            let seed = self.seed.wrapping_add(self.frames);
            self.classroom = Some((Classroom::new(self.clock, seed), None));
        }
        self.chaos = chaos;
        self.chaos_changed = true;
        self.restart_figures();
    }

    /// The chaos played.
    pub fn chaos(&self) -> Chaos {
        self.chaos
    }

    /// The figures since the start begin again now (see [`LiveWindow::restart`]).
    fn restart_figures(&mut self) {
        let repair_s = match self.chaos {
            Chaos::Off => 0.0,
            Chaos::Real => self.sim.chaos_repair_s(),
            Chaos::Classroom => DOWN_S * self.speed,
        };
        self.window
            .restart(self.sim.now(), self.sim.stats(), repair_s);
    }

    /// The classroom chaos's turn at this frame, if one is due.
    fn classroom_turn(&mut self) {
        let Some((classroom, down)) = self.classroom.as_mut() else {
            return;
        };
        match classroom.turn(self.clock) {
            Some(Turn::Fail(share)) => {
                *down = self.sim.fail_by_chaos(share, &mut Discard);
                if down.is_none() {
                    classroom.missed(self.clock);
                }
            }
            Some(Turn::Repair) => {
                if let Some(outage) = down.take() {
                    self.sim.repair_by_chaos(outage, &mut Discard);
                }
            }
            None => return,
        }
        self.chaos_changed = true;
    }

    /// Forgets the last frame's time: the next frame starts the clock afresh
    /// (a paused animation does not catch up).
    pub fn pause(&mut self) {
        self.last = None;
    }

    /// Passes `doc`'s kills and revivals (of instances and zones) on; false
    /// when more than kills and positions changed (start again).
    pub fn follow(&mut self, doc: &Rc<Document>) -> bool {
        if !only_kills_or_positions_differ(&self.doc, doc) {
            return false;
        }
        for (v, (old, new)) in self.doc.nodes.iter().zip(&doc.nodes).enumerate() {
            for i in 0..new.replicas() {
                match (old.is_killed(i), new.is_killed(i)) {
                    (false, true) => {
                        self.sim.kill(v, i as usize, &mut Discard);
                    }
                    (true, false) => {
                        self.sim.revive(v, i as usize, &mut Discard);
                    }
                    _ => {}
                }
            }
        }
        for (z, (old, new)) in self.doc.zones.iter().zip(&doc.zones).enumerate() {
            if old.is_down() != new.is_down() {
                self.sim.set_zone_down(z, new.is_down(), &mut Discard);
            }
        }
        let changed = self
            .doc
            .nodes
            .iter()
            .zip(&doc.nodes)
            .any(|(a, b)| a.killed != b.killed)
            || self.doc.zones != doc.zones;
        self.doc = doc.clone();
        if changed {
            // Another system from now on: measured afresh.
            self.restart_figures();
        }
        // A kill or revival by hand may take an instance out of chaos's hands.
        self.chaos_changed = true;
        true
    }

    /// Whether an instance may have gone down or come back since last asked.
    pub fn take_chaos_changed(&mut self) -> bool {
        std::mem::take(&mut self.chaos_changed)
    }

    /// The instances chaos has down, as (node, instance).
    pub fn down_by_chaos(&self) -> impl Iterator<Item = (u32, u16)> + '_ {
        self.doc
            .nodes
            .iter()
            .enumerate()
            .flat_map(move |(v, node)| {
                (0..node.replicas() as usize)
                    .filter(move |&i| self.sim.is_down_by_chaos(v, i))
                    .map(move |i| (v as u32, i as u16))
            })
    }

    /// The ids of the zones chaos has down, in document order.
    pub fn zones_down_by_chaos(&self) -> Vec<String> {
        self.doc
            .zones
            .iter()
            .enumerate()
            .filter(|&(z, _)| self.sim.is_zone_down_by_chaos(z))
            .map(|(_, zone)| zone.id.clone())
            .collect()
    }

    /// Plays one frame at the page's time stamp `ts` (milliseconds): the
    /// simulation runs on, finished requests become dots.
    pub fn advance(&mut self, ts: f64) {
        // A long gap (a hidden tab, a slow frame) is not caught up on.
        let dt = self
            .last
            .map_or(0.0, |last| ((ts - last) / 1000.0).clamp(0.0, 0.1));
        self.last = Some(ts);
        self.clock += dt;
        self.frames += 1;
        self.classroom_turn();
        let until = self.sim.now() + dt * self.speed;
        let mut events = std::mem::take(&mut self.events);
        self.sim.run_until(until, &mut events);
        let step = hop_seconds(self.speed) * 0.8;
        for event in events.drain(..) {
            self.hear(event.what, step);
        }
        self.events = events;
        if self.pending.len() > MAX_PENDING {
            self.pending.clear();
        }
    }

    /// What one event does to the dots: a hop is kept until its request
    /// ends, then every hop of it becomes a dot, `step` seconds after the one before.
    fn hear(&mut self, what: Happening, step: f64) {
        match what {
            Happening::Sent { request, link, .. } if !self.reduced => {
                if request == u64::MAX {
                    // A queue's delivery belongs to no request: drawn at once.
                    self.spawn(link, true, self.clock);
                } else {
                    self.pending.entry(request).or_default().push(link);
                }
            }
            Happening::InstanceDown { by_hand: false, .. } | Happening::InstanceUp { .. } => {
                self.chaos_changed = true;
            }
            Happening::Finished {
                request, failure, ..
            } => {
                if let Some(hops) = self.pending.remove(&request) {
                    let mut at = self.clock;
                    for link in hops {
                        self.spawn(link, failure.is_none(), at);
                        at += step;
                    }
                }
            }
            _ => {}
        }
    }

    fn spawn(&mut self, link: u32, ok: bool, start: f64) {
        if self.dots.len() < POOL {
            self.dots.push(Dot {
                link,
                start,
                duration: hop_seconds(self.speed),
                ok,
            });
        }
    }

    /// Drops the dots that arrived, and says where the started ones are,
    /// each node's centre being `position(id)`.
    pub fn dots_at(&mut self, position: impl Fn(&str) -> (f64, f64)) -> Vec<DotAt> {
        let clock = self.clock;
        self.dots.retain(|d| clock < d.start + d.duration);
        let mut segments: Vec<Option<(f64, f64, f64, f64)>> = vec![None; self.sizes.len()];
        let mut points = Vec::with_capacity(self.dots.len());
        for d in self.dots.iter().filter(|d| d.start <= clock) {
            let l = d.link as usize;
            let (Some(&(a, b)), Some(link)) = (self.sizes.get(l), self.doc.links.get(l)) else {
                continue;
            };
            let (x1, y1, x2, y2) = *segments[l].get_or_insert_with(|| {
                link_segment(position(&link.from), a, position(&link.to), b, 2.0)
            });
            let t = ((clock - d.start) / d.duration).clamp(0.0, 1.0);
            points.push((x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, d.ok));
        }
        points
    }

    /// The live figures, when they are due (every [`REPORT_S`] of the
    /// page's time), with `dots` drawn by the last frame.
    pub fn report(&mut self, dots: usize) -> Option<Live> {
        if self.clock < self.next_report {
            return None;
        }
        self.next_report = self.clock + REPORT_S;
        let mut live = self.window.report(
            self.clock,
            self.sim.stats(),
            self.chaos,
            self.sim.now(),
            dots,
        );
        live.zones_down = self.zones_down_by_chaos();
        Some(live)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_document;

    fn pair() -> Rc<Document> {
        Rc::new(
            parse_document(
                r#"{"format": "topolab/1", "nodes": [
                    {"id": "c", "kind": "client", "x": 0, "y": 0},
                    {"id": "s", "kind": "service", "x": 300, "y": 0, "replicas": 2}
                ], "links": [{"from": "c", "to": "s", "kind": "requires"}]}"#,
            )
            .unwrap_or_else(|p| panic!("{p:?}")),
        )
    }

    #[test]
    fn hops_slow_down_less_than_the_speed_grows() {
        assert!((hop_seconds(1.0) - 0.7).abs() < 1e-12);
        assert!((hop_seconds(100.0) - 0.35).abs() < 1e-12);
        assert_eq!(hop_seconds(0.5), hop_seconds(1.0));
    }

    #[test]
    fn demo_document_shortens_repairs_a_node_does_not_set() {
        let doc = demo_document(&pair());
        let mttr = |i: usize| {
            doc.nodes[i]
                .extra
                .as_ref()
                .map(|e| e["sim"]["mttr_s"].clone())
        };
        assert_eq!(mttr(0), None, "a client never fails");
        assert_eq!(mttr(1), Some(Value::from(DEMO_MTTR_S)));
    }

    #[test]
    fn a_kill_or_a_move_is_followed_a_new_node_is_not() {
        let doc = pair();
        let mut killed = (*doc).clone();
        killed.nodes[1].killed = vec![0];
        killed.nodes[1].x = 10.0;
        assert!(only_kills_or_positions_differ(&doc, &killed));
        let mut renamed = (*doc).clone();
        renamed.nodes[1].label = Some("API".into());
        assert!(!only_kills_or_positions_differ(&doc, &renamed));
    }

    #[test]
    fn finished_requests_become_dots_along_their_links() {
        let mut playback = Playback::new(pair(), 1.0, Chaos::Off, 1, false).unwrap();
        let mut at = 0.0;
        while playback.dots().is_empty() && at < 10_000.0 {
            playback.advance(at);
            at += 16.0;
        }
        assert!(!playback.dots().is_empty());
        assert!(playback.dots().iter().all(|d| d.link == 0 && d.ok));
        let centre = |id: &str| if id == "c" { (0.0, 0.0) } else { (300.0, 0.0) };
        for (x, y, ok) in playback.dots_at(centre) {
            assert!((0.0..=300.0).contains(&x) && y == 0.0 && ok);
        }
    }

    #[test]
    fn reduced_motion_makes_no_dots_but_counts() {
        let mut playback = Playback::new(pair(), 10.0, Chaos::Off, 1, true).unwrap();
        for frame in 0..120 {
            playback.advance(f64::from(frame) * 16.0);
        }
        assert!(playback.dots().is_empty());
        let live = playback.report(0).expect("due");
        assert!(live.succeeded > 0);
        assert_eq!(live.failed, 0);
        assert!(playback.report(0).is_none(), "not due again at once");
    }

    #[test]
    fn a_long_gap_is_not_caught_up_on() {
        let mut playback = Playback::new(pair(), 1.0, Chaos::Off, 1, false).unwrap();
        playback.advance(0.0);
        playback.advance(60_000.0);
        assert!((playback.sim().now() - 0.1).abs() < 1e-9);
        playback.pause();
        playback.advance(120_000.0);
        assert!((playback.sim().now() - 0.1).abs() < 1e-9);
    }

    /// Plays `playback` in 60 frames a second until page time `until`
    /// (seconds), from `from`; each frame's count of instances chaos has down.
    fn frames(playback: &mut Playback, from: f64, until: f64) -> Vec<usize> {
        let mut down = Vec::new();
        let mut t = from;
        while t < until {
            playback.advance(t * 1000.0);
            down.push(playback.down_by_chaos().count());
            t += 1.0 / 60.0;
        }
        down
    }

    #[test]
    fn classroom_chaos_takes_an_instance_down_for_seconds_of_the_page() {
        for speed in [1.0, 1000.0] {
            let mut playback = Playback::new(pair(), speed, Chaos::Classroom, 1, true).unwrap();
            let down = frames(&mut playback, 0.0, 10.0);
            let first = down
                .iter()
                .position(|&d| d == 1)
                .expect("a failure within 10 s");
            let lasted = down[first..].iter().take_while(|&&d| d == 1).count();
            assert!(first <= 3 * 60 + 1, "first failure after {first} frames");
            assert!(
                (lasted as f64 - 3.0 * 60.0).abs() <= 2.0,
                "down for {lasted} frames"
            );
            assert!(down.iter().all(|&d| d <= 1), "one at a time");
            assert!(down[first + lasted..].contains(&0), "then back up");
        }
    }

    #[test]
    fn turning_chaos_off_brings_the_classroom_failure_back() {
        let mut playback = Playback::new(pair(), 1.0, Chaos::Classroom, 1, true).unwrap();
        let down = frames(&mut playback, 0.0, 4.0);
        assert!(down.contains(&1));
        playback.set_chaos(Chaos::Off);
        assert_eq!(playback.down_by_chaos().count(), 0);
        assert!(frames(&mut playback, 4.0, 14.0).iter().all(|&d| d == 0));
    }

    #[test]
    fn a_kill_starts_the_figures_since_the_start_again() {
        let doc = pair();
        let mut playback = Playback::new(doc.clone(), 100.0, Chaos::Off, 1, true).unwrap();
        frames(&mut playback, 0.0, 2.0);
        let before = playback.report(0).expect("due").functions[0].finished;
        assert!(before > 100);
        let mut killed = (*doc).clone();
        killed.nodes[1].killed = vec![0, 1];
        assert!(playback.follow(&Rc::new(killed)));
        frames(&mut playback, 2.0, 2.5);
        let live = playback.report(0).expect("due");
        let f = &live.functions[0];
        assert!(f.finished < before, "{} since the kill", f.finished);
        assert_eq!(f.succeeded, 0, "every request since the kill failed");
        assert!(live.succeeded >= before, "the counters go on");
    }

    #[test]
    fn killed_instances_follow_the_document() {
        let doc = pair();
        let mut playback = Playback::new(doc.clone(), 1.0, Chaos::Off, 1, false).unwrap();
        let mut killed = (*doc).clone();
        killed.nodes[1].killed = vec![1];
        assert!(playback.follow(&Rc::new(killed)));
        assert!(!playback.sim().is_up(1, 1));
        assert!(playback.take_chaos_changed());
        assert_eq!(
            playback.down_by_chaos().count(),
            0,
            "a kill by hand is no chaos"
        );
    }
}
