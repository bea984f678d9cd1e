//! The English phrases of each kind but the law, the forum, licences and fees (those are in
//! `en_forum.rs` and `en_takes.rs`).

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
        // `this limitation does not apply to any liability that …`: a carve-out (a policy that
        // does not apply to what the provider then disclaims is none).
        unless: &["limitation*|exclusion*|disclaimer*|section*|paragraph|foregoing|above|this…4NEG…1apply|applies…3to"],
    },
    // `Neither we nor any of our affiliates or licensors will be responsible for …`: the
    // negation opens a list of who is excused, longer than the four words above allow.
    Pattern {
        spec: "neither…12liable|liability|responsible|responsibility|accountable",
        says: EXCLUDES,
        guard: Guard::NotPerson,
        affirmative: false,
        unless: &[],
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
        // Sections named as the ones that outlive the agreement (`Section 4, "Disclaimer …," …
        // remain in effect after the termination`) disclaim nothing themselves.
        unless: &[
            "surviv*",
            "disclaimer of warranties",
            "continue to apply",
            "remain* in effect|remain* in force|remain* effective|continue* in effect",
        ],
    },
    Pattern {
        spec: "NEG…8warrant*|guarantee*|represent|representation*|promise*|assurance*|commitment*",
        says: DISCLAIMS,
        guard: Guard::NotPerson,
        affirmative: false,
        // An entire-agreement clause (`There are no understandings, agreements or
        // representations … not specified here`) leaves out what is not written; it disclaims
        // nothing the agreement gives.
        unless: &["surviv*", "not specified here", "entire agreement"],
    },
    Pattern {
        spec: "NEG…10defend|indemnif*|protect you",
        says: "declines to defend or indemnify the person",
        guard: Guard::NotPerson,
        affirmative: false,
        unless: &["NEG…1apply|applies…3to"],
    },
    Pattern {
        spec: "release*|waive*|discharge*…8claim*|liabilit*|demand*|right to sue|warrant*|representation*",
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
        // `does not replace Your obligations` keeps the person's duties.
        unless: &["pay", "payment*", "refund*", "reimburse*", "replace"],
    },
    p("beyond our|beyond its…2control", EXCLUDES),
    // A disclaimer said as what the provider cannot do: `this project cannot verify its
    // accuracy`, `we are unable to ensure the reliability of third-party content`.
    g(
        "cannot|can not|unable to|not able to…3verify|ensure|confirm|check|vouch for|control…8accura*|reliab*|complete*|correct*|legal*|lawful*|valid*|safety|security|quality|content*|availability",
        DISCLAIMS,
        Guard::NotPerson,
    ),
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
    // The person named as the one responsible: `is the responsibility of users`.
    p(
        "responsibility of…2you|user|users|licensee|licensees|customer|customers|member|members",
        "makes the person responsible",
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
        "assume*|bear|bears|shoulder*|accept|accepts…4risk*|responsibilit*|liabilit*|loss*|cost*|consequence*|expense*",
        "makes the person bear losses or liability",
    ),
    // The person's second verb, after a long first one: `You must comply with … Personal
    // Information that may be contained in the … Models and assume the associated legal
    // responsibilities`. The subject is the person's, whatever names stand in between.
    Pattern {
        spec: "you…40and…4assume*|bear|bears|accept|shoulder*…4risk*|responsibilit*|liabilit*|consequence*|loss*",
        says: "makes the person bear losses or liability",
        guard: Guard::None,
        affirmative: true,
        unless: &["we assume|we bear|we accept"],
    },
    // What the person makes or posts is the person's to answer for: `You are responsible for
    // the content that you make available`, `You are accountable for the Output you generate`.
    borne(
        "responsible|liable|accountable…2for…1content|output|outputs|material|materials|information|data|submissions|posts",
        "makes the person responsible for what they make or post",
    ),
    // `You shall defend <the provider> against any claim, demand, suit or proceeding`.
    Pattern {
        spec: "defend…12against…4claim*|demand*|suit*|action*|proceeding*",
        says: "makes the person indemnify the provider",
        guard: Guard::NotProvider,
        affirmative: true,
        unless: &[],
    },
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
    // The verb a modal governs, not a gerund in a list of what the person may do (`Use may
    // include … finetuning, updating … the Model`); and a definition (`“Model Derivatives” shall
    // mean all: (i) modifications to the Model`) gives no power.
    power_but(
        "may|can|reserve*|right to|shall|might…10change|changes|changed|modify|modifies|modified|modification|modifications|amend|amends|amended|amending|update|updates|updated|revise|revises|revised|revision*|alter|alters|altered|discontinu*|replace…8terms|agreement|service*|sla|policy|policies|software|program*|feature*|price*|pricing|rules|these|this|it|them|website|site|product*|preview*|offering*|benefit*|fee*|plan*|api|functionality|technolog*|list|guidelines|platform*|instance*|server*|app|apps|application*|model|models|materials",
        CHANGES,
        &["shall mean|shall have the meaning|is defined as|are defined as"],
    ),
    p(
        "subject to change|subject to update*|subject to revision*|subject to modification*|subject to amendment*|changed at any time|change at any time|changes at any time",
        CHANGES,
    ),
    // The provider's own act of changing the terms, said as a fact: `Whenever we make changes
    // to these Terms, the changes are effective six weeks after we post them`.
    power(
        "make|makes|post|posts|publish*|introduce*…3change*|modification*|revision*|update*|amendment*…3to…3terms|agreement|policy|policies|service|services",
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
    // The terms or the service changed, said in the passive: `These Terms may be modified at
    // any time`.
    Pattern {
        spec: "terms|agreement|policy|policies|license|licence|service|services|features|prices…4may|can|will|shall|might…3be…2changed|modified|updated|revised|amended|altered|discontinued",
        says: CHANGES,
        guard: Guard::None,
        affirmative: true,
        // Changes only both parties sign (`may only be modified by a written amendment signed
        // by …`), another agreement's changes (`as the same may be modified`) and a definition's
        // list (`This list of features … may be updated`) are none.
        unless: &["only", "written amendment", "signed by", "as the same", "this list|the list"],
    },
    // The terms changed with no word to the person: `If the agreement is updated, you will not
    // be notified separately`, `these terms may be revised without notice`.
    p(
        "agreement|terms|policy|policies|conditions|license|licence…6updat*|chang*|modif*|revis*|amend*…10NEG…3notif*|notice|informed|told",
        "changes the terms without telling the person",
    ),
    // The provider keeps the last word on what the terms mean (`the right of final
    // interpretation`): it can read them as it chooses.
    power(
        "final interpretation|right of interpretation|right to interpret|final right to interpret",
        "keeps the final word on what the terms mean",
    ),
    p(
        "latest terms|latest version of|most recent version of|then current version",
        "binds the person to the terms as they stand when they change",
    ),
];

/// A licence the person grants the provider may be revocable too: that is the person's right.
const REVOCABLE_UNLESS: &[&str] = &[
    "non revocable",
    "not revocable",
    "you grant|you hereby grant|grant us|grants us|grant to us|grant github|grants github",
];

// Unilateral suspension or termination
pub(crate) const EN_TERMINATION: &[Pattern] = &[
    Pattern {
        spec: "may|can|will|reserve*|retain*|right to|the right|shall|might…12suspend*|terminat*|cancel*|disabl*|discontinu*|freez*|lock*|ban|block*|deactivat*|restrict*|limit|close|refuse|deny|withdraw|revok*|prohibit|remove you|expel*|hid*…8account*|access|service*|participation|use|you|membership|agreement|order*|login|subscription*|it|anyone|event*|program*|product*|functionality|transaction*|benefit*|availability|platform*|instance*|server*|model|models|materials",
        says: ENDS,
        guard: Guard::NotPerson,
        affirmative: true,
        // Rights restored after they ended are no termination: `Where Your right to use the
        // Licensed Material has terminated …, it reinstates`. Nor is what a law elsewhere does:
        // `Some jurisdictions may prohibit a disclaimer of warranties and you may have other rights`.
        unless: &["surviv*", "reinstat*", "some jurisdictions", "some states"],
    },
    power(
        "terminat*|suspen*|cancel*|discontinu*|end…8without notice|without prior notice|at any time|for any reason|with or without cause|at our discretion|at its discretion|in its discretion|at the discretion|decision is final",
        ENDS,
    ),
    p("refuse service|deny service|right to refuse service|right to deny service", ENDS),
    // `This license automatically terminates if you fail to comply`.
    p(
        "licen*|agreement|access|rights…4automatically terminat*|terminates automatically|terminate automatically|automatically end*|automatically cease*",
        ENDS,
    ),
    p(
        "result in|results in|lead to|leads to…6suspension|termination|ban|removal|disabling",
        ENDS,
    ),
    // The person's licence or rights ending on what the person does: `If You commence a
    // lawsuit … against Us …, then all licenses granted to You under this Agreement shall
    // terminate`, `it will be considered an automatic forfeiture of all licenses`.
    p(
        "if|should|where…2you|licensee|user|users…60licen*|rights|permission*…10shall|will|automatically|immediately…2terminat*|cease|lapse",
        ENDS,
    ),
    p("forfeit*…4licen*|rights|right to use", ENDS),
    // People the provider may shut out: `we reserve the right to block any users who …`.
    power(
        "may|can|will|reserve*|right to…6block|ban|suspend|expel|remove…2any|the|those|such…1users|members|participants",
        ENDS,
    ),
    // A suspension at the end of a list of what a breach leads to: `may result in removing the
    // Extension from the Platform, token revocation, Account or Extension suspension`.
    p(
        "result in|results in|lead to|leads to…14suspension|termination|ban",
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
    // `Accounts that … impersonate other people … can be deleted without warning`.
    p(
        "account|accounts|membership*…20can|may|will…2be…2deleted|suspended|terminated|banned|closed|disabled…3without warning|without notice|without prior notice|at any time",
        ENDS,
    ),
    // The person's account or access ended, said in the passive: `your account may be
    // suspended`, `this license may be revoked`.
    Pattern {
        spec: "account|accounts|access|membership|subscription*|license|licence|rights|participation…6may|can|will|shall|might…3be…3suspended|terminated|disabled|banned|closed|deactivated|revoked|restricted|blocked|deleted",
        says: ENDS,
        guard: Guard::None,
        affirmative: true,
        unless: &["by you", "you may cancel", "you can cancel"],
    },
    // A sanction named as a noun, as a code of conduct lists them (`Consequence: A temporary ban
    // from any sort of interaction`).
    power(
        "temporary ban|permanent ban|temporary suspension|permanent suspension|banned from|ban from",
        ENDS,
    ),
    // A licence the licensor may take back: `grants you a non-exclusive, … revocable … license`
    // (the word `revocable` alone; `irrevocable` is another word).
    Pattern {
        spec: "revocable|revokable…12licen*|right|rights|permission|access",
        says: "lets the provider revoke the person's licence",
        guard: Guard::None,
        affirmative: true,
        unless: REVOCABLE_UNLESS,
    },
    Pattern {
        spec: "licen*|right|rights|permission…6revocable|revokable",
        says: "lets the provider revoke the person's licence",
        guard: Guard::None,
        affirmative: true,
        unless: REVOCABLE_UNLESS,
    },
    // Access denied, as one of the powers a list gives (`We reserve the right … to: … (3) deny
    // access to the Instance … to anyone who violates these Terms`).
    power(
        "deny|denying|refuse|refusing|bar|barring…2access|you access|your access",
        ENDS,
    ),
];

// Removal of the person's content or data
pub(crate) const EN_REMOVAL: &[Pattern] = &[
    Pattern {
        spec: "may|can|will|reserve*|retain*|right to|the right|shall|might…14remov*|delet*|purg*|eras*|recycl*|reclaim*…8content*|data|files|information|repositor*|account*|material*|username*|posts|it|them|address*|name*|website*|site|sites|blog*|listing*|subdomain*|url*|extension*|comments|commits|contributions|edits|issues|submissions|messages",
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
    p(
        "account|accounts|content|posts|comments…20can|may|will…2be…2deleted|removed|hidden|taken down…3without warning|without notice|without prior notice|at any time",
        REMOVES,
    ),
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
    // The removal of infringing or offending material, named as a noun: `procedures … regarding
    // … the removal of or disabling access to infringing material`.
    power(
        "removal of|disabling of|disabling access to…6infringing|offending|violating|unlawful|illegal…3material*|content*",
        REMOVES,
    ),
    // A list item whose subject an earlier item named: `remove the Listing from Marketplace`.
    power(
        "remove|delete|disable|block…2the|any|such|your…2listing*|extension*|repositor*|subdomain*|username*",
        REMOVES,
    ),
];

// Contract by using
pub(crate) const EN_BY_USING: &[Pattern] = &[
    // The agreement in force on use: `This Agreement is effective when you click to accept it,
    // use or access the Services`.
    p(
        "effective|binding|in force…3when|once|upon|as soon as…2you…8use|using|access*|visit*",
        BY_USING,
    ),
    p(
        "by…2access*|using|use|exercising|participat*|rsvp*|regist*|click*|visit*|download*|install*|continuing|signing|creating|submitting|attending|entering|joining|activating…24agree*|accept*|consent*|bound|deemed",
        BY_USING,
    ),
    p(
        "continued|continue|continuing…3use|using|participation|participating…14constitute*|agree*|accept*|subject to|deemed|bound|binding|consent*",
        BY_USING,
    ),
    p(
        "use|using|participation|installation…8constitute|constitutes|operates as|signify|signifies|indicates|means…8accept*|consent*|agree*|bound",
        BY_USING,
    ),
    p(
        "when|if|once…2you…3click*|press*|select*|check*|use|access*|regist*|sign*|enrol*|join*|attend*|participat*…16you accept|you are agreeing|agree to be bound|you are bound|you agree to these|you agree to this|you agree to follow|you agree to comply|you agree to abide",
        BY_USING,
    ),
    // What the person acknowledges on using binds when it is a term (`When you use any of
    // 37signals’ Services, you acknowledge that you may not:`), not when it is a fact about them
    // (`When you use … Models, you acknowledge that you are the data processing entity`).
    p(
        "when|if|once…2you…3click*|press*|select*|check*|use|access*|regist*|sign*|enrol*|join*|attend*|participat*…16you acknowledge…4may not|must|will not|shall not|agree|have read",
        BY_USING,
    ),
];
