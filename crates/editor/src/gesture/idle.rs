//! Nothing pressed: what a press on a node, a handle, a link or the background starts.

use super::{Brushing, Connecting, Effect, Panning, Pointing, Press, Rect, Scene, State, Target};
use crate::{Action, Selection};

/// The state a press starts (`None`: the gesture under way goes on) and its effects.
/// With Space held (`space`) a press on a node pans.
pub fn press(press: &Press, scene: &Scene, space: bool) -> (Option<State>, Vec<Effect>) {
    let pointer = press.pointer;
    match &press.on {
        Target::Node(_) if space => pan(press),
        Target::Node(id) => on_node(press, id, scene),
        Target::Handle(id) if scene.editable => {
            let connect = Connecting::start(pointer, id, scene);
            (Some(connect.0), connect.1)
        }
        Target::Handle(_) => (None, Vec::new()),
        Target::Link { from, to } => (
            None,
            vec![
                Effect::CommitPendingEdit,
                Effect::Do(Action::Select(Selection::Link {
                    from: from.clone(),
                    to: to.clone(),
                })),
            ],
        ),
        Target::Background if press.shift => brush(press, scene),
        Target::Background => pan(press),
    }
}

/// A press that pans the view.
fn pan(press: &Press) -> (Option<State>, Vec<Effect>) {
    let (state, mut effects) = Panning::start(press.pointer, false);
    effects.insert(0, Effect::CommitPendingEdit);
    (Some(state), effects)
}

/// Shift + press on the background: a marquee adding to the selection.
fn brush(press: &Press, scene: &Scene) -> (Option<State>, Vec<Effect>) {
    let start = scene.view.to_diagram(press.pointer.client);
    let state = Brushing {
        pointer: press.pointer.id,
        start,
        base: scene.selection.nodes().to_vec(),
    };
    let effects = vec![
        Effect::CommitPendingEdit,
        Effect::Capture(press.pointer.id),
        Effect::Marquee(Some(Rect::spanning(start, start))),
    ];
    (Some(State::Brushing(state)), effects)
}

/// A press on node `id`: Shift toggles it in the selection; otherwise it is
/// selected (a selected node keeps the selection, which moves with it) and a
/// click or a drag follows.
fn on_node(press: &Press, id: &str, scene: &Scene) -> (Option<State>, Vec<Effect>) {
    let mut effects = vec![Effect::CommitPendingEdit];
    if press.shift {
        effects.push(Effect::Do(Action::ToggleSelected(id.to_string())));
        return (None, effects);
    }
    let select = Effect::Do(Action::Select(Selection::node(id)));
    let nodes: Vec<String> = if scene.readonly {
        // Selected, to show its blast radius; it moves with no drag.
        if !scene.selection.has_node(id) {
            effects.push(select);
        }
        Vec::new()
    } else if scene.selection.has_node(id) {
        scene.selection.nodes().to_vec()
    } else {
        effects.push(select);
        vec![id.to_string()]
    };
    let pointing = Pointing::start(press.pointer, &nodes, scene);
    (Some(State::Pointing(pointing)), effects)
}
