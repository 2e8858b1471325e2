//! The two languages of the interface and a text written in both: plain data,
//! shared by the presets, the lessons, the model's messages and the app.
//!
//! # Glossary (English → 简体中文)
//!
//! One word for one thing everywhere, as Chinese engineering writing uses it.
//! Ids, capability names typed by a user, labels and the file format's own
//! names (`requires`, `load_balancer`) are data and are never translated.
//!
//! | English | 中文 | | English | 中文 |
//! |---|---|---|---|---|
//! | availability | 可用性 | | cluster | 集群 |
//! | downtime (per year) | 停机时间（每年） | | distributed | 分布式 |
//! | N nines | N 个 9 | | microservices | 微服务 |
//! | design (figure) | 设计值 | | monolith | 单体应用 |
//! | weighted mean | 加权平均 | | load balancer | 负载均衡 |
//! | function | 功能 | | gateway | 网关 |
//! | capability | 业务能力 | | service | 服务 |
//! | node | 节点 | | database | 数据库 |
//! | link | 连线 | | cache | 缓存 |
//! | instance | 实例 | | queue | 消息队列 |
//! | replicas | 副本数 | | client | 客户端 |
//! | quorum | 法定数 | | external API | 外部 API |
//! | kill / killed | 停掉 / 已停掉 | | up | 正常 |
//! | revive | 恢复 | | degraded | 降级 |
//! | down (status) | 宕机 | | single point of failure | 单点故障 |
//! | blast radius | 故障影响范围 | | circuit breaker | 熔断 |
//! | coupling | 耦合 | | sync call | 同步调用 |
//! | Ca (afferent) | 传入耦合 | | async | 异步 |
//! | Ce (efferent) | 传出耦合 | | shared store | 共享存储 |
//! | instability | 不稳定度 | | cycle | 循环依赖 |
//! | sync depth | 同步调用深度 | | preset | 预设场景 |
//! | inspector | 属性面板 | | palette | 组件面板 |
//!
//! Chinese text uses full-width punctuation (，：；（）) and a space between a
//! Chinese word and a Latin one or a number (`3 个 9`, `外部 API`), as most
//! Chinese technical writing does.

/// A language the interface speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese (简体中文).
    Zh,
}

impl Lang {
    /// Every language, in the order a switch lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language of a BCP 47 tag such as `en-US`, `zh-CN` or `zh-Hans`
    /// (case-insensitive; `_` accepted for `-`); `None` for any other language.
    /// Traditional Chinese (`zh-TW`, `zh-Hant`) gets Chinese too: closer than English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else if primary.eq_ignore_ascii_case("zh") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// The tag used in `?lang=` and the page's `lang` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// A fixed text in English and Chinese: `l("Kind", "类型")`.
pub const fn l(en: &'static str, zh: &'static str) -> Localized {
    Localized { en, zh }
}

/// A text in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Localized {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese, written as a Chinese engineer would write it.
    pub zh: &'static str,
}

impl Localized {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// A text made at run time (a number or a name inside) in each language, for
/// what is said once and shown until dismissed: shown in the language in force
/// when it is read, so switching the language switches it too.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Text {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

impl Text {
    /// The text `say` says in each language.
    pub fn of(say: impl Fn(Lang) -> String) -> Text {
        Text::of_dyn(&say)
    }

    /// [`Text::of`] once for every `say` (a generic body would be copied per closure).
    fn of_dyn(say: &dyn Fn(Lang) -> String) -> Text {
        Text {
            en: say(Lang::En),
            zh: say(Lang::Zh),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

impl From<Localized> for Text {
    fn from(l: Localized) -> Text {
        Text::of(|lang| l.get(lang).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_their_language_whatever_the_case_or_region() {
        for tag in ["en", "EN", "en-US", "en_GB"] {
            assert_eq!(Lang::from_tag(tag), Some(Lang::En), "{tag}");
        }
        for tag in [
            "zh",
            "zh-CN",
            "zh-cn",
            "zh-Hans",
            "zh-Hans-CN",
            "zh-TW",
            "zh-Hant",
        ] {
            assert_eq!(Lang::from_tag(tag), Some(Lang::Zh), "{tag}");
        }
        for tag in ["", "fr", "ja-JP", "english", "z"] {
            assert_eq!(Lang::from_tag(tag), None, "{tag}");
        }
    }

    #[test]
    fn a_language_reads_back_from_its_own_tag() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.as_str()), Some(lang));
        }
    }
}
