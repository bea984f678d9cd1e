//! The consent rules: what must have happened before the person can accept, and what each
//! act changes. Pure: the widget feeds it acts (with whether the browser marked them as real
//! user gestures) and renders what it says; it never decides a rule itself.

/// How the person gives assent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssentMode {
    /// An unchecked "I have read and agree to …" checkbox, then an accept button.
    Checkbox,
    /// One "Agree and register" button whose label says that clicking it is agreement.
    Button,
}

impl AssentMode {
    /// The mode's name, as the `mode` attribute and the receipt's record write it.
    pub fn as_str(self) -> &'static str {
        match self {
            AssentMode::Checkbox => "checkbox",
            AssentMode::Button => "button",
        }
    }

    /// Reads the `mode` attribute: `button` or `checkbox` (the default for anything else).
    pub fn from_attr(value: &str) -> AssentMode {
        if value.trim().eq_ignore_ascii_case("button") {
            AssentMode::Button
        } else {
            AssentMode::Checkbox
        }
    }
}

/// What the host requires before acceptance. The defaults require everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requirements {
    /// Each agreement must have been scrolled to its end.
    pub read_to_end: bool,
    /// The highlighted clauses must be acknowledged separately.
    pub acknowledge_highlights: bool,
    /// How assent is given.
    pub mode: AssentMode,
}

impl Default for Requirements {
    fn default() -> Self {
        Requirements {
            read_to_end: true,
            acknowledge_highlights: true,
            mode: AssentMode::Checkbox,
        }
    }
}

/// Reads a boolean attribute: absent means `default`; `false`, `no`, `off`, `0` mean false.
pub fn flag_attr(value: Option<&str>, default: bool) -> bool {
    match value.map(|v| v.trim().to_ascii_lowercase()) {
        None => default,
        Some(v) => !matches!(v.as_str(), "false" | "no" | "off" | "0"),
    }
}

/// One agreement the person is asked to accept, and how far they got with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Agreement id.
    pub id: String,
    /// Version shown.
    pub version: String,
    /// Content hash of the version shown.
    pub hash: String,
    /// The day the version shown took effect (`YYYY-MM-DD`).
    pub effective: String,
    /// Title shown.
    pub title: String,
    /// Ids of its highlighted clauses.
    pub highlights: Vec<String>,
    /// When it was first displayed (RFC 3339), if it was.
    pub displayed_at: Option<String>,
    /// Whether its end has been reached.
    pub reached_end: bool,
    /// Ids of the highlighted clauses the person asked about, in the order first asked.
    pub questions_asked: Vec<String>,
    /// The next version, when one is announced, and whether the person accepts it too.
    pub ahead: Option<Ahead>,
}

/// A version announced (published, effective later) that the person may accept ahead, in the
/// same act as the current one. Accepting it is never required.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ahead {
    /// Its version.
    pub version: String,
    /// Its content hash.
    pub hash: String,
    /// The day it takes effect (`YYYY-MM-DD`).
    pub effective: String,
    /// Whether the person ticked "also accept" for it.
    pub accepted: bool,
}

/// The organisation a person accepts for, as the host names it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Organization {
    /// Its legal name.
    pub name: String,
    /// The host's identifier for it (a registration number, an account id), if given.
    pub id: Option<String>,
}

/// Where the flow stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The person is reading.
    Open,
    /// Accepted at the given time (RFC 3339): final.
    Accepted {
        /// When.
        at: String,
    },
    /// Declined at the given time (RFC 3339).
    Declined {
        /// When.
        at: String,
    },
}

impl Phase {
    /// The phase's name, as `consent-change` events and the `data-phase` attribute give it.
    pub fn name(&self) -> &'static str {
        match self {
            Phase::Open => "open",
            Phase::Accepted { .. } => "accepted",
            Phase::Declined { .. } => "declined",
        }
    }
}

/// Something still needed before acceptance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// This agreement has not been read to its end.
    ReadToEnd {
        /// Agreement id.
        id: String,
        /// Its title.
        title: String,
    },
    /// The highlighted clauses have not been acknowledged.
    Acknowledge,
    /// The person has not confirmed their authority to accept for the organisation.
    Authority,
    /// The assent checkbox is not ticked.
    Assent,
}

impl Missing {
    /// A stable code for the host (`consent-change` events).
    pub fn code(&self) -> String {
        match self {
            Missing::ReadToEnd { id, .. } => ["read-to-end:", id].concat(),
            Missing::Acknowledge => "acknowledge-highlights".to_string(),
            Missing::Authority => "authority".to_string(),
            Missing::Assent => "assent".to_string(),
        }
    }
}

/// An act of the person, or of the page on their behalf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Act {
    /// Agreement `index` was shown at `at`.
    Displayed {
        /// Position in the list.
        index: usize,
        /// When (RFC 3339).
        at: String,
    },
    /// The end of agreement `index` came into view.
    ReachedEnd {
        /// Position in the list.
        index: usize,
    },
    /// The acknowledgement checkbox was set.
    Acknowledge {
        /// New value.
        checked: bool,
        /// Whether the browser marked the event as a user gesture.
        trusted: bool,
    },
    /// The box "I am authorised to accept these terms on behalf of …" was set.
    Authorize {
        /// New value.
        checked: bool,
        /// Whether the browser marked the event as a user gesture.
        trusted: bool,
    },
    /// The box "also accept the version that takes effect on …" of agreement `index` was set.
    AcceptAhead {
        /// Position in the list.
        index: usize,
        /// New value.
        checked: bool,
        /// Whether the browser marked the event as a user gesture.
        trusted: bool,
    },
    /// The person asked about highlighted clause `highlight` of agreement `index`.
    Ask {
        /// Position in the list.
        index: usize,
        /// The highlight's id (`h1`, …).
        highlight: String,
        /// Whether the browser marked the event as a user gesture.
        trusted: bool,
    },
    /// The assent checkbox was set.
    Assent {
        /// New value.
        checked: bool,
        /// Whether the browser marked the event as a user gesture.
        trusted: bool,
    },
    /// The accept control was activated.
    Accept {
        /// Whether the browser marked the event as a user gesture.
        trusted: bool,
        /// When (RFC 3339).
        at: String,
    },
    /// The decline control was activated.
    Decline {
        /// Whether the browser marked the event as a user gesture.
        trusted: bool,
        /// When (RFC 3339).
        at: String,
    },
    /// After a decline, the person chose to review the agreements again.
    Reopen {
        /// Whether the browser marked the event as a user gesture.
        trusted: bool,
    },
}

/// The state of one consent flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentState {
    /// What the host requires.
    pub requirements: Requirements,
    /// The agreements asked for, in display order.
    pub agreements: Vec<Progress>,
    /// Whether the highlighted clauses are acknowledged.
    pub acknowledged: bool,
    /// Whether the assent checkbox is ticked (checkbox mode).
    pub assented: bool,
    /// The organisation the person accepts for, if the host named one.
    pub organization: Option<Organization>,
    /// Whether the person confirmed their authority to accept for it.
    pub authorized: bool,
    /// Where the flow stands.
    pub phase: Phase,
}

impl ConsentState {
    /// A fresh flow: nothing read, nothing ticked.
    pub fn new(requirements: Requirements, agreements: Vec<Progress>) -> ConsentState {
        ConsentState {
            requirements,
            agreements,
            acknowledged: false,
            assented: false,
            organization: None,
            authorized: false,
            phase: Phase::Open,
        }
    }

    /// The same fresh flow, accepting on behalf of `organization`: the person must also
    /// confirm their authority to do so.
    pub fn for_organization(mut self, organization: Option<Organization>) -> ConsentState {
        self.organization = organization;
        self
    }

    /// Whether any agreement has highlighted clauses.
    pub fn has_highlights(&self) -> bool {
        self.agreements.iter().any(|a| !a.highlights.is_empty())
    }

    /// Everything still needed, in the order the person meets it.
    pub fn missing(&self) -> Vec<Missing> {
        let mut out = Vec::new();
        if self.requirements.read_to_end {
            out.extend(self.agreements.iter().filter(|a| !a.reached_end).map(|a| {
                Missing::ReadToEnd {
                    id: a.id.clone(),
                    title: a.title.clone(),
                }
            }));
        }
        if self.requirements.acknowledge_highlights && self.has_highlights() && !self.acknowledged {
            out.push(Missing::Acknowledge);
        }
        if self.organization.is_some() && !self.authorized {
            out.push(Missing::Authority);
        }
        if self.requirements.mode == AssentMode::Checkbox && !self.assented {
            out.push(Missing::Assent);
        }
        out
    }

    /// Whether the accept control may be used now.
    pub fn can_accept(&self) -> bool {
        self.phase == Phase::Open && !self.agreements.is_empty() && self.missing().is_empty()
    }

    /// The state after `act`. Assent that is not a user gesture, any act after acceptance, and
    /// acts the rules do not allow yet change nothing: a second accept yields no second receipt.
    pub fn apply(&self, act: &Act) -> ConsentState {
        let mut next = self.clone();
        let open = self.phase == Phase::Open;
        match act {
            Act::Displayed { index, at } => {
                if let Some(a) = next.agreements.get_mut(*index) {
                    a.displayed_at.get_or_insert_with(|| at.clone());
                }
            }
            Act::ReachedEnd { index } => {
                if let Some(a) = next.agreements.get_mut(*index) {
                    a.reached_end = true;
                }
            }
            Act::Acknowledge {
                checked,
                trusted: true,
            } if open => next.acknowledged = *checked,
            Act::Assent {
                checked,
                trusted: true,
            } if open => next.assented = *checked,
            Act::Authorize {
                checked,
                trusted: true,
            } if open && self.organization.is_some() => next.authorized = *checked,
            Act::AcceptAhead {
                index,
                checked,
                trusted: true,
            } if open => {
                if let Some(ahead) = next
                    .agreements
                    .get_mut(*index)
                    .and_then(|a| a.ahead.as_mut())
                {
                    ahead.accepted = *checked;
                }
            }
            // Asking is evidence that an explanation was offered and used: only the person's
            // own gesture counts, and only before the flow is final.
            Act::Ask {
                index,
                highlight,
                trusted: true,
            } if open => {
                if let Some(a) = next.agreements.get_mut(*index) {
                    if a.highlights.contains(highlight) && !a.questions_asked.contains(highlight) {
                        a.questions_asked.push(highlight.clone());
                    }
                }
            }
            Act::Accept { trusted: true, at } if self.can_accept() => {
                next.phase = Phase::Accepted { at: at.clone() }
            }
            // Declining records no consent, so a script may do it for the person (a host's own
            // cancel button, say); only assent needs a real gesture.
            Act::Decline { at, .. } if open => next.phase = Phase::Declined { at: at.clone() },
            Act::Reopen { .. } if matches!(self.phase, Phase::Declined { .. }) => {
                next.phase = Phase::Open
            }
            _ => {}
        }
        next
    }
}
