// The customer-facing display: what it shows is a pure function of the counter's basket
// and the sale on screen, so it is unit-tested here and the window only renders it.

import type { SaleView } from "./api";
import type { DisplaySale, DisplayState } from "./generated/types";
import { Basket, describeSubscription } from "./basket";
import { toDecimalString } from "./money";

// The message's types are generated from Rust (crates/core/src/window.rs).
export type { DisplayLine, DisplaySale, DisplayState } from "./generated/types";

export type Screen = "welcome" | "basket" | "preparing" | "scan" | "confirming" | "thanks" | "failed" | "ended";

export function displayState(shop: string, basket: Basket, currency: string | null, sale: SaleView | null): DisplayState {
  return {
    shop,
    lines: basket.lines.map((l) => ({
      title: l.subscription ? `${l.title} (${describeSubscription(l.subscription)})` : l.title,
      quantity: l.quantity,
      amount: toDecimalString(basket.lineTotal(l)),
    })),
    total: toDecimalString(basket.total()),
    currency,
    items: basket.itemCount(),
    sale: sale ? saleOf(sale) : null,
  };
}

export function saleOf(s: SaleView): DisplaySale {
  return {
    id: s.id, state: s.state, qr_image: s.qr_image, amount: s.store_total ?? s.total,
    order_number: s.order_number, expires_at: s.expires_at, currency: s.currency,
  };
}

/** Apply a `sale:updated` event to the display: only the sale it shows changes. */
export function withUpdate(d: DisplayState, s: SaleView): DisplayState {
  return d.sale && d.sale.id === s.id ? { ...d, sale: saleOf(s) } : d;
}

export function screenOf(d: DisplayState): Screen {
  const s = d.sale;
  if (!s) return d.lines.length ? "basket" : "welcome";
  switch (s.state) {
    case "draft": case "creating": return "preparing";
    case "awaiting_payment": return s.qr_image ? "scan" : "preparing";
    case "review": return "confirming";
    case "paid": return "thanks";
    case "failed": case "rejected": return "failed";
    case "cancelled": case "expired": return "ended";
  }
}
