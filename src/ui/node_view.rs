//! One node of the diagram: its box, icon, label and instance squares, drawn
//! at the position the [`Positions`] store holds. A move only rewrites its
//! `transform`; it re-renders only when its props change.

use yew::prelude::*;

use super::icons::kind_icon;
use super::positions::Positions;
use super::status::mark;
use crate::model::analysis::Status;
use crate::model::geometry::{instance_origin, node_size, INSTANCE_SIZE};
use crate::model::{Node, NodeKind};

/// What a node view reports to the canvas; the canvas decides what it means.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeEvent {
    /// A pointer went down on the node (a drag or a click may follow).
    PointerDown { id: AttrValue, event: PointerEvent },
    /// A pointer went down on the node's connect handle (a new link may follow).
    HandleDown { id: AttrValue, event: PointerEvent },
    /// An instance square was clicked.
    InstanceClick { id: AttrValue, index: u32 },
    /// The pointer entered (`Some`) or left (`None`) the node.
    Hover(Option<AttrValue>),
    /// Keyboard focus landed on the node.
    Focus(AttrValue),
}

/// Everything a node view draws, compared cheaply.
#[derive(Properties, PartialEq, Clone)]
pub struct NodeViewProps {
    pub id: AttrValue,
    pub kind: NodeKind,
    pub label: AttrValue,
    pub replicas: u32,
    /// Bit `i` set: instance `i` killed (at most 64 replicas).
    pub killed: u64,
    /// What the analysis and the selection say of it.
    pub look: NodeLook,
    pub positions: Positions,
    pub on_event: Callback<NodeEvent>,
}

/// How a node is drawn beyond its own fields: what the analysis and the selection say of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeLook {
    pub status: Status,
    pub spof: bool,
    pub selected: bool,
    /// Goes down with the node under the pointer or selected.
    pub in_blast: bool,
    /// The diagram's one Tab stop.
    pub tab_stop: bool,
    /// Shows the connect handle.
    pub handle: bool,
    /// Drawn in full (captions, icon, label); false when zoomed far out.
    pub detail: bool,
}

impl NodeViewProps {
    /// The props for `node`, given what the analysis says of it.
    pub fn of(
        node: &Node,
        look: NodeLook,
        positions: &Positions,
        on_event: &Callback<NodeEvent>,
    ) -> NodeViewProps {
        NodeViewProps {
            id: AttrValue::from(node.id.clone()),
            kind: node.kind,
            label: AttrValue::from(node.label().to_string()),
            replicas: if node.is_client() { 0 } else { node.replicas() },
            killed: node
                .killed
                .iter()
                .filter(|&&k| k < 64)
                .fold(0u64, |bits, &k| bits | (1u64 << k)),
            look,
            positions: positions.clone(),
            on_event: on_event.clone(),
        }
    }
}

/// The kind's name as drawn above the label ("LOAD BALANCER").
fn kind_caption(kind: NodeKind) -> String {
    kind.as_str().replace('_', " ").to_uppercase()
}

/// Labels longer than a box holds are cut with an ellipsis (the full text is the tooltip).
fn short_label(label: &str) -> String {
    const MAX: usize = 11;
    if label.chars().count() <= MAX {
        label.to_string()
    } else {
        let cut: String = label.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}

/// `translate(x y)`: where a node group is drawn.
fn placement((x, y): (f64, f64)) -> String {
    format!("translate({x} {y})")
}

#[function_component(NodeView)]
pub fn node_view(props: &NodeViewProps) -> Html {
    let group = use_node_ref();
    {
        // A move is written straight onto the group's `transform`: a drag costs
        // one attribute a node, as in hand-written SVG, and no render. The next
        // render draws the same place, from the same store.
        let (positions, group) = (props.positions.clone(), group.clone());
        use_effect_with(props.id.clone(), move |id| {
            let store = positions.clone();
            let id_moved = id.clone();
            let sub = positions.subscribe(
                id,
                Callback::from(move |_| {
                    if let Some(g) = group.cast::<web_sys::Element>() {
                        let _ = g.set_attribute("transform", &placement(store.get(&id_moved)));
                    }
                }),
            );
            move || drop(sub)
        });
    }
    let at = props.positions.get(&props.id);
    // Geometry comes from the model so that the CLI's render draws the same.
    let mut shape = Node::new(props.id.as_str(), props.kind, 0.0, 0.0);
    if props.replicas > 0 {
        shape.replicas = Some(props.replicas);
    }
    let (w, h) = node_size(&shape);
    let on_pointer_down = {
        let on_event = props.on_event.clone();
        let id = props.id.clone();
        move |event: PointerEvent| {
            on_event.emit(NodeEvent::PointerDown {
                id: id.clone(),
                event,
            })
        }
    };
    let on_handle_down = {
        let on_event = props.on_event.clone();
        let id = props.id.clone();
        move |event: PointerEvent| {
            event.stop_propagation();
            on_event.emit(NodeEvent::HandleDown {
                id: id.clone(),
                event,
            })
        }
    };
    let on_enter = {
        let on_event = props.on_event.clone();
        let id = props.id.clone();
        move |_: PointerEvent| on_event.emit(NodeEvent::Hover(Some(id.clone())))
    };
    let on_leave = {
        let on_event = props.on_event.clone();
        move |_: PointerEvent| on_event.emit(NodeEvent::Hover(None))
    };
    let on_focus = {
        let on_event = props.on_event.clone();
        let id = props.id.clone();
        move |_: FocusEvent| on_event.emit(NodeEvent::Focus(id.clone()))
    };
    let killed_count = (0..props.replicas)
        .filter(|&i| i < 64 && props.killed & (1u64 << i) != 0)
        .count();
    let aria = if props.replicas > 0 {
        format!(
            "{} ({}), {}, {} of {} instances up{}",
            props.label,
            props.kind.as_str().replace('_', " "),
            props.look.status.as_str(),
            props.replicas as usize - killed_count,
            props.replicas,
            if props.look.spof {
                ", single point of failure"
            } else {
                ""
            }
        )
    } else {
        format!("{} (client)", props.label)
    };
    // One element an instance (plus a strike when killed): big diagrams have thousands.
    let instances = (0..props.replicas).map(|i| {
        let (ix, iy) = instance_origin(&shape, i);
        let killed = i < 64 && props.killed & (1u64 << i) != 0;
        let onclick = {
            let on_event = props.on_event.clone();
            let id = props.id.clone();
            move |e: MouseEvent| {
                e.stop_propagation();
                on_event.emit(NodeEvent::InstanceClick {
                    id: id.clone(),
                    index: i,
                })
            }
        };
        html! {
            <>
                <rect class={classes!("instance", killed.then_some("killed"))}
                      data-instance={i.to_string()} data-killed={killed.to_string()} {onclick}
                      x={ix.to_string()} y={iy.to_string()}
                      width={INSTANCE_SIZE.to_string()} height={INSTANCE_SIZE.to_string()} rx="2" />
                if killed {
                    <path class="strike" d={format!("M{} {}l{s} {s}M{} {}l{s} -{s}",
                        ix, iy, ix, iy + INSTANCE_SIZE, s = INSTANCE_SIZE)} />
                }
            </>
        }
    });
    let label_y = -h / 2.0 + 25.0;
    let tooltip = if props.replicas > 0 {
        format!(
            "{} — click a server square to kill or revive it",
            props.label
        )
    } else {
        props.label.to_string()
    };
    html! {
        <g ref={group} data-node-id={props.id.clone()} data-kind={props.kind.as_str()}
           data-status={props.look.status.as_str()}
           class={classes!("node", format!("kind-{}", props.kind.as_str()),
                           format!("status-{}", props.look.status.as_str()),
                           props.look.selected.then_some("selected"),
                           props.look.in_blast.then_some("in-blast"))}
           transform={placement(at)}
           tabindex={if props.look.tab_stop { "0" } else { "-1" }}
           role="button" aria-label={aria} aria-pressed={props.look.selected.to_string()}
           onpointerdown={on_pointer_down} onpointerenter={on_enter}
           onpointerleave={on_leave} onfocus={on_focus}>
            // The tooltip exists only while it can show: thousands of nodes need none.
            if props.look.handle {
                <title>{ tooltip }</title>
            }
            <rect class="node-box" x={(-w / 2.0).to_string()} y={(-h / 2.0).to_string()}
                  width={w.to_string()} height={h.to_string()} rx="8" />
            // Zoomed out so far that text would be a few pixels high, a node is its
            // box, status dot and instances: thousands of them then draw in a fraction.
            if props.look.detail {
                <text class="node-kind" x="0" y={(-h / 2.0 + 11.0).to_string()}
                      aria-hidden="true">{ kind_caption(props.kind) }</text>
                <g class="node-icon" aria-hidden="true"
                   transform={format!("translate({} {label_y})", -w / 2.0 + 15.0)}>
                    { kind_icon(props.kind) }
                </g>
                <text class="node-label" x="10" y={label_y.to_string()}>{ short_label(&props.label) }</text>
            }
            <circle class={classes!("node-status-mark", format!("mark-{}", props.look.status.as_str()))}
                    cx={(w / 2.0).to_string()} cy={(-h / 2.0).to_string()} r="8" />
            if props.look.detail {
                <text class="node-status-glyph" x={(w / 2.0).to_string()} y={(-h / 2.0).to_string()}
                      aria-hidden="true">{ mark(props.look.status) }</text>
            }
            if props.look.spof && props.look.detail {
                <text class="spof-badge" x={(-w / 2.0 + 4.0).to_string()} y={(-h / 2.0 - 5.0).to_string()}>
                    { "SPOF" }
                </text>
            }
            { for instances }
            if props.look.handle {
                <circle class="connect-handle" data-handle="" cx={(w / 2.0).to_string()} cy="0" r="7"
                        onpointerdown={on_handle_down}>
                    <title>{ "Drag to another node to connect" }</title>
                </circle>
            }
        </g>
    }
}
