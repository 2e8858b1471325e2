//! Component tests: compiled for `wasm32` and run in headless Chromium by
//! `wasm-bindgen-test-runner` (`./dev test`, phase `wasm-test`). Natively this file is
//! empty. Component tests of `src/ui/` go here, one per rule of `spec/UI.md`.
#![cfg(target_arch = "wasm32")]

use topolab::model::document::NodeKind;
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

/// Lets Yew's scheduler run the renders queued so far.
async fn settle() {
    yew::platform::time::sleep(std::time::Duration::from_millis(30)).await;
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
    yew::Renderer::<topolab::ui::App>::with_root(root.clone()).render();
    root
}

#[wasm_bindgen_test]
async fn the_app_draws_every_node_and_link_of_its_diagram_with_the_contract_attributes() {
    let root = mount_app();
    settle().await;
    let doc = topolab::model::presets::preset("cluster")
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
