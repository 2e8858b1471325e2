//! The live figures of a running animation (docs/spec/app.md `simulate`, the
//! Traffic bar): each function's success rate over the last few seconds and
//! since the start with its Wilson interval, the totals, and the counters'
//! words. The app hears of them a few times a second; the function rows show
//! them as `data-sim-success`.

use std::collections::VecDeque;

use super::{wilson, FunctionStats};
use crate::i18n::Lang;

/// One function's live figures.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveFunction {
    pub id: String,
    /// Success rate over the last few seconds of the page (NaN: none ended).
    pub recent: f64,
    /// Since the run started: requests ended, succeeded, and the Wilson 95%
    /// interval of their fraction (independent requests assumed).
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
    pub chaos: bool,
    /// Simulated seconds so far.
    pub now: f64,
    /// Dots on the diagram.
    pub dots: usize,
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
}

impl LiveWindow {
    /// Seconds of the page's time the recent figures look back over.
    pub const SECONDS: f64 = 5.0;

    /// A window over the functions `ids` (in function order).
    pub fn new(ids: Vec<String>) -> LiveWindow {
        LiveWindow {
            ids,
            history: VecDeque::new(),
        }
    }

    /// The figures at page time `clock`, the simulation's counts being
    /// `stats` (in function order); `chaos`, `now` and `dots` are passed through.
    pub fn report(
        &mut self,
        clock: f64,
        stats: &[FunctionStats],
        chaos: bool,
        now: f64,
        dots: usize,
    ) -> Live {
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
                LiveFunction {
                    id: id.clone(),
                    recent: k as f64 / n as f64,
                    finished: s.finished,
                    succeeded: s.succeeded,
                    ci95: wilson(s.succeeded, s.finished),
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
        window.report(0.0, &[counts(0, 0)], false, 0.0, 0);
        window.report(5.0, &[counts(100, 100)], false, 5.0, 0);
        // 5 s on: the report at 0 is dropped, the one at 5 is the base.
        let live = window.report(10.0, &[counts(200, 150)], false, 10.0, 0);
        let f = live.function("f").unwrap();
        assert_eq!(f.recent, 0.5);
        assert_eq!(f.measured(), 0.75);
        assert_eq!((live.succeeded, live.failed), (150, 50));
    }

    #[test]
    fn first_report_has_no_recent_rate() {
        let mut window = LiveWindow::new(vec!["f".into()]);
        let live = window.report(0.0, &[counts(3, 3)], true, 0.0, 7);
        assert!(live.functions[0].recent.is_nan());
        assert!(live.chaos);
        assert_eq!(live.dots, 7);
    }

    #[test]
    fn counters_are_worded_in_both_languages() {
        let live = Live {
            functions: vec![],
            succeeded: 1024,
            failed: 17,
            chaos: false,
            now: 12.34,
            dots: 0,
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
