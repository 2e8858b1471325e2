//! The web app's entry point: trunk builds this binary for `wasm32` and it only
//! mounts [`topolab::ui::App`].

#[cfg(target_arch = "wasm32")]
fn main() {
    topolab::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("topolab-web is the browser app: build it with `trunk build` (see README.md); the native tool is `topolab`.");
    std::process::exit(2);
}
