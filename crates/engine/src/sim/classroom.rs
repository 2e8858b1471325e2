//! Which chaos a playback runs, and the *classroom* chaos: failures timed in
//! the page's seconds, so that a class sees them. Real chaos keeps each
//! instance as available as its node says, so at x1 failures are hours
//! apart and at x1000 a 10-second repair lasts 10 ms on screen; in the
//! classroom one random instance fails every few seconds of the page and
//! stays down for [`DOWN_S`] seconds, one at a time, at any speed. Its
//! figures are then those of far more failures than the document's: the
//! panel compares only real chaos with the prediction.

use rand::Rng;
use rand_pcg::Pcg64Mcg;

/// The chaos of a playback (the Traffic bar's choice).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Chaos {
    /// Nothing fails but what is killed by hand.
    #[default]
    Off,
    /// Every instance fails and recovers as available as its node says
    /// (docs/spec/app.md `simulate`, repairs shortened in a playback).
    Real,
    /// One random instance at a time, every few seconds of the page.
    Classroom,
}

impl Chaos {
    /// Every chaos, in the Traffic bar's order.
    pub const ALL: [Chaos; 3] = [Chaos::Off, Chaos::Real, Chaos::Classroom];

    /// The Traffic bar's value for it (docs/spec/app.md `data-traffic-chaos`).
    pub fn as_str(self) -> &'static str {
        match self {
            Chaos::Off => "off",
            Chaos::Real => "real",
            Chaos::Classroom => "classroom",
        }
    }
}

/// Seconds of the page an instance stays down in the classroom.
pub const DOWN_S: f64 = 3.0;
/// Seconds of the page before the first failure, and between a repair and the
/// next failure: from this to twice it, at random.
pub const GAP_S: f64 = 1.5;

/// What the classroom chaos asks of the simulation at a frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Turn {
    /// Take down one of the instances that are up: the one at this share
    /// (0..1) of their list.
    Fail(f64),
    /// Bring back the instance taken down.
    Repair,
}

/// The classroom chaos's clock, in seconds of the page.
#[derive(Clone, Debug)]
pub struct Classroom {
    rng: Pcg64Mcg,
    /// When the next change is due.
    due: f64,
    /// Whether an instance is down now.
    down: bool,
}

impl Classroom {
    /// A classroom chaos starting at page time `clock`.
    pub fn new(clock: f64, seed: u64) -> Classroom {
        let mut rng = <Pcg64Mcg as rand::SeedableRng>::seed_from_u64(seed ^ 0x636c_6173_7372_6f6d);
        let due = clock + GAP_S * (1.0 + rng.random::<f64>());
        Classroom {
            rng,
            due,
            down: false,
        }
    }

    /// What is due at page time `clock`; `None` when nothing is.
    pub fn turn(&mut self, clock: f64) -> Option<Turn> {
        if clock < self.due {
            return None;
        }
        self.down = !self.down;
        let draw = self.rng.random::<f64>();
        Some(match self.down {
            true => {
                self.due = clock + DOWN_S;
                Turn::Fail(draw)
            }
            false => {
                self.due = clock + GAP_S * (1.0 + draw);
                Turn::Repair
            }
        })
    }

    /// The failure due could not happen (no instance was up): the next one
    /// is tried [`GAP_S`] later.
    pub fn missed(&mut self, clock: f64) {
        self.down = false;
        self.due = clock + GAP_S;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page times of each turn over `seconds`, in frames of 1/60 s.
    fn turns(seconds: f64) -> Vec<(f64, Turn)> {
        let mut classroom = Classroom::new(0.0, 1);
        (0..(seconds * 60.0) as u32)
            .map(|frame| f64::from(frame) / 60.0)
            .filter_map(|t| classroom.turn(t).map(|turn| (t, turn)))
            .collect()
    }

    #[test]
    fn an_instance_fails_within_seconds_and_stays_down_for_seconds() {
        let turns = turns(20.0);
        let (first, Turn::Fail(share)) = turns[0] else {
            panic!("{turns:?}")
        };
        assert!(first <= 2.0 * GAP_S + 0.02 && (0.0..1.0).contains(&share));
        assert_eq!(turns[1].1, Turn::Repair);
        assert!((turns[1].0 - first - DOWN_S).abs() < 0.02);
    }

    #[test]
    fn failures_and_repairs_alternate_one_instance_at_a_time() {
        let turns = turns(60.0);
        assert!(turns.len() >= 10, "{turns:?}");
        for (n, (_, turn)) in turns.iter().enumerate() {
            assert_eq!(matches!(turn, Turn::Repair), n % 2 == 1);
        }
    }

    #[test]
    fn a_missed_failure_is_tried_again_later() {
        let mut classroom = Classroom::new(0.0, 1);
        assert!(matches!(classroom.turn(100.0), Some(Turn::Fail(_))));
        classroom.missed(100.0);
        assert_eq!(classroom.turn(101.0), None);
        assert!(matches!(classroom.turn(100.0 + GAP_S), Some(Turn::Fail(_))));
    }

    #[test]
    fn the_bars_values_name_the_modes() {
        let values: Vec<&str> = Chaos::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(values, ["off", "real", "classroom"]);
    }
}
