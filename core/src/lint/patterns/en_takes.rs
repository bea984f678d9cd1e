//! The English tables of what the provider takes or charges: licences over the person's
//! content, and fees, penalties and refunds (the other English tables are in `en.rs`).

use super::*;

// Licences over the person's content
pub(crate) const EN_LICENCE: &[Pattern] = &[
    // Rights the person hands over outright: `you irrevocably assign to us all of your right,
    // title and interest in and to your feedback`.
    borne(
        "assign|assigns|transfer|transfers…3to us|us…12right|rights|title|interest|ownership",
        LICENCE,
    ),
    Pattern {
        spec: "grant*|give*|authorize|authorise|authorizes|authorises|permit*|allow…6us|github|automattic|we|license|licence|right|rights|others|each user|permission|permissions",
        says: LICENCE,
        guard: Guard::Person,
        affirmative: true,
        unless: &[
            "you are granted",
            "grants you",
            "we grant you",
            "granted to you",
            "charge",
            "pay",
            "payment*",
            "share data",
            "to represent",
            "grant you",
            "necessary to grant",
            "right to grant",
            "authority to grant",
            // Rights the licence grants the person, and what the provider permits the person
            // to do, are no grant from the person: `rights granted under this License`,
            // `unless you are otherwise permitted by us`.
            "granted under",
            "granted by this",
            "granted hereunder",
            "granted herein",
            "permitted by us",
            "our permission",
            "our prior written permission",
        ],
    },
    Pattern {
        spec: "royalty free|perpetual|irrevocable|sublicensable|sub licensable|worldwide…8license|licence|right|rights",
        says: LICENCE,
        guard: Guard::None,
        affirmative: false,
        unless: &["you are granted", "grants you", "we grant you", "granted to you"],
    },
    power(
        "use|using|display|store|host|reproduce|distribute|commercialize|commercially exploit|share|archive…6your content|your feedback|your name|your likeness|your photos|your images|your materials|your work|your submissions|feedback",
        LICENCE,
    ),
    power(
        "display|show|advertis*…6your website|your site|your blog|your profile",
        LICENCE,
    ),
    power("free to use", LICENCE),
    borne("license|licence…2content|that content|your content|it|them", LICENCE),
    p(
        "licensed to the public|licensed to others|licensed to other users|without compensation|without any compensation",
        LICENCE,
    ),
    Pattern {
        spec: "moral rights|without attribution",
        says: LICENCE,
        guard: Guard::None,
        affirmative: false,
        // Moral rights left out of a licence, or named among the rights a work carries.
        unless: &["not licensed", "retained by"],
    },
    // Rights in a work given up: CC0's `Affirmer hereby … waives, abandons, and surrenders all
    // of Affirmer's Copyright and Related Rights`, and the same asked of the person (`we've
    // waived all copyrights … we require that you do the same`).
    Pattern {
        spec: "waive*|waived|abandon*|surrender*|relinquish*…10copyright*",
        says: LICENCE,
        guard: Guard::None,
        affirmative: true,
        unless: &[],
    },
    p("waive…8policies|terms|conditions…8access", LICENCE),
    // The person's data or content trains the provider's models.
    p(
        "data|content*|code|prompts|inputs|suggestions…10be used for|be used to|use it to|use them to…6train*",
        LICENCE,
    ),
    borne(
        "agree to release your|agree to release any|agree to license|agree to licence",
        LICENCE,
    ),
    // The provider may make the person's name, brand or details public.
    power(
        "may|can|will…2publiciz*|publicis*|publicly disclose*|publicly display*",
        LICENCE,
    ),
    power(
        "may|can|will…4include|use|display|feature*|showcase*…6brand*|logo*|trademark*|likeness",
        LICENCE,
    ),
    // A right over the person's feedback or ideas said without a licence word: `may fully
    // exercise and exploit such Feedback`.
    power(
        "exploit|exploit*…4feedback|suggestions|ideas|submissions|contributions",
        LICENCE,
    ),
    // The person's contributions made public.
    Pattern {
        spec: "contribution*|recordings|submission*|your text…8publicly available|available to the public|available publicly",
        says: LICENCE,
        guard: Guard::None,
        affirmative: true,
        unless: &[],
    },
    // Publicity about the person: `may issue press releases … related to your participation`.
    power(
        "may|can|will…4issue|publish|make|release…4press release*|public announcement*|public communication*|publicity",
        LICENCE,
    ),
];

// Fees, penalties, no refunds
pub(crate) const EN_FEES: &[Pattern] = &[
    // Commercial use kept for a separate, written or paid licence: `If you plan to use the
    // Models … for Commercial Purposes, … complete the registration and obtain the license for
    // Commercial Purposes`.
    Pattern {
        spec: "commercial…30obtain*|apply for|register|registration|request a|written permission|written consent|written authori*|prior written|separate licen*|separate agreement|contact us",
        says: "reserves commercial use to a separate licence",
        guard: Guard::None,
        affirmative: true,
        unless: &["non commercial", "NEG…3requir*|need*|necessary"],
    },
    p(
        "commercial licen*|commercial authori*|licen* for commercial",
        "reserves commercial use to a separate licence",
    ),
    // Use above a scale kept for a licence the licensor may refuse: `If … the monthly active
    // users … is greater than 300 million …, You must request a license from Licensor`.
    p(
        "active users|users…40must request|must apply for|must obtain|request a licen*|apply for a licen*|obtain a licen*",
        "reserves commercial use to a separate licence",
    ),
    p(
        "non refundable|not refundable|no refund*|will not refund|not be refunded|no credits|without refund",
        "refuses refunds",
    ),
    borne(
        "pay|paying|responsible for…8fee*|charge*|tax*|taxes|payment*|pay",
        "makes the person pay",
    ),
    borne(
        "pay|paying…4balance|balances|amount due|amounts due",
        "makes the person pay",
    ),
    power(
        "bill*|charg*|invoic*…3you|your|account|card|interest|fees",
        "charges the person",
    ),
    // `OVHcloud reserves the right invoice or correct the invoicing at any time`.
    power("reserve*|right to…5invoic*|bill*|re-bill*|rebill*", "charges the person"),
    // `collect*` would read `collectively` (`arbitrator fees (collectively, the “Arbitration
    // Fees”)`): the forms of the verb are named.
    power(
        "collect|collects|collected|collecting|collection of|remit*…4tax*|taxes|vat|gst|sales tax|fees",
        "charges the person",
    ),
    p(
        "exclusive of…4tax*|taxes|vat|duties|levies",
        "makes the person pay taxes",
    ),
    p("NEG…1include*…12tax*|taxes", "makes the person pay taxes"),
    p("NEG…3entitled to…2refund*", "refuses refunds"),
    p("NEG…3issue|give|provide|offer|grant…2refund*", "refuses refunds"),
    p("NEG…3obligation to…5refund*|reimburse*", "refuses refunds"),
    // `The Client shall have no claim to any reimbursement`.
    p("NEG…3claim*|right*…3refund*|reimburse*", "refuses refunds"),
    power(
        "may|can|reserve*|right to…6change|increase|adjust|raise…4price*|fee*|pricing|rates",
        "lets prices change",
    ),
    p(
        "price*|pricing|fees…3subject to change|may change|will change|may increase",
        "lets prices change",
    ),
    Pattern {
        spec: "penalt*|liquidated damages|forfeit*|charge back|interest on",
        says: "imposes a penalty or forfeiture",
        guard: Guard::None,
        affirmative: false,
        // `"Taxes" means any tax … including interest or penalties thereon` defines, and charges
        // nothing.
        // Rights forfeited are a licence ended, not money (`an automatic forfeiture of all
        // licenses`).
        unless: &["perjury", "means", "forfeit*…4licen*|rights"],
    },
    // Royalties the licensor keeps the right to collect.
    p("reserve*…8collect*…4royalt*", "charges the person"),
    // Money owed to the person kept back, taken back or cut: `withhold or rescind Matching Fund
    // money`, `may be withheld by GitHub`, `3 % per transaction will be deducted`.
    p(
        "withhold*|withheld|rescind*|claw back|forfeit*…6money|fund*|payment*|payout*|earning*|amount*|proceeds|reward*",
        "keeps back money owed to the person",
    ),
    p(
        "may be withheld|will be withheld|be withheld by|are withheld|is withheld",
        "keeps back money owed to the person",
    ),
    power(
        "disable|disables|suspend|suspends|stop|pause|hold…2payout*|payments to you|your payments",
        "keeps back money owed to the person",
    ),
    p(
        "deducted from|deduct from|deducts from…3your|account|accounts|earning*|payout*|payment*|balance|proceeds",
        "deducts a fee",
    ),
    p("deduct|deducts|deducting…6fee*|commission*|charge*", "deducts a fee"),
    // Money converted at the provider's rates.
    p(
        "conversion rate*|exchange rate*",
        "converts the person's money at the provider's rates",
    ),
    // Renewal that stops when the person cancels is the person's right, not a charge.
    Pattern {
        spec: "automatically renew*|auto renew*|auto renewal",
        says: "renews and charges automatically",
        guard: Guard::None,
        affirmative: false,
        unless: &["renewal will stop", "renewal stops", "stop auto*", "turn off auto*"],
    },
    p(
        "subscription*…6annual basis|monthly basis|yearly basis",
        "charges the person",
    ),
    p(
        "billed|charged|priced|metered…3advance|monthly|annually|yearly|based on|usage|per",
        "charges the person",
    ),
    Pattern {
        spec: "are billed|is billed|be billed|are charged|be charged|will be charged",
        says: "charges the person",
        guard: Guard::None,
        affirmative: false,
        // `the party to be charged with such waiver`: charged with an act, not a price.
        unless: &["charged with"],
    },
    borne(
        "need to pay|must pay|have to pay|required to pay|agree to pay|pay in advance",
        "makes the person pay",
    ),
    p("NEG…4prorat*|pro rate*", "refuses refunds"),
    power(
        "remit*|retain*|keep*|deduct*…8sale price|sales price|revenue*|proceeds",
        "takes a share of the person's sales",
    ),
    g(
        "NEG…1obligation to…3pay|payment",
        "withholds payment",
        Guard::NotPerson,
    ),
];
