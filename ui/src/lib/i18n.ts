// Every word the window and the customer display show comes from the message files in
// `locales/` (Fluent: plurals and placeables), in the language picked in Settings.

import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { localeFor, setLocale, type Language } from "./locale";

// `locales/<language>/*.ftl`: the counter, the back office, settings; one bundle each.
const FILES = import.meta.glob<string>("../../locales/*/*.ftl", { query: "?raw", import: "default", eager: true });

function sourceOf(language: Language): string {
  return Object.entries(FILES)
    .filter(([path]) => path.includes(`/locales/${language}/`))
    // Plain code-unit order: `localeCompare` would load ICU's collation data into the
    // page at start-up for a sort of a few ASCII file names.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, text]) => text)
    .join("\n");
}

/** The message files, by language (the key check in the tests reads the same). */
export const SOURCES: Record<Language, string> = { en: sourceOf("en"), de: sourceOf("de"), sv: sourceOf("sv") };

export type Args = Record<string, FluentVariable | null | undefined>;

function bundleOf(language: Language, locale: string): FluentBundle {
  // No Unicode isolation marks around placeables: the window is left-to-right only and
  // staff (and tests) read the text as shown.
  const b = new FluentBundle([locale, language], { useIsolating: false });
  const errors = b.addResource(new FluentResource(SOURCES[language]));
  if (errors.length) console.error(`locales/${language}.ftl:`, errors);
  return b;
}

const english = bundleOf("en", "en-US");
let bundle = english;
let current: Language = "en";

/** Switch the window's language (and the locale money and dates are written in). */
export function setLanguage(language: Language, locale: string = localeFor(language)): void {
  setLocale(locale);
  bundle = language === "en" && locale === "en-US" ? english : bundleOf(language, locale);
  current = language;
}

export function language(): Language {
  return current;
}

function clean(args: Args | undefined): Record<string, FluentVariable> | undefined {
  if (!args) return undefined;
  const out: Record<string, FluentVariable> = {};
  for (const [k, v] of Object.entries(args)) out[k] = v ?? "";
  return out;
}

/** The message `id` (or `id.attribute`) with its placeables filled in. A missing message
 *  shows its id, so it is seen at once (and the key check in the tests fails first). */
export function t(id: string, args?: Args): string {
  const [name, attr] = id.split(".", 2);
  for (const b of bundle === english ? [english] : [bundle, english]) {
    const m = b.getMessage(name);
    const pattern = attr ? m?.attributes[attr] : m?.value;
    if (pattern) return b.formatPattern(pattern, clean(args), []);
  }
  return id;
}
