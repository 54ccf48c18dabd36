// Words staff read for each sale state, and time formatting. Pure, unit-tested.

import type { SaleState, UpsellState } from "./api";

export const STATE_LABELS: Record<SaleState, string> = {
  draft: "Not sent",
  creating: "Creating link",
  awaiting_payment: "Waiting for customer",
  review: "Needs a manager's check",
  paid: "Paid",
  failed: "Payment failed",
  rejected: "Payment turned down",
  cancelled: "Cancelled",
  expired: "Expired",
};

export function stateLabel(state: SaleState, afterCancel = false): string {
  if (state === "paid" && afterCancel) return "Paid after cancel";
  return STATE_LABELS[state] ?? state;
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

export function timeOfDay(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function dateTime(ms: number): string {
  return new Date(ms).toLocaleString([], { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export const UPSELL_LABELS: Record<UpsellState, string> = {
  requested: "Charging…",
  unknown: "Checking with the store…",
  charged: "Charged",
  declined: "Not charged",
};

/** An upsell still waiting for its outcome blocks the next one for the same order. */
export function upsellInFlight(states: UpsellState[]): boolean {
  return states.some((s) => s === "requested" || s === "unknown");
}

/** The quiet line staff read for an order number named for a sale (never the sale's state). */
export function claimNote(c: { number: string; status: string; reason: string | null; posts: number }): string {
  const times = c.posts > 1 ? ` (${c.posts} times)` : "";
  switch (c.status) {
    case "checking": return `Order ${c.number} was posted for this sale${times}: checking it with the store.`;
    case "recheck": return `Order ${c.number} was posted for this sale${times}, but ${lower(c.reason ?? "the store has no such paid order yet.")} Still waiting for the customer's payment.`;
    case "refused": return `Order ${c.number} was posted for this sale${times}, but it is not this sale's payment: ${lower(c.reason ?? "refused.")}`;
    case "review": return `Order ${c.number} is held for a manager's check: ${c.reason ?? ""}`;
    default: return `Order ${c.number} paid this sale.`;
  }
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
