// Words staff read for each sale state, and time formatting. Pure, unit-tested.

import type { SaleState, UpsellState } from "./api";
import { t } from "./lib/i18n";
import { currentLocale } from "./lib/locale";

export function stateLabel(state: SaleState, afterCancel = false): string {
  if (state === "paid" && afterCancel) return t("state-paid-after-cancel");
  return t(`state-${state.replace(/_/g, "-")}`);
}

export function stateTone(state: SaleState, afterCancel = false): "ok" | "bad" | "wait" | "neutral" {
  if (state === "paid") return afterCancel ? "wait" : "ok";
  if (state === "failed" || state === "rejected") return "bad";
  if (state === "creating" || state === "awaiting_payment" || state === "review") return "wait";
  return "neutral";
}

/** "4:07" for a countdown; "0:00" once it is over. */
export function countdown(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}

// One formatter per locale and style, made once: `toLocaleTimeString(locale, options)` builds
// a new one on every call, which cost History most of its first frame (two per row).
const formats = new Map<string, Intl.DateTimeFormat>();
function format(style: "time" | "date-time" | "date", options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = currentLocale();
  const key = `${style} ${locale}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

export function timeOfDay(ms: number): string {
  return format("time", { hour: "2-digit", minute: "2-digit" }).format(ms);
}

export function dateTime(ms: number): string {
  return format("date-time", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(ms);
}

export function dateOnly(ms: number): string {
  return format("date", {}).format(ms);
}

export function upsellLabel(state: UpsellState): string {
  return t(`upsell-state-${state}`);
}

/** An upsell still waiting for its outcome blocks the next one for the same order. */
export function upsellInFlight(states: UpsellState[]): boolean {
  return states.some((s) => s === "requested" || s === "unknown");
}

/** The quiet line staff read for an order number named for a sale (never the sale's state).
 *  The reason is the store's or the core's own words, shown as they came. */
export function claimNote(c: { number: string; status: string; reason: string | null; posts: number }): string {
  const times = t("claim-times", { posts: c.posts });
  const args = { number: c.number, times, reason: c.reason ?? "", lower: lower(c.reason ?? "") };
  switch (c.status) {
    case "checking": return t("claim-checking", args);
    case "recheck": return t(c.reason ? "claim-recheck" : "claim-recheck-plain", args);
    case "refused": return t(c.reason ? "claim-refused" : "claim-refused-plain", args);
    case "review": return t("claim-review", args);
    default: return t("claim-accepted", args);
  }
}

/** The core's reason, continuing a sentence. */
function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
