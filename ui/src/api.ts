// Typed calls into the core (through the Tauri shell) and its events.

import { Channel, invoke as tauriInvoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

export type SaleState =
  | "draft" | "creating" | "awaiting_payment" | "review" | "paid"
  | "failed" | "rejected" | "cancelled" | "expired";

export interface SubscriptionChoice { interval: string; interval_count: number }
export interface SubscriptionPlan { interval: string; interval_counts: number[] }
export interface LineView {
  variant_id: number; title: string; sku: string; quantity: number; unit_price: string; line_total: string;
  price_override: boolean; subscription: SubscriptionChoice | null;
  /** Shipped by the store instead of handed over at the counter. */
  ship: boolean;
}
export interface ClosingStep { id: number; kind: "capture" | "move" | "fulfill" | "cancellation_request"; target: string; state: "requested" | "done" | "failed" | "unknown"; reason: string | null; created_at: number }
/** The sale at the store: captured, handed over, shipped. */
export interface ClosingView { state: "pending" | "closing" | "closed" | "attention"; note: string | null; steps: ClosingStep[] }
export interface Location { id: number; name: string }
export interface TimelineEntry { at: number; state: string; note: string }
export type UpsellState = "requested" | "charged" | "declined" | "unknown";
export interface Upsell {
  id: string; sale_id: string; order_number: string; variant_id: number; title: string; sku: string;
  quantity: number; unit_price: string; price_override: boolean; state: UpsellState; reason: string | null;
  created_at: number; updated_at: number;
}
export interface UpsellOffers { available: boolean; reason: string | null; currency: string; offers: ProductCard[]; upsells: Upsell[] }
export interface SaleView {
  id: string; state: SaleState; currency: string; total: string; lines: LineView[];
  payment_complete_url: string | null; qr_svg: string | null; expires_at: number | null;
  order_number: string | null; store_total: string | null; customer: string | null;
  reason: string | null; after_cancel: boolean; created_at: number; updated_at: number;
  paid_at: number | null; supports_upsells: boolean; upsells: Upsell[]; timeline?: TimelineEntry[];
  /** The store's order as sent, in detail views. */
  order?: StoreOrder | null;
  origin: string | null; refunded: string | null; store_status: string | null; refunds: RefundRecord[]; staff: string | null;
  /** Order numbers named for the sale and what the store said of each: notes, never its state. */
  claims: ClaimView[];
  closing: ClosingView | null;
  language: string | null;
}
export type ClaimStatus = "checking" | "recheck" | "refused" | "review" | "accepted";
export interface ClaimView { number: string; status: ClaimStatus; reason: string | null; posts: number; source: string; last_at: number }
export interface StoreOrderLine {
  id: number; variant_id: number; product_title: string; variant_title: string; sku: string; quantity: number; price_incl_tax: string;
  is_upsell: boolean;
}
export interface StoreRefund { note: string | null; total_refund_amount: string; refund_line_items: { line_item_id: number; quantity: number }[] }
export interface StoreOrder {
  number: string; currency: string; lines: StoreOrderLine[]; total_incl_tax: string; total_excl_tax?: string; total_tax?: string;
  shipping_incl_tax?: string; total_discount?: string; payment_status?: string; status?: string; refunds?: StoreRefund[];
  user?: { email?: string | null; first_name?: string | null; last_name?: string | null } | null;
  [key: string]: unknown;
}
export interface RefundLineRequest { line_id: number; quantity: number; restock_type?: string | null }
export interface RefundCalculation {
  amount_incl_tax: string; amount_excl_tax: string; total_tax: string; currency: string;
  refund_lines: { line_id: number; quantity: number; refundable_quantity: number; amount_incl_tax: string; product_title: string; variant_title: string | null; sku: string }[];
  transactions: { id: number | null; amount: string; refundable_amount: string; payment_method: string }[];
}
export type RefundState = "requested" | "done" | "failed" | "unknown";
export interface RefundRecord {
  id: string; kind: "refund" | "cancel"; reference: string; amount: string; currency: string; state: RefundState;
  reason: string | null; by_whom: string; created_at: number; updated_at: number; lines: RefundLineRequest[];
}
export type Role = "cashier" | "manager";
export interface Staff { id: string; name: string; role: Role; active: boolean; created_at: number }
export interface StaffChange { name: string; role: Role; pin?: string | null; active: boolean }
export interface WrongPins { count: number; since: number; last: number }
export interface SignInState {
  required: boolean; current: Staff | null; wait_until: number | null; idle_lock_secs: number;
  /** Wrong PINs typed lately: shown to a signed-in manager only. */
  wrong_pins: WrongPins | null;
  /** The signed-in manager's PIN is too short for a manager. */
  pin_too_short: boolean;
}
export interface AuditEntry { seq: number; at: number; staff: string; action: string; subject: string | null; before: string | null; after: string | null }
export interface AuditFilter { from_ms?: number | null; to_ms?: number | null; staff?: string | null; action?: string | null; text?: string | null }
export interface Totals { currency: string; sales: number; value: string; refunded: string; net: string }
export interface Report {
  timezone: string; from: string; to: string; currency: string | null; totals: Totals[];
  by_hour: { hour: number; sales: number; value: string }[];
  by_product: { title: string; sku: string; quantity: number; value: string }[];
  by_staff: { staff: string; sales: number; value: string; upsells: number }[];
  upsells_offered: number; upsells_taken: number; upsells_value: string;
  sessions: { failed: number; expired: number; cancelled: number; rejected: number; paid_after_cancel: number; open: number };
  refunds_made: number; refunds_value: string;
}
export interface ImportReport { pages: number; orders: number; added: number; updated: number }
export interface VariantCard {
  id: number; title: string; sku: string; upc: string; price: string | null; sellable: boolean; availability: string;
  /** Units at this counter's location and at the store's other locations, when tracked. */
  stock_here: number | null; stock_elsewhere: number | null;
}
export interface ProductCard { product_id: number; title: string; subscription: SubscriptionPlan | null; variants: VariantCard[] }
export interface CatalogResults { currency: string | null; products: ProductCard[]; cached_variants: number; problem: string | null }
export interface StoreInfo { name: string; currencies: string[]; timezone: string }
export interface StoreStatus { demo: boolean; api_url: string | null; token_source: "environment" | "keyring" | "missing"; info: StoreInfo | null }
export type Reachability =
  | { state: "unchecked" }
  | { state: "checking"; url: string }
  | { state: "reachable"; url: string; at: number }
  | { state: "unreachable"; url: string; reason: string; at: number };
export type Tunnel = { kind: "cloudflared" } | { kind: "ngrok" } | { kind: "command"; command: string };
export type TunnelState =
  | { state: "off" }
  | { state: "starting"; program: string }
  | { state: "up"; program: string; url: string; pid: number; since: number }
  | { state: "restarting"; program: string; reason: string; retry_in_secs: number }
  | { state: "failed"; program: string; reason: string };
export interface Screen { index: number; name: string; width: number; height: number; primary: boolean }
export interface StartupFailure { message: string; database: string; backups: string[] }
export interface AppStatus {
  store: StoreStatus | null; counter_id: string | null; public_url: string | null; version: string;
  startup_error: StartupFailure | null;
  reachability: Reachability | null;
  tunnel: TunnelState | null;
  lan_demo: string | null;
}
export interface Settings {
  store: string | null; payment_gateway: number | null; payment_gateway_group: number | null;
  public_url: string | null; listen: string; session_timeout_secs: number; currency: string | null;
  upsell_products: number[]; tunnel: Tunnel | null; lan_demo: boolean; idle_lock_secs: number;
  max_cashier_discount_percent: number; location_id: number | null; send_receipt: boolean; payment_language: string;
}
export interface SettingsView {
  stored: Settings; effective: Settings; overridden: string[]; store: StoreStatus; counter_id: string;
  public_url: string | null; listening_on: string | null; database: string; webhook_note: string | null;
  correlation_note: string | null; payment_languages: [string, string][];
}
export interface AppError { code: string; message: string }
export interface HistoryFilter { text?: string | null; states?: string[]; from_ms?: number | null; to_ms?: number | null; counter?: string | null; staff?: string | null }

export type CoreEvent =
  | { kind: "sale_updated"; sale: SaleView }
  | { kind: "store_connected"; info: StoreInfo }
  | { kind: "reachability"; reachability: Reachability }
  | { kind: "tunnel"; tunnel: TunnelState }
  | { kind: "catalog_progress"; pages: number; variants: number }
  | { kind: "catalog_synced"; variants: number }
  | { kind: "catalog_sync_failed"; message: string }
  | { kind: "resync"; missed: number };

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
async function invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await tauriInvoke<T>(cmd, args);
  } catch (e) {
    if (asAppError(e).code === "locked") window.dispatchEvent(new CustomEvent("counterpay:locked", { detail: asAppError(e).message }));
    throw e;
  }
}

export const api = {
  status: () => invoke<AppStatus>("app_status"),
  ready: () => invoke<void>("app_ready"),
  restoreBackup: (backup: string) => invoke<string>("startup_restore", { backup }),
  diagnostics: () => invoke<string>("diagnostics"),
  closeApp: () => invoke<void>("app_close"),
  search: (query: string) => invoke<CatalogResults>("catalog_search", { query, limit: 120 }),
  sync: () => invoke<number>("catalog_sync"),
  charge: (lines: { variant_id: number; quantity: number; price?: string; subscription?: SubscriptionChoice; ship?: boolean }[], approval: string | null = null, language: string | null = null) =>
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
};

export interface OpenWork { sales: number; upsells: number; refunds: number; closing: number }

/** The shell asks before closing while sales or upsells are still open. */
export function onCloseRequested(handler: (work: OpenWork) => void): Promise<UnlistenFn> {
  return listen<OpenWork>("app:close-requested", (e) => handler(e.payload));
}

/** The core's events, for this window only: a channel the counter window opens with the
 *  shell (no other window can, and none receives them). */
export async function onCoreEvents(handler: (e: CoreEvent) => void): Promise<void> {
  const channel = new Channel<CoreEvent>();
  channel.onmessage = handler;
  await invoke<void>("events_subscribe", { onEvent: channel });
}
