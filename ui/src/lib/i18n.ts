// Every word the window and the customer display show comes from the message files in
// `locales/` (Fluent: plurals and placeables), in the language picked in Settings.

import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { localeFor, setLocale, type Language } from "./locale";

// `locales/<language>/*.ftl`: the counter, the back office, settings; one bundle each.
const FILES = import.meta.glob<string>("../../locales/*/*.ftl", { query: "?raw", import: "default", eager: true });

/** A language's files, the counter's first, each file's text. Plain code-unit order for the
 *  rest: `localeCompare` would load ICU's collation data into the page at start-up for a sort
 *  of a few ASCII file names. */
function filesOf(language: Language): string[] {
  const first = (path: string) => (path.endsWith("/counter.ftl") ? 0 : 1);
  return Object.entries(FILES)
    .filter(([path]) => path.includes(`/locales/${language}/`))
    .sort(([a], [b]) => first(a) - first(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([, text]) => text);
}

/** The message files, by language (the key check in the tests reads the same). */
export const SOURCES: Record<Language, string> = { en: filesOf("en").join("\n"), de: filesOf("de").join("\n"), sv: filesOf("sv").join("\n") };

export type Args = Record<string, FluentVariable | null | undefined>;

/** One language's messages, parsed a file at a time: the counter's file at once (the first
 *  frame needs nothing else), each other file once a message is not in those parsed so far.
 *  Parsing all of a language's files held the window's first frame back by 8 ms. */
class Messages {
  readonly bundle: FluentBundle;
  private readonly unread: string[];

  constructor(readonly language: Language, readonly locale: string) {
    // No Unicode isolation marks around placeables: the window is left-to-right only and
    // staff (and tests) read the text as shown.
    this.bundle = new FluentBundle([locale, language], { useIsolating: false });
    this.unread = filesOf(language);
    this.readNext();
  }

  private readNext(): void {
    const errors = this.bundle.addResource(new FluentResource(this.unread.shift() ?? ""));
    if (errors.length) console.error(`locales/${this.language}:`, errors);
  }

  /** The message `name`, reading the language's other files until it is found. */
  message(name: string): ReturnType<FluentBundle["getMessage"]> {
    for (;;) {
      const m = this.bundle.getMessage(name);
      if (m || !this.unread.length) return m;
      this.readNext();
    }
  }
}

/** English, the fallback for a message another language lacks: read once it is needed. */
let english: Messages | null = null;
const englishMessages = (): Messages => (english ??= new Messages("en", "en-US"));
let messages: Messages | null = null;
let current: Language = "en";

/** The window's messages (English until a language is set). */
function currentMessages(): Messages {
  return (messages ??= englishMessages());
}

/** Switch the window's language (and the locale money and dates are written in). */
export function setLanguage(language: Language, locale: string = localeFor(language)): void {
  setLocale(locale);
  messages = language === "en" && locale === "en-US" ? englishMessages() : new Messages(language, locale);
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
  const own = currentMessages();
  const isEnglish = own.language === "en" && own.locale === "en-US";
  return formatted(own, name, attr, args) ?? (isEnglish ? null : formatted(englishMessages(), name, attr, args)) ?? id;
}

function formatted(m: Messages, name: string, attr: string | undefined, args: Args | undefined): string | null {
  const message = m.message(name);
  const pattern = attr ? message?.attributes[attr] : message?.value;
  return pattern ? m.bundle.formatPattern(pattern, clean(args), []) : null;
}
