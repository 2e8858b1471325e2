//! Where a class is in the lessons: the lesson and step on screen, which of
//! its steps' tasks were done, and where Next and Previous lead. Plain Rust,
//! so the app's lesson panel only draws it and the bounds are tested natively.
//!
//! Next goes on from a lesson's last step to the first step of the next
//! lesson, and Previous back from a first step to the previous lesson's last:
//! a presenter's clicker walks the whole story, monolith to microservices.

use super::{Lesson, Step, LESSONS};

/// One lesson open at one of its steps.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// Index in [`LESSONS`]; always of a lesson with steps.
    lesson: usize,
    /// Index in the lesson's steps; always in range.
    step: usize,
    /// Per step of the lesson: whether its task was done while it was open.
    done: Vec<bool>,
}

impl Progress {
    /// Lesson `id` at step `step` (from 0; past the end means the last step);
    /// `None` when there is no such lesson.
    pub fn at(id: &str, step: usize) -> Option<Progress> {
        let index = LESSONS.iter().position(|l| l.id == id)?;
        Progress::of(index, step)
    }

    /// Lesson `id` at its first step.
    pub fn start(id: &str) -> Option<Progress> {
        Progress::at(id, 0)
    }

    /// What an address's `?lesson=<id>&step=<n>` asks for: `n` counts from 1;
    /// a missing, unreadable or zero step is the first, one past the end the last.
    /// `None` when there is no lesson called `id`.
    pub fn from_address(id: &str, step: Option<&str>) -> Option<Progress> {
        let number = step
            .and_then(|s| s.trim().parse::<usize>().ok())
            .unwrap_or(1);
        Progress::at(id.trim(), number.saturating_sub(1))
    }

    fn of(lesson: usize, step: usize) -> Option<Progress> {
        let steps = LESSONS.get(lesson)?.steps.len();
        (steps > 0).then(|| Progress {
            lesson,
            step: step.min(steps - 1),
            done: vec![false; steps],
        })
    }

    /// The lesson open.
    pub fn lesson(&self) -> &'static Lesson {
        &LESSONS[self.lesson]
    }

    /// Its place among [`LESSONS`], from 0.
    pub fn lesson_index(&self) -> usize {
        self.lesson
    }

    /// The step on screen, from 0.
    pub fn index(&self) -> usize {
        self.step
    }

    /// The step on screen as a reader counts it, from 1.
    pub fn number(&self) -> usize {
        self.step + 1
    }

    /// How many steps the lesson has.
    pub fn count(&self) -> usize {
        self.done.len()
    }

    /// The step on screen.
    pub fn step(&self) -> &'static Step {
        &self.lesson().steps[self.step]
    }

    /// Whether the task of step `index` (from 0) was done while it was open.
    pub fn is_done(&self, index: usize) -> bool {
        self.done.get(index).copied().unwrap_or(false)
    }

    /// Records that the task of the step on screen is done; whether it was not yet.
    pub fn mark_done(&mut self) -> bool {
        match self.done.get_mut(self.step) {
            Some(done) if !*done => {
                *done = true;
                true
            }
            _ => false,
        }
    }

    /// Whether the step on screen is its lesson's first.
    pub fn is_first_step(&self) -> bool {
        self.step == 0
    }

    /// Whether the step on screen is its lesson's last.
    pub fn is_last_step(&self) -> bool {
        self.step + 1 == self.count()
    }

    /// The next step: the lesson's, else the first of the next lesson; `None`
    /// at the last step of the last lesson. Steps done stay done within a lesson.
    pub fn next(&self) -> Option<Progress> {
        if !self.is_last_step() {
            return Some(Progress {
                step: self.step + 1,
                ..self.clone()
            });
        }
        Progress::of(self.lesson + 1, 0)
    }

    /// The previous step: the lesson's, else the last of the previous lesson;
    /// `None` at the first step of the first lesson.
    pub fn previous(&self) -> Option<Progress> {
        if !self.is_first_step() {
            return Some(Progress {
                step: self.step - 1,
                ..self.clone()
            });
        }
        let lesson = self.lesson.checked_sub(1)?;
        Progress::of(lesson, usize::MAX)
    }
}
