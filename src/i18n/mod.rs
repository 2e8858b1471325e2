//! The two languages of the interface and a text written in both: plain data,
//! shared by the presets, the lessons and the app.

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
