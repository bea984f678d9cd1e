//! The phrases of each kind of clause, in English and in Chinese, in the notation of
//! [`super::engine`]. Each says, in a finding's words, what a clause that matches does.
//!
//! They were written from what the kinds are (the liability a provider excludes or limits, the
//! burdens it shifts, the powers it keeps, the forum and the law it chooses, what it takes or
//! charges) and tuned on the development part of `tests/lint_corpus/`; `cargo test --test
//! lint_corpus` measures them on every part. The English tables are in [`en`], [`en_forum`] (law
//! and forum) and [`en_takes`] (licences and fees), the Chinese ones in [`zh`]; the helpers and
//! the reasons they share are here.

mod en;
mod en_forum;
mod en_takes;
mod zh;

use super::engine::{Guard, Pattern};
pub(crate) use en::*;
pub(crate) use en_forum::*;
pub(crate) use en_takes::*;
pub(crate) use zh::*;

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

/// A power the provider keeps, unless one of `unless` stands in the same sentence.
const fn power_but(
    spec: &'static str,
    says: &'static str,
    unless: &'static [&'static str],
) -> Pattern {
    Pattern {
        spec,
        says,
        guard: Guard::NotPerson,
        affirmative: true,
        unless,
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

// What a finding says a clause does, shared by both languages' tables.

const EXCLUDES: &str = "excludes the provider's liability";
const DISCLAIMS: &str = "disclaims warranties";
const WAIVES: &str = "waives the person's claims against the provider";

const CHANGES: &str = "lets the provider change the terms or the service on its own";

const ENDS: &str = "lets the provider suspend or end the person's account, access or service";

const REMOVES: &str = "lets the provider remove or delete the person's content or data";

const BY_USING: &str = "makes using the service accept the terms";

const LAW: &str = "chooses the law that governs";

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
            // `协议条款不构成、也不得被解释为限制或者放弃适用于…的特权或豁免`: no law chosen.
            "不构成",
            // The laws that apply anyway, no choice made: `依据适用的法律和法规…不会向第三方披露`.
            "依据适用的法律",
            "根据适用的法律",
            "依照适用的法律",
            "按照适用的法律",
        ],
    }
}

const LICENCE: &str = "takes a licence over the person's content";

const fn licence_zh(spec: &'static str) -> Pattern {
    Pattern {
        spec,
        says: LICENCE,
        guard: Guard::None,
        affirmative: false,
        unless: &[
            "授予您",
            "授权您",
            "向您授予",
            "未经",
            "未授权",
            "非授权",
            // `通过非腾讯云公司授权的方式使用`: a use the provider did not authorise.
            "非…12授权",
            "许可证",
            "不得",
            "扣费",
            "扣款",
            "付款",
            "信用卡",
            "允许您",
            "拥有授予",
            "有权授予",
            // Rights granted to the person (`行使本协议所授予的权利`), the licensed work
            // (`授权作品`) and the licensor's grant to the public are no licence from the person.
            "所授予",
            "授予的权利",
            "授予之权利",
            "授权作品",
            "授权的作品",
            "授权公众",
            "适当的授权",
            "不需要授权",
            "无需授权",
            // A party named, not a grant made: `Mozilla 其贡献者、授权者和分销商将不承担…`.
            "授权者",
            // A definition (`“许可方”是指授予许可的…`) grants nothing.
            "是指",
            // A licence a third party gives the provider: `由微软公司许可我们使用的 Azure 技术`.
            "由…12许可我们",
        ],
    }
}
