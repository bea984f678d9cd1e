//! The English phrases of each kind.

use super::*;

// Liability: limitation (caps, excluded types of damage, a sole remedy)
pub(crate) const EN_LIMITATION: &[Pattern] = &[
    p(
        "liab*|damages|compensation|recovery…8NEG…2exceed*",
        "caps liability",
    ),
    p("not to exceed|shall not exceed|will not exceed", "caps liability"),
    p(
        "maximum|aggregate|total|cumulative|entire…2liability|liable",
        "caps liability",
    ),
    p(
        "liab*…6limited to|capped at|limit of|up to",
        "caps liability",
    ),
    p("full limit of|limit of our|limit of its|limits our", "caps liability"),
    p(
        "indirect|incidental|consequential|special|exemplary|punitive…3damage*|loss*|harm",
        "excludes types of damage",
    ),
    p(
        "loss of profit*|lost profit*|loss of goodwill|loss of revenue*|loss of business|loss of use",
        "excludes types of damage",
    ),
    p(
        "only liable|liable only|only responsible|responsible only|sole and exclusive remedy|sole remedy|exclusive remedy|only remedy",
        "narrows liability to what it names",
    ),
    // The provider's only duty, or the person's only recourse: `Stripe's sole obligation will
    // be to …`, `your only recourse is to cease using`.
    p(
        "sole obligation|sole obligations|only obligation|only obligations|entire obligation|exclusive obligation|sole recourse|only recourse|exclusive recourse",
        "narrows liability to what it names",
    ),
];

// Liability: exemption (exclusions, disclaimers, waivers)
pub(crate) const EN_EXEMPTION: &[Pattern] = &[
    Pattern {
        spec: "NEG…4liable|liability|liabilities|responsible|responsibility|accountable",
        says: EXCLUDES,
        guard: Guard::NotPerson,
        affirmative: false,
        // `this limitation does not apply to any liability that …`: a carve-out.
        unless: &["NEG…1apply|applies…3to"],
    },
    Pattern {
        spec: "in no event|under no circumstances|in no case",
        says: EXCLUDES,
        guard: Guard::None,
        affirmative: false,
        unless: &["less than", "degree of care"],
    },
    p("as is|as available|with all faults", DISCLAIMS),
    Pattern {
        spec: "disclaim*",
        says: DISCLAIMS,
        guard: Guard::None,
        affirmative: false,
        unless: &["surviv*", "disclaimer of warranties", "continue to apply"],
    },
    Pattern {
        spec: "NEG…8warrant*|guarantee*|represent|representation*|promise*|assurance*|commitment*",
        says: DISCLAIMS,
        guard: Guard::NotPerson,
        affirmative: false,
        unless: &["surviv*"],
    },
    Pattern {
        spec: "NEG…10defend|indemnif*|protect you",
        says: "declines to defend or indemnify the person",
        guard: Guard::NotPerson,
        affirmative: false,
        unless: &["NEG…1apply|applies…3to"],
    },
    Pattern {
        spec: "release*|waive*|discharge*…8claim*|liabilit*|demand*|right to sue",
        says: WAIVES,
        guard: Guard::NotProvider,
        affirmative: false,
        unless: &["settle*"],
    },
    Pattern {
        spec: "NEG…2obligat*|obliged",
        says: "disclaims an obligation",
        guard: Guard::NotPerson,
        affirmative: false,
        unless: &["pay", "payment*", "refund*", "reimburse*"],
    },
    p("beyond our|beyond its…2control", EXCLUDES),
    g("NEG…2involved|a party to", EXCLUDES, Guard::NotPerson),
    p("look solely to|look only to", EXCLUDES),
    // Claims sent to someone else: `disputes … must be resolved directly with Stripe`.
    p(
        "resolved directly with|settled directly with|handled directly with|directly between you and",
        EXCLUDES,
    ),
    // `You must direct any billing and refund inquiries … to Apple or Google`.
    Pattern {
        spec: "must direct|should direct|need to direct|will need to direct…8inquiries|claims|complaints|disputes|questions|requests…6to",
        says: EXCLUDES,
        guard: Guard::None,
        affirmative: false,
        unless: &["to us", "to mozilla", "to github"],
    },
    g(
        "covenant not to sue|agree not to sue|agrees not to sue",
        WAIVES,
        Guard::NotProvider,
    ),
];

// Burdens shifted to the person
pub(crate) const EN_BURDEN: &[Pattern] = &[
    Pattern {
        spec: "indemnif*",
        says: "makes the person indemnify the provider",
        guard: Guard::NotProvider,
        affirmative: true,
        // `Mozilla and the Indemnified Parties will not be liable`: a defined term; `Section 13
        // (Indemnification) survives`: a section named, not a clause.
        unless: &[
            "NEG…6defend|indemnif*",
            "indemnified parties|indemnified party",
            "surviv*",
            "continue to apply",
        ],
    },
    Pattern {
        spec: "hold…3harmless",
        says: "makes the person indemnify the provider",
        guard: Guard::NotProvider,
        affirmative: true,
        unless: &[],
    },
    Pattern {
        spec: "defend…3us|github|automattic|company",
        says: "makes the person indemnify the provider",
        guard: Guard::NotProvider,
        affirmative: true,
        unless: &[],
    },
    p(
        "at…2own risk|sole risk|own expense|sole expense|own cost|sole cost",
        "puts the risk on the person",
    ),
    p("own risk|sole risk|risk of loss", "puts the risk on the person"),
    p("your own|your sole…3risk", "puts the risk on the person"),
    p(
        "your sole responsibility|your own responsibility",
        "makes the person solely responsible",
    ),
    Pattern {
        spec: "solely|fully|entirely|wholly|exclusively|ultimately|personally|alone…2responsible|liable|accountable",
        says: "makes the person solely responsible",
        guard: Guard::NotProvider,
        affirmative: true,
        unless: &[],
    },
    Pattern {
        spec: "responsible|liable…2for…0all|any|those|these|such|your*|the conduct|the actions|the acts|the consequences|losses|damages|your use|your content|your conduct|your actions|the activity|activity|activities",
        says: "makes the person responsible for all that happens",
        guard: Guard::Person,
        affirmative: true,
        unless: &["fee", "fees", "tax*", "charge", "charges", "payment", "payments"],
    },
    borne(
        "assume*|bear|bears|shoulder*…4risk*|responsibilit*|liabilit*|loss*|cost*|consequence*|expense*",
        "makes the person bear losses or liability",
    ),
    borne(
        "responsible for…4security|safeguarding|confidentiality|precaution*|protect*",
        "makes the person bear the losses of a lapse in security",
    ),
    borne(
        "responsible and liable|liable and responsible|responsible to us|liable to us",
        "makes the person answer for what happens",
    ),
    borne(
        "consider|deem…2responsible",
        "makes the person responsible",
    ),
    // What happens through the person's account: `responsible for keeping your password
    // confidential and for the activity that happens through your account`.
    borne(
        "responsible|liable|responsibility…14activity|activities|occurs under|happens through|happens under",
        "makes the person responsible for all that happens",
    ),
    // `Developer will be liable to GitHub for actual damages`, `Developer is liable for onward
    // transfers`: the person's own liability, said in so many words.
    borne(
        "is liable|are liable|will be liable|shall be liable|be held liable",
        "makes the person liable",
    ),
];

// Unilateral change of the terms or the service
pub(crate) const EN_CHANGE: &[Pattern] = &[
    power(
        "may|can|reserve*|right to|shall|might…10change|changes|changed|changing|modif*|amend|amends|amended|amending|updat*|revis*|alter|alters|altered|discontinu*|replace…8terms|agreement|service*|sla|policy|policies|software|program*|feature*|price*|pricing|rules|these|this|it|them|website|site|product*|preview*|offering*|benefit*|fee*|plan*|api|functionality|technolog*|list|guidelines",
        CHANGES,
    ),
    p(
        "subject to change|changed at any time|change at any time|changes at any time",
        CHANGES,
    ),
    power("from time to time…4modify|change|update|amend", CHANGES),
    p(
        "continued|continue|continuing…3use|using|participation|participating…14constitute*|agree*|accept*|subject to|deemed|bound|binding|consent*",
        "makes continued use accept the changed terms",
    ),
    power(
        "automatically upgrade|automatically update*|install automatic updates|automatic updates",
        CHANGES,
    ),
    p("posting…4revised version", CHANGES),
    p(
        "latest terms|latest version of|most recent version of|then current version",
        "binds the person to the terms as they stand when they change",
    ),
];

// Unilateral suspension or termination
pub(crate) const EN_TERMINATION: &[Pattern] = &[
    Pattern {
        spec: "may|can|will|reserve*|retain*|right to|the right|shall|might…12suspend*|terminat*|cancel*|disabl*|discontinu*|freez*|lock*|ban|block*|deactivat*|restrict*|limit|close|refuse|deny|withdraw|revok*|prohibit|remove you|expel*|hid*…8account*|access|service*|participation|use|you|membership|agreement|order*|login|subscription*|it|anyone|event*|program*|product*|functionality|transaction*|benefit*|availability",
        says: ENDS,
        guard: Guard::NotPerson,
        affirmative: true,
        unless: &["surviv*"],
    },
    power(
        "terminat*|suspen*|cancel*|discontinu*|end…8without notice|without prior notice|at any time|for any reason|with or without cause|at our discretion|at its discretion|in its discretion|at the discretion|decision is final",
        ENDS,
    ),
    p("refuse service|deny service|right to refuse service|right to deny service", ENDS),
    // `This license automatically terminates if you fail to comply`.
    p(
        "licen*|agreement|access|rights…4automatically terminat*|terminates automatically|automatically end*|automatically cease*",
        ENDS,
    ),
    p(
        "result in|results in|lead to|leads to…6suspension|termination|ban|removal|disabling",
        ENDS,
    ),
    // Appeals or reports no longer heard: `We may stop processing appeals for up to 6 months`.
    power(
        "stop processing|stop accepting|cease processing|cease accepting…4appeals|reports|requests|submissions",
        ENDS,
    ),
    // Privileges taken away: `the revocation of reporting privileges`.
    power("revocation of|revoke|revokes|revoking…4privilege*", ENDS),
    // A sanction named without a modal, as an item of what a breach leads to: `suspending the
    // account`.
    power(
        "suspend|suspends|suspending|terminate|terminates|terminating|deactivate|deactivating…1the account|the accounts|user account*|an account",
        ENDS,
    ),
    power(
        "terminat*|suspen*…3the accounts|accounts of|account of",
        ENDS,
    ),
    power("use|participation|access…6will end|ends|shall end", ENDS),
    power(
        "may|can|will|reserve*|right to|shall|might…10delet*|eras*|purg*…2account*",
        ENDS,
    ),
    power("expulsion from|expelled from", ENDS),
];

// Removal of the person's content or data
pub(crate) const EN_REMOVAL: &[Pattern] = &[
    Pattern {
        spec: "may|can|will|reserve*|retain*|right to|the right|shall|might…14remov*|delet*|purg*|eras*|recycl*|reclaim*…8content*|data|files|information|repositor*|account*|material*|username*|posts|it|them|address*|name*|website*|site|sites|blog*|listing*|subdomain*|url*|extension*",
        says: REMOVES,
        guard: Guard::NotPerson,
        affirmative: true,
        unless: &["by clicking", "corrupt*"],
    },
    // Refusing or disabling an account is suspending it; content is removed, blocked, hidden.
    Pattern {
        spec: "may|can|will|reserve*|right to|shall|might|need to…14refus*|disabl*|take down|releas*|block*|hid*|withh*…8content*|data|files|information|repositor*|material*|posts|website*|site|sites|blog*|username*|listing*|extension*",
        says: REMOVES,
        guard: Guard::NotPerson,
        affirmative: true,
        unless: &["by clicking", "press release*"],
    },
    Pattern {
        spec: "content*|data|files|address*|username*|repositor*|emails|messages|attachments|recordings…8be|been|are|is…2deleted|removed|recycled|purged|erased",
        says: REMOVES,
        guard: Guard::None,
        affirmative: true,
        // `you bear … the risk that your content is deleted`: a burden, not a power.
        unless: &["you can", "by clicking", "risk that", "risk of"],
    },
    power("permanently delete*|permanently remove*", REMOVES),
    // Content kept from view rather than deleted: `Downgrading the visibility of the offending
    // content`.
    power(
        "may|can|will|might…14downgrad*|demot*|reduc*|limit*…4visibility|reach|ranking",
        REMOVES,
    ),
    // No duty to keep the person's data: `we will have no obligation to save any such data`.
    p(
        "NEG…2obligation to…4save|store|retain|keep|maintain|preserve",
        REMOVES,
    ),
    // A takedown, or a removal a breach leads to, named as a noun: `may result in … removal
    // from Marketplace`, `disabling of repositories`, `Takedowns`.
    power(
        "result in|results in|lead to|leads to…25removal|deletion|disabling of|takedown*|take down",
        REMOVES,
    ),
    power("may|can|will…3take action|take steps|act…12takedown*", REMOVES),
    // A list item whose subject an earlier item named: `remove the Listing from Marketplace`.
    power(
        "remove|delete|disable|block…2the|any|such|your…2listing*|extension*|repositor*|subdomain*|username*",
        REMOVES,
    ),
];

// Contract by using
pub(crate) const EN_BY_USING: &[Pattern] = &[
    p(
        "by…2access*|using|use|participat*|rsvp*|regist*|click*|visit*|download*|install*|continuing|signing|creating|submitting|attending|entering|joining|activating…24agree*|accept*|consent*|bound|deemed",
        BY_USING,
    ),
    p(
        "continued|continue|continuing…3use|using|participation|participating…14constitute*|agree*|accept*|subject to|deemed|bound|binding|consent*",
        BY_USING,
    ),
    p(
        "use|using|participation|installation…8constitutes|operates as|signifies|indicates|means…4acceptance|consent|agreement|you agree|you accept",
        BY_USING,
    ),
    p(
        "when|if|once…2you…3click*|press*|select*|check*|use|access*|regist*|sign*|enrol*|join*|attend*|participat*…16you accept|you are agreeing|agree to be bound|you are bound|you agree to these|you agree to this|you agree to follow|you agree to comply|you agree to abide",
        BY_USING,
    ),
];

// Choice of law
pub(crate) const EN_LAW: &[Pattern] = &[
    p(
        "governed|governs|construed|interpreted|enforced…8law|laws",
        LAW,
    ),
    Pattern {
        spec: "governing law|choice of law|laws of the state|law of the state",
        says: LAW,
        guard: Guard::None,
        affirmative: false,
        // `Sections 17.1 (Governing Law) … survive`, `see this section for … our choice of
        // law`: a section named.
        unless: &["surviv*", "see this section", "please see"],
    },
    p("law|laws…3govern|governs|will govern", LAW),
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
];

// Licences over the person's content
pub(crate) const EN_LICENCE: &[Pattern] = &[
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
    p("moral rights|without attribution", LICENCE),
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
    p(
        "non refundable|not refundable|no refund*|will not refund|not be refunded|no credits|without refund",
        "refuses refunds",
    ),
    borne(
        "pay|paying|responsible for…8fee*|charge*|tax*|taxes|payment*|pay",
        "makes the person pay",
    ),
    power(
        "bill*|charg*|invoic*…3you|your|account|card|interest|fees",
        "charges the person",
    ),
    power(
        "collect*|remit*…4tax*|taxes|vat|gst|sales tax|fees",
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
        unless: &["perjury"],
    },
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
    p(
        "are billed|is billed|be billed|are charged|be charged|will be charged",
        "charges the person",
    ),
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
