//! The web app's entry point: trunk builds this binary for `wasm32` and it only
//! mounts [`topolab_web::App`].

fn main() {
    topolab_web::start();
}
