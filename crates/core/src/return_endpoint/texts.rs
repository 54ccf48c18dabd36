//! The words on the customer's phone pages, from `locales/*.ftl` (Fluent), in the language
//! the phone asks for (`Accept-Language`): English, German or Swedish, English otherwise.
//! The language of the request being answered is a task-local set by [`with_language`].

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// A language the pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (also for every language not listed).
    En,
    /// German.
    De,
    /// Swedish.
    Sv,
}

const SOURCES: [(Lang, &str, &str); 3] = [
    (Lang::En, "en", include_str!("../../locales/en.ftl")),
    (Lang::De, "de", include_str!("../../locales/de.ftl")),
    (Lang::Sv, "sv", include_str!("../../locales/sv.ftl")),
];

impl Lang {
    /// The BCP 47 code (`<html lang>`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Sv => "sv",
        }
    }

    /// The best language for an `Accept-Language` header (quality values respected).
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let Some(header) = header else { return Lang::En };
        let requested = fluent_langneg::accepted_languages::parse(header);
        let available: Vec<LanguageIdentifier> = SOURCES.iter().map(|(_, code, _)| code.parse().expect("valid codes")).collect();
        let default: LanguageIdentifier = "en".parse().expect("valid code");
        let chosen =
            fluent_langneg::negotiate_languages(&requested, &available, Some(&default), fluent_langneg::NegotiationStrategy::Lookup);
        match chosen.first().map(|l| l.language.as_str()) {
            Some("de") => Lang::De,
            Some("sv") => Lang::Sv,
            _ => Lang::En,
        }
    }

    /// The decimal mark written in this language.
    pub fn decimal_comma(self) -> bool {
        self != Lang::En
    }
}

tokio::task_local! {
    static LANGUAGE: Lang;
}

/// Run `f` answering in `lang`: the pages built inside it speak that language.
pub async fn with_language<F: std::future::Future>(lang: Lang, f: F) -> F::Output {
    LANGUAGE.scope(lang, f).await
}

/// The language of the request being answered (English outside one).
pub fn current() -> Lang {
    LANGUAGE.try_with(|l| *l).unwrap_or(Lang::En)
}

fn bundles() -> &'static [FluentBundle<FluentResource>; 3] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        SOURCES.map(|(_, code, source)| {
            let id: LanguageIdentifier = code.parse().expect("valid code");
            let mut b = FluentBundle::new_concurrent(vec![id]);
            // The pages are left-to-right only; no isolation marks around the placeables.
            b.set_use_isolating(false);
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, e)| panic!("locales/{code}.ftl: {e:?}"));
            b.add_resource(resource).unwrap_or_else(|e| panic!("locales/{code}.ftl: {e:?}"));
            b
        })
    })
}

/// Message `id` in `lang`, with `args` (already HTML-escaped by the caller). A message
/// missing in `lang` falls back to English; missing everywhere, its id.
pub fn text(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (k, v) in args {
        fluent_args.set(*k, v.to_string());
    }
    let index = |l: Lang| SOURCES.iter().position(|(x, _, _)| *x == l).unwrap_or(0);
    for l in [lang, Lang::En] {
        let b = &bundles()[index(l)];
        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return b.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
        }
    }
    id.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(source: &str) -> Vec<String> {
        let mut v: Vec<String> = source
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split(" =").next())
            .map(str::to_string)
            .collect();
        v.sort();
        v
    }

    #[test]
    fn every_language_has_every_message_and_parses() {
        let english = ids(SOURCES[0].2);
        assert!(english.len() >= 15);
        for (lang, code, source) in SOURCES {
            assert_eq!(ids(source), english, "locales/{code}.ftl has the same messages as en.ftl");
            for id in &english {
                assert!(bundles()[SOURCES.iter().position(|(l, _, _)| *l == lang).unwrap()].has_message(id), "{code}: {id} parses");
            }
        }
    }

    #[test]
    fn the_phone_gets_its_own_language() {
        assert_eq!(Lang::from_accept_language(Some("de-DE,de;q=0.9,en;q=0.8")), Lang::De);
        assert_eq!(Lang::from_accept_language(Some("sv-SE")), Lang::Sv);
        assert_eq!(Lang::from_accept_language(Some("fr-FR,sv;q=0.5")), Lang::Sv);
        assert_eq!(Lang::from_accept_language(Some("en-GB,de;q=0.5")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("fr-FR")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("*;q=garbage,,;")), Lang::En);
        assert_eq!(Lang::from_accept_language(None), Lang::En);
        assert_eq!(text(Lang::Sv, "receipt-order", &[("number", "1"), ("shop", "X")]), "Order 1 hos X.");
    }
}
