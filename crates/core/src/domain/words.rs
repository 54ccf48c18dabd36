//! Every sentence the core writes for a person, in their language.
//!
//! The core never builds a sentence with `format!`: it names a message in
//! `locales/staff/*.ftl` (staff) or `locales/phone/*.ftl` (the customer's phone) with
//! [`text!`], and the sentence is written out in a language only when someone reads it.
//! What the core stores for later (a sale's reason, a timeline note, a closing note) is the
//! [`Text`] itself, as JSON, so History reads it in the language staff use that day; rows
//! written before this held plain English and are shown as they are.
//!
//! Staff read the language the window picked ([`set_staff_language`]); logs and `Display`
//! are English. A test reads every `text!` in the core's source and fails when a key is
//! missing in any language, so no sentence can be added without its German and Swedish.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// A language the core writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (also for every language not listed).
    En,
    /// German.
    De,
    /// Swedish.
    Sv,
}

/// The message files, by language: the phone's pages and the staff's sentences.
pub(crate) const SOURCES: [(Lang, &str, [&str; 2]); 3] = [
    (Lang::En, "en", [include_str!("../../locales/phone/en.ftl"), include_str!("../../locales/staff/en.ftl")]),
    (Lang::De, "de", [include_str!("../../locales/phone/de.ftl"), include_str!("../../locales/staff/de.ftl")]),
    (Lang::Sv, "sv", [include_str!("../../locales/phone/sv.ftl"), include_str!("../../locales/staff/sv.ftl")]),
];

impl Lang {
    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Sv => "sv",
        }
    }

    /// The language for a code or a tag such as `de-AT` (English for anything else).
    pub fn from_code(code: &str) -> Lang {
        match code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase().as_str() {
            "de" => Lang::De,
            "sv" => Lang::Sv,
            _ => Lang::En,
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
        Lang::from_code(chosen.first().map(|l| l.language.as_str()).unwrap_or("en"))
    }

    /// The decimal mark written in this language.
    pub fn decimal_comma(self) -> bool {
        self != Lang::En
    }

    fn index(self) -> usize {
        SOURCES.iter().position(|(l, _, _)| *l == self).unwrap_or(0)
    }
}

static STAFF: AtomicU8 = AtomicU8::new(0);

/// The language staff read the core's sentences in (the window sets it from its own pick).
pub fn set_staff_language(lang: Lang) {
    STAFF.store(lang.index() as u8, Ordering::Relaxed);
}

/// The language staff read, English until the window says otherwise.
pub fn staff_language() -> Lang {
    SOURCES.get(STAFF.load(Ordering::Relaxed) as usize).map(|(l, _, _)| *l).unwrap_or(Lang::En)
}

fn bundles() -> &'static [FluentBundle<FluentResource>; 3] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 3]> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        SOURCES.map(|(_, code, sources)| {
            let id: LanguageIdentifier = code.parse().expect("valid code");
            let mut b = FluentBundle::new_concurrent(vec![id]);
            // Plain text for labels and HTML pages alike: no isolation marks around placeables.
            b.set_use_isolating(false);
            for source in sources {
                let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, e)| panic!("locales/*/{code}.ftl: {e:?}"));
                b.add_resource(resource).unwrap_or_else(|e| panic!("locales/*/{code}.ftl: {e:?}"));
            }
            b
        })
    })
}

/// One value placed into a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    /// A whole number (plurals choose by it).
    Number(i64),
    /// Another sentence, written in the same language.
    Text(Box<Text>),
    /// An amount of money: exact decimal digits and the currency code.
    Money {
        /// The decimal, as text (`24.00`).
        amount: String,
        /// ISO 4217 code.
        currency: String,
    },
    /// Words placed as they are: a name, an order number, the store's own words.
    Plain(String),
    /// Several sentences, one after the other (`; ` between).
    List(Vec<Text>),
}

/// A sentence not yet written out: the message's key and its placeables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Text {
    #[serde(rename = "t")]
    key: Cow<'static, str>,
    #[serde(rename = "a", default, skip_serializing_if = "BTreeMap::is_empty")]
    args: BTreeMap<String, Arg>,
}

/// What can be placed into a sentence.
pub trait IntoArg {
    /// The value as a placeable.
    fn into_arg(self) -> Arg;
}

impl IntoArg for Arg {
    fn into_arg(self) -> Arg {
        self
    }
}
impl IntoArg for Text {
    fn into_arg(self) -> Arg {
        Arg::Text(Box::new(self))
    }
}
impl IntoArg for &Text {
    fn into_arg(self) -> Arg {
        Arg::Text(Box::new(self.clone()))
    }
}
impl IntoArg for &str {
    fn into_arg(self) -> Arg {
        Arg::Plain(self.to_string())
    }
}
impl IntoArg for String {
    fn into_arg(self) -> Arg {
        Arg::Plain(self)
    }
}
impl IntoArg for &String {
    fn into_arg(self) -> Arg {
        Arg::Plain(self.clone())
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl IntoArg for $t {
            fn into_arg(self) -> Arg {
                i64::try_from(self).map(Arg::Number).unwrap_or_else(|_| Arg::Plain(self.to_string()))
            }
        }
    )*};
}
number_args!(i64, u64, usize, u32, i32, u16);

/// An amount of money as a placeable.
pub fn money(amount: impl std::fmt::Display, currency: impl Into<String>) -> Arg {
    Arg::Money { amount: amount.to_string(), currency: currency.into() }
}

/// Several sentences as one placeable.
pub fn list(items: Vec<Text>) -> Arg {
    Arg::List(items)
}

/// Anything shown by its `Display` (a path, an id, an error from a library) as a placeable.
pub fn plain(value: impl std::fmt::Display) -> Arg {
    Arg::Plain(value.to_string())
}

/// A sentence: `text!("key")` or `text!("key", name = value, ...)`; the key must be a
/// literal, so the check that every language has it can read the source.
#[macro_export]
macro_rules! text {
    ($key:literal) => {
        $crate::domain::words::Text::new($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::domain::words::Text::new($key)$(.with(stringify!($name), $crate::domain::words::IntoArg::into_arg($value)))+
    };
}
pub use crate::text;

impl Text {
    /// The message `key` with no placeables yet.
    pub fn new(key: &'static str) -> Text {
        Text { key: Cow::Borrowed(key), args: BTreeMap::new() }
    }

    /// This sentence with placeable `name` set to `value`.
    pub fn with(mut self, name: &str, value: Arg) -> Text {
        self.args.insert(name.to_string(), value);
        self
    }

    /// The message's key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The sentence in `lang` (English where the message is missing; its key where missing
    /// everywhere).
    pub fn render(&self, lang: Lang) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, arg) in &self.args {
            let value: FluentValue = match arg {
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Plain(s) => FluentValue::from(s.clone()),
                Arg::Text(t) => FluentValue::from(t.render(lang)),
                Arg::Money { amount, currency } => FluentValue::from(write_money(lang, amount, currency)),
                Arg::List(items) => FluentValue::from(items.iter().map(|t| t.render(lang)).collect::<Vec<_>>().join("; ")),
            };
            fluent_args.set(name.clone(), value);
        }
        for l in [lang, Lang::En] {
            let b = &bundles()[l.index()];
            if let Some(pattern) = b.get_message(&self.key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return b.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
            }
        }
        self.key.to_string()
    }

    /// Whether anything is placed into the sentence (else it reads the same every time).
    pub fn has_placeables(&self) -> bool {
        !self.args.is_empty()
    }

    /// The sentence in the staff's language.
    pub fn for_staff(&self) -> String {
        self.render(staff_language())
    }

    /// The form kept in the database.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).expect("a text serialises")
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A stored sentence in `lang`: a kept [`Text`] is written out; anything else (rows from
/// before, words staff typed) is shown as it is.
pub fn show_in(lang: Lang, stored: &str) -> String {
    if stored.starts_with("{\"t\":") {
        if let Ok(text) = serde_json::from_str::<Text>(stored) {
            return text.render(lang);
        }
    }
    stored.to_string()
}

/// A stored sentence in the staff's language.
pub fn show(stored: &str) -> String {
    show_in(staff_language(), stored)
}

/// [`show`] for an optional column.
pub fn show_opt(stored: Option<&str>) -> Option<String> {
    stored.map(show)
}

/// `24.00 EUR` in English, `24,00 EUR` in German and Swedish: exact digits, no floats.
fn write_money(lang: Lang, amount: &str, currency: &str) -> String {
    let digits = if lang.decimal_comma() { amount.replace('.', ",") } else { amount.to_string() };
    format!("{digits} {currency}")
}

/// Message `id` in `lang` with plain placeables (the phone pages, which escape them first).
pub fn message(lang: Lang, id: &'static str, args: &[(&str, &str)]) -> String {
    let mut t = Text::new(id);
    for (k, v) in args {
        t = t.with(k, Arg::Plain(v.to_string()));
    }
    t.render(lang)
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
    fn every_language_has_every_message_and_each_parses() {
        for part in 0..2 {
            let english = ids(SOURCES[0].2[part]);
            assert!(english.len() >= 15);
            for (lang, code, sources) in SOURCES {
                assert_eq!(ids(sources[part]), english, "{code}: the same messages as English");
                for id in &english {
                    let b = &bundles()[lang.index()];
                    assert!(b.get_message(id).and_then(|m| m.value()).is_some(), "{code}: {id} parses");
                }
            }
        }
    }

    /// Every `text!("key"…)` in the core's source and the desktop shell's, by walking them.
    fn keys_in_source() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).expect("a source file");
                    for piece in source.split("text!(\"").skip(1) {
                        if let Some(key) = piece.split('"').next() {
                            out.push((key.to_string(), path.display().to_string()));
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        walk(&here.join("src"), &mut out);
        walk(&here.join("../../src-tauri"), &mut out);
        out
    }

    #[test]
    fn every_sentence_in_the_source_is_in_every_language() {
        let used = keys_in_source();
        assert!(used.len() >= 100, "the core's sentences are found ({} seen)", used.len());
        for (key, file) in &used {
            if key == "key" {
                continue; // the macro's own documentation
            }
            for (lang, code, _) in SOURCES {
                let b = &bundles()[lang.index()];
                assert!(b.get_message(key).and_then(|m| m.value()).is_some(), "{file}: {key:?} is missing in locales/*/{code}.ftl");
            }
        }
    }

    #[test]
    fn a_kept_sentence_is_read_in_the_language_of_the_day() {
        let inner = text!("closing-handed-over", shop = "Shop");
        let t = text!("test-words", count = 2u32, amount = money("24.00", "EUR"), inner = inner);
        let stored = t.to_stored();
        assert!(stored.starts_with("{\"t\":\"test-words\""), "{stored}");
        let english = show_in(Lang::En, &stored);
        let german = show_in(Lang::De, &stored);
        assert_eq!(english, "2 items, 24.00 EUR: Handed over at Shop");
        assert!(german.starts_with("2 Artikel, 24,00 EUR: "), "{german}");
        assert_ne!(english, german);
        assert_eq!(show_in(Lang::Sv, "Written before: plain English"), "Written before: plain English");
        assert_eq!(show_in(Lang::De, "{\"t\": not json"), "{\"t\": not json");
        assert_eq!(
            text!("test-words", count = 1u32, amount = money("1.50", "SEK"), inner = "x").render(Lang::Sv),
            "1 artikel, 1,50 SEK: x"
        );
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
        assert_eq!(Lang::from_code("de-AT"), Lang::De);
        assert_eq!(message(Lang::Sv, "receipt-order", &[("number", "1"), ("shop", "X")]), "Order 1 hos X.");
    }
}
