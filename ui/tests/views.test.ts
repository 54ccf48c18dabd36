// @vitest-environment jsdom
// The back-office views and the PIN screen in a DOM, their commands answered by Tauri's IPC
// mock: what they show, what they send, and that updates patch them in place.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { tick } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Report, SaleView, SignInState } from "../src/api";
import { app } from "../src/store.svelte";
import { language, setLanguage } from "../src/lib/i18n";
import History from "../src/components/History.svelte";
import PinLock from "../src/components/PinLock.svelte";
import Reports from "../src/components/Reports.svelte";
import SettingsSide from "../src/components/SettingsSide.svelte";
import RefundDialog from "../src/components/RefundDialog.svelte";

const byTest = (id: string) => screen.getByTestId(id);

function sale(id: string, over: Partial<SaleView> = {}): SaleView {
  return {
    id, state: "paid", currency: "USD", total: "12.00", lines: [{ variant_id: 140, title: "Enamel Pin Set", sku: "EPS", quantity: 1, unit_price: "12.00", line_total: "12.00", price_override: false, subscription: null, ship: false }],
    payment_complete_url: null, qr_image: null, expires_at: null, order_number: `100${id.slice(-1)}`, store_total: "12.00", customer: "Ann",
    reason: null, after_cancel: false, created_at: 1_700_000_000_000, updated_at: 10, paid_at: 5, supports_upsells: true, upsells: [],
    origin: null, refunded: null, store_status: "open", refunds: [], staff: null, claims: [], closing: null, language: null, ...over,
  };
}

afterEach(() => {
  cleanup();
  clearMocks();
  setLanguage("en");
  app.signin = null;
  app.settings = null;
  Object.assign(app.historyFilter, { text: "", state: "", from: "", to: "", counter: "", staff: "" });
});

describe("History", () => {
  it("lists sales, patches a row when its sale changes, and keeps the search box focused", async () => {
    const user = userEvent.setup();
    const filters: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "history_list") { filters.push((args as { filter: unknown }).filter); return [sale("s_1"), sale("s_2", { state: "failed", order_number: null })]; }
      if (cmd === "sale_get") return sale("s_1", { timeline: [{ at: 1, state: "paid", note: "The store confirmed order 1001" }] });
      throw new Error(`unexpected ${cmd}`);
    });
    render(History);
    await vi.waitFor(() => expect(byTest("history-row-s_1")).toBeTruthy());
    const row = byTest("history-row-s_1");
    expect(row.textContent).toContain("Paid");
    expect(byTest("history-row-s_2").textContent).toContain("Payment failed");
    // The order number is a button: the keyboard's way into the detail.
    const order = screen.getAllByTestId("history-order")[0];
    expect(order.tagName).toBe("BUTTON");
    await user.click(order);
    await vi.waitFor(() => expect(byTest("sale-detail").textContent).toContain("The store confirmed order 1001"));
    // A refund arrives: the same row, patched.
    app.onEvent({ kind: "sale_updated", sale: sale("s_1", { updated_at: 20, refunded: "12.00" }) });
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    await tick();
    expect(byTest("history-row-s_1")).toBe(row);
    expect(row.textContent).toContain("Refunded $12.00");
    // Typing a search keeps the focus in the box while the list reloads under it.
    const search = byTest("history-search") as HTMLInputElement;
    await user.click(search);
    await user.keyboard("Ann");
    await vi.waitFor(() => expect(filters.some((f) => (f as { text: string | null }).text === "Ann")).toBe(true), { timeout: 2000 });
    expect(document.activeElement).toBe(search);
    expect(search.value).toBe("Ann");
  });

  it("puts a changed sale that is not on screen where the order puts it, and leaves older ones below for later", async () => {
    // A full first page (more to read below it), newest first: created at 1,000 ms steps.
    const page = Array.from({ length: 50 }, (_, i) => sale(`s_${100 + i}`, { created_at: 1_700_000_100_000 - i * 1000 }));
    mockIPC((cmd) => {
      if (cmd === "history_list") return page;
      throw new Error(`unexpected ${cmd}`);
    });
    // Frames are held until the first rows are counted.
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, "requestAnimationFrame").mockImplementation((f) => frames.push(f));
    render(History);
    const ids = () => [...document.querySelectorAll("[data-testid^='history-row-']")].map((r) => r.getAttribute("data-testid")!.slice(12));
    // A screenful first, the whole page in the next frame.
    await vi.waitFor(() => expect(byTest("history-row-s_100")).toBeTruthy());
    expect(ids().length).toBe(20);
    raf.mockRestore();
    for (const f of frames.splice(0)) f(performance.now());
    await vi.waitFor(() => expect(ids().length).toBe(50));
    // A new sale, an imported one from between two rows, and 30 old ones an import updated.
    app.onEvent({ kind: "sale_updated", sale: sale("s_new", { created_at: 1_700_000_200_000 }) });
    app.onEvent({ kind: "sale_updated", sale: sale("x_mid", { created_at: 1_700_000_100_000 - 2500 }) });
    for (let i = 0; i < 30; i++) app.onEvent({ kind: "sale_updated", sale: sale(`s_old${i}`, { created_at: 1_600_000_000_000 + i }) });
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    await tick();
    const shown = ids();
    expect(shown.length).toBe(52);
    expect(shown[0]).toBe("s_new");
    expect(shown.slice(1, 6)).toEqual(["s_100", "s_101", "s_102", "x_mid", "s_103"]);
    expect(shown.some((id) => id.startsWith("s_old"))).toBe(false);
  });

  it("says when no sale matches the filters", async () => {
    mockIPC((cmd) => (cmd === "history_list" ? [] : null));
    app.historyFilter.state = "failed";
    render(History);
    await vi.waitFor(() => expect(byTest("history-empty").textContent).toBe("No sale matches these filters."));
  });
});

describe("the PIN screen", () => {
  const locked: SignInState = { required: true, current: null, wait_until: null, idle_lock_secs: 300, wrong_pins: null, pin_too_short: false };

  it("takes the number keys, announces the count (never the digits) and says a wrong PIN is wrong", async () => {
    const user = userEvent.setup();
    const tried: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "staff_sign_in") { tried.push((args as { pin: string }).pin); throw { code: "forbidden", message: "That PIN is not right." }; }
      if (cmd === "staff_state") return locked;
      throw new Error(`unexpected ${cmd}`);
    });
    app.signin = locked;
    render(PinLock, { onsignedin: () => undefined });
    await user.keyboard("4711");
    expect(byTest("pin-dots").textContent).toBe("●●●●");
    expect(byTest("pin-dots").getAttribute("aria-label")).toBe("4 digits entered");
    expect(byTest("lock").textContent).not.toContain("4711");
    await user.keyboard("{Backspace}{Enter}");
    await vi.waitFor(() => expect(byTest("pin-error").textContent).toBe("That PIN is not right."));
    expect(tried).toEqual(["471"]);
    expect(byTest("pin-error").getAttribute("role")).toBe("alert");
  });
});

describe("Reports", () => {
  it("shows the shop's day in its currency", async () => {
    const report: Report = {
      timezone: "Europe/Berlin", from: "2026-12-02", to: "2026-12-02", currency: "EUR",
      totals: [{ currency: "EUR", sales: 3, value: "66.24", refunded: "11.04", net: "55.20" }],
      by_hour: Array.from({ length: 24 }, (_, hour) => ({ hour, sales: hour === 15 ? 3 : 0, value: hour === 15 ? "66.24" : "0" })),
      by_product: [{ title: "Anstecknadel-Set", sku: "EPS-140", quantity: 6, value: "66.24" }], by_staff: [],
      upsells_offered: 3, upsells_taken: 1, upsells_value: "22.08",
      sessions: { failed: 1, expired: 0, cancelled: 2, rejected: 0, paid_after_cancel: 0, open: 0 }, refunds_made: 1, refunds_value: "11.04",
    };
    mockIPC((cmd) => (cmd === "report_get" ? report : cmd === "audit_list" ? [] : null));
    setLanguage("de");
    render(Reports);
    await vi.waitFor(() => expect(byTest("report-value").textContent).toBe("66,24\u00a0€"));
    expect(byTest("report-net").textContent).toBe("55,20\u00a0€");
    expect(byTest("report-upsells").textContent).toBe("1 von 3");
    expect(byTest("report-unpaid").textContent).toBe("3");
    expect(byTest("chart-hours").querySelector("svg")?.getAttribute("aria-label")).toBe("Verkäufe nach Stunde");
  });
});

describe("Settings", () => {
  it("switches the window's language and remembers it", async () => {
    const user = userEvent.setup();
    app.settings = {
      stored: {} as never, effective: {} as never, overridden: [], counter_id: "c1", public_url: null, listening_on: null, database: "/tmp/db",
      webhook_note: null, correlation_note: null, payment_languages: [["en", "English"]],
      store: { demo: true, api_url: null, token_source: "missing", info: null },
    };
    const seq = app.languageSeq;
    render(SettingsSide, { screens: [] });
    await user.selectOptions(byTest("window-language"), "sv");
    expect(language()).toBe("sv");
    expect(localStorage.getItem("counterpay.language")).toBe("sv");
    expect(document.documentElement.lang).toBe("sv");
    expect(app.languageSeq).toBe(seq + 1);
    await user.selectOptions(byTest("window-language"), "");
    expect(localStorage.getItem("counterpay.language")).toBeNull();
  });
});

describe("the refund dialog", () => {
  it("asks the store first, moves the focus to the amount, and Esc still closes it", async () => {
    const user = userEvent.setup();
    mockIPC((cmd) => {
      if (cmd === "refund_quote") return { amount_incl_tax: "12.00", amount_excl_tax: "12.00", total_tax: "0.00", currency: "USD", refund_lines: [], transactions: [{ id: 1, amount: "12.00", refundable_amount: "0", payment_method: "klarna" }] };
      throw new Error(`unexpected ${cmd}`);
    });
    const order = { number: "1001", currency: "USD", total_incl_tax: "12.00", lines: [{ id: 7, variant_id: 140, product_title: "Enamel Pin Set", variant_title: "", sku: "EPS", quantity: 1, price_incl_tax: "12.00", is_upsell: false }] };
    let closed = false;
    render(RefundDialog, { s: sale("s_1"), order, onclose: () => { closed = true; }, ondone: () => undefined });
    expect(screen.queryByTestId("refund-confirm")).toBeNull();
    await user.click(byTest("refund-calculate"));
    await vi.waitFor(() => expect(byTest("refund-amount").textContent).toBe("$12.00"));
    expect(byTest("refund-quote").textContent).toContain("Klarna");
    await tick();
    await tick();
    expect(document.activeElement).toBe(byTest("refund-quote"));
    // Even with the focus lost (the Calculate button it was on is gone), Esc closes it.
    (document.activeElement as HTMLElement).blur();
    await user.keyboard("{Escape}");
    expect(closed).toBe(true);
  });
});
