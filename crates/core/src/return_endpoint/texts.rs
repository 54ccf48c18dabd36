//! The words on the customer's phone pages, from `locales/phone/*.ftl` (Fluent), in the
//! language the phone asks for (`Accept-Language`): English, German or Swedish, English
//! otherwise. The language of the request being answered is a task-local set by
//! [`with_language`].

pub use crate::domain::words::Lang;

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

/// Message `id` in `lang`, with `args` (already HTML-escaped by the caller).
pub fn text(lang: Lang, id: &'static str, args: &[(&str, &str)]) -> String {
    crate::domain::words::message(lang, id, args)
}
