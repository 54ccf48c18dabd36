// The window's language and the locale money, dates and times are written in. One value for
// the whole window; the components are drawn again when it changes (App's `{#key}`).

import { LANGUAGE_KEY, type Language } from "./early";

export { savedLanguage, systemLanguage, type Language } from "./early";

/** The languages the window speaks, in their own names. */
export const LANGUAGES: readonly (readonly [code: Language, name: string])[] = [
  ["en", "English"],
  ["de", "Deutsch"],
  ["sv", "Svenska"],
];
let locale = "en-US";

export function saveLanguage(language: Language | null): void {
  try {
    if (language) localStorage.setItem(LANGUAGE_KEY, language);
    else localStorage.removeItem(LANGUAGE_KEY);
  } catch {
    /* private mode: the choice lasts this session */
  }
}

/** The full locale for a language: the system's own region when it speaks that language
 *  (en-GB writes £ and dates its way), else the language's main one. */
export function localeFor(language: Language, system: readonly string[] = typeof navigator === "undefined" ? [] : navigator.languages ?? []): string {
  const own = system.find((l) => l.toLowerCase().split("-")[0] === language && l.includes("-"));
  if (own) return own;
  return language === "de" ? "de-DE" : language === "sv" ? "sv-SE" : "en-US";
}

export function currentLocale(): string {
  return locale;
}

export function setLocale(next: string): void {
  locale = next;
}

const languageNames = new Map<string, Intl.DisplayNames | null>();

/** A language's name in the window's locale ("Deutsch" is "German" in English, "tyska" in
 *  Swedish), from the webview's own data; `fallback` (the core's English name) where it has
 *  none. */
export function languageName(code: string, fallback: string, locale: string = currentLocale()): string {
  if (!languageNames.has(locale)) {
    try { languageNames.set(locale, new Intl.DisplayNames([locale], { type: "language", fallback: "none" })); } catch { languageNames.set(locale, null); }
  }
  try {
    const name = languageNames.get(locale)?.of(code);
    return name && name !== code ? name : fallback;
  } catch {
    return fallback;
  }
}
