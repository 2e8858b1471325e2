//! Component tests: compiled for `wasm32` and run in headless Chromium by
//! `wasm-bindgen-test-runner` (`./dev test`, phase `wasm-test`). Natively this file is
//! empty. Component tests of the web app go here, one per rule of `docs/spec/app.md`.
#![cfg(target_arch = "wasm32")]

use topolab_engine::document::NodeKind;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// `window.navigator.userAgent`, read through `js_sys` so no extra `web-sys` feature is needed.
fn user_agent(window: &web_sys::Window) -> String {
    let navigator = js_sys::Reflect::get(window, &JsValue::from_str("navigator")).unwrap();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("userAgent"))
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn the_model_and_the_dom_work_in_a_browser() {
    // The model compiles to wasm and behaves as natively.
    let kind = NodeKind::from_name("service").expect("`service` names a node kind");
    assert_eq!(kind, NodeKind::Service);
    assert_eq!(kind.as_str(), "service");
    assert_eq!(NodeKind::from_name("mainframe"), None);

    // This runs in a real browser page (Chromium), not in Node.
    let window = web_sys::window().expect("a browser window");
    let agent = user_agent(&window);
    assert!(agent.contains("Chrome"), "not Chromium: {agent}");

    // A diagram element can be created, attached and found again.
    let document = window.document().expect("a document");
    let body = document.body().expect("a <body>");
    let div = document.create_element("div").unwrap();
    div.set_attribute("data-smoke", kind.as_str()).unwrap();
    div.set_inner_html(r#"<svg data-topolab-canvas=""><g data-node-id="api"></g></svg>"#);
    body.insert_adjacent_element("beforeend", &div).unwrap();

    let node = document
        .query_selector(r#"[data-smoke="service"] svg[data-topolab-canvas] [data-node-id]"#)
        .unwrap()
        .expect("the attached node group is in the document");
    assert_eq!(node.get_attribute("data-node-id").as_deref(), Some("api"));
    div.remove();
}

/// Lets Yew's scheduler run the renders queued so far, and a mounted app
/// draw its side column, which it does after the first paint (up to a second).
async fn settle() {
    let pause = || yew::platform::time::sleep(std::time::Duration::from_millis(30));
    pause().await;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    for _ in 0..30 {
        let waiting = document.query_selector(".side:not(:has(*))").ok().flatten();
        if waiting.is_none() {
            return;
        }
        pause().await;
    }
}

/// Mounts the whole app into a fresh `<div>` and returns it.
fn mount_app() -> web_sys::Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("attached");
    yew::Renderer::<topolab_web::App>::with_root(root.clone()).render();
    root
}

#[wasm_bindgen_test]
async fn the_app_draws_every_node_and_link_of_its_diagram_with_the_contract_attributes() {
    let root = mount_app();
    settle().await;
    let doc = topolab_engine::presets::preset("cluster")
        .expect("cluster")
        .document();
    let nodes = root
        .query_selector_all("svg[data-topolab-canvas] [data-node-id]")
        .unwrap();
    assert_eq!(nodes.length() as usize, doc.nodes.len());
    let links = root.query_selector_all("[data-link]").unwrap();
    assert_eq!(links.length() as usize, doc.links.len());
    let lb = root
        .query_selector(r#"[data-node-id="lb"]"#)
        .unwrap()
        .expect("lb");
    assert_eq!(
        lb.get_attribute("data-kind").as_deref(),
        Some("load_balancer")
    );
    assert_eq!(lb.get_attribute("data-status").as_deref(), Some("up"));
    assert_eq!(
        lb.get_attribute("transform").as_deref(),
        Some("translate(240 200)")
    );
    let link = root
        .query_selector(r#"[data-link="lb->app1"]"#)
        .unwrap()
        .expect("link");
    assert_eq!(link.get_attribute("data-kind").as_deref(), Some("pool"));
    root.remove();
}

#[wasm_bindgen_test]
async fn clicking_an_instance_kills_it_and_the_analysis_follows() {
    use wasm_bindgen::JsCast;
    let root = mount_app();
    settle().await;
    let instance = |id: &str| {
        root.query_selector(&format!(r#"[data-node-id="{id}"] [data-instance="0"]"#))
            .unwrap()
            .expect("instance 0")
    };
    let click = |el: web_sys::Element| {
        // Yew listens at the root; the event must bubble to it.
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
        el.dyn_into::<web_sys::EventTarget>()
            .unwrap()
            .dispatch_event(&event)
            .unwrap();
    };
    click(instance("lb"));
    settle().await;
    assert_eq!(
        instance("lb").get_attribute("data-killed").as_deref(),
        Some("true")
    );
    let lb = root
        .query_selector(r#"[data-node-id="lb"]"#)
        .unwrap()
        .expect("lb");
    assert_eq!(lb.get_attribute("data-status").as_deref(), Some("down"));
    let row = root
        .query_selector("[data-function-id]")
        .unwrap()
        .expect("a function row");
    assert_eq!(row.get_attribute("data-status").as_deref(), Some("down"));
    let figure = root
        .query_selector("[data-function-id] [data-availability]")
        .unwrap()
        .expect("figure");
    assert_eq!(figure.text_content().as_deref(), Some("0%"));
    click(instance("lb"));
    settle().await;
    assert_eq!(
        instance("lb").get_attribute("data-killed").as_deref(),
        Some("false")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn the_inspector_sets_replicas_and_refuses_a_quorum_above_them() {
    use js_sys::{Array, Function, Reflect};
    use wasm_bindgen::JsCast;
    let root = mount_app();
    settle().await;
    let window = web_sys::window().expect("a window");
    let api = Reflect::get(&window, &JsValue::from_str("topolab")).expect("window.topolab");
    let call = |name: &str, arg: &JsValue| -> JsValue {
        let f: Function = Reflect::get(&api, &JsValue::from_str(name))
            .unwrap()
            .dyn_into()
            .expect("a function");
        f.call1(&api, arg).expect("the call succeeds")
    };
    // The cluster, whatever an earlier test autosaved.
    let cluster = topolab_engine::presets::preset("cluster")
        .expect("cluster")
        .document();
    call("load", &JsValue::from_str(&cluster.to_json()));
    settle().await;
    let db = |field: &str| -> JsValue {
        let doc = call("document", &JsValue::UNDEFINED);
        let nodes: Array = Reflect::get(&doc, &JsValue::from_str("nodes"))
            .unwrap()
            .dyn_into()
            .unwrap();
        let node = nodes
            .iter()
            .find(|n| {
                Reflect::get(n, &JsValue::from_str("id"))
                    .unwrap()
                    .as_string()
                    == Some("db".into())
            })
            .expect("db in the document");
        Reflect::get(&node, &JsValue::from_str(field)).unwrap()
    };
    // Events built by the page's own constructors, bubbling up to Yew's root listener.
    let fire = |el: &web_sys::Element, constructor: &str, kind: &str| {
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init.set_button(0);
        let constructor: Function = Reflect::get(&window, &JsValue::from_str(constructor))
            .unwrap()
            .dyn_into()
            .unwrap();
        let event = Reflect::construct(&constructor, &Array::of2(&JsValue::from_str(kind), &init))
            .expect("an event");
        el.dispatch_event(event.unchecked_ref()).unwrap();
    };
    let quorum_before = db("quorum");

    // A press and release on the database selects it.
    let node = root
        .query_selector(r#"[data-node-id="db"]"#)
        .unwrap()
        .expect("db drawn");
    fire(&node, "PointerEvent", "pointerdown");
    fire(&node, "PointerEvent", "pointerup");
    settle().await;
    let form = || {
        root.query_selector(r#"[data-inspector="node"]"#)
            .unwrap()
            .expect("the node inspector")
    };
    let input = |name: &str| -> web_sys::HtmlInputElement {
        form()
            .query_selector(&format!(r#"input[name="{name}"]"#))
            .unwrap()
            .unwrap_or_else(|| panic!("an input named {name}"))
            .dyn_into()
            .unwrap()
    };
    assert_eq!(input("id").value(), "db");

    let replicas = input("replicas");
    replicas.set_value("5");
    fire(&replicas, "Event", "change");
    settle().await;
    let instances = root
        .query_selector_all(r#"[data-node-id="db"] [data-instance]"#)
        .unwrap();
    assert_eq!(instances.length(), 5);
    assert_eq!(db("replicas").as_f64(), Some(5.0));
    assert!(form().query_selector(".field-error").unwrap().is_none());

    let quorum = input("quorum");
    quorum.set_value("9");
    fire(&quorum, "Event", "change");
    settle().await;
    let error = form()
        .query_selector(".field-error")
        .unwrap()
        .expect("a message next to the field");
    let message = error.text_content().unwrap_or_default();
    assert!(message.to_lowercase().contains("quorum"), "{message}");
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    let quorum = input("quorum");
    assert_eq!(quorum.value(), "9", "the refused value stays in the field");
    assert_eq!(
        quorum.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        quorum
            .get_attribute("aria-describedby")
            .map(|d| d.contains(&error.id())),
        Some(true)
    );
    assert_eq!(db("quorum"), quorum_before, "the document is unchanged");
    assert_eq!(db("replicas").as_f64(), Some(5.0));
    root.remove();
}
