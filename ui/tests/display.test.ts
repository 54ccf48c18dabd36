import { describe, expect, it } from "vitest";
import type { SaleView } from "../src/api";
import { Basket } from "../src/basket";
import { displayState, screenOf, withUpdate } from "../src/display";

function sale(over: Partial<SaleView>): SaleView {
  return {
    id: "s_1", state: "awaiting_payment", currency: "USD", total: "31.00", lines: [], payment_complete_url: "http://x/p",
    qr_image: "data:image/png;base64,iVBORw0KGgo=", expires_at: 1, order_number: null, store_total: null, customer: null, reason: null, after_cancel: false,
    created_at: 0, updated_at: 0, paid_at: null, supports_upsells: false, upsells: [], ...over,
  } as SaleView;
}

describe("the customer display", () => {
  it("welcomes, then lists the basket with exact totals", () => {
    const b = new Basket();
    expect(screenOf(displayState("Shop", b, "USD", null))).toBe("welcome");
    b.add({ variantId: 1, title: "Tote", sku: "T", unitPrice: "10.10" }, 3);
    b.add({ variantId: 2, title: "Mug", sku: "M", unitPrice: "0.20", subscription: { interval: "month", interval_count: 1 } });
    const d = displayState("Shop", b, "USD", null);
    expect(screenOf(d)).toBe("basket");
    expect(d.lines.map((l) => [l.quantity, l.title])).toEqual([[3, "Tote"], [1, "Mug (every month)"]]);
    // Exact decimals: the display writes them in its own language.
    expect(d.total).toBe("30.50");
    expect(d.currency).toBe("USD");
    expect(d.lines[0].amount).toBe("30.30");
    expect(d.items).toBe(4);
  });

  it("follows the sale: QR, confirming, thanks or failed", () => {
    const b = new Basket();
    b.add({ variantId: 1, title: "Tote", sku: "T", unitPrice: "31.00" });
    let d = displayState("Shop", b, "USD", sale({ state: "creating", qr_image: null }));
    expect(screenOf(d)).toBe("preparing");
    d = withUpdate(d, sale({ state: "awaiting_payment" }));
    expect(screenOf(d)).toBe("scan");
    expect(d.sale?.amount).toContain("31.00");
    d = withUpdate(d, sale({ state: "review" }));
    expect(screenOf(d)).toBe("confirming");
    d = withUpdate(d, sale({ state: "paid", store_total: "33.00", order_number: "10001" }));
    expect(screenOf(d)).toBe("thanks");
    expect(d.sale?.amount).toContain("33.00");
    expect(screenOf(withUpdate(d, sale({ state: "failed" })))).toBe("failed");
    expect(screenOf(withUpdate(d, sale({ state: "expired" })))).toBe("ended");
  });

  it("ignores other sales' events", () => {
    const d = displayState("Shop", new Basket(), "USD", sale({}));
    expect(withUpdate(d, sale({ id: "s_other", state: "paid" }))).toBe(d);
  });
});

import { claimNote } from "../src/labels";

describe("claim notes", () => {
  it("say a refused number changes nothing and the sale still waits", () => {
    const note = claimNote({ number: "424242", status: "recheck", reason: "The store has no order 424242 (yet).", posts: 3 });
    expect(note).toBe("Order 424242 was posted for this sale (3 times), but the store has no order 424242 (yet). Still waiting for the customer's payment.");
    expect(claimNote({ number: "1", status: "refused", reason: "Order 1 already belongs to another sale.", posts: 1 })).toContain("not this sale's payment");
  });
});
