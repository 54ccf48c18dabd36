// Typed calls into the core (through the Tauri shell) and its events. The types are
// generated from the Rust ones (`generated/types.ts`, `make bindings`); only the store's
// own order is typed here, from the contract (`store-order.ts`).

import { Channel, invoke as tauriInvoke } from "@tauri-apps/api/core";
import { FIRST_LISTING } from "./lib/early";
import type {
  AppStatus, AuditEntry, AuditFilter, BasketLine, CatalogResults, Event, Filter, ImportReport, Location, Phase,
  Licence, ReceiptPreview, RefundCalculation, RefundLineRequest, RefundRecord, Report, SaleView, Screen, Settings, SettingsView, SignInState, Staff,
  SetupView, StaffChange, StoreInfo, Tunnel, Upsell, UpsellOffers,
} from "./generated/types";

export type * from "./generated/types";
export type * from "./store-order";
/** An event from the core, as the window's channel delivers it. */
export type CoreEvent = Event;
/** History's filter. */
export type HistoryFilter = Filter;
/** Where a refund or cancel stands. */
export type RefundState = Phase;
/** A command's error as the window reads it (anything unexpected becomes `internal`). */
export interface AppError { code: string; message: string }

/** Errors from commands are `{code, message}`; anything else becomes `internal`. */
export function asAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "message" in e) {
    const o = e as { code?: unknown; message: unknown };
    return { code: typeof o.code === "string" ? o.code : "internal", message: String(o.message) };
  }
  return { code: "internal", message: String(e) };
}

/** Every command goes through here: a `locked` answer (nobody signed in, or the session
 *  went idle) tells the window to show the PIN screen, wherever it came from. */
function invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  return answer<T>(tauriInvoke<T>(cmd, args));
}

/** A command's answer, asked here or by the page's first script (`lib/early`). */
export async function answer<T>(asked: Promise<unknown>): Promise<T> {
  try {
    return (await asked) as T;
  } catch (e) {
    if (asAppError(e).code === "locked") window.dispatchEvent(new CustomEvent("counterpay:locked", { detail: asAppError(e).message }));
    throw e;
  }
}

/** Any command, untyped: for the page's first questions (`lib/early`). */
export const rawInvoke = (cmd: string, args?: Record<string, unknown>): Promise<unknown> => tauriInvoke(cmd, args);

export const api = {
  status: () => invoke<AppStatus>("app_status"),
  ready: (origin: number, marks: [string, number][]) => invoke<void>("app_ready", { origin, marks }),
  /** The core writes its own sentences (errors, reasons, notes) in the staff's language. */
  language: (language: string) => invoke<void>("app_language", { language }),
  restoreBackup: (backup: string) => invoke<string>("startup_restore", { backup }),
  diagnostics: () => invoke<string>("diagnostics"),
  closeApp: () => invoke<void>("app_close"),
  /** Up to `limit` variants matching `query`; an exact barcode or SKU first. */
  search: (query: string, limit = FIRST_LISTING) => invoke<CatalogResults>("catalog_search", { query, limit }),
  sync: () => invoke<number>("catalog_sync"),
  charge: (lines: BasketLine[], approval: string | null = null, language: string | null = null) =>
    invoke<SaleView>("sale_charge", { lines, approval, language }),
  retryClosing: (id: string) => invoke<SaleView>("sale_close_retry", { id }),
  locations: () => invoke<Location[]>("locations_list"),
  acceptReview: (id: string) => invoke<SaleView>("sale_accept_review", { id }),
  dismissReview: (id: string) => invoke<SaleView>("sale_dismiss_review", { id }),
  retry: (id: string) => invoke<SaleView>("sale_retry", { id }),
  cancel: (id: string) => invoke<SaleView>("sale_cancel", { id }),
  sale: (id: string) => invoke<SaleView>("sale_get", { id }),
  openPaymentPage: (id: string) => invoke<void>("sale_open_payment_page", { id }),
  upsellOffers: (saleId: string) => invoke<UpsellOffers>("upsell_offers", { saleId }),
  addUpsell: (saleId: string, variantId: number, quantity: number, price: string | null, approval: string | null = null) =>
    invoke<Upsell>("upsell_add", { saleId, variantId, quantity, price, approval }),
  history: (filter: HistoryFilter, limit: number, offset: number) => invoke<SaleView[]>("history_list", { filter, limit, offset }),
  settings: () => invoke<SettingsView>("settings_get"),
  saveSettings: (settings: Settings, token: string | null) => invoke<SettingsView>("settings_save", { settings, token }),
  testConnection: () => invoke<StoreInfo>("settings_test_connection"),
  // Connect your store (the guided first connection).
  setupView: () => invoke<SetupView>("setup_view"),
  setupStore: (address: string, token: string | null) => invoke<SetupView>("setup_store", { address, token }),
  setupLocation: (id: number) => invoke<SetupView>("setup_location", { id }),
  setupAddress: (publicUrl: string | null, tunnel: Tunnel | null) => invoke<SetupView>("setup_address", { publicUrl, tunnel }),
  setupCheckAddress: () => invoke<SetupView>("setup_check_address"),
  setupTestSale: (variantId: number, amount: string) => invoke<SaleView>("setup_test_sale", { variantId, amount }),
  setupFinish: (skipTest: boolean) => invoke<SetupView>("setup_finish", { skipTest }),
  setupUseDemo: () => invoke<SetupView>("setup_use_demo"),
  screens: () => invoke<Screen[]>("customer_display_screens"),
  refresh: (id: string) => invoke<SaleView>("sale_refresh", { id }),
  refundQuote: (id: string, lines: RefundLineRequest[] | null) => invoke<RefundCalculation>("refund_quote", { id, lines }),
  refund: (id: string, lines: RefundLineRequest[] | null, confirmed: string, goodsBack = true) =>
    invoke<RefundRecord>("refund_send", { id, lines, confirmed, goodsBack }),
  cancelOrder: (id: string, reason: string) => invoke<RefundRecord>("order_cancel", { id, reason }),
  importHistory: (progress: (r: ImportReport) => void) => {
    const channel = new Channel<ImportReport>();
    channel.onmessage = progress;
    return invoke<ImportReport>("history_import", { progress: channel });
  },
  staffState: () => invoke<SignInState>("staff_state"),
  signIn: (pin: string) => invoke<Staff>("staff_sign_in", { pin }),
  signOut: () => invoke<void>("staff_sign_out"),
  staffList: () => invoke<Staff[]>("staff_list"),
  addStaff: (change: StaffChange) => invoke<Staff>("staff_add", { change }),
  updateStaff: (id: string, change: StaffChange) => invoke<Staff>("staff_update", { id, change }),
  audit: (filter: AuditFilter, limit: number, offset: number) => invoke<AuditEntry[]>("audit_list", { filter, limit, offset }),
  report: (from: string, to: string) => invoke<Report>("report_get", { from, to }),
  exportCsv: (kind: "sales" | "lines" | "report", from: string, to: string) => invoke<string>("report_export", { kind, from, to }),
  openDisplay: (screen: number | null, fullscreen: boolean) => invoke<void>("customer_display_open", { screen, fullscreen }),
  closeDisplay: () => invoke<void>("customer_display_close"),
  printReceipt: (id: string) => invoke<void>("receipt_print", { id }),
  receiptPreview: (id: string) => invoke<ReceiptPreview>("receipt_preview", { id }),
  printRefundSlip: (id: string) => invoke<void>("refund_slip_print", { id }),
  printTestPage: () => invoke<void>("printer_test"),
  findPrinters: () => invoke<string[]>("printers_find"),
  licences: () => invoke<Licence[]>("app_licences"),
};

/** The core's events, for this window only (no other window may ask for them). The page
 *  asks with one request that waits until there are some and answers them as data: a
 *  channel would run a new script in the page for every event, and WebKit keeps each
 *  script's code for a while (the web process grew by about 15 MB over 1,000 sales).
 *  Resolves once the page is taking events; the asking goes on until a newer page (a
 *  reload) takes over. A failed request is tried again after `retryMs`. */
export async function onCoreEvents(handler: (e: CoreEvent) => void, retryMs = 1000): Promise<void> {
  const page = await invoke<number>("events_subscribe");
  void (async () => {
    for (;;) {
      let batch: CoreEvent[] | null;
      try {
        batch = await invoke<CoreEvent[] | null>("events_next", { page });
      } catch (e) {
        console.warn("events: asking again", e);
        await new Promise((r) => setTimeout(r, retryMs));
        continue;
      }
      if (batch === null) return;
      for (const e of batch) {
        try {
          handler(e);
        } catch (err) {
          // One event the window could not show must not stop the ones after it.
          console.error("event not shown", e.kind, err);
        }
      }
    }
  })();
}
