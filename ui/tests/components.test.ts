// @vitest-environment jsdom
// The window's components in a DOM: what staff type and where their focus is survive the
// updates that arrive while they work. Commands are answered by Tauri's own IPC mock.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { tick } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { SaleView, UpsellOffers } from "../src/api";
import { app } from "../src/store.svelte";
import Basket from "../src/components/Basket.svelte";
import Sale from "../src/components/Sale.svelte";
import Header from "../src/components/Header.svelte";
import Picker from "../src/components/Picker.svelte";
import Modal from "./fixtures/ModalHost.svelte";
import CloseWarning from "../src/components/CloseWarning.svelte";

const byTest = (id: string) => screen.getByTestId(id);

function paidSale(over: Partial<SaleView> = {}): SaleView {
  return {
    id: "s_1", state: "paid", currency: "USD", total: "24.00", lines: [{ variant_id: 140, title: "Enamel Pin Set", sku: "EPS", quantity: 2, unit_price: "12.00", line_total: "24.00", price_override: false, subscription: null, ship: false } as never],
    payment_complete_url: null, qr_image: null, expires_at: null, order_number: "1001", store_total: "24.00", customer: null,
    reason: null, after_cancel: false, created_at: 1, updated_at: 10, paid_at: 5, supports_upsells: true, upsells: [],
    origin: null, refunded: null, store_status: "open", refunds: [], staff: null, claims: [], closing: null, language: null, ...over,
  };
}

const offers: UpsellOffers = {
  available: true, reason: null, currency: "USD", upsells: [],
  offers: [{ product_id: 100, title: "T-Shirt", subscription: null, variants: [{ id: 101, title: "S", sku: "T-S", upc: "", price: "24.00", sellable: true, availability: "in_stock", stock_here: null, stock_elsewhere: null }] }],
};

beforeEach(() => {
  mockIPC((cmd) => {
    if (cmd === "upsell_offers") return offers;
    throw new Error(`unexpected command ${cmd}`);
  });
});

afterEach(() => {
  cleanup();
  clearMocks();
  app.basket.clear();
  app.results = null;
  app.sale = null;
  app.offers = null;
  app.picker = null;
});

describe("the basket", () => {
  beforeEach(() => { app.results = { currency: "USD", products: [], cached_variants: 0, problem: null }; });

  it("keeps the focus in the quantity field while the quantity changes", async () => {
    const user = userEvent.setup();
    app.basket.add({ variantId: 140, title: "Enamel Pin Set", sku: "EPS", unitPrice: "12.00" });
    app.basket.add({ variantId: 110, title: "Tote", sku: "TOTE", unitPrice: "18.50" });
    app.touchBasket();
    render(Basket);
    const qty = byTest("qty-140") as HTMLInputElement;
    await user.tripleClick(qty);
    await user.keyboard("3");
    await tick();
    expect(app.basket.lines[0].quantity).toBe(3);
    expect(byTest("line-total-140").textContent).toBe("$36.00");
    expect(byTest("basket-total").textContent).toBe("$54.50");
    // Same element, still focused: typing goes on.
    expect(byTest("qty-140")).toBe(qty);
    expect(document.activeElement).toBe(qty);
    await user.keyboard("0");
    await tick();
    expect(app.basket.lines[0].quantity).toBe(30);
    expect(document.activeElement).toBe(qty);
    // Another line changing does not take the field away either.
    app.basket.setQuantity(1, 4);
    app.touchBasket();
    await tick();
    expect(byTest("line-total-110").textContent).toBe("$74.00");
    expect(document.activeElement).toBe(qty);
  });

  it("removes a line and says when it is empty", async () => {
    const user = userEvent.setup();
    app.basket.add({ variantId: 140, title: "Enamel Pin Set", sku: "EPS", unitPrice: "12.00" });
    app.touchBasket();
    render(Basket);
    expect((byTest("charge") as HTMLButtonElement).disabled).toBe(false);
    await user.click(byTest("remove-140"));
    expect(screen.queryByTestId("basket-line-140")).toBeNull();
    expect((byTest("charge") as HTMLButtonElement).disabled).toBe(true);
    expect(byTest("basket-total").textContent).toBe("$0.00");
  });
});

describe("the paid screen", () => {
  it("keeps what staff typed in an upsell price when the sale updates", async () => {
    const user = userEvent.setup();
    app.sale = paidSale();
    app.offers = offers;
    render(Sale);
    const price = byTest("upsell-price-101") as HTMLInputElement;
    const qty = byTest("upsell-qty-101") as HTMLInputElement;
    await user.click(price);
    await user.keyboard("19.9");
    await user.clear(qty);
    await user.type(qty, "2");
    await user.click(price);
    // The store closes the sale meanwhile: a sale update and a fresh set of offers arrive.
    app.onEvent({ kind: "sale_updated", sale: paidSale({ updated_at: 20, closing: { state: "closed", note: "Handed over at Shop", steps: [] } }) });
    app.offers = { ...offers, offers: offers.offers.map((p) => ({ ...p })) };
    await tick();
    expect(byTest("sale-closing").textContent).toContain("Handed over at Shop");
    expect(byTest("upsell-price-101")).toBe(price);
    expect(price.value).toBe("19.9");
    expect(qty.value).toBe("2");
    expect(document.activeElement).toBe(price);
  });

  it("announces the state and moves the focus to the next step", async () => {
    app.sale = paidSale({ state: "awaiting_payment", order_number: null, qr_image: "data:image/png;base64,iVBORw0KGgo=", expires_at: Date.now() + 60_000, payment_complete_url: "http://pay" });
    app.offers = offers;
    render(Sale);
    expect(byTest("sale-state").textContent).toBe("Scan to pay with Klarna");
    expect(byTest("sale-state").getAttribute("aria-live")).toBe("assertive");
    // The core's PNG goes on screen as it is, with words for a screen reader.
    expect(byTest("qr").getAttribute("src")).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect(byTest("qr").getAttribute("alt")).toBeTruthy();
    app.onEvent({ kind: "sale_updated", sale: paidSale({ updated_at: 30 }) });
    await tick();
    await tick();
    expect(byTest("sale-state").textContent).toBe("Paid");
    expect(document.activeElement).toBe(byTest("new-sale"));
  });
});

describe("dialogs and tabs", () => {
  it("trap the focus, close on Esc and give the focus back", async () => {
    const user = userEvent.setup();
    render(Modal);
    const opener = byTest("opener");
    await user.click(opener);
    await tick();
    expect(byTest("host-dialog")).toBeTruthy();
    expect(document.activeElement).toBe(byTest("first"));
    await user.tab();
    expect(document.activeElement).toBe(byTest("second"));
    await user.tab();
    expect(document.activeElement).toBe(byTest("first"));
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("host-dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("close the variant picker on Esc", async () => {
    const user = userEvent.setup();
    app.picker = offers.offers[0];
    render(Picker, { p: offers.offers[0] });
    await tick();
    await tick();
    expect(document.activeElement).toBe(byTest("variant-101"));
    await user.keyboard("{Escape}");
    expect(app.picker).toBeNull();
  });

  it("are real tabs: the arrow keys move between them", async () => {
    const user = userEvent.setup();
    app.view = "counter";
    render(Header);
    const counter = byTest("tab-counter");
    expect(counter.getAttribute("role")).toBe("tab");
    expect(counter.getAttribute("aria-selected")).toBe("true");
    expect(byTest("tab-history").getAttribute("tabindex")).toBe("-1");
    counter.focus();
    await user.keyboard("{ArrowRight}");
    expect(app.view).toBe("history");
    expect(document.activeElement).toBe(byTest("tab-history"));
    await user.keyboard("{End}");
    expect(app.view).toBe("reports");
    await user.keyboard("{Home}");
    expect(app.view).toBe("counter");
  });
});

describe("closing the window with work open", () => {
  it("comes as a typed core event and says what is still open", async () => {
    app.onEvent({ kind: "close_requested", work: { sales: 2, upsells: 0, refunds: 1, closing: 1 } });
    expect(app.closeRequest).toEqual({ sales: 2, upsells: 0, refunds: 1, closing: 1 });
    let kept = false;
    render(CloseWarning, { work: app.closeRequest!, onkeep: () => { kept = true; } });
    const text = byTest("close-warning").textContent ?? "";
    expect(text).toContain("2 sales are still waiting for payment or confirmation.");
    expect(text).toContain("One refund or cancel is still being sent.");
    expect(text).not.toContain("upsell");
    await tick();
    await tick();
    expect(document.activeElement).toBe(byTest("close-cancel"));
    await userEvent.setup().keyboard("{Escape}");
    expect(kept).toBe(true);
    app.closeRequest = null;
  });
});

describe("after the window missed events", () => {
  it("reads again what it shows: the status, the sale on screen, the results, open sales, History", async () => {
    const asked: string[] = [];
    const newer = paidSale({ updated_at: 99, closing: { state: "closed", note: "Handed over at Shop", steps: [] } });
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === "app_status") return { store: null, counter_id: null, public_url: null, version: "0", startup_error: null, reachability: null, tunnel: null, lan_demo: null };
      if (cmd === "sale_get") return newer;
      if (cmd === "catalog_search") return { currency: "USD", products: [], cached_variants: 0, problem: null };
      if (cmd === "history_list") return [];
      if (cmd === "upsell_offers") return offers;
      throw new Error(`unexpected command ${cmd}`);
    });
    app.sale = paidSale();
    let historyToldToReload = false;
    const listener = (s: SaleView | null) => { if (s === null) historyToldToReload = true; };
    app.saleListeners.add(listener);
    app.onEvent({ kind: "resync", missed: 12 });
    await vi.waitFor(() => expect(asked).toEqual(expect.arrayContaining(["app_status", "sale_get", "catalog_search", "history_list"])));
    await vi.waitFor(() => expect(historyToldToReload).toBe(true));
    expect(app.sale?.updated_at).toBe(99);
    app.saleListeners.delete(listener);
  });
});
