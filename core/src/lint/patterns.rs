//! The phrases of each kind of clause, in English and in Chinese, in the notation of
//! [`super::engine`]. Each says, in a finding's words, what a clause that matches does.
//!
//! They were written from what the kinds are (the liability a provider excludes or limits, the
//! burdens it shifts, the powers it keeps, the forum and the law it chooses, what it takes or
//! charges) and tuned on the development part of `tests/lint_corpus/`; `cargo test --test
//! lint_corpus` measures them on both parts.

use super::engine::{Guard, Pattern};

const fn p(spec: &'static str, says: &'static str) -> Pattern {
    Pattern {
        spec,
        says,
        guard: Guard::None,
        affirmative: false,
        unless: &[],
    }
}

const fn g(spec: &'static str, says: &'static str, guard: Guard) -> Pattern {
    Pattern {
        spec,
        says,
        guard,
        affirmative: false,
        unless: &[],
    }
}

/// A power the provider keeps: the subject is not the person and nothing negates it.
const fn power(spec: &'static str, says: &'static str) -> Pattern {
    Pattern {
        spec,
        says,
        guard: Guard::NotPerson,
        affirmative: true,
        unless: &[],
    }
}

/// A burden the person takes: the subject is the person and nothing negates it.
const fn borne(spec: &'static str, says: &'static str) -> Pattern {
    Pattern {
        spec,
        says,
        guard: Guard::Person,
        affirmative: true,
        unless: &[],
    }
}

const EXCLUDES: &str = "excludes the provider's liability";
const DISCLAIMS: &str = "disclaims warranties";
const WAIVES: &str = "waives the person's claims against the provider";

// ---- Liability: limitation (caps, excluded types of damage, a sole remedy) ----

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
];

pub(crate) const ZH_LIMITATION: &[Pattern] = &[
    p("赔偿|责任|损失…不超过|为限|上限|最高", "caps liability"),
    p("累计|总额…不超过", "caps liability"),
    p("以…为限", "caps liability"),
    p("责任上限|赔偿上限", "caps liability"),
    p("责任…有限", "caps liability"),
    p(
        "间接|附带|后果性|惩罚性|惩戒性|特殊|偶然…4损失|损害|赔偿",
        "excludes types of damage",
    ),
    p(
        "利润损失|预期利益|商誉|收入损失",
        "excludes types of damage",
    ),
    p("利润…损失", "excludes types of damage"),
    p("唯一…补救", "narrows liability to what it names"),
    p("排他性补救|唯一救济", "narrows liability to what it names"),
];

// ---- Liability: exemption (exclusions, disclaimers, waivers) ----

pub(crate) const EN_EXEMPTION: &[Pattern] = &[
    g(
        "NEG…4liable|liability|liabilities|responsible|responsibility|accountable",
        EXCLUDES,
        Guard::NotPerson,
    ),
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
        unless: &["surviv*", "disclaimer of warranties"],
    },
    Pattern {
        spec: "NEG…5warrant*|guarantee*|representation*|promise*|assurance*|commitment*",
        says: DISCLAIMS,
        guard: Guard::NotPerson,
        affirmative: false,
        unless: &["surviv*"],
    },
    g(
        "NEG…12defend|indemnif*|protect you",
        "declines to defend or indemnify the person",
        Guard::NotPerson,
    ),
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
        unless: &["pay", "payment*"],
    },
    p("beyond our|beyond its…2control", EXCLUDES),
    p("not be involved", EXCLUDES),
];

pub(crate) const ZH_EXEMPTION: &[Pattern] = &[
    p(
        "不承担|不负责|概不负责|不负任何|不负有|不予负责|不予赔偿|不赔偿|无须赔偿|无需赔偿|无须承担|无需承担|免于承担|不承担任何",
        EXCLUDES,
    ),
    p("不对…承担|负责|负有|赔偿", EXCLUDES),
    p("不为…负责|承担", EXCLUDES),
    p("对…不承担|不负责|不负|概不负责|概不承担", EXCLUDES),
    p("均不…承担|负责", EXCLUDES),
    p("无须|无需…承担|赔偿|负责", EXCLUDES),
    Pattern {
        spec: "免除…责任",
        says: EXCLUDES,
        guard: Guard::None,
        affirmative: false,
        unless: &["条款", "特别是"],
    },
    Pattern {
        spec: "免责",
        says: EXCLUDES,
        guard: Guard::None,
        affirmative: false,
        unless: &["免责声明", "免责条款", "免责或限责条款", "特别是"],
    },
    p("不会|不…60为您提供…辩护|赔偿|保护", "declines to defend or indemnify the person"),
    p("后果|责任|损失|纠纷…与…无关", EXCLUDES),
    p("不保证|不担保|无法保证|不能保证|不承诺|并不保证", DISCLAIMS),
    p("不作…保证|担保|承诺", DISCLAIMS),
    p("不提供…担保|保证|服务级别|SLA", DISCLAIMS),
    p("不对…作…保证|担保", DISCLAIMS),
    p("现状|原样|As-Is|as is", DISCLAIMS),
    p("不可抗力", "excludes liability for force majeure"),
    p("没有义务|无义务", "disclaims an obligation"),
    p("不…负有…义务", "disclaims an obligation"),
    p("无法控制|不能控制", EXCLUDES),
    p("不构成…建议", "disclaims reliance on what it provides"),
    g("放弃|免除|解除…索赔|追究|起诉", WAIVES, Guard::NotProvider),
    g("不起诉", WAIVES, Guard::NotProvider),
    g("不会…追究", WAIVES, Guard::NotProvider),
];

// ---- Burdens shifted to the person ----

pub(crate) const EN_BURDEN: &[Pattern] = &[
    Pattern {
        spec: "indemnif*",
        says: "makes the person indemnify the provider",
        guard: Guard::NotProvider,
        affirmative: true,
        unless: &["NEG…12defend|indemnif*"],
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
    Pattern {
        spec: "solely|fully|entirely|wholly|exclusively|ultimately|personally|alone…2responsible|liable|accountable",
        says: "makes the person solely responsible",
        guard: Guard::NotProvider,
        affirmative: true,
        unless: &[],
    },
    Pattern {
        spec: "responsible|liable…2for…2all|any|the conduct|the actions|the acts|the consequences|losses|damages|your use|your content|your conduct|your actions",
        says: "makes the person responsible for all that happens",
        guard: Guard::Person,
        affirmative: true,
        unless: &["fee*", "tax*", "charge*", "payment*"],
    },
    borne(
        "assume*|bear|bears|shoulder*…4risk*|responsibilit*|liabilit*|loss*|cost*|consequence*|expense*",
        "makes the person bear losses or liability",
    ),
    borne(
        "consider|deem…2responsible",
        "makes the person responsible",
    ),
];

pub(crate) const ZH_BURDEN: &[Pattern] = &[
    p(
        "自行承担|自行负责|自负|由您承担|由您负责|由用户承担|由您自行|由用户自行",
        "makes the person bear losses or liability",
    ),
    p(
        "由您|由用户|由使用者|由参与者|由会员…承担|负责",
        "makes the person bear losses or liability",
    ),
    p(
        "承担全部|承担一切|全部责任|一切责任|全部法律责任|承担所有",
        "makes the person bear losses or liability",
    ),
    Pattern {
        spec: "承担|负责|担责",
        says: "makes the person bear losses or liability",
        guard: Guard::Person,
        affirmative: true,
        unless: &["负责任", "不为", "不对", "不承担", "概不", "不负"],
    },
    p(
        "一切后果|全部后果|所有后果",
        "makes the person bear losses or liability",
    ),
    p(
        "负责赔偿|赔偿并保护|使其免受|免受任何损失",
        "makes the person indemnify the provider",
    ),
];

// ---- Unilateral change of the terms or the service ----

const CHANGES: &str = "lets the provider change the terms or the service on its own";

pub(crate) const EN_CHANGE: &[Pattern] = &[
    power(
        "may|can|reserve*|right to|shall|might…4change|changes|changed|changing|modif*|amend|amends|amended|amending|updat*|revis*|alter|alters|altered|discontinu*|replace…8terms|agreement|service*|sla|policy|policies|software|program*|feature*|price*|pricing|rules|these|this|it|them|website|site|product*|preview*|offering*",
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
];

pub(crate) const ZH_CHANGE: &[Pattern] = &[
    power(
        "有权|可以|可能|保留|随时|可随时|可在|可根据|可自行|可单方面…12修改|变更|更改|调整|更新|修订",
        CHANGES,
    ),
    p("将来…发布|不时发布|随时发布", CHANGES),
    p("修改|更新|解释|变更…权…归|属于|所有", CHANGES),
    p("协议|条款|规则|声明|政策…更新|修改|变更…遵守|生效|适用|接受", CHANGES),
    p(
        "继续使用…视为|表示|即|接受|同意…修订|变更|修改|更新",
        "makes continued use accept the changed terms",
    ),
    p(
        "变更|修改|修订|更新…继续使用",
        "makes continued use accept the changed terms",
    ),
];

// ---- Unilateral suspension or termination ----

const ENDS: &str = "lets the provider suspend or end the person's account, access or service";

pub(crate) const EN_TERMINATION: &[Pattern] = &[
    Pattern {
        spec: "may|can|will|reserve*|right to|shall|might…4suspend*|terminat*|cancel*|disabl*|ban|block*|deactivat*|restrict*|limit|close|refuse|deny|withdraw|revok*|prohibit|remove you|expel*…8account*|access|service*|participation|use|you|membership|agreement|order*|login|subscription*|it|anyone|event*|program*",
        says: ENDS,
        guard: Guard::NotPerson,
        affirmative: true,
        unless: &["surviv*"],
    },
    g(
        "terminat*|suspen*|cancel*|discontinu*|end…8without notice|without prior notice|at any time|for any reason|with or without cause|at our discretion|at its discretion|in its discretion|at the discretion|decision is final",
        ENDS,
        Guard::NotPerson,
    ),
    p("refuse service|deny service|right to refuse service|right to deny service", ENDS),
    p(
        "result in…6suspension|termination|ban|removal|disabling",
        ENDS,
    ),
    power(
        "terminat*|suspen*…3the accounts|accounts of|account of",
        ENDS,
    ),
    power("use|participation|access…6will end|ends|shall end", ENDS),
];

pub(crate) const ZH_TERMINATION: &[Pattern] = &[
    power(
        "有权|可以|保留|随时|可随时|可在|可根据|可不经|可单方面|可采取|将会|将立即…24终止|暂停|中止|封禁|冻结|禁止|取消|驱出|拒绝|停止提供|关闭|注销|收回|回收|中断",
        ENDS,
    ),
    power("永久封禁|封禁|封号|冻结账户|删除违规账户", ENDS),
    power("删除…8账户|账号|帐户|帐号", ENDS),
    power("限制…账号|账户|帐户|访问|使用权", ENDS),
];

// ---- Removal of the person's content or data ----

const REMOVES: &str = "lets the provider remove or delete the person's content or data";

pub(crate) const EN_REMOVAL: &[Pattern] = &[
    Pattern {
        spec: "may|can|will|reserve*|right to|shall|might…4remov*|delet*|refus*|disabl*|take down|purg*|eras*|recycl*|releas*|reclaim*…8content*|data|files|information|repositor*|account*|material*|username*|posts|it|them|address*|name*",
        says: REMOVES,
        guard: Guard::NotPerson,
        affirmative: true,
        unless: &["by clicking"],
    },
    Pattern {
        spec: "content*|data|files|address*|username*|repositor*…8be deleted|be removed|be recycled|be purged|be erased|been deleted|been removed|are deleted|are removed|is deleted|is removed",
        says: REMOVES,
        guard: Guard::None,
        affirmative: true,
        unless: &["you can", "by clicking"],
    },
    power("permanently delete*|permanently remove*", REMOVES),
];

pub(crate) const ZH_REMOVAL: &[Pattern] = &[
    power(
        "有权|可以|保留|随时|可随时|可在|可根据|可不经|将会|将立即…16删除|移除|清除|屏蔽|回收|删去",
        REMOVES,
    ),
    p("数据|内容|信息…将被|会被…删除|清除", REMOVES),
];

// ---- Contract by using ----

const BY_USING: &str = "makes using the service accept the terms";

pub(crate) const EN_BY_USING: &[Pattern] = &[
    p(
        "by…2access*|using|use|participat*|regist*|click*|visit*|download*|install*|continuing|signing|creating|submitting|attending|entering|joining|activating…24agree*|accept*|consent*|bound|deemed",
        BY_USING,
    ),
    p(
        "continued|continue|continuing…3use|using|participation|participating…14constitute*|agree*|accept*|subject to|deemed|bound|binding|consent*",
        BY_USING,
    ),
    p(
        "use|using|participation|installation…8constitutes|operates as|signifies|indicates|means…4acceptance|consent|agreement",
        BY_USING,
    ),
];

pub(crate) const ZH_BY_USING: &[Pattern] = &[
    p(
        "即视为|即表示|即代表|即被视为|即被视作|将被视作|即意味着|就意味着|即视作|均视为您",
        BY_USING,
    ),
    p("视为|视作…同意|接受|认可|已阅读|已充分", BY_USING),
    p("一经…即|视为", BY_USING),
    p("使用|参与|注册|点击|访问…即表示|即为|表示您同意", BY_USING),
];

// ---- Choice of law ----

const LAW: &str = "chooses the law that governs";

pub(crate) const EN_LAW: &[Pattern] = &[
    p(
        "governed|governs|construed|interpreted|enforced…8law|laws",
        LAW,
    ),
    p(
        "governing law|choice of law|laws of the state|law of the state",
        LAW,
    ),
];

const fn law(spec: &'static str) -> Pattern {
    Pattern {
        spec,
        says: LAW,
        guard: Guard::None,
        affirmative: false,
        unless: &[
            "法律允许",
            "遵守",
            "法律另有规定的除外",
            "违反",
            "条款、",
            "法律适用条款",
            "管辖法院",
        ],
    }
}

pub(crate) const ZH_LAW: &[Pattern] = &[
    law("协议|条款|争议…适用…法律"),
    law("法律…4管辖"),
    law("受…法律…管辖|约束"),
    law("法律管辖|管辖法律|准据法|法律适用"),
    law("依据|根据…法律…解释|管辖"),
];

// ---- Forum: courts, arbitration, class and jury waivers ----

pub(crate) const EN_FORUM: &[Pattern] = &[
    p("arbitrat*", "sends disputes to arbitration"),
    p(
        "class action*|class arbitration*|class member|representative action|collective action|jury|individual basis",
        "waives class or jury actions",
    ),
    p(
        "exclusive jurisdiction|jurisdiction and venue|venue|courts located|court located|courts of the|tribunal|exclusive forum|brought in|small claims|federal courts|state courts",
        "names the courts that decide disputes",
    ),
    p(
        "submit to|consent to…4jurisdiction",
        "names the courts that decide disputes",
    ),
    p(
        "within six months|within one year|within 1 year|up to six months",
        "limits the time to bring a claim",
    ),
];

pub(crate) const ZH_FORUM: &[Pattern] = &[
    p("仲裁", "sends disputes to arbitration"),
    p("法院…管辖", "names the courts that decide disputes"),
    p("提交|向…法院", "names the courts that decide disputes"),
    p(
        "有管辖权|专属管辖|审判地|集体诉讼|诉讼时效",
        "names the courts that decide disputes",
    ),
];

// ---- Licences over the person's content ----

const LICENCE: &str = "takes a licence over the person's content";

const fn licence_zh(spec: &'static str) -> Pattern {
    Pattern {
        spec,
        says: LICENCE,
        guard: Guard::None,
        affirmative: false,
        unless: &["授予您", "授权您", "向您授予", "未经", "许可证"],
    }
}

pub(crate) const EN_LICENCE: &[Pattern] = &[
    Pattern {
        spec: "grant*|give*|authori*|licen*|permit*|allow…6us|github|automattic|we|license|licence|right|rights|others|each user",
        says: LICENCE,
        guard: Guard::Person,
        affirmative: true,
        unless: &["you are granted", "grants you", "we grant you", "granted to you", "charge", "pay"],
    },
    Pattern {
        spec: "royalty free|perpetual|irrevocable|sublicensable|sub licensable|worldwide…8license|licence|right|rights",
        says: LICENCE,
        guard: Guard::None,
        affirmative: false,
        unless: &["you are granted", "grants you", "we grant you", "granted to you"],
    },
    power(
        "use|using|display|store|host|reproduce|distribute|commercialize|commercially exploit|share|archive…4your content|your feedback|your name|your likeness|your photos|your images|your materials|your work|your submissions|feedback",
        LICENCE,
    ),
    p("moral rights|without attribution", LICENCE),
    p("waive…8policies|terms|conditions…8access", LICENCE),
];

pub(crate) const ZH_LICENCE: &[Pattern] = &[
    licence_zh("授权…使用"),
    licence_zh("许可我们|许可平台"),
    licence_zh("授予…许可|权利"),
    licence_zh("免版税|永久性的许可"),
    licence_zh("不可撤销…许可"),
    p("有权使用|可以使用…您的|用户的…内容|作品|反馈|照片", LICENCE),
];

// ---- Fees, penalties, no refunds ----

pub(crate) const EN_FEES: &[Pattern] = &[
    p(
        "non refundable|not refundable|no refund*|will not refund|not be refunded|no credits|without refund",
        "refuses refunds",
    ),
    borne(
        "pay|responsible for…4fee*|charge*|tax*|taxes|payment*|pay",
        "makes the person pay",
    ),
    power(
        "bill*|charg*|invoic*…3you|your|account|card|interest|fees",
        "charges the person",
    ),
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
    p(
        "withhold…4amount*|payment*|earning*",
        "imposes a penalty or forfeiture",
    ),
    p(
        "automatically renew*|auto renew*|auto renewal",
        "renews and charges automatically",
    ),
    p(
        "subscription*…6annual basis|monthly basis|yearly basis",
        "charges the person",
    ),
    p(
        "billed…3advance|monthly|annually|yearly|based on",
        "charges the person",
    ),
    g(
        "NEG…1obligation to…3pay|payment",
        "withholds payment",
        Guard::NotPerson,
    ),
];

pub(crate) const ZH_FEES: &[Pattern] = &[
    p(
        "不予退款|不予退还|不退款|不退还|不可退还|不可退款|无权要求退还|无权要求退款|概不退",
        "refuses refunds",
    ),
    p("违约金|罚款|罚金|滞纳金", "imposes a penalty or forfeiture"),
    p(
        "冻结|没收|扣除…价值|资金|余额|积分|费用|款项|保证金",
        "imposes a penalty or forfeiture",
    ),
    p("收取…费用", "charges the person"),
    p("服务费|收费|费用由", "charges the person"),
    p("即不可撤销|交易不可逆|不可逆", "makes payments final"),
];
