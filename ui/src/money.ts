// Exact decimal money for the UI. Amounts arrive from the core as decimal strings
// ("24.00"); arithmetic is done on bigint minor units, never on floats.

export interface Money {
  /** Amount in units of 10^-scale. */
  units: bigint;
  /** Digits after the decimal point. */
  scale: number;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parse a decimal string. Throws on anything else (a float's exponent form included). */
export function parseMoney(text: string): Money {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new Error(`not a decimal amount: ${JSON.stringify(text)}`);
  const frac = m[3] ?? "";
  const units = BigInt(m[2] + frac) * (m[1] ? -1n : 1n);
  return { units, scale: frac.length };
}

function rescale(a: Money, scale: number): bigint {
  return a.units * 10n ** BigInt(scale - a.scale);
}

export function add(a: Money, b: Money): Money {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function times(a: Money, quantity: number): Money {
  if (!Number.isInteger(quantity)) throw new Error("quantity must be a whole number");
  return { units: a.units * BigInt(quantity), scale: a.scale };
}

export const ZERO: Money = { units: 0n, scale: 2 };

/** The amount as a decimal string with at least two decimals ("24.5" -> "24.50"). */
export function toDecimalString(a: Money): string {
  const scale = Math.max(a.scale, 2);
  const units = rescale(a, scale);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

import { currentLocale } from "./lib/locale";

const formatters = new Map<string, Intl.NumberFormat | null>();

function formatter(locale: string, currency: string | null, decimals: number): Intl.NumberFormat | null {
  const key = `${locale}|${currency ?? ""}|${decimals}`;
  let f = formatters.get(key);
  if (f === undefined) {
    try {
      if (currency) {
        const base = new Intl.NumberFormat(locale, { style: "currency", currency });
        const digits = base.resolvedOptions().maximumFractionDigits ?? 2;
        f = decimals > digits ? new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: decimals }) : base;
      } else {
        f = new Intl.NumberFormat(locale, { minimumFractionDigits: Math.max(2, decimals), maximumFractionDigits: Math.max(2, decimals) });
      }
    } catch {
      f = null; // a currency code Intl does not know
    }
    formatters.set(key, f);
  }
  return f;
}

/** An exact amount in the locale's and the currency's form: "$24.00", "24,00 €", "24,00 kr",
 *  "£24.00". The decimal string goes to `Intl.NumberFormat` as a string, which formats it
 *  exactly (no float on the way); a currency Intl does not know reads "XYZ 24.00". */
export function formatMoney(amount: Money | string, currency: string | null | undefined, locale: string = currentLocale()): string {
  const value = typeof amount === "string" ? parseMoney(amount) : amount;
  const text = toDecimalString(value);
  const f = formatter(locale, currency ?? null, value.scale);
  if (!f) return currency ? `${currency} ${text}` : text;
  // ES2023's Intl.NumberFormat takes a decimal string and keeps every digit of it.
  return f.format(text as unknown as number);
}

/** Order two decimal strings by value, for sorting. */
export function compareMoney(a: string, b: string): number {
  const x = parseMoney(a);
  const y = parseMoney(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** What staff typed as a price, as a decimal string: "19,90" (a decimal comma, as German
 *  and Swedish write it) and " 19.90 " both give "19.90". Anything else is returned as typed,
 *  so `parseMoney` refuses it with its own reason. Grouping marks are not guessed at. */
export function typedAmount(text: string): string {
  const t = text.trim();
  return /^-?\d+,\d+$/.test(t) ? t.replace(",", ".") : t;
}

/** A decimal string as staff would type it in the window's locale ("22.08" -> "22,08" in
 *  German), for placeholders and fields filled in for editing. */
export function editableAmount(decimal: string, locale: string = currentLocale()): string {
  const comma = new Intl.NumberFormat(locale).format(1.5).includes(",");
  return comma ? decimal.replace(".", ",") : decimal;
}
