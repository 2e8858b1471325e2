//! `use_effect_with`, as Yew's, but one instance of Yew's effect machinery for
//! the whole app: the dependencies are boxed behind one type and the effect
//! behind one closure type. Yew's own is generic over both, and each of its
//! forty-odd uses cost the wasm its own copy (about 1 KB each before
//! wasm-opt). Files that use effects import this one; it shadows the prelude's.

use std::any::Any;

use yew::functional::{Hook, TearDown};

/// A dependency value of any type, compared with its own `PartialEq`.
trait AnyEq {
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn Any) -> bool;
}

impl<T: PartialEq + 'static> AnyEq for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn same(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<T>() == Some(self)
    }
}

/// The dependencies of an effect, boxed.
struct Deps(Box<dyn AnyEq>);

impl PartialEq for Deps {
    fn eq(&self, other: &Deps) -> bool {
        self.0.same(other.0.as_any())
    }
}

/// An effect, boxed: run on the dependencies, it gives its clean-up.
type Run = Box<dyn FnOnce(&Deps) -> Box<dyn FnOnce()>>;

/// Runs `f` after a render whenever `deps` changed (and after the first),
/// running what it returned last time first; as [`yew::use_effect_with`].
pub fn use_effect_with<T, F, D>(deps: T, f: F) -> impl Hook<Output = ()>
where
    T: PartialEq + 'static,
    F: FnOnce(&T) -> D + 'static,
    D: TearDown,
{
    let run: Run = Box::new(move |deps: &Deps| -> Box<dyn FnOnce()> {
        match deps.0.as_any().downcast_ref::<T>() {
            Some(deps) => {
                let clean_up = f(deps);
                Box::new(move || clean_up.tear_down())
            }
            None => Box::new(|| ()),
        }
    });
    yew::functional::use_effect_with(Deps(Box::new(deps)), run)
}
