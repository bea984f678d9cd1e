//! The English phrases of the choice of law and of the forum (courts, arbitration, class and
//! jury waivers, time limits on claims).

use super::*;

// Choice of law
pub(crate) const EN_LAW: &[Pattern] = &[
    Pattern {
        spec: "governed|governs|construed|interpreted|enforced…8law|laws",
        says: LAW,
        guard: Guard::None,
        affirmative: false,
        // `the remainder … shall be enforced to the maximum extent permitted by law`: a
        // severability clause, no law chosen.
        unless: &["permitted by law", "permitted under law", "extent permitted"],
    },
    Pattern {
        spec: "governing law|choice of law|laws of the state|law of the state",
        says: LAW,
        guard: Guard::None,
        affirmative: false,
        // `Sections 17.1 (Governing Law) … survive`, `see this section for … our choice of
        // law`: a section named.
        unless: &["surviv*", "see this section", "please see"],
    },
    // `the laws of <the place> will govern`: a place written as a placeholder takes words.
    p("law|laws…6govern|governs|will govern", LAW),
    // `California law applies to this contract`: the law that applies to the contract.
    // (The arbitration law that applies to an arbitration clause is read with the forum.)
    Pattern {
        spec: "law|laws…2applies to|apply to|shall apply to|will apply to…2this|these|the terms|the agreement|this agreement|the contract",
        says: LAW,
        guard: Guard::None,
        affirmative: false,
        unless: &["arbitration law", "arbitration act"],
    },
];

// Forum: courts, arbitration, class and jury waivers
pub(crate) const EN_FORUM: &[Pattern] = &[
    Pattern {
        spec: "arbitrat*",
        says: "sends disputes to arbitration",
        guard: Guard::None,
        affirmative: false,
        // `the Federal Arbitration Act … will govern`: a law chosen; an arbitrator who holds
        // a term invalid: severability.
        unless: &[
            "arbitration act",
            "invalid|unenforceable|severab*",
        ],
    },
    Pattern {
        spec: "class action*|class arbitration*|class member|representative action|collective action|jury|individual basis",
        says: "waives class or jury actions",
        guard: Guard::None,
        affirmative: false,
        // `be accepted into the Program as an individual`; `(Waiver of Jury Trial) survive`.
        unless: &["as an individual", "surviv*"],
    },
    Pattern {
        spec: "exclusive jurisdiction|jurisdiction and venue|venue|courts located|court located|courts of the|tribunal|exclusive forum|brought in|small claims|federal courts|state courts",
        says: "names the courts that decide disputes",
        guard: Guard::None,
        affirmative: false,
        // An arbitrator or tribunal that holds a term invalid: severability.
        unless: &["invalid|unenforceable|severab*", "surviv*"],
    },
    p(
        "submit to|consent to…4jurisdiction",
        "names the courts that decide disputes",
    ),
    p(
        "within six months|within one year|within 1 year|up to six months",
        "limits the time to bring a claim",
    ),
    Pattern {
        spec: "forever barred|permanently barred|time barred|one 1 year after|1 year after|one year after",
        says: "limits the time to bring a claim",
        guard: Guard::None,
        affirmative: false,
        // `survives for one year after termination`: how long a section lasts.
        unless: &["surviv*"],
    },
    // A claim to be brought in one place only: `you agree to file and resolve it exclusively in
    // <the place>`.
    p(
        "claim*|dispute*|action*|proceeding*…12exclusively in|solely in|only in|exclusively before",
        "names the courts that decide disputes",
    ),
    // A dispute and a court in one sentence name where disputes go (`Any disputes arising from
    // … legal proceedings should be initiated in the People's Court at the location of the
    // Licensor`), unless the court only holds a term invalid.
    Pattern {
        spec: "dispute*|proceeding*|lawsuit*|litigation…30in|before|to|by|of…4court|courts",
        says: "names the courts that decide disputes",
        guard: Guard::None,
        affirmative: false,
        // A court that holds a term invalid, or an order served by one, decides no dispute.
        unless: &[
            "invalid|unenforceable|severab*|void",
            "surviv*",
            "court order*|served court|court-ordered",
        ],
    },
    p(
        "people's court|competent court|court at the location|court of the place|courts at the location",
        "names the courts that decide disputes",
    ),
];
