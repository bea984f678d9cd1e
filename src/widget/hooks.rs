//! The root component's hooks, one concern each.

mod use_accepted;
mod use_catalog;
mod use_effect_on;
mod use_evidence;
mod use_flow;
mod use_flow_events;
mod use_host_events;
mod use_prerender_takeover;
mod use_receipt;

pub use use_accepted::{use_accepted, Accepted};
pub use use_catalog::{use_catalog, Load};
pub use use_effect_on::use_effect_on;
pub use use_evidence::use_evidence;
pub use use_flow::{use_flow, Flow, FlowMsg};
pub use use_flow_events::{use_flow_events, Flowing, Reporting};
pub use use_host_events::{use_host_events, HostEvents};
pub use use_prerender_takeover::use_prerender_takeover;
pub use use_receipt::{use_receipt, ReceiptStatus, ShownTexts, Signing};
