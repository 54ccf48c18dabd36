import { describe, expect, it } from "vitest";
import type { StoreOrder } from "../src/api";
import { orderTotals, refundLines, refundTag, remainingByLine } from "../src/backoffice";

const order: StoreOrder = {
  number: "10001", currency: "USD", total_incl_tax: "42.50", total_excl_tax: "42.50", total_tax: "0.00",
  shipping_incl_tax: "0.00", total_discount: "0.00",
  lines: [
    { id: 1000100, variant_id: 140, product_title: "Enamel Pin Set", variant_title: "", sku: "EPS-140", quantity: 2, price_incl_tax: "24.00", is_upsell: false },
    { id: 1000101, variant_id: 110, product_title: "Tote", variant_title: "", sku: "T-110", quantity: 1, price_incl_tax: "18.50", is_upsell: true },
  ],
  refunds: [{ note: "x", total_refund_amount: "12.00", refund_line_items: [{ line_item_id: 1000100, quantity: 1 }] }],
};

describe("the back office", () => {
  it("knows what is left to refund on each line", () => {
    const left = remainingByLine(order);
    expect(left.get(1000100)).toBe(1);
    expect(left.get(1000101)).toBe(1);
    expect(refundLines(new Map([[1000100, 1], [1000101, 0]]))).toEqual([{ line_id: 1000100, quantity: 1 }]);
  });

  it("lists the store's totals and skips empty extras", () => {
    expect(orderTotals(order).map((r) => r.label)).toEqual(["Subtotal excl. tax", "Tax", "Total"]);
    expect(orderTotals(order).at(-1)?.amount).toBe("$42.50");
  });

  it("says how a sale was refunded", () => {
    expect(refundTag({ refunded: "0.00", store_status: "open", currency: "USD" })).toBeNull();
    expect(refundTag({ refunded: "12.00", store_status: "open", currency: "USD" })).toBe("Refunded $12.00");
    expect(refundTag({ refunded: "42.50", store_status: "canceled", currency: "USD" })).toBe("Cancelled at the store");
  });
});
