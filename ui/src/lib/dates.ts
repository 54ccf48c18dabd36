// A day typed and shown the locale's way (03.12.2026, 2026-12-03, 12/3/2026), kept as the
// ISO date the core takes. WebKitGTK's own date field follows the process's locale, not the
// window's language, so the window writes and reads dates itself.

import { currentLocale } from "./locale";

type Part = "day" | "month" | "year";

function parts(locale: string): { order: Part[]; shown: Intl.DateTimeFormat } {
  const shown = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });
  const order = shown.formatToParts(new Date(Date.UTC(2026, 11, 3))).map((p) => p.type).filter((p): p is Part => p === "day" || p === "month" || p === "year");
  return { order, shown };
}

/** `2026-12-03` as the locale writes it: `03.12.2026` in German, `2026-12-03` in Swedish. */
export function showDate(iso: string, locale: string = currentLocale()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return "";
  return parts(locale).shown.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** What the locale's short date looks like, for the placeholder (`TT.MM.JJJJ` is not known
 *  to Intl, so an example day is shown: `31.12.2026`). */
export function dateExample(locale: string = currentLocale()): string {
  return showDate("2026-12-31", locale);
}

/** A typed day as ISO, or null when it is not a day: the locale's order of day, month and
 *  year, any separators; an ISO date is taken as it is. */
export function readDate(text: string, locale: string = currentLocale()): string | null {
  const numbers = text.trim().split(/[^0-9]+/).filter(Boolean).map(Number);
  if (numbers.length !== 3) return null;
  const order: Part[] = /^\s*\d{4}\D/.test(text) ? ["year", "month", "day"] : parts(locale).order;
  const at = (p: Part) => numbers[order.indexOf(p)];
  let year = at("year");
  if (year < 100) year += 2000;
  const month = at("month"), day = at("day");
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || year > 9999) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
