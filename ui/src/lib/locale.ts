// The window's language and the locale money, dates and times are written in. One value for
// the whole window; the components are drawn again when it changes (App's `{#key}`).

/** The languages the window speaks, in their own names. */
export const LANGUAGES: readonly (readonly [code: Language, name: string])[] = [
  ["en", "English"],
  ["de", "Deutsch"],
  ["sv", "Svenska"],
];
export type Language = "en" | "de" | "sv";

const KEY = "counterpay.language";
let locale = "en-US";

/** The system's language when it is one we speak, else English. */
export function systemLanguage(languages: readonly string[] = navigator.languages ?? [navigator.language]): Language {
  for (const l of languages) {
    const code = l.toLowerCase().split("-")[0];
    if (code === "de" || code === "sv" || code === "en") return code;
  }
  return "en";
}

/** The language picked in Settings, or the system's. */
export function savedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === "en" || v === "de" || v === "sv" ? v : null;
  } catch {
    return null;
  }
}

export function saveLanguage(language: Language | null): void {
  try {
    if (language) localStorage.setItem(KEY, language);
    else localStorage.removeItem(KEY);
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
