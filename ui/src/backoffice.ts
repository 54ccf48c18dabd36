// Back-office helpers for History: what is left to refund, the store's totals, and how a
// sale's refunds read. Pure, unit-tested.

import type { RefundLineRequest, SaleView, StoreOrder } from "./api";
import { t } from "./lib/i18n";
import { compareMoney, formatMoney } from "./money";

/** Units of each order line not refunded yet. */
export function remainingByLine(order: StoreOrder): Map<number, number> {
  const done = new Map<number, number>();
  for (const r of order.refunds ?? []) {
    for (const l of r.refund_line_items ?? []) done.set(l.line_item_id, (done.get(l.line_item_id) ?? 0) + l.quantity);
  }
  return new Map(order.lines.map((l) => [l.id, Math.max(0, l.quantity - (done.get(l.id) ?? 0))]));
}

/** The refund lines for `chosen` quantities per line id: only lines with something chosen. */
export function refundLines(chosen: Map<number, number>): RefundLineRequest[] {
  return [...chosen.entries()].filter(([, q]) => q > 0).map(([line_id, quantity]) => ({ line_id, quantity }));
}

/** The store's totals, as it computed them, in the order a receipt lists them. */
export function orderTotals(order: StoreOrder): { label: string; amount: string }[] {
  const rows: { label: string; amount: string }[] = [];
  const add = (label: string, v: unknown, skipZero: boolean) => {
    if (typeof v !== "string") return;
    if (skipZero && compareMoney(v, "0") === 0) return;
    rows.push({ label, amount: formatMoney(v, order.currency) });
  };
  add(t("totals-subtotal"), order.total_excl_tax, false);
  add(t("totals-discount"), order.total_discount, true);
  add(t("totals-shipping"), order.shipping_incl_tax, true);
  add(t("totals-tax"), order.total_tax, false);
  add(t("totals-total"), order.total_incl_tax, false);
  return rows;
}

/** "Refunded $12.00", "Cancelled at the store", or nothing. */
export function refundTag(s: Pick<SaleView, "refunded" | "store_status" | "currency">): string | null {
  if (s.store_status === "canceled" || s.store_status === "cancelled") return t("refund-tag-cancelled");
  if (s.refunded && compareMoney(s.refunded, "0") > 0) return t("refund-tag-refunded", { amount: formatMoney(s.refunded, s.currency) });
  return null;
}
