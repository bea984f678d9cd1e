//! `use_effect_on`: Yew's `use_effect_with` for dependencies of any type, through one copy of
//! Yew's effect hook. Each `use_effect_with` of its own dependency and closure types is a copy
//! of that hook's code in the wasm; here the dependencies and the effect are boxed, so every
//! effect of the widget is the same instantiation, and what remains per dependency type is
//! its comparison.

use std::any::Any;
use std::rc::Rc;
use yew::functional::Hook;
use yew::prelude::*;

/// What an effect returns: run before the effect runs again, and when the component goes.
pub type Cleanup = Box<dyn FnOnce()>;

/// Dependencies of any type, compared as their own type.
#[derive(Clone)]
pub struct Deps {
    value: Rc<dyn Any>,
    same: fn(&dyn Any, &dyn Any) -> bool,
}

impl PartialEq for Deps {
    fn eq(&self, other: &Self) -> bool {
        (self.same)(&*self.value, &*other.value)
    }
}

fn same<D: PartialEq + 'static>(a: &dyn Any, b: &dyn Any) -> bool {
    a.downcast_ref::<D>()
        .zip(b.downcast_ref::<D>())
        .is_some_and(|(a, b)| a == b)
}

fn never_same(_: &dyn Any, _: &dyn Any) -> bool {
    false
}

type Effect = Box<dyn FnOnce(&Deps) -> Cleanup>;

#[hook]
fn use_boxed_effect(deps: Deps, effect: Effect) {
    use_effect_with(deps, effect);
}

/// Runs `effect` with `deps` after the first render, and after each render whose `deps` differ
/// from those of its last run; the cleanup it returns runs before its next run and when the
/// component goes (as `use_effect_with`).
pub fn use_effect_on<D: PartialEq + 'static>(
    deps: D,
    effect: impl FnOnce(&D) -> Cleanup + 'static,
) -> impl Hook<Output = ()> {
    let deps = Deps {
        value: Rc::new(deps),
        same: same::<D>,
    };
    use_boxed_effect(
        deps,
        Box::new(move |deps: &Deps| match deps.value.downcast_ref::<D>() {
            Some(deps) => effect(deps),
            None => Box::new(|| ()),
        }),
    )
}

/// Runs `effect` after every render (as `use_effect`).
pub fn use_effect_each(effect: impl FnOnce() -> Cleanup + 'static) -> impl Hook<Output = ()> {
    let deps = Deps {
        value: Rc::new(()),
        same: never_same,
    };
    use_boxed_effect(deps, Box::new(move |_: &Deps| effect()))
}

/// An effect's cleanup when it leaves nothing to clean up.
pub fn nothing() -> Cleanup {
    Box::new(|| ())
}
