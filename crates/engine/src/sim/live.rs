//! The live figures of a running animation (docs/spec/app.md `simulate`, the
//! Traffic bar): each function's success rate over the last few seconds and
//! since the start (or the last change of kills or chaos) with its 95%
//! interval, the totals, and the counters' words. The app hears of them a
//! few times a second; the function rows show them as `data-sim-success`.
//!
//! The interval is [`clustered`]'s over spans of simulated time
//! ([`Batches`]): between 32 and 64 of them, each twice as long once 64
//! are full, so that a span stays long next to an outage however long the
//! run. Requests alone (Wilson's interval) would count a 10-second outage's
//! hundred failed requests as a hundred independent trials.

use std::collections::VecDeque;

use super::{clustered, Chaos, FunctionStats};
use crate::i18n::Lang;

/// One function's live figures.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveFunction {
    pub id: String,
    /// Success rate over the last few seconds of the page (NaN: none ended).
    pub recent: f64,
    /// Since the run started (or kills or chaos last changed): requests
    /// ended, succeeded, and the 95% interval of their fraction.
    pub finished: u64,
    pub succeeded: u64,
    pub ci95: [f64; 2],
}

impl LiveFunction {
    /// The fraction succeeded since the start (NaN before any ended).
    pub fn measured(&self) -> f64 {
        self.succeeded as f64 / self.finished as f64
    }
}

/// What a run tells the page a few times a second.
#[derive(Clone, Debug, PartialEq)]
pub struct Live {
    pub functions: Vec<LiveFunction>,
    pub succeeded: u64,
    pub failed: u64,
    pub chaos: Chaos,
    /// Simulated seconds so far.
    pub now: f64,
    /// Dots on the diagram.
    pub dots: usize,
    /// The ids of the zones chaos has down (docs/spec/model.md §8), in document order.
    pub zones_down: Vec<String>,
}

impl Live {
    /// The figures of function `id`.
    pub fn function(&self, id: &str) -> Option<&LiveFunction> {
        self.functions.iter().find(|f| f.id == id)
    }

    /// "12.3 s simulated · 1024 ok · 17 failed", in `lang`.
    pub fn counters_in(&self, lang: Lang) -> String {
        let time = sim_time_in(self.now, lang);
        match lang {
            Lang::En => format!(
                "{time} simulated · {} ok · {} failed",
                self.succeeded, self.failed
            ),
            Lang::Zh => format!(
                "已模拟 {time} · 成功 {} · 失败 {}",
                self.succeeded, self.failed
            ),
        }
    }
}

/// A simulated time for the counters: seconds, minutes, hours or days.
pub fn sim_time_in(seconds: f64, lang: Lang) -> String {
    let (value, en, zh) = if seconds < 120.0 {
        (seconds, "s", "秒")
    } else if seconds < 7_200.0 {
        (seconds / 60.0, "min", "分钟")
    } else if seconds < 172_800.0 {
        (seconds / 3_600.0, "h", "小时")
    } else {
        (seconds / 86_400.0, "d", "天")
    };
    match lang {
        Lang::En => format!("{value:.1} {en}"),
        Lang::Zh => format!("{value:.1} {zh}"),
    }
}

/// The counts seen at each report of the last [`LiveWindow::SECONDS`], from
/// which a function's recent success rate is the difference of two.
#[derive(Clone, Debug, Default)]
pub struct LiveWindow {
    /// The functions' ids, in function order.
    ids: Vec<String>,
    /// (page time, counts then), oldest first.
    history: VecDeque<(f64, Vec<FunctionStats>)>,
    batches: Batches,
}

impl LiveWindow {
    /// Seconds of the page's time the recent figures look back over.
    pub const SECONDS: f64 = 5.0;

    /// A window over the functions `ids` (in function order).
    pub fn new(ids: Vec<String>) -> LiveWindow {
        LiveWindow {
            batches: Batches::new(ids.len()),
            ids,
            history: VecDeque::new(),
        }
    }

    /// Starts the figures since the start afresh at simulated time `now`, the
    /// run's counts being `stats` (the kills or chaos changed: what is
    /// measured next is another system); `repair_s`: the shortest mean
    /// repair time under chaos from now on, 0 without chaos.
    pub fn restart(&mut self, now: f64, stats: &[FunctionStats], repair_s: f64) {
        self.batches.restart(now, stats, repair_s);
    }

    /// The figures at page time `clock`, the simulation's counts being
    /// `stats` (in function order); `chaos`, `now` and `dots` are passed through.
    pub fn report(
        &mut self,
        clock: f64,
        stats: &[FunctionStats],
        chaos: Chaos,
        now: f64,
        dots: usize,
    ) -> Live {
        self.batches.add(now, stats);
        self.history.push_back((clock, stats.to_vec()));
        // The oldest kept is the last at least SECONDS old.
        while self.history.len() > 2 && self.history[1].0 <= clock - Self::SECONDS {
            self.history.pop_front();
        }
        let old: &[FunctionStats] = self.history.front().map_or(&[], |(_, s)| s);
        let functions = self
            .ids
            .iter()
            .zip(stats)
            .enumerate()
            .map(|(f, (id, s))| {
                let before = old.get(f).copied().unwrap_or_default();
                let (n, k) = (
                    s.finished - before.finished.min(s.finished),
                    s.succeeded - before.succeeded.min(s.succeeded),
                );
                let batches = &self.batches.counts[f];
                LiveFunction {
                    id: id.clone(),
                    recent: k as f64 / n as f64,
                    finished: batches.iter().map(|b| b.0).sum(),
                    succeeded: batches.iter().map(|b| b.1).sum(),
                    ci95: clustered(batches, self.batches.repair_share(now)),
                }
            })
            .collect();
        let succeeded: u64 = stats.iter().map(|s| s.succeeded).sum();
        let finished: u64 = stats.iter().map(|s| s.finished).sum();
        Live {
            functions,
            succeeded,
            failed: finished - succeeded.min(finished),
            chaos,
            now,
            dots,
            zones_down: Vec::new(),
        }
    }
}

/// Each function's requests ended and succeeded per span of simulated time
/// since `start`, the spans doubling in length to stay at most [`Batches::MOST`].
#[derive(Clone, Debug, Default)]
pub struct Batches {
    /// Per function, (ended, succeeded) per span.
    counts: Vec<Vec<(u64, u64)>>,
    /// The counts last heard of, per function.
    last: Vec<FunctionStats>,
    /// Simulated time the spans start at, and a span's length.
    start: f64,
    length: f64,
    /// The shortest mean repair time under chaos, seconds (0: no chaos).
    repair_s: f64,
}

impl Batches {
    /// The most spans kept: when one more is needed, pairs merge.
    pub const MOST: usize = 64;
    /// A span's first length, simulated seconds.
    const FIRST_LENGTH: f64 = 1.0;

    fn new(functions: usize) -> Batches {
        Batches {
            counts: vec![Vec::new(); functions],
            last: vec![FunctionStats::default(); functions],
            start: 0.0,
            length: Self::FIRST_LENGTH,
            repair_s: 0.0,
        }
    }

    /// The mean repair time over the time measured at `now` (see [`clustered`]).
    fn repair_share(&self, now: f64) -> f64 {
        match now > self.start {
            true => self.repair_s / (now - self.start),
            false => 0.0,
        }
    }

    /// Forgets the spans: the next counts start at `now`, from `stats`.
    fn restart(&mut self, now: f64, stats: &[FunctionStats], repair_s: f64) {
        self.repair_s = repair_s;
        self.counts.iter_mut().for_each(Vec::clear);
        self.last = stats.to_vec();
        self.start = now;
        self.length = Self::FIRST_LENGTH;
    }

    /// Adds what ended since the last call (the run's counts being `stats`
    /// at simulated time `now`) to the span holding `now`.
    fn add(&mut self, now: f64, stats: &[FunctionStats]) {
        let mut span = ((now - self.start).max(0.0) / self.length) as usize;
        while span >= Self::MOST {
            for spans in &mut self.counts {
                let pairs = spans.len().div_ceil(2);
                for i in 0..pairs {
                    let second = spans.get(2 * i + 1).copied().unwrap_or((0, 0));
                    spans[i] = (spans[2 * i].0 + second.0, spans[2 * i].1 + second.1);
                }
                spans.truncate(pairs);
            }
            self.length *= 2.0;
            span /= 2;
        }
        for ((spans, last), s) in self.counts.iter_mut().zip(&mut self.last).zip(stats) {
            if spans.len() <= span {
                spans.resize(span + 1, (0, 0));
            }
            let ended = s.finished.saturating_sub(last.finished);
            let succeeded = s.succeeded.saturating_sub(last.succeeded);
            spans[span].0 += ended;
            spans[span].1 += succeeded.min(ended);
            *last = *s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(finished: u64, succeeded: u64) -> FunctionStats {
        FunctionStats {
            finished,
            succeeded,
            ..FunctionStats::default()
        }
    }

    #[test]
    fn recent_rate_is_over_the_last_five_seconds() {
        let mut window = LiveWindow::new(vec!["f".into()]);
        window.report(0.0, &[counts(0, 0)], Chaos::Off, 0.0, 0);
        window.report(5.0, &[counts(100, 100)], Chaos::Off, 5.0, 0);
        // 5 s on: the report at 0 is dropped, the one at 5 is the base.
        let live = window.report(10.0, &[counts(200, 150)], Chaos::Off, 10.0, 0);
        let f = live.function("f").unwrap();
        assert_eq!(f.recent, 0.5);
        assert_eq!(f.measured(), 0.75);
        assert_eq!((live.succeeded, live.failed), (150, 50));
    }

    #[test]
    fn first_report_has_no_recent_rate() {
        let mut window = LiveWindow::new(vec!["f".into()]);
        let live = window.report(0.0, &[counts(3, 3)], Chaos::Real, 0.0, 7);
        assert!(live.functions[0].recent.is_nan());
        assert_eq!(live.chaos, Chaos::Real);
        assert_eq!(live.dots, 7);
    }

    #[test]
    fn the_interval_counts_an_outage_as_one_observation_not_its_requests() {
        // 1,000 s of 10 requests a second, reported every 10 s; one 10-s outage
        // failed 100 of them. Independent requests would put the success rate
        // within ±0.2 points; one outage says far less.
        let mut window = LiveWindow::new(vec!["f".into()]);
        window.restart(0.0, &[counts(0, 0)], 10.0);
        let mut live = None;
        for step in 1..=100u64 {
            let failed = if step >= 50 { 100 } else { 0 };
            let at = step as f64 * 10.0;
            live = Some(window.report(
                at,
                &[counts(step * 100, step * 100 - failed)],
                Chaos::Real,
                at,
                0,
            ));
        }
        let f = live.unwrap().functions.remove(0);
        assert_eq!((f.finished, f.succeeded), (10_000, 9_900));
        let [lo, hi] = f.ci95;
        let [wlo, whi] = crate::sim::wilson(9_900, 10_000);
        assert!(
            hi - lo > 4.0 * (whi - wlo),
            "{lo} {hi} against Wilson's {wlo} {whi}"
        );
        assert!(lo < 0.985 && hi > 0.995, "{lo} {hi}");
    }

    #[test]
    fn spans_double_to_stay_at_most_sixty_four() {
        let mut batches = Batches::new(1);
        batches.restart(0.0, &[counts(0, 0)], 0.0);
        for second in 1..=1000u64 {
            batches.add(second as f64, &[counts(second, second)]);
        }
        assert!(batches.counts[0].len() <= Batches::MOST);
        assert!(batches.counts[0].len() > Batches::MOST / 2);
        assert_eq!(batches.length, 16.0);
        let total: u64 = batches.counts[0].iter().map(|b| b.0).sum();
        assert_eq!(total, 1000, "merging loses no request");
    }

    #[test]
    fn a_restart_measures_from_then_on() {
        let mut window = LiveWindow::new(vec!["f".into()]);
        window.report(0.0, &[counts(100, 50)], Chaos::Off, 10.0, 0);
        window.restart(10.0, &[counts(100, 50)], 0.0);
        let live = window.report(1.0, &[counts(150, 100)], Chaos::Off, 15.0, 0);
        let f = &live.functions[0];
        assert_eq!((f.finished, f.succeeded), (50, 50));
        assert_eq!(
            (live.succeeded, live.failed),
            (100, 50),
            "the counters go on"
        );
    }

    #[test]
    fn counters_are_worded_in_both_languages() {
        let live = Live {
            functions: vec![],
            succeeded: 1024,
            failed: 17,
            chaos: Chaos::Off,
            now: 12.34,
            dots: 0,
            zones_down: Vec::new(),
        };
        assert_eq!(
            live.counters_in(Lang::En),
            "12.3 s simulated · 1024 ok · 17 failed"
        );
        assert_eq!(
            live.counters_in(Lang::Zh),
            "已模拟 12.3 秒 · 成功 1024 · 失败 17"
        );
    }

    #[test]
    fn simulated_time_changes_unit_as_it_grows() {
        assert_eq!(sim_time_in(119.0, Lang::En), "119.0 s");
        assert_eq!(sim_time_in(120.0, Lang::En), "2.0 min");
        assert_eq!(sim_time_in(7_200.0, Lang::En), "2.0 h");
        assert_eq!(sim_time_in(172_800.0, Lang::Zh), "2.0 天");
    }
}
