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

const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£", AUD: "A$", CAD: "C$", SEK: "kr ", NOK: "kr ", DKK: "kr " };

/** "$24.00", "€9.20", or "CHF 12.00" for currencies without a short symbol. */
export function formatMoney(amount: Money | string, currency: string | null | undefined): string {
  const value = typeof amount === "string" ? parseMoney(amount) : amount;
  const text = toDecimalString(value);
  if (!currency) return text;
  const symbol = SYMBOLS[currency];
  if (!symbol) return `${currency} ${text}`;
  return text.startsWith("-") ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`;
}

/** Order two decimal strings by value, for sorting. */
export function compareMoney(a: string, b: string): number {
  const x = parseMoney(a);
  const y = parseMoney(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
