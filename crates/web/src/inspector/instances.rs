//! The node's instances in the node form: one toggle each to kill or revive
//! it, and buttons to kill one, kill them all or revive them all.

use yew::prelude::*;

use topolab_editor::Action;
use topolab_engine::Node;

use super::super::lang::Lang;
use super::text;

/// The node's instances, each a toggle, with "Kill one" and "Revive all".
pub(super) fn instances(node: &Node, dispatch: &Callback<Action>, lang: Lang) -> Html {
    let toggles = (0..node.replicas()).map(|index| {
        let killed = node.is_killed(index);
        let onclick = {
            let id = node.id.clone();
            dispatch.reform(move |_: MouseEvent| Action::SetInstance {
                id: id.clone(),
                index,
                killed: !killed,
            })
        };
        html! {
            <li key={index}>
                <button type="button" class={classes!("instance-toggle", killed.then_some("killed"))}
                        aria-pressed={killed.to_string()} title={text::instance_action(index, killed, lang)}
                        {onclick}>
                    { text::instance(index, killed, lang) }
                </button>
            </li>
        }
    });
    let all_killed = (0..node.replicas()).all(|i| node.is_killed(i));
    let kill_one = {
        let id = node.id.clone();
        dispatch.reform(move |_: MouseEvent| Action::KillOne { id: id.clone() })
    };
    let kill_node = {
        let id = node.id.clone();
        dispatch.reform(move |_: MouseEvent| Action::KillAll { id: id.clone() })
    };
    let revive_all = {
        let id = node.id.clone();
        dispatch.reform(move |_: MouseEvent| Action::ReviveAll { id: id.clone() })
    };
    html! {
        <fieldset class="instances">
            <legend>{ text::INSTANCES.get(lang) }</legend>
            <ul class="instance-list">{ for toggles }</ul>
            <div class="inspector-actions">
                <button type="button" onclick={kill_one} disabled={all_killed}>{ text::KILL_ONE.get(lang) }</button>
                <button type="button" onclick={kill_node} disabled={all_killed} data-kill-node="">
                    { text::KILL_NODE.get(lang) }
                </button>
                <button type="button" onclick={revive_all} disabled={node.killed.is_empty()}>
                    { text::REVIVE_ALL.get(lang) }
                </button>
            </div>
        </fieldset>
    }
}
