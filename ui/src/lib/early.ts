// The window's first questions to the core. The page asks them from a small script inlined in
// its head (`early-script.ts` builds it from this file), before the window's own code is
// fetched and compiled: the core answers meanwhile, and the counter is drawn with the answers
// as soon as that code runs. Nothing here may import: the inlined script is this file alone.

/** The languages the window speaks. */
export type Language = "en" | "de" | "sv";

/** Where the language picked in Settings is kept. */
export const LANGUAGE_KEY = "counterpay.language";

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
    const v = localStorage.getItem(LANGUAGE_KEY);
    return v === "en" || v === "de" || v === "sv" ? v : null;
  } catch {
    return null;
  }
}

/** How many products the counter's first listing holds (as a search from the box). */
export const FIRST_LISTING = 120;

type Invoke = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;

/** The answers on their way: the window's language, and the status, the sign-in and the
 *  catalog's first listing (typed by the store, which takes them). */
export interface EarlyAnswers {
  language: Language;
  status: Promise<unknown>;
  signin: Promise<unknown>;
  catalog: Promise<unknown>;
  /** Number formatting was set up on its own thread (false: the window's first price pays). */
  warmed: Promise<boolean>;
}

/** Set up number and plural formatting on a thread of its own (`public/warm-intl.js`) while
 *  the window's code loads: the first price would otherwise pay for it on the page's thread.
 *  Where there are no workers, the first price pays, as before. */
function warmNumbers(language: Language): Promise<boolean> {
  return new Promise((done) => {
    try {
      if (typeof Worker !== "function") return done(false);
      const worker = new Worker("/warm-intl.js", { name: language });
      worker.onmessage = () => done(true);
      worker.onerror = () => done(false);
    } catch {
      done(false);
    }
  });
}

/** Tell the core the counter's language first (it writes its own sentences in it), then ask
 *  for what the counter shows first, all at once. A failed answer is its taker's error. */
export function askEarly(invoke: Invoke): EarlyAnswers {
  const language = savedLanguage() ?? systemLanguage();
  const warmed = warmNumbers(language);
  const quiet = (p: Promise<unknown>): Promise<unknown> => { p.catch(() => undefined); return p; };
  quiet(invoke("app_language", { language }));
  return {
    language,
    status: quiet(invoke("app_status")),
    signin: quiet(invoke("staff_state")),
    catalog: quiet(invoke("catalog_search", { query: "", limit: FIRST_LISTING })),
    warmed,
  };
}

declare global {
  interface Window {
    /** Set by the page's inlined first script (absent in the customer display's window). */
    __counterpayEarly?: EarlyAnswers;
  }
}
