//! `use_flow`: the consent flow of the agreements shown. The rules are the pure reducer in
//! [`crate::consent`]; this hook only keeps its state per [`FlowKey`], so a change of
//! agreements or requirements starts afresh and anything else keeps the person's progress.

use crate::consent::{Act, ConsentState};
use crate::plan::FlowKey;
use std::rc::Rc;
use yew::prelude::*;

/// The flow for one key, and the tab shown (kept from one flow to the next: the view keeps it
/// within the agreements shown).
#[derive(PartialEq, Default)]
pub struct Flow {
    key: FlowKey,
    state: Option<ConsentState>,
    selected: usize,
    /// How many flows have started after the first: each shows its agreements afresh, from
    /// their beginning.
    started: u32,
}

/// What changes a flow.
pub enum FlowMsg {
    /// Start the flow named by the key with this state, unless it is the current one.
    Start(FlowKey, ConsentState),
    /// Something the person did.
    Act(Act),
    /// Show this tab.
    Select(usize),
}

impl Reducible for Flow {
    type Action = FlowMsg;

    fn reduce(self: Rc<Self>, msg: FlowMsg) -> Rc<Self> {
        match msg {
            FlowMsg::Start(key, _) if key == self.key => self,
            FlowMsg::Start(key, state) => Rc::new(Flow {
                key,
                state: Some(state),
                selected: self.selected,
                // The first flow is the one the view shows from its first render.
                started: self.started.wrapping_add(u32::from(self.state.is_some())),
            }),
            // Selecting renders again, as setting a state does, even the tab shown.
            FlowMsg::Select(selected) => Rc::new(Flow {
                key: self.key.clone(),
                state: self.state.clone(),
                selected,
                started: self.started,
            }),
            FlowMsg::Act(act) => match &self.state {
                Some(state) => {
                    let next = state.apply(&act);
                    if &next == state {
                        self
                    } else {
                        Rc::new(Flow {
                            key: self.key.clone(),
                            state: Some(next),
                            selected: self.selected,
                            started: self.started,
                        })
                    }
                }
                None => self,
            },
        }
    }
}

impl Flow {
    /// The tab selected last.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The flow's number: another once new agreements or requirements start a fresh flow.
    pub fn started(&self) -> u32 {
        self.started
    }

    /// The state of the flow named `key`, or `initial` if that flow has not started yet.
    pub fn state_for(&self, key: &FlowKey, initial: &ConsentState) -> ConsentState {
        match &self.state {
            Some(s) if &self.key == key => s.clone(),
            _ => initial.clone(),
        }
    }
}

/// The widget's consent flow.
#[hook]
pub fn use_flow() -> UseReducerHandle<Flow> {
    use_reducer(Flow::default)
}
