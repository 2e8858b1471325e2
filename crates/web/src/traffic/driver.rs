//! The simulation driver: the hook that starts a [`Scene`] when the bar turns
//! traffic on and clears it when it goes off, passes the document's kills on
//! as they happen (another diagram starts the run again), and the bar's
//! speed and chaos as they change.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::super::lang::Text;
use super::animator::{pause, request, tab_hidden, Animator, SharedLoop};
use super::hub::TrafficHub;
use super::scene::Scene;
use topolab_engine::sim::{Chaos, Live};
use topolab_engine::Document;

/// What the bar lets the viewer choose.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Choice {
    pub on: bool,
    /// Simulated seconds per second.
    pub speed: u32,
    pub chaos: Chaos,
}

/// What the bar shows of the run: its live figures while it runs, and why
/// it could not start.
pub(super) struct Running {
    pub live: Option<Rc<Live>>,
    pub problem: Option<Text>,
}

/// Drives the traffic run on `hub` as `choice` says; the live figures also go
/// to `on_live` (`None` when traffic stops).
#[hook]
pub(super) fn use_traffic(
    doc: &Rc<Document>,
    hub: &TrafficHub,
    choice: Choice,
    on_live: &Callback<Option<Rc<Live>>>,
) -> Running {
    let live = use_state(|| None::<Rc<Live>>);
    let problem = use_state(|| None::<Text>);
    let shared: Rc<SharedLoop> = use_memo((), |_| Rc::new(RefCell::new(Animator::default())));
    let latest = use_mut_ref(|| doc.clone());
    *latest.borrow_mut() = doc.clone();
    {
        // Both the bar and the page hear of the run.
        let (live, on_live) = (live.setter(), on_live.clone());
        if let Ok(mut a) = shared.try_borrow_mut() {
            a.on_live = Callback::from(move |l: Option<Rc<Live>>| {
                live.set(l.clone());
                on_live.emit(l);
            });
        }
    }
    {
        let stopped = {
            let (live, on_live) = (live.setter(), on_live.clone());
            move || {
                live.set(None);
                on_live.emit(None);
            }
        };
        let start = Start {
            shared: (*shared).clone(),
            hub: hub.clone(),
            latest,
            problem: problem.setter(),
        };
        use_effect_with(choice.on, move |&on| start.switch(on, choice, stopped));
    }
    use_followed_document(doc, &shared, hub, choice);
    {
        let shared = (*shared).clone();
        use_effect_with((choice.speed, choice.chaos), move |&(speed, chaos)| {
            if let Ok(mut a) = shared.try_borrow_mut() {
                if let Some(scene) = a.scene.as_mut() {
                    scene.playback.set_speed(f64::from(speed));
                    scene.playback.set_chaos(chaos);
                }
            }
        });
    }
    Running {
        live: (*live).clone(),
        problem: (*problem).clone(),
    }
}

/// What turning traffic on needs.
struct Start {
    shared: SharedLoop,
    hub: TrafficHub,
    /// The document of the last render.
    latest: Rc<RefCell<Rc<Document>>>,
    problem: UseStateSetter<Option<Text>>,
}

impl Start {
    /// Starts a run when `on` (paused while the tab is hidden); the returned
    /// clean-up stops it, clears what it drew and, if it ran, calls `stopped`.
    fn switch(self, on: bool, choice: Choice, stopped: impl FnOnce()) -> impl FnOnce() {
        let Start {
            shared,
            hub,
            latest,
            problem,
        } = self;
        let mut listener = None;
        if on {
            let doc = latest.borrow().clone();
            match Scene::new(doc, &hub, f64::from(choice.speed), choice.chaos, 1) {
                Ok(scene) => {
                    if let Ok(mut a) = shared.try_borrow_mut() {
                        a.scene = Some(scene);
                    }
                    problem.set(None);
                    request(&shared);
                    listener = Some(follow_visibility(&shared));
                }
                Err(why) => problem.set(Some(why)),
            }
        }
        move || {
            drop(listener);
            pause(&shared);
            if let Ok(mut a) = shared.try_borrow_mut() {
                if let Some(scene) = a.scene.take() {
                    scene.clear();
                }
            }
            if on {
                stopped();
            }
        }
    }
}

/// Pauses the loop while the tab is hidden, and goes on when it shows again.
fn follow_visibility(shared: &SharedLoop) -> EventListener {
    let shared = shared.clone();
    EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
        if tab_hidden() {
            pause(&shared);
        } else {
            request(&shared);
        }
    })
}

/// The document's kills reach the running simulation; another diagram starts it again.
#[hook]
fn use_followed_document(
    doc: &Rc<Document>,
    shared: &Rc<SharedLoop>,
    hub: &TrafficHub,
    choice: Choice,
) {
    let (shared, hub) = ((**shared).clone(), hub.clone());
    use_effect_with(doc.clone(), move |doc| {
        if let Ok(mut a) = shared.try_borrow_mut() {
            let follows = a.scene.as_mut().map(|scene| scene.playback.follow(doc));
            if follows == Some(false) {
                let seed = a.scene.as_ref().map_or(1, |s| s.playback.frames() + 1);
                if let Some(scene) = a.scene.as_mut() {
                    scene.unmark_chaos();
                }
                let speed = f64::from(choice.speed);
                a.scene = Scene::new(doc.clone(), &hub, speed, choice.chaos, seed).ok();
            }
        }
        request(&shared);
    });
}
