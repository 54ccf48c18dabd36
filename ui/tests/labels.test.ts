// Times and dates in History and a sale's detail: the same words the browser's own
// `toLocale…String` writes, in the window's locale, with one formatter kept per locale.
import { afterEach, describe, expect, it } from "vitest";
import { dateOnly, dateTime, timeOfDay } from "../src/labels";
import { setLocale } from "../src/lib/locale";

afterEach(() => setLocale("en-US"));

const at = Date.UTC(2026, 11, 3, 14, 7, 9);

describe("times and dates", () => {
  it("are written as the locale writes them, and follow a change of locale", () => {
    for (const locale of ["en-US", "de-DE", "sv-SE", "en-GB"]) {
      setLocale(locale);
      expect(timeOfDay(at)).toBe(new Date(at).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" }));
      expect(dateOnly(at)).toBe(new Date(at).toLocaleDateString(locale));
      expect(dateTime(at)).toBe(
        new Date(at).toLocaleString(locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" }),
      );
    }
    setLocale("de-DE");
    const german = dateOnly(at);
    setLocale("en-US");
    expect(dateOnly(at)).not.toBe(german);
  });
});
