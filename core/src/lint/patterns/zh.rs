//! The Chinese phrases of each kind, in the wordings Chinese agreements use.

use super::*;

// Liability: limitation (caps, excluded types of damage, a sole remedy)
pub(crate) const ZH_LIMITATION: &[Pattern] = &[
    p("赔偿|责任|损失…不超过|为限|上限|最高", "caps liability"),
    p("累计|总额…不超过", "caps liability"),
    p("以…为限", "caps liability"),
    p("责任上限|赔偿上限|责任限额|赔偿限额", "caps liability"),
    p("责任…有限", "caps liability"),
    p(
        "间接|附带|后果性|惩罚性|惩戒性|特殊|偶然…4损失|损害|赔偿",
        "excludes types of damage",
    ),
    p(
        "利润损失|预期利益|商誉损失|收入损失",
        "excludes types of damage",
    ),
    p("利润…损失", "excludes types of damage"),
    p("商誉…4损失|损害", "excludes types of damage"),
    p("唯一…补救", "narrows liability to what it names"),
    p("排他性补救|唯一救济", "narrows liability to what it names"),
    // The provider's only duty: `GitHub 的唯一义务是…`.
    p(
        "唯一义务|唯一的义务|唯一责任|唯一的责任|唯一追索|唯一的追索|唯一的解决方案|唯一解决方案|唯一的救济|唯一补偿|唯一的补偿|唯一赔偿|唯一的赔偿",
        "narrows liability to what it names",
    ),
];

// Liability: exemption (exclusions, disclaimers, waivers)
pub(crate) const ZH_EXEMPTION: &[Pattern] = &[
    p(
        "不承担|不负责|概不负责|不负任何|不负有|不予负责|不予赔偿|不赔偿|无须赔偿|无需赔偿|无须承担|无需承担|免于承担|不承担任何",
        EXCLUDES,
    ),
    // The object of `不对` may be long (`不对您…使用…模型而产生或与之相关的任何直接、间接、附带的
    // 后果、以及其他损失或损害承担责任`): its verb may stand far from it in the sentence.
    p("不对…90承担|负责|负有|负任何|赔偿", EXCLUDES),
    p("没有任何责任|无任何责任", EXCLUDES),
    p("不会|不能|不应|不将|不必|无需|无须…4对|就…90承担|负责|负有|赔偿", EXCLUDES),
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
    // Claims sent to someone else: `退款咨询，您需视情况向 Apple 或 Google 提出`.
    Pattern {
        spec: "咨询|索赔|投诉|争议…12需|须|必须|应…8向…20提出|解决",
        says: EXCLUDES,
        guard: Guard::None,
        affirmative: false,
        unless: &["向我们", "向本", "联系我们", "向平台", "向公司"],
    },
    p("不保证|不担保|无法保证|不能保证|不承诺|并不保证", DISCLAIMS),
    // A disclaimer said as what the provider cannot do: `本项目无法校验其准确性`.
    p(
        "无法|不能|无力…4校验|核实|核验|验证|确认|确保|审核|审查…12准确|真实|合法|安全|完整|可靠|有效",
        DISCLAIMS,
    ),
    p("不作|不做…保证|担保|承诺", DISCLAIMS),
    p("不提供…担保|保证|服务级别|SLA", DISCLAIMS),
    p("不对…作…保证|担保", DISCLAIMS),
    p("现状|原样|As-Is|as is", DISCLAIMS),
    p("不可抗力", "excludes liability for force majeure"),
    p("没有义务|无义务", "disclaims an obligation"),
    p("不…负有…义务", "disclaims an obligation"),
    p("无法控制|不能控制|超出…控制…4原因|事件|情况|因素|范围", EXCLUDES),
    // What others run is beyond the provider: `我们无法控制这些外部网站的隐私政策或实践`.
    p("无法控制|不能控制|无权控制…20第三方|外部|他人|其他网站|链接", EXCLUDES),
    p("不构成…建议", "disclaims reliance on what it provides"),
    p("不构成…12担保|保证|承诺", DISCLAIMS),
    g("放弃|免除|解除…索赔|追究|起诉", WAIVES, Guard::NotProvider),
    g("不起诉", WAIVES, Guard::NotProvider),
    g("不会…追究", WAIVES, Guard::NotProvider),
];

// Burdens shifted to the person
pub(crate) const ZH_BURDEN: &[Pattern] = &[
    p(
        "自行承担|自行负责|自负|由您承担|由您负责|由用户承担|由您自行|由用户自行|自担风险|风险由您|自费",
        "makes the person bear losses or liability",
    ),
    p(
        "由您|由用户|由使用者|由参与者|由会员…承担|负责",
        "makes the person bear losses or liability",
    ),
    Pattern {
        spec: "承担全部|承担一切|全部责任|一切责任|全部法律责任|承担所有",
        says: "makes the person bear losses or liability",
        guard: Guard::None,
        affirmative: false,
        // The provider's whole liability capped or excluded: `…的全部责任将不超过`,
        // `以最接近于完全排除全部责任的方式解释`.
        unless: &["不超过", "排除全部责任", "排除一切责任"],
    },
    Pattern {
        spec: "承担|负责|担责|负有责任|负有全部责任",
        says: "makes the person bear losses or liability",
        guard: Guard::Person,
        affirmative: true,
        unless: &[
            "负责任",
            "不为",
            "不对",
            "不承担",
            "概不",
            "不负",
            "费用",
            "税款",
            "负责确保",
            "对其负责",
            // The penalty for a false statement is the law's, not the agreement's: `否则将承担
            // 作伪证的责任`.
            "作伪证",
        ],
    },
    p(
        "一切后果|全部后果|所有后果",
        "makes the person bear losses or liability",
    ),
    p(
        "负责赔偿|赔偿并保护|使其免受|免受任何损失|免受损害|免受任何损害|赔偿并使",
        "makes the person indemnify the provider",
    ),
    borne(
        "赔偿|辩护|抗辩…8我们|GitHub|平台|公司",
        "makes the person indemnify the provider",
    ),
    borne(
        "保护|确保|使…8免受",
        "makes the person indemnify the provider",
    ),
    // The person takes a risk on, in a sentence that may also hold the provider's exclusion:
    // `用户须承担以上风险，但本项目组不作担保，…不承担任何责任`.
    borne("承担|承受…6风险", "makes the person bear the risk"),
    // The person defends the provider against claims: `您应为我们和我们的关联公司…提供辩护`.
    borne(
        "为我们|为本公司|为公司|为平台…40辩护|抗辩",
        "makes the person indemnify the provider",
    ),
    // Liable with others for what they do: `对这些关联公司的…行为负有连带责任`.
    // The subject may stand far before it, behind those it answers for.
    p("您|用户…60连带责任|连带赔偿", "makes the person bear losses or liability"),
    // `造成损害的，用户应依法予以赔偿`: the person compensates for the losses.
    Pattern {
        spec: "应|应当|须|需|必须…6赔偿|补偿",
        says: "makes the person compensate for the losses",
        guard: Guard::Person,
        affirmative: true,
        // Sections named as the ones that outlive the agreement (`仍应继续适用：赔偿、免责声明`).
        unless: &["继续适用", "继续有效", "仍然有效"],
    },
    // The risk said as the person's capacity to bear it: `确保自身具备足够的风险识别和承受能力`.
    borne("风险…12承受能力|承担能力|承受力|承受", "makes the person bear the risk"),
    borne(
        "需自行|须自行|应自行|应当自行|需要自行…8检查|修复|判断|核实|甄别|处理|解决|备份",
        "makes the person bear the risk",
    ),
];

// Unilateral change of the terms or the service
pub(crate) const ZH_CHANGE: &[Pattern] = &[
    // A change already made, as a notice of it says (`改编作品可以标明“原作品已作修改”`), is
    // no power to make one.
    power_but(
        "有权|可以|可能|保留|随时|可随时|可在|可根据|可自行|可单方面…12修改|变更|更改|调整|更新|修订|改动|变动|改变",
        CHANGES,
        &["已作修改", "已修改", "已被修改", "已经被修改", "已经修改"],
    ),
    // `可` alone before the verb is the provider's power as much as `可以` (`我们可修改本协议`).
    power("可…0修改|变更|更改|调整|更新|修订|改动|变动", CHANGES),
    // A power kept without telling the person: the `不` negates the notice, not the power
    // (`有权不向您特别通知而对软件进行更新`, `可不经通知随时修改`).
    g(
        "有权|可以|可|保留…4不经|不向|不另行|无需|无须|不必…24通知|告知|同意…24修改|变更|更改|调整|更新|修订|改变|改动",
        CHANGES,
        Guard::NotPerson,
    ),
    p("价格|定价|费用|收费标准…8变化|调整|变更|上涨", CHANGES),
    p("将来…发布|不时发布|随时发布", CHANGES),
    p("修改|更新|解释|变更…权…归|属于|所有", CHANGES),
    // The last word on what the terms mean kept, however said: `享有最终解释权`, `保留最终解释权`.
    power("最终解释权|最终的解释权|最终解释的权利", CHANGES),
    // The terms changed with no word to the person: `若协议更新，恕不另行通知`.
    p(
        "协议|条款|规则|声明|政策|许可…更新|修改|变更|改动|调整|修订…恕不另行通知|不另行通知|不再另行通知|无需另行通知|不另行告知|不会另行通知",
        CHANGES,
    ),
    // A list of what governs the contract's life (`本协议的订立、效力、解释、履行、修改和终止…
    // 均适用…法律`) names a change among others: no power to make one.
    Pattern {
        spec: "协议|条款|规则|声明|政策…更新|修改|变更…遵守|生效|适用|接受",
        says: CHANGES,
        guard: Guard::None,
        affirmative: false,
        unless: &["订立", "效力、解释", "履行、修改"],
    },
    p(
        "继续使用…视为|表示|即|接受|同意…修订|变更|修改|更新",
        "makes continued use accept the changed terms",
    ),
    p(
        "变更|修改|修订|更新…继续使用",
        "makes continued use accept the changed terms",
    ),
];

// Unilateral suspension or termination
pub(crate) const ZH_TERMINATION: &[Pattern] = &[
    // A licence's rights that end on a breach: `您依据此公共许可协议享有的权利自动终止`.
    p("权利|许可|授权|协议…8自动终止|自动失效|即告终止|立即终止", ENDS),
    power(
        "有权|可以|可能|均可|保留|随时|可随时|可在|可根据|可不经|可单方面|可采取|将会|将立即…24终止|暂停|中止|封禁|冻结|禁止|取消|驱出|拒绝|停止提供|关闭|注销|收回|回收|中断|停用",
        ENDS,
    ),
    Pattern {
        spec: "将…4终止|暂停|中止|封禁|冻结|注销|关闭|停用",
        says: ENDS,
        guard: Guard::NotPerson,
        affirmative: true,
        unless: &["终止后", "终止时", "取消或终止"],
    },
    Pattern {
        spec: "导致…12终止|暂停|中止|封禁|冻结|禁用",
        says: ENDS,
        guard: Guard::None,
        affirmative: false,
        // What a removal already did, as a counter-notice describes it: `导致该材料已被删除或禁用`.
        unless: &["已被"],
    },
    power("可…0终止|暂停|中止|封禁|冻结|取消|关闭|注销|收回|停用|撤销", ENDS),
    // The person's licence or rights ending on what the person does: `如果您对我们…提起诉讼…，则
    // …许可…终止`, `将视为自动放弃本协议下的所有权利`.
    p(
        "如果您|若您|如您|您若|如用户|若用户…16提起|发起|提出…90许可|授权|权利…24终止|失效|撤销",
        ENDS,
    ),
    p("自动放弃|视为放弃…16协议|许可|授权…8权利|权益|许可", ENDS),
    power("永久封禁|封禁|封号|冻结账户|删除违规账户", ENDS),
    // A ban named as a sanction: `处理意见：永久禁止在社区内进行任何形式的公开互动`.
    power("永久禁止|暂时禁止|临时禁止|无限期禁止|永久性禁止", ENDS),
    // A licence the licensor may take back: `授予您一个非排他性、…、可撤销、免版税的版权许可`.
    Pattern {
        spec: "可撤销|可撤回|可被撤销…20许可|授权|权利",
        says: "lets the provider revoke the person's licence",
        guard: Guard::None,
        affirmative: true,
        // A licence the person grants the provider may be revocable too: the person's right.
        unless: &["不可撤销", "不可撤回", "不得撤销", "授予我们", "向我们授予", "您授予"],
    },
    power("删除…8账户|账号|帐户|帐号", ENDS),
    power("限制…账号|账户|帐户|访问|使用权", ENDS),
    // `保留…限制任何人员…使用 Pocket 技术的权利`, `阻止任何用户参加…`.
    power("保留|有权…12限制…20使用|访问", ENDS),
    power("阻止|禁止…8用户|您…8参加|参与|访问|使用", ENDS),
    // A sanction named without a modal, as a list item of what a breach leads to: `暂停帐户`.
    Pattern {
        spec: "暂停|中止|终止|停用|冻结…4账户|账号|帐户|帐号",
        says: ENDS,
        guard: Guard::NotPerson,
        affirmative: true,
        unless: &["终止后", "终止时", "您可以", "您可"],
    },
    // Appeals or reports no longer heard: `我们可能会停止处理申诉`.
    power("停止处理|停止受理|暂停处理…4申诉|报告|举报|请求", ENDS),
    // Privileges taken away: `撤销报告特权`, `取消…资格`.
    power("撤销|取消|剥夺…8特权|权限|资格", ENDS),
    // A sanction said as what befalls the person, without a modal or a word of ending: `我们会
    // 将您排除在互动之外`, `用户将被…踢出沟通群组`, `他们将被取缔，即被无限期排除`.
    Pattern {
        spec: "踢出|逐出|被驱逐|被取缔|被禁言|被封禁|被封号|被移出|被拉黑|无限期排除|永久排除",
        says: ENDS,
        guard: Guard::None,
        affirmative: true,
        unless: &[],
    },
    Pattern {
        spec: "将|会…8排除在…12之外",
        says: ENDS,
        guard: Guard::NotPerson,
        affirmative: true,
        unless: &["范围之外", "保证", "担保", "责任"],
    },
];

// Removal of the person's content or data
pub(crate) const ZH_REMOVAL: &[Pattern] = &[
    power_but(
        "有权|可以|可能|保留|随时|可随时|可在|可根据|可不经|将会|将立即…16删除|移除|清除|屏蔽|回收|删去|下架|禁用|收回",
        REMOVES,
        // The person turning a feature off in the settings: `可以在…首选项中禁用`; data kept
        // until the person deletes it (`保留在您的设备上，直至您删除`).
        &["首选项", "选项中", "设置中", "直至您", "直到您"],
    ),
    // A removal that a breach leads to: `滥用…可能导致作业终止、…或者禁用…仓库`.
    power("可能导致|将导致|会导致…40删除|移除|禁用|下架|清除", REMOVES),
    // Refusing to show or list the person's content is removing it.
    power(
        "有权|可以|保留|可能…16拒绝|阻止|禁止…24展示|显示|上架|发布",
        REMOVES,
    ),
    p("数据|内容|信息|邮件|消息|短信|附件…将被|会被…删除|清除", REMOVES),
    p("可能会被|可能被|会被|将被…4删除|移除|清除|下架", REMOVES),
    // No duty to keep the person's data: `我们将无义务继续保存上述数据`.
    p("无义务|没有义务|不负有义务…6保存|保留|存储", REMOVES),
    // Content put back is no removal: `我们将替换被删除的内容`.
    power_but("将…16删除|清除|移除", REMOVES, &["替换被删除", "恢复被删除"]),
    power("会…4删除|清除|移除|删去", REMOVES),
    power("可…0删除|移除|清除|屏蔽|下架|禁用", REMOVES),
];

// Contract by using
pub(crate) const ZH_BY_USING: &[Pattern] = &[
    p(
        "即视为|即表示|即代表|即被视为|即被视作|将被视作|即意味着|就意味着|即视作|均视为您|即默认…12同意|接受|认可|约束|阅读|遵守",
        BY_USING,
    ),
    p("视为|视作…同意|接受|认可|已阅读|已充分", BY_USING),
    p("一经…即|视为", BY_USING),
    p("使用|参与|注册|点击|访问…即表示|即为|表示您…12同意|接受|约束|认可", BY_USING),
    // Participating binds without `即`: `通过参与此社区，您同意遵守…使用条款`.
    p(
        "通过|一旦|如果|若…4参与|使用|注册|访问|加入…20同意遵守|同意受|同意接受",
        BY_USING,
    ),
    // Exercising a licence's rights binds: `通过行使本协议所授予的权利…，您接受并同意受到…约束`,
    // and what an act shows is accepted: `如您行使本许可授予的…权利，就表明您接受并同意…`.
    p("通过行使…40同意受|接受并同意", BY_USING),
    p("就表明|即表明|则表明|便表明|即说明…8接受|同意|认可", BY_USING),
];

// Choice of law
pub(crate) const ZH_LAW: &[Pattern] = &[
    // `本合同适用加州法律`: a law that applies to the contract is the law chosen.
    // The law's name may be long (`适用中华人民共和国大陆地区（仅为本协议之目的，…）法律`).
    law("协议|条款|争议|合同|许可|声明|规则…适用…60法律"),
    law("法律…4管辖"),
    law("受…法律…管辖|约束"),
    law("法律管辖|管辖法律|准据法|法律适用"),
    law("依据|根据…法律…解释|管辖"),
];

// Forum: courts, arbitration, class and jury waivers
pub(crate) const ZH_FORUM: &[Pattern] = &[
    // 仲裁 is arbitration where it decides a dispute (`争议…提交仲裁`, `仲裁机构`); the same word
    // also translates "moderate" (`仲裁评论`), and a law named after it is a law chosen.
    Pattern {
        spec: "争议|纠纷|索赔|分歧|申请|提交|提请|通过|约束力的…仲裁",
        says: "sends disputes to arbitration",
        guard: Guard::None,
        affirmative: false,
        unless: &["仲裁法", "无效", "不可执行"],
    },
    Pattern {
        spec: "仲裁…2机构|委员会|规则|程序|员|庭|裁决|条款|协议|解决|地点",
        says: "sends disputes to arbitration",
        guard: Guard::None,
        affirmative: false,
        unless: &["仲裁法", "无效", "不可执行"],
    },
    p("法院…管辖", "names the courts that decide disputes"),
    // A dispute and a court in one sentence name where disputes go: `争议…由…所在地人民法院…`.
    Pattern {
        spec: "争议|纠纷|诉讼…40法院",
        says: "names the courts that decide disputes",
        guard: Guard::None,
        affirmative: false,
        unless: &["无效", "不可执行", "裁定"],
    },
    p("提交|向…法院", "names the courts that decide disputes"),
    p(
        "有管辖权|专属管辖|审判地|集体诉讼|诉讼时效",
        "names the courts that decide disputes",
    ),
];

// Licences over the person's content
pub(crate) const ZH_LICENCE: &[Pattern] = &[
    licence_zh("授权…使用"),
    // Rights in a work given up: CC0's `声明人在此…放弃和让渡其对本作品的所有著作权`, and the
    // same asked of the person (`我们已…放弃所有版权。如果您参与…，我们要求您也这样做`); a wish
    // to give them up (`某些权利人愿意…放弃其著作权`) is none.
    Pattern {
        spec: "放弃…20著作权|版权",
        says: LICENCE,
        guard: Guard::None,
        affirmative: true,
        // A royalty the licensor gives up collecting (`许可人放弃…收取…使用费`) is no right in
        // the person's work.
        unless: &["愿意", "之所以", "收取"],
    },
    licence_zh("许可我们|许可平台"),
    // A grant of what the provider needs, with or without a licence word: `您授予 Mozilla …
    // 所必需的一切权利`, `授予 Mozilla 开展以下操作的所有必要权限`, `您允许 Mozilla 获取必要的权限`.
    // Said by the person (`您授予…`); a grant without the person as its subject is the
    // licensor's (`许可人在此授予您…`, `此处授予的许可`, a run-in title `授予许可。`).
    Pattern {
        spec: "授予…60许可|权利|必要权限|必要的权限|所需的权限|所需权限",
        guard: Guard::Person,
        ..licence_zh("")
    },
    licence_zh("允许…20获取|取得|获得…权限|权利"),
    // The person licenses their submission: `对其发放许可`, `根据…许可条款获得提交许可`.
    borne("发放许可", LICENCE),
    borne(
        "同意…20根据|按照|依据|遵循…30许可条款|许可协议…20提交|贡献|许可",
        LICENCE,
    ),
    // The person's contributions made public: `您提交的贡献内容仍将…公开提供`.
    Pattern {
        spec: "贡献|录音|提交|作品…30公开提供|公开发布|向公众提供|公开可用|公开展示|公共域|公共领域",
        says: LICENCE,
        guard: Guard::None,
        affirmative: true,
        unless: &[],
    },
    licence_zh("免版税|永久性的许可"),
    // Rights waived and not asserted (moral rights): `您对 GitHub 放弃这些权利并且同意不宣称这些权利`.
    borne("放弃…30不宣称|不主张", LICENCE),
    licence_zh("不可撤销…许可"),
    licence_zh("授权我们|授权GitHub|授权 GitHub|授权平台|允许我们…存储|存档|显示|使用|托管|复制|分发|发布|展示"),
    licence_zh("许可该内容|许可您的内容|许可其内容"),
    licence_zh("允许他人|允许其他用户…查看|复制|使用|复刻|显示|展示"),
    power("使用|利用…4反馈|意见|建议|您的内容|用户内容", LICENCE),
    p("有权使用|可以使用…您的|用户的…内容|作品|反馈|照片", LICENCE),
    // The person's name, marks or brand used in the provider's publicity: `GitHub 可以出于…推广的
    // 目的将开发者…提供的开发者品牌特征用在任何演示文稿、通讯稿、市场推广资料…中`.
    power(
        "名称|标识|商标|品牌特征|肖像|标志…12用在|用于|用作…30宣传|推广|新闻稿|通讯稿|广告|营销|演示",
        LICENCE,
    ),
    // Publicity about the person: `我们可以发布与您参与本计划相关的新闻稿`.
    power("发布|发表…新闻稿|宣传材料|公开声明", LICENCE),
    // `我们…可以自由复制、使用、披露信息并将其分发给他人`.
    power("可以自由|有权自由|可自由…8复制|使用|披露|分发|发布", LICENCE),
];

// Fees, penalties, no refunds
pub(crate) const ZH_FEES: &[Pattern] = &[
    // Commercial use kept for a separate or written licence: `如果您计划将…模型…用作商业用途，应
    // 当…事先向许可方登记并获得许可方的书面授权`.
    Pattern {
        spec: "商业用途|商用|商业目的|商业使用|商业化…60登记|申请|书面授权|书面许可|书面同意|获得授权|获得许可|取得授权|取得许可|另行授权|另行许可|单独授权|单独许可|商业授权|商业许可|商用授权|商用许可",
        says: "reserves commercial use to a separate licence",
        guard: Guard::None,
        affirmative: true,
        unless: &["非商业", "无需", "不需要", "无须", "不必", "免申请"],
    },
    Pattern {
        spec: "商业许可|商业授权|商用许可|商用授权",
        says: "reserves commercial use to a separate licence",
        guard: Guard::None,
        affirmative: true,
        unless: &["非商业", "无需", "不需要", "无须", "不必", "免申请"],
    },
    // A cost the person meets: `可能产生的数据流量的费用，您需自行向运营商了解`.
    p("费用…12您需自行|您须自行|由您自行|由用户自行|由您承担|由用户承担|您自行承担", "makes the person pay"),
    p(
        "不予退款|不予退还|不退款|不退还|不可退还|不可退款|无权要求退还|无权要求退款|概不退|不会提供退款|不提供退款|不会退款|不会退还|不退费|不予退费",
        "refuses refunds",
    ),
    // Money paid ahead lost when unused: `截至协议期结束仍未使用的预付资金都将不能再使用`.
    p(
        "预付|余额|积分|代金券|赠金|储值…16不能再使用|不可再使用|无法再使用|作废|清零|失效",
        "imposes a penalty or forfeiture",
    ),
    Pattern {
        spec: "违约金|罚款|罚金|滞纳金",
        says: "imposes a penalty or forfeiture",
        guard: Guard::None,
        affirmative: false,
        // A definition that names penalties among taxes charges none: `“税收”是指…罚金`.
        unless: &["是指"],
    },
    // Royalties the licensor keeps the right to collect: `许可人明确保留收取使用费的任何权利`,
    // `许可人保留因您行使…权利而向您收取许可使用费的专有权`.
    p("保留…30收取…8使用费|版税|许可费", "charges the person"),
    // Money owed to the person kept back or taken back: `扣留该月的…报酬`, `撤销…匹配资金`.
    p("扣留|扣发|扣减|扣押", "keeps back money owed to the person"),
    p(
        "撤销|撤回|收回…16资金|基金|报酬|款项|付款|收益",
        "keeps back money owed to the person",
    ),
    p(
        "汇率",
        "converts the person's money at the provider's rates",
    ),
    p("没有义务|无义务|不负责…8退款|退还", "refuses refunds"),
    Pattern {
        spec: "负责|承担|支付…6所有费用|全部费用|一切费用|相关费用|税款|税费",
        says: "makes the person pay",
        guard: Guard::Person,
        affirmative: true,
        unless: &[],
    },
    p(
        "冻结|没收|扣除…价值|资金|余额|积分|费用|款项|保证金|税|金额",
        "imposes a penalty or forfeiture",
    ),
    Pattern {
        spec: "收取…费用",
        says: "charges the person",
        guard: Guard::None,
        affirmative: true,
        // `我们不会对任何未来付款期收取费用`: a charge the provider will not make.
        unless: &["不会…12收取", "不再…12收取"],
    },
    p("对您计费|向您计费|扣费|扣款", "charges the person"),
    // A subscription that renews and charges (`自动续订`, `自动续费`); an agreement's term that
    // renews (`自动续签`) charges nothing, and renewal that stops when the person cancels is
    // the person's right.
    Pattern {
        spec: "自动续订|自动续费|自动续签",
        says: "renews and charges automatically",
        guard: Guard::None,
        affirmative: false,
        unless: &["自动续订将停止", "停止自动续", "取消自动续"],
    },
    p("按…6计费|收费", "charges the person"),
    // Billing by what is used: `一些服务功能根据使用情况计费`.
    p("根据|依据|视…8计费", "charges the person"),
    p(
        "价格|定价|费用|收费标准…8变化|调整|变更|上涨",
        "lets prices change",
    ),
    // The verb before the price: `我们可能会随时改变价格`.
    p("改变|调整|变更|修改|提高|上调|更改…0价格|定价|收费标准|费率", "lets prices change"),
    p("服务费|费用由", "charges the person"),
    // The person's own charging is no charge on them: `允许商用：…包括但不限于：` + `- 直接销售或
    // 收费分发`.
    g("收费", "charges the person", Guard::NotPerson),
    p("即不可撤销|交易不可逆|不可逆", "makes payments final"),
];
