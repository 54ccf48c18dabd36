// The Counterpay window: Counter (sell), History (review), Settings. It reacts to core
// events (`sale:updated`, `catalog:sync`); it never polls the core for a sale's state.

import { emitTo } from "@tauri-apps/api/event";
import { api, asAppError, onCloseRequested, onCoreEvents, type AuditEntry, type Report, type Role, type SignInState, type Staff, type ImportReport, type RefundCalculation, type RefundRecord, type StoreOrder, type OpenWork, type Reachability, type Screen, type Tunnel, type TunnelState, type AppStatus, type HistoryFilter, type StartupFailure, type CatalogResults, type CoreEvent, type Location, type ProductCard, type SaleView, type Settings, type SettingsView, type Upsell, type UpsellOffers, type VariantCard } from "./api";
import { Basket, describeSubscription, parseScan, type Subscription } from "./basket";
import { byId, h, replace } from "./dom";
import { claimNote, countdown, dateTime, stateLabel, stateTone, timeOfDay, UPSELL_LABELS, upsellInFlight } from "./labels";
import { compareMoney, formatMoney, parseMoney, times } from "./money";
import { displayState } from "./display";
import { orderTotals, refundLines, refundTag, remainingByLine } from "./backoffice";
import { runCustomerDisplay } from "./customer";
import { hourChart, productChart } from "./charts";

type View = "counter" | "history" | "settings" | "reports";
type Notice = { tone: "ok" | "bad" | "info"; text: string } | null;

const state = {
  /** The language picked for Klarna's page; Settings' default when null. */
  payLanguage: null as string | null,
  view: "counter" as View,
  status: null as AppStatus | null,
  results: null as CatalogResults | null,
  query: "",
  basket: new Basket(),
  sale: null as SaleView | null,
  charging: false,
  picker: null as ProductCard | null,
  pickerPlan: null as Subscription | null,
  editingPrice: null as number | null,
  notice: null as Notice,
  sync: { running: false, pages: 0, variants: 0, error: null as string | null },
  history: [] as SaleView[],
  historyFilter: { text: "", state: "", from: "", to: "", counter: "", staff: "" },
  importing: null as ImportReport | null,
  dialog: null as null | { kind: "refund"; sale: SaleView; chosen: Map<number, number>; quote: RefundCalculation | null; busy: boolean; error: string | null; goodsBack: boolean }
    | { kind: "cancel"; sale: SaleView; reason: string; busy: boolean; error: string | null },
  historyDone: false,
  selected: null as SaleView | null,
  settings: null as SettingsView | null,
  late: [] as SaleView[],
  openSales: [] as SaleView[],
  offers: null as UpsellOffers | null,
  offersFor: null as string | null,
  upselling: false,
  displayOpen: false,
  screens: [] as Screen[],
  locations: [] as Location[],
  signin: null as SignInState | null,
  pin: "",
  pinError: null as string | null,
  lastInput: Date.now(),
  staff: [] as Staff[],
  reportRange: { from: "", to: "" },
  report: null as Report | null,
  reportError: null as string | null,
  audit: [] as AuditEntry[],
  auditFilter: { action: "", staff: "", text: "" },
};

// ---------------------------------------------------------------- staff

function isManager(): boolean {
  const s = state.signin;
  return !s || !s.required || s.current?.role === "manager";
}

function signedIn(): boolean {
  const s = state.signin;
  return !s || !s.required || !!s.current;
}

async function refreshSignIn(): Promise<void> {
  try { state.signin = await api.staffState(); } catch { /* shown by the caller */ }
}

function renderUser(): void {
  const el = byId("user");
  if (!el) return;
  const s = state.signin;
  if (!s?.required || !s.current) return replace(el);
  replace(el, h("span", { "data-testid": "signed-in" }, `${s.current.name} · ${s.current.role}`), " ",
    h("button", { class: "secondary small", "data-testid": "switch-user", title: "Sign out; the next person signs in with their PIN", onclick: () => void signOut() }, "Switch"));
}

async function signOut(): Promise<void> {
  try { await api.signOut(); } catch { /* locking anyway */ }
  await refreshSignIn();
  lockScreen();
}

/** The PIN screen over everything, until someone signs in. */
function lockScreen(message: string | null = null): void {
  state.pin = "";
  state.pinError = message;
  renderLock();
}

function renderLock(): void {
  const el = byId("lock");
  if (!el) return;
  if (signedIn()) return replace(el);
  const wait = state.signin?.wait_until && state.signin.wait_until > Date.now() ? Math.ceil((state.signin.wait_until - Date.now()) / 1000) : 0;
  const key = (label: string, onclick: () => void, extra = "") => h("button", { class: `pinkey ${extra}`, "data-testid": `pin-${label === "⌫" ? "back" : label === "Enter" ? "enter" : label}`, onclick }, label);
  const digit = (d: string) => key(d, () => { if (state.pin.length < 8) { state.pin += d; renderLock(); } });
  replace(el, h("div", { class: "lock", role: "dialog", "aria-modal": "true", "data-testid": "lock" },
    h("div", { class: "lockbox" },
      h("h1", {}, "Counterpay"),
      h("p", { class: "big" }, "Enter your PIN to sign in"),
      h("div", { class: "pindots", "data-testid": "pin-dots", "aria-label": `${state.pin.length} digits entered` }, "●".repeat(state.pin.length) || " "),
      state.pinError ? h("p", { class: "notice bad", "data-testid": "pin-error" }, state.pinError) : null,
      wait ? h("p", { class: "muted" }, `Too many wrong PINs: wait ${wait} s.`) : null,
      h("div", { class: "pinpad" },
        ...["1", "2", "3", "4", "5", "6", "7", "8", "9"].map(digit),
        key("⌫", () => { state.pin = state.pin.slice(0, -1); renderLock(); }, "soft"), digit("0"),
        key("Enter", () => void submitPin(), "go")),
    )));
}

async function submitPin(): Promise<void> {
  if (!state.pin) return;
  const pin = state.pin;
  state.pin = "";
  try {
    const who = await api.signIn(pin);
    state.pinError = null;
    await refreshSignIn();
    state.settings = await api.settings().catch(() => state.settings);
    state.lastInput = Date.now();
    const burst = state.signin?.wrong_pins;
    if (burst && burst.count >= 3) {
      notify("bad", `Signed in: ${who.name}. ${burst.count} wrong PINs were typed at this counter since ${dateTime(burst.since)}: check who tried (Reports › Audit log).`, 15000);
    } else if (state.signin?.pin_too_short) {
      notify("info", `Signed in: ${who.name}. A manager's PIN needs at least 6 digits: set a longer one in Settings › Staff.`, 15000);
    } else {
      notify("ok", `Signed in: ${who.name}.`);
    }
    show(state.view === "reports" && who.role !== "manager" ? "counter" : state.view);
  } catch (e) {
    await refreshSignIn();
    state.pinError = asAppError(e).message;
  }
  renderLock();
}

function onKeyForLock(e: KeyboardEvent): boolean {
  if (signedIn()) return false;
  if (/^[0-9]$/.test(e.key) && state.pin.length < 8) state.pin += e.key;
  else if (e.key === "Backspace") state.pin = state.pin.slice(0, -1);
  else if (e.key === "Enter") { void submitPin(); return true; }
  else return true;
  e.preventDefault();
  renderLock();
  return true;
}

/** Sign out after the idle time Settings names (the core enforces it too). */
function checkIdle(): void {
  const s = state.signin;
  if (!s?.required || !s.current) return;
  if (Date.now() - state.lastInput > s.idle_lock_secs * 1000) void signOut();
}

// ---------------------------------------------------------------- customer display

const DISPLAY_SCREEN = "counterpay.display.screen";
const DISPLAY_FULLSCREEN = "counterpay.display.fullscreen";

/** Send the customer display what the counter shows now (it renders nothing else). */
function publishDisplay(): void {
  if (!state.displayOpen) return;
  const shop = state.status?.store?.info?.name ?? "our shop";
  void emitTo("customer", "display:state", displayState(shop, state.basket, state.results?.currency ?? null, state.sale)).catch(() => undefined);
}

async function toggleDisplay(): Promise<void> {
  try {
    if (state.displayOpen) {
      await api.closeDisplay();
      state.displayOpen = false;
    } else {
      const screen = localStorage.getItem(DISPLAY_SCREEN);
      await api.openDisplay(screen === null || screen === "" ? null : Number(screen), localStorage.getItem(DISPLAY_FULLSCREEN) === "1");
      state.displayOpen = true;
      publishDisplay();
    }
  } catch (e) {
    notify("bad", asAppError(e).message);
  }
  renderDisplayButton();
}

function renderDisplayButton(): void {
  const el = byId("display-toggle");
  if (el) replace(el, state.displayOpen ? "Close customer display" : "Customer display");
}

const HISTORY_PAGE = 50;
let searchSeq = 0;
/** A search is out to the core; keystrokes meanwhile ask for one more when it is back. */
let searching = false;
let searchAgain = false;
/** The text the results on screen are for (`data-query` on the results, for the benchmarks). */
let resultsFor = "";
let noticeTimer: number | undefined;

// ---------------------------------------------------------------- shell

function renderShell(): void {
  const app = byId("app")!;
  replace(
    app,
    h("header", { class: "top" },
      h("div", { class: "brand" }, "Counterpay"),
      h("div", { id: "store-badge", class: "store" }),
      h("nav", { class: "tabs", role: "tablist" },
        tab("counter", "Counter", "F1"),
        tab("history", "History", "F2"),
        tab("settings", "Settings", "F3"),
        isManager() ? tab("reports", "Reports", "F4") : null,
      ),
      h("div", { id: "user", class: "user" }),
      h("button", { id: "display-toggle", class: "secondary small", "data-testid": "customer-display-toggle", title: "A second window for a screen facing the customer", onclick: () => void toggleDisplay() },
        state.displayOpen ? "Close customer display" : "Customer display"),
    ),
    h("div", { id: "late" }),
    h("div", { id: "open-sales" }),
    h("div", { id: "closing" }),
    h("div", { id: "notice", role: "status", "aria-live": "polite" }),
    h("main", { id: "view" }),
    h("div", { id: "lock" }),
  );
  renderStoreBadge();
  renderUser();
  renderLock();
}

function tab(view: View, label: string, key: string): HTMLElement {
  return h("button", {
    class: `tab${state.view === view ? " active" : ""}`, role: "tab", "data-testid": `tab-${view}`, title: `${label} (${key})`,
    "aria-selected": state.view === view ? "true" : "false", onclick: () => show(view),
  }, label, h("kbd", {}, key));
}

function renderStoreBadge(): void {
  const el = byId("store-badge");
  if (!el) return;
  const s = state.status?.store;
  if (!s) return replace(el, "Connecting…");
  const name = s.info?.name ?? (s.demo ? "Demo store" : s.api_url ?? "No store");
  replace(el,
    s.demo ? h("span", { class: "demo", "data-testid": "demo-badge", title: "The embedded demo store: no real money moves" }, "DEMO") : null,
    h("span", { "data-testid": "store-name" }, name),
    s.token_source === "missing" && !s.demo ? h("span", { class: "warn" }, " · no API token") : null,
  );
}

function show(view: View): void {
  state.view = view;
  renderShell();
  renderLate();
  renderOpenSales();
  renderNotice();
  if (view === "counter") renderCounter();
  if (view === "history") void loadHistory(true);
  if (view === "settings") void loadSettings();
  if (view === "reports") void loadReport();
}

function notify(tone: "ok" | "bad" | "info", text: string, ms = 6000): void {
  state.notice = { tone, text };
  renderNotice();
  window.clearTimeout(noticeTimer);
  noticeTimer = window.setTimeout(() => { state.notice = null; renderNotice(); }, ms);
}

function renderNotice(): void {
  const el = byId("notice");
  if (!el) return;
  const n = state.notice;
  replace(el, n ? h("div", { class: `notice ${n.tone}`, "data-testid": "notice" }, n.text) : null);
}

function renderLate(): void {
  const el = byId("late");
  if (!el) return;
  replace(el, ...state.late.map((s) => h("div", { class: "late", "data-testid": "late-payment" },
    h("strong", {}, "Late payment received. "),
    `Order ${s.order_number ?? "?"} (${formatMoney(s.store_total ?? s.total, s.currency)}) was paid after its sale was cancelled or timed out. Hand over the goods or refund it.`,
    h("button", { class: "link", onclick: () => { state.late = state.late.filter((x) => x.id !== s.id); renderLate(); } }, "Dismiss"),
  )));
}

// ---------------------------------------------------------------- counter

function renderCounter(): void {
  const view = byId("view")!;
  const search = h("input", {
    id: "search", type: "search", class: "search", "data-testid": "search", autocomplete: "off", spellcheck: "false",
    placeholder: "Search, or scan a barcode (3*code adds 3)", value: state.query,
    "aria-label": "Search the catalog or scan a barcode",
  });
  search.addEventListener("input", () => { state.query = search.value; scheduleSearch(); });
  search.addEventListener("keydown", (e) => {
    // The keys' own times, not when they are handled: a scanner's keys wait in line together.
    inBurst = e.timeStamp - lastKeyAt < SCANNER_GAP_MS;
    lastKeyAt = e.timeStamp;
    if (e.key === "Enter" && !e.ctrlKey) {
      e.preventDefault();
      // A scan: what the keys before it asked for is not wanted any more.
      window.clearTimeout(burstTimer);
      searchSeq++;
      void scanOrPick(search.value);
    }
  });
  replace(view,
    h("section", { class: "catalog" },
      h("div", { class: "searchbar" }, search, h("div", { id: "sync", class: "sync" })),
      h("div", { id: "results", class: "grid", "data-testid": "results" }),
    ),
    h("aside", { class: "basket", "aria-label": "Basket" },
      h("h2", {}, "Basket"),
      h("div", { id: "basket-lines", class: "lines" }),
      h("div", { id: "basket-foot", class: "foot" }),
    ),
    h("div", { id: "overlay" }),
  );
  renderSync();
  renderResults();
  renderBasket();
  renderOverlay();
  search.focus();
  if (!state.results) void runSearch();
}

function renderSync(): void {
  const el = byId("sync");
  if (!el) return;
  const s = state.sync;
  if (s.running) {
    return replace(el, h("div", { class: "progress", role: "progressbar", "aria-label": "Catalog sync", "aria-valuetext": `${s.variants} items`, "data-testid": "sync-progress" }, h("div", { class: "bar" })),
      ` Syncing catalog: ${s.pages} page${s.pages === 1 ? "" : "s"}, ${s.variants} items. You can keep selling.`);
  }
  replace(el,
    s.error ? h("span", { class: "warn", title: s.error }, "Catalog sync failed; selling from the saved catalog. ") : null,
    h("span", { class: "muted", "data-testid": "search-count" }, state.results ? `${state.results.cached_variants} items` : ""),
    h("button", { class: "link", "data-testid": "sync", onclick: () => void syncCatalog() }, "Sync catalog"),
  );
}

/** Keys closer together than this come from a barcode scanner, not a person. */
const SCANNER_GAP_MS = 25;
/** A scanner's burst without Enter is searched once it has been quiet this long. */
const BURST_QUIET_MS = 150;
/** When the last key in the search box was pressed (its event's time), and whether the key
 * being handled came within a scanner's gap of it. */
let lastKeyAt = -Infinity;
let inBurst = false;
let burstTimer: number | undefined;

/** Search at once on every keystroke a person types (a search takes a few milliseconds);
 * while one is out, the keystrokes after it make one more search when it is back, never a
 * queue. A scanner's burst of keys is not searched key by key: it ends with Enter, which
 * looks the code up, or goes quiet, which searches what it typed. */
function scheduleSearch(): void {
  window.clearTimeout(burstTimer);
  if (inBurst) { burstTimer = window.setTimeout(searchNow, BURST_QUIET_MS); return; }
  searchNow();
}

function searchNow(): void {
  if (searching) { searchAgain = true; return; }
  void runSearch();
}

async function runSearch(): Promise<void> {
  const seq = ++searchSeq;
  const query = state.query;
  searching = true;
  try {
    const results = await api.search(query);
    if (seq !== searchSeq) return; // a newer search already asked
    const currencyChanged = state.results?.currency !== results.currency;
    state.results = results;
    resultsFor = query;
    renderResults();
    renderSync();
    if (currencyChanged) renderBasket(); // totals are shown in the store's currency
  } catch (e) {
    notify("bad", asAppError(e).message);
  } finally {
    searching = false;
    if (searchAgain) { searchAgain = false; void runSearch(); }
  }
}

function priceLabel(v: VariantCard, currency: string | null): string {
  return v.price ? formatMoney(v.price, currency) : "no price";
}

function renderResults(): void {
  const el = byId("results");
  if (!el) return;
  el.dataset.query = resultsFor;
  const r = state.results;
  if (!r) return replace(el, h("p", { class: "empty" }, "Loading the catalog…"));
  if (r.products.length === 0) {
    const text = r.cached_variants === 0
      ? (state.sync.running ? "The catalog is syncing; products appear in a moment." : "The catalog is empty. Press “Sync catalog”.")
      : `Nothing matches “${state.query}”.`;
    return replace(el, h("p", { class: "empty", "data-testid": "no-results" }, text));
  }
  replace(el, r.problem ? h("p", { class: "notice bad", "data-testid": "catalog-problem", role: "alert" }, r.problem) : null, ...r.products.map((p) => productTile(p, r.currency)));
  if (!readyTold) { readyTold = true; void api.ready().catch(() => undefined); }
}

/** Told the shell once that the counter is usable (it logs the start-up time). */
let readyTold = false;

function productTile(p: ProductCard, currency: string | null): HTMLElement {
  const sellable = p.variants.filter((v) => v.sellable);
  const prices = sellable.map((v) => v.price!).sort(compareMoney);
  const single = p.variants.length === 1 ? p.variants[0] : null;
  const priceText = single
    ? priceLabel(single, currency)
    : prices.length ? `from ${formatMoney(prices[0], currency)}` : "unavailable";
  return h("button", {
    class: `tile${sellable.length ? "" : " off"}`, "data-testid": `product-${p.product_id}`,
    onclick: () => (single && !p.subscription ? addVariant(p, single) : openPicker(p)),
  },
  h("span", { class: "title" }, p.title),
  h("span", { class: "meta" }, single ? single.sku : `${p.variants.length} options`, p.subscription ? " · subscription" : ""),
  h("span", { class: "price" }, priceText),
  single && single.availability === "low_stock" ? h("span", { class: "stock low" }, "Low stock") : null,
  single && !single.sellable ? h("span", { class: "stock out" }, "Out of stock") : null,
  );
}

function addVariant(p: ProductCard, v: VariantCard, quantity = 1, subscription: Subscription | null = null): boolean {
  if (!v.sellable || !v.price) {
    notify("bad", `${p.title}${v.title ? ` (${v.title})` : ""} cannot be sold right now.`);
    return false;
  }
  try {
    state.basket.add({ variantId: v.id, title: v.title ? `${p.title} (${v.title})` : p.title, sku: v.sku, unitPrice: v.price, subscription }, quantity);
  } catch (e) {
    notify("bad", String((e as Error).message));
    return false;
  }
  state.picker = null;
  renderBasket();
  renderOverlay();
  return true;
}

function openPicker(p: ProductCard): void {
  state.picker = p;
  state.pickerPlan = null;
  renderOverlay();
}

/** Enter in the search box: a barcode or SKU adds its variant; a single hit adds itself. */
async function scanOrPick(text: string): Promise<void> {
  const scan = parseScan(text);
  if (!scan) return;
  let results: CatalogResults;
  try {
    results = await api.search(scan.code);
  } catch (e) {
    return notify("bad", asAppError(e).message);
  }
  const code = scan.code.toLowerCase();
  for (const p of results.products) {
    const v = p.variants.find((x) => x.upc.toLowerCase() === code || x.sku.toLowerCase() === code);
    if (v) {
      if (addVariant(p, v, scan.quantity)) clearSearch();
      return;
    }
  }
  const all = results.products.flatMap((p) => p.variants.map((v) => ({ p, v })));
  if (all.length === 1) {
    if (addVariant(all[0].p, all[0].v, scan.quantity)) clearSearch();
    return;
  }
  if (all.length === 0) {
    // Ready for the next scan; the notice keeps the code that failed.
    notify("bad", `No product has the code “${scan.code}”. Check the item, or search by name.`);
    clearSearch();
  }
}

function clearSearch(): void {
  state.query = "";
  const s = byId<HTMLInputElement>("search");
  if (s) { s.value = ""; s.focus(); }
  // The basket's new line is painted first; the products grid follows in the next frame.
  requestAnimationFrame(() => window.setTimeout(() => void runSearch(), 0));
}

function renderBasket(): void {
  publishDisplay();
  const lines = byId("basket-lines");
  const foot = byId("basket-foot");
  if (!lines || !foot) return;
  const currency = state.results?.currency ?? null;
  const b = state.basket;
  if (b.isEmpty) {
    replace(lines, h("p", { class: "empty" }, "Tap a product or scan a barcode to start a sale."));
  } else {
    replace(lines, ...b.lines.map((l, i) => h("div", { class: "line", "data-testid": `basket-line-${l.variantId}` },
      h("div", { class: "what" },
        h("span", { class: "title" }, l.title),
        l.subscription ? h("span", { class: "tag" }, `Subscription, ${describeSubscription(l.subscription)}`) : null,
        h("label", { class: "check small ship-toggle" },
          h("input", { type: "checkbox", "data-testid": `ship-${l.variantId}`, checked: !!l.ship, onchange: (e: Event) => { b.setShip(i, (e.target as HTMLInputElement).checked); renderBasket(); } }),
          " Ship to customer"),
        state.editingPrice === i ? priceEditor(i, l.unitPrice) : h("span", { class: "meta" }, `${l.sku} · `,
          h("button", { class: "link small", title: "Set a different price for this line", "data-testid": `price-${l.variantId}`, onclick: () => { state.editingPrice = i; renderBasket(); } },
            `${formatMoney(l.unitPrice, currency)} each`), l.override ? h("span", { class: "tag warn" }, "price set") : null)),
      h("div", { class: "qty" },
        h("button", { class: "step", "aria-label": `One less ${l.title}`, "data-testid": `qty-minus-${l.variantId}`, onclick: () => { b.setQuantity(i, l.quantity - 1); renderBasket(); } }, "−"),
        h("input", {
          class: "qtyin", type: "number", min: 1, max: 999, value: l.quantity, "aria-label": `Quantity of ${l.title}`, "data-testid": `qty-${l.variantId}`,
          onchange: (e: Event) => {
            const n = Number((e.target as HTMLInputElement).value);
            if (Number.isInteger(n) && n >= 0) b.setQuantity(i, n);
            renderBasket();
          },
        }),
        h("button", { class: "step", "aria-label": `One more ${l.title}`, "data-testid": `qty-plus-${l.variantId}`, onclick: () => { b.setQuantity(i, l.quantity + 1); renderBasket(); } }, "+"),
      ),
      h("div", { class: "amount", "data-testid": `line-total-${l.variantId}` }, formatMoney(b.lineTotal(l), currency)),
      h("button", { class: "remove", "aria-label": `Remove ${l.title}`, "data-testid": `remove-${l.variantId}`, onclick: () => { b.remove(i); state.editingPrice = null; renderBasket(); } }, "×"),
    )));
  }
  const total = formatMoney(b.total(), currency);
  const reach = state.status?.reachability;
  const tunnel = state.status?.tunnel;
  const tunnelDown = !!tunnel && tunnel.state !== "off" && tunnel.state !== "up";
  const blocked = reach?.state === "unreachable" || tunnelDown;
  replace(foot,
    tunnelDown ? h("p", { class: "notice bad", "data-testid": "tunnel-state" }, `Charge is off: ${tunnelWords(tunnel!)}`) :
    reach?.state === "unreachable" ? h("p", { class: "notice bad", "data-testid": "reachability" },
      `Charge is off: customers could not get back to ${reach.url || "the counter"} after paying (${reach.reason}). Check the tunnel or Settings › Public URL.`) : null,
    state.status?.lan_demo ? h("p", { class: "notice info small", "data-testid": "lan-demo" },
      `Phone demo is on: phones on this network reach the demo store at ${state.status.lan_demo}. Demo only, no real money.`) : null,
    h("div", { class: "total" }, h("span", {}, `Total · ${b.itemCount()} item${b.itemCount() === 1 ? "" : "s"}`), h("strong", { "data-testid": "basket-total" }, total)),
    h("div", { class: "sale-options" },
      h("label", { class: "check" },
        h("input", { type: "checkbox", "data-testid": "ship-all", disabled: b.isEmpty, checked: b.allShipped, onchange: (e: Event) => { b.setShip(null, (e.target as HTMLInputElement).checked); renderBasket(); } }),
        " Ship the whole sale to the customer"),
      h("label", { class: "field inline", for: "pay-language" }, h("span", { class: "label" }, "Klarna page language"),
        h("select", { id: "pay-language", "data-testid": "pay-language", onchange: (e: Event) => { state.payLanguage = (e.target as HTMLSelectElement).value; } },
          ...(state.settings?.payment_languages ?? [["en", "English"]]).map(([code, name]) => h("option", { value: code, selected: code === (state.payLanguage ?? state.settings?.effective.payment_language ?? "en") }, name)))),
    ),
    h("div", { class: "actions" },
      h("button", { class: "secondary", disabled: b.isEmpty, "data-testid": "clear-basket", onclick: () => { b.clear(); renderBasket(); } }, "Clear"),
      h("button", {
        class: "primary charge", disabled: b.isEmpty || state.charging || blocked, "data-testid": "charge", onclick: () => void charge(),
        title: "Ctrl+Enter",
      }, state.charging ? "Creating link…" : `Charge ${total}`),
    ),
  );
}

/** The catalog price of a basket line's variant, from the last search results. */
function tunnelWords(t: TunnelState): string {
  switch (t.state) {
    case "off": return "no tunnel is managed here.";
    case "starting": return `starting ${t.program}; waiting for its public address…`;
    case "up": return `${t.program} is up at ${t.url}.`;
    case "restarting": return `${t.program} stopped (${t.reason}); starting it again in ${t.retry_in_secs} s.`;
    case "failed": return `${t.reason}`;
  }
}

function catalogPriceOf(variantId: number): string | null {
  for (const p of state.results?.products ?? []) {
    const v = p.variants.find((x) => x.id === variantId);
    if (v?.price) return v.price;
  }
  return null;
}

function priceEditor(index: number, current: string): HTMLElement {
  const line = state.basket.lines[index];
  const input = h("input", { class: "pricein", type: "text", inputmode: "decimal", value: current, "aria-label": `Price of ${line.title}`, "data-testid": `price-input-${line.variantId}` });
  const apply = () => {
    try {
      state.basket.setPrice(index, input.value, catalogPriceOf(line.variantId) ?? line.unitPrice);
      state.editingPrice = null;
      renderBasket();
    } catch (e) {
      notify("bad", `“${input.value}” is not a price: ${(e as Error).message}.`);
    }
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); apply(); }
    if (e.key === "Escape") { e.preventDefault(); state.editingPrice = null; renderBasket(); }
  });
  window.setTimeout(() => { input.focus(); input.select(); }, 0);
  return h("span", { class: "meta" }, input, h("button", { class: "link small", "data-testid": `price-apply-${line.variantId}`, onclick: apply }, "Set"), " (empty: catalog price)");
}

async function charge(): Promise<void> {
  if (state.basket.isEmpty || state.charging || state.sale) return;
  state.charging = true;
  renderBasket();
  try {
    let sale: SaleView;
    try {
      sale = await api.charge(state.basket.toCharge(), null, state.payLanguage);
    } catch (e) {
      if (asAppError(e).code !== "approval_required") throw e;
      const pin = await askManagerPin(asAppError(e).message);
      if (pin === null) { notify("info", "Not charged: the prices need a manager's approval."); return; }
      sale = await api.charge(state.basket.toCharge(), pin, state.payLanguage);
    }
    // Events may already have moved it on; keep the newest.
    const current = state.sale as SaleView | null;
    if (!current || current.id !== sale.id || current.updated_at <= sale.updated_at) state.sale = sale;
  } catch (e) {
    const err = asAppError(e);
    notify("bad", err.code === "not_configured" ? `${err.message} (Settings, F3)` : err.message, 10000);
  } finally {
    state.charging = false;
    renderBasket();
    renderOverlay();
  }
}

async function act(promise: Promise<SaleView>): Promise<void> {
  try {
    state.sale = await promise;
    if (state.sale.state === "paid") void loadOffers(state.sale.id);
  } catch (e) {
    notify("bad", asAppError(e).message);
  }
  renderOverlay();
}

function closeSale(clearBasket: boolean): void {
  if (clearBasket) state.basket.clear();
  state.sale = null;
  state.offers = null;
  state.offersFor = null;
  renderBasket();
  renderOverlay();
  byId("search")?.focus();
}

function renderOverlay(): void {
  publishDisplay();
  const el = byId("overlay");
  if (!el) return;
  if (state.picker) return replace(el, pickerModal(state.picker));
  const s = state.sale;
  if (!s) return replace(el);
  replace(el, h("div", { class: "modal-backdrop" }, h("div", { class: `modal sale ${stateTone(s.state, s.after_cancel)}`, role: "dialog", "aria-modal": "true", "aria-labelledby": "sale-heading", "data-testid": "sale", "data-state": s.state }, ...saleBody(s))));
  (el.querySelector("[data-autofocus]") as HTMLElement | null)?.focus();
}

function pickerModal(p: ProductCard): HTMLElement {
  const currency = state.results?.currency ?? null;
  return h("div", { class: "modal-backdrop", onclick: (e: Event) => { if (e.target === e.currentTarget) { state.picker = null; renderOverlay(); } } },
    h("div", { class: "modal picker", role: "dialog", "aria-modal": "true", "aria-label": `Choose ${p.title}`, "data-testid": "variant-picker" },
      h("h2", {}, p.title),
      p.subscription ? subscriptionChoice(p) : null,
      h("div", { class: "variants" }, ...p.variants.map((v, i) => h("button", {
        class: `variant${v.sellable ? "" : " off"}`, "data-testid": `variant-${v.id}`, disabled: !v.sellable,
        "data-autofocus": i === 0 ? "" : null, onclick: () => addVariant(p, v, 1, state.pickerPlan),
      }, h("span", { class: "title" }, v.title || p.title), h("span", { class: "meta" }, v.sku),
      h("span", { class: "price" }, priceLabel(v, currency)),
      v.stock_here !== null || v.stock_elsewhere !== null ? h("span", { class: "stock", "data-testid": `stock-${v.id}` },
        `${v.stock_here ?? "–"} here · ${v.stock_elsewhere ?? "–"} elsewhere`) : null,
      v.availability === "out_of_stock" ? h("span", { class: "stock out" }, "Out of stock") : v.availability === "low_stock" ? h("span", { class: "stock low" }, "Low stock") : null))),
      h("div", { class: "actions" }, h("button", { class: "secondary", onclick: () => { state.picker = null; renderOverlay(); } }, "Close (Esc)")),
    ));
}

function subscriptionChoice(p: ProductCard): HTMLElement {
  const plan = p.subscription!;
  const current = state.pickerPlan;
  const option = (label: string, value: Subscription | null, id: string) =>
    h("button", {
      class: `choice${(current?.interval_count ?? 0) === (value?.interval_count ?? 0) ? " on" : ""}`, "data-testid": `plan-${id}`,
      "aria-pressed": (current?.interval_count ?? 0) === (value?.interval_count ?? 0) ? "true" : "false",
      onclick: () => { state.pickerPlan = value; renderOverlay(); },
    }, label);
  return h("div", { class: "plans", role: "group", "aria-label": "One-time or subscription" },
    option("One-time", null, "once"),
    ...plan.interval_counts.map((n) => option(describeSubscription({ interval: plan.interval, interval_count: n }).replace(/^every/, "Every"), { interval: plan.interval, interval_count: n }, String(n))),
  );
}

function amountOf(s: SaleView): string {
  return formatMoney(s.store_total ?? s.total, s.currency);
}

/** Copy `text`; where the webview may not, select it on screen for Ctrl+C instead. */
async function copyText(text: string, testId: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    notify("ok", "Link copied.");
  } catch {
    const el = document.querySelector(`[data-testid="${testId}"]`);
    if (el) {
      const range = document.createRange();
      range.selectNodeContents(el);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
    notify("info", "The link is selected: press Ctrl+C to copy it.");
  }
}

/** What happens to the goods, in staff's words (QR screen). */
function handoverWords(s: SaleView): string {
  const shipped = s.lines.filter((l) => l.ship).length;
  const language = state.settings?.payment_languages.find(([code]) => code === s.language)?.[1];
  const goods = shipped === 0 ? "Handed over at the counter" : shipped === s.lines.length ? "Shipped to the customer by the store" : `${shipped} of ${s.lines.length} lines shipped to the customer; the rest handed over`;
  return language ? `${goods} · Klarna page in ${language}` : goods;
}

/** Whether the store e-mails its own receipt (Paid screen). */
function receiptLine(): HTMLElement | null {
  const send = state.settings?.effective.send_receipt;
  if (send === undefined) return null;
  return h("p", { class: "muted small", "data-testid": "store-receipt" }, send ? "The store e-mails its receipt to the customer." : "The store sends no e-mail receipt: print one from History if the customer wants it.");
}

/** The sale at the store (captured, handed over, shipped), with Retry when it needs one. */
function closingLine(s: SaleView, onRetry: () => void = () => void act(api.retryClosing(s.id))): HTMLElement | null {
  const c = s.closing;
  if (!c) return null;
  const tone = c.state === "closed" ? "ok" : c.state === "attention" ? "bad" : "info";
  return h("div", { class: `notice ${tone} closing`, "data-testid": "sale-closing", "data-closing": c.state, "aria-live": "polite" },
    h("span", {}, c.note ?? (c.state === "closed" ? "Closed at the store" : "Closing at the store…")),
    c.state === "attention" ? h("button", { class: "secondary small", "data-testid": "closing-retry", onclick: onRetry }, "Retry") : null);
}

/** Order numbers named for the sale that did not pay it: a quiet note, not the sale's state. */
function claimsNote(s: SaleView): HTMLElement | null {
  const open = (s.claims ?? []).filter((c) => c.status !== "accepted");
  if (!open.length) return null;
  return h("ul", { class: "claims muted", "data-testid": "sale-claims", "aria-live": "polite" }, ...open.map((c) => h("li", { "data-status": c.status }, claimNote(c))));
}

/** Ask for a manager's PIN at the counter; resolves to the PIN, or null when cancelled. */
function askManagerPin(why: string): Promise<string | null> {
  return new Promise((resolve) => {
    const opener = document.activeElement as HTMLElement | null;
    const input = h("input", { id: "approval-pin", type: "password", inputmode: "numeric", autocomplete: "off", maxlength: "8", "data-testid": "approval-pin" }) as HTMLInputElement;
    const done = (pin: string | null) => { box.remove(); opener?.focus(); resolve(pin); };
    const box = h("div", { class: "modal-backdrop approval", "data-testid": "approval" },
      h("form", { class: "modal", role: "dialog", "aria-modal": "true", "aria-labelledby": "approval-heading",
        onsubmit: (e: Event) => { e.preventDefault(); done(input.value.trim() || null); },
        onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === "Escape") { e.preventDefault(); e.stopPropagation(); done(null); } } },
        h("h2", { id: "approval-heading" }, "Manager approval"),
        h("p", { class: "reason", "data-testid": "approval-reason" }, why),
        h("label", { for: "approval-pin" }, "Manager's PIN"), input,
        h("div", { class: "actions" },
          h("button", { type: "button", class: "secondary", onclick: () => done(null) }, "Cancel (Esc)"),
          h("button", { type: "submit", class: "primary", "data-testid": "approval-ok" }, "Approve")),
      ));
    document.body.append(box);
    input.focus();
  });
}

function saleBody(s: SaleView): (HTMLElement | null)[] {
  const heading = (text: string) => h("h2", { id: "sale-heading", "data-testid": "sale-state", "data-state": s.state }, text);
  switch (s.state) {
    case "creating":
      return [heading("Creating the Klarna payment…"), h("p", { class: "big" }, amountOf(s)), h("div", { class: "spinner large" }), h("p", { class: "muted" }, "Asking the store for a payment link. This usually takes a second.")];
    case "draft":
      return [
        heading("Could not create the payment"),
        h("p", { class: "reason", "data-testid": "sale-reason" }, s.reason ?? "The store did not give a payment link."),
        h("div", { class: "actions" },
          h("button", { class: "secondary", "data-testid": "back-to-basket", onclick: () => void act(api.cancel(s.id)).then(() => closeSale(false)) }, "Back to basket"),
          h("button", { class: "primary", "data-testid": "retry-sale", "data-autofocus": "", onclick: () => void act(api.retry(s.id)) }, "Try again"),
        ),
      ];
    case "awaiting_payment": {
      const qr = s.qr_svg ? h("img", { class: "qr", alt: "QR code for the Klarna payment page", "data-testid": "qr", src: `data:image/svg+xml;base64,${btoa(s.qr_svg)}` }) : null;
      return [
        heading("Scan to pay with Klarna"),
        h("div", { class: "pay" },
          qr,
          h("div", { class: "side" },
            h("p", { class: "big", "data-testid": "sale-amount" }, amountOf(s)),
            h("p", { class: "muted" }, "Ask the customer to scan the code with their phone camera and finish in Klarna."),
            h("p", { class: "small", "data-testid": "sale-handover" }, handoverWords(s)),
            h("p", {}, "Time left ", h("strong", { id: "countdown", "data-testid": "countdown" }, s.expires_at ? countdown(s.expires_at - Date.now()) : "")),
            h("p", {},
              h("button", { class: "link", "data-testid": "open-payment", onclick: () => api.openPaymentPage(s.id).catch((e) => notify("bad", asAppError(e).message)) }, "Open on this computer"),
              " · ",
              h("button", { class: "link", "data-testid": "copy-payment-link", onclick: () => void copyText(s.payment_complete_url ?? "", "payment-link") }, "Copy the link")),
            h("p", { class: "url", "data-testid": "payment-link", title: "For a customer who cannot scan: type or send this link" }, s.payment_complete_url ?? ""),
          ),
        ),
        claimsNote(s),
        h("div", { class: "actions" }, h("button", { class: "danger", "data-testid": "cancel-sale", onclick: () => void act(api.cancel(s.id)) }, "Cancel sale")),
      ];
    }
    case "review":
      return [
        heading("Payment needs a manager's check"),
        h("p", { class: "big" }, amountOf(s)),
        h("p", { class: "reason", "data-testid": "sale-reason" }, s.reason ?? "The store holds a payment that may not be this sale's."),
        h("p", { class: "muted" }, "Do not hand over the goods until a manager has checked the order in the store."),
        claimsNote(s),
        h("div", { class: "actions" },
          h("button", { class: "secondary", "data-testid": "back-to-basket", onclick: () => closeSale(false) }, "Back to basket"),
          isManager() ? h("button", { class: "danger", "data-testid": "dismiss-review", onclick: () => void act(api.dismissReview(s.id)) }, "Not this sale's payment") : null,
          isManager() ? h("button", { class: "primary", "data-testid": "accept-review", "data-autofocus": "", onclick: () => void act(api.acceptReview(s.id)) }, "Accept payment") : h("p", { class: "muted" }, "Ask a manager to sign in and check it."),
        ),
      ];
    case "paid":
      return [
        heading(s.after_cancel ? "Paid (after the sale had ended)" : "Paid"),
        h("p", { class: "big", "data-testid": "sale-amount-paid" }, amountOf(s)),
        h("p", {}, "Order ", h("strong", { "data-testid": "order-number" }, s.order_number ?? ""), s.customer ? ` · ${s.customer}` : ""),
        s.reason ? h("p", { class: "reason" }, s.reason) : null,
        closingLine(s),
        receiptLine(),
        upsellSection(s),
        h("div", { class: "actions" }, h("button", { class: "primary", "data-testid": "new-sale", "data-autofocus": "", onclick: () => closeSale(true) }, "New sale")),
      ];
    case "failed":
      return [
        heading("Payment failed"),
        h("p", { class: "reason", "data-testid": "sale-reason" }, `${s.reason ?? "Klarna did not approve the payment."} Nothing was charged.`),
        h("div", { class: "actions" },
          h("button", { class: "secondary", "data-testid": "back-to-basket", onclick: () => closeSale(false) }, "Back to basket"),
          h("button", { class: "primary", "data-testid": "charge-again", "data-autofocus": "", onclick: () => { state.sale = null; void charge(); } }, "Try again"),
        ),
      ];
    case "rejected":
      return [
        heading("Payment turned down"),
        h("p", { class: "reason", "data-testid": "sale-reason" }, s.reason ?? "A manager decided the payment is not this sale's."),
        h("p", { class: "muted" }, "Do not hand over the goods. Check the order in the store's dashboard."),
        h("div", { class: "actions" }, h("button", { class: "secondary", "data-testid": "back-to-basket", "data-autofocus": "", onclick: () => closeSale(false) }, "Back to basket")),
      ];
    case "cancelled":
    case "expired":
      return [
        heading(s.state === "expired" ? "The payment link timed out" : "Sale cancelled"),
        h("p", { class: "muted" }, "If the customer still pays, the payment is recorded and shown here."),
        h("div", { class: "actions" },
          h("button", { class: "secondary", "data-testid": "back-to-basket", "data-autofocus": "", onclick: () => closeSale(false) }, "Back to basket"),
          h("button", { class: "primary", "data-testid": "charge-again", onclick: () => { state.sale = null; void charge(); } }, "Charge again"),
        ),
      ];
  }
}

// ---------------------------------------------------------------- upsells

async function loadOffers(saleId: string): Promise<void> {
  try {
    state.offers = await api.upsellOffers(saleId);
    state.offersFor = saleId;
  } catch (e) {
    notify("bad", asAppError(e).message);
  }
  if (state.sale?.id === saleId) renderOverlay();
}

function upsellRow(u: Upsell, currency: string): HTMLElement {
  const tone = u.state === "charged" ? "ok" : u.state === "declined" ? "bad" : "wait";
  return h("li", { class: "upsell", "data-testid": `upsell-${u.id}`, "data-state": u.state },
    h("span", {}, `${u.quantity} × ${u.title} · ${formatMoney(times(parseMoney(u.unit_price), u.quantity), currency)}`),
    " ", h("span", { class: `badge ${tone}` }, UPSELL_LABELS[u.state]),
    u.reason && u.state !== "charged" ? h("div", { class: "muted small" }, u.reason) : null,
  );
}

function upsellSection(s: SaleView): HTMLElement {
  const o = state.offers;
  if (!o || state.offersFor !== s.id) {
    return h("section", { class: "upsells" }, h("p", { class: "muted" }, h("span", { class: "spinner" }), " Looking for products to offer…"));
  }
  const tried = s.upsells.length ? s.upsells : o.upsells;
  const busy = state.upselling || upsellInFlight(tried.map((u) => u.state));
  const rows: HTMLElement[] = [];
  for (const p of o.offers) {
    for (const v of p.variants.filter((x) => x.sellable && x.price)) {
      const qty = h("input", { class: "qtyin small", type: "number", min: 1, max: 99, value: 1, "aria-label": `Quantity of ${p.title}`, "data-testid": `upsell-qty-${v.id}` });
      const price = h("input", { class: "pricein", type: "text", inputmode: "decimal", placeholder: v.price!, "aria-label": `Price of ${p.title} (optional)`, "data-testid": `upsell-price-${v.id}` });
      rows.push(h("div", { class: "offer" },
        h("span", { class: "title" }, v.title ? `${p.title} (${v.title})` : p.title),
        h("span", { class: "price" }, formatMoney(v.price!, o.currency)),
        qty, price,
        h("button", {
          class: "primary small", disabled: busy, "data-testid": `upsell-add-${v.id}`,
          onclick: () => void addUpsell(s.id, v.id, qty.value, price.value),
        }, "Add & charge"),
      ));
      if (rows.length >= 8) break;
    }
    if (rows.length >= 8) break;
  }
  return h("section", { class: "upsells", "data-testid": "upsells" },
    h("h3", {}, "Add to this order"),
    o.available
      ? (rows.length ? h("div", { class: "offers" }, ...rows) : h("p", { class: "muted" }, "Nothing to suggest for this order."))
      : h("p", { class: "reason", "data-testid": "upsell-unavailable" }, o.reason ?? "Upsells are not available for this order."),
    o.available ? h("p", { class: "muted small" }, "Charged at once to the customer's Klarna payment, with no new scan.") : null,
    tried.length ? h("ul", { class: "tried" }, ...tried.map((u) => upsellRow(u, o.currency))) : null,
  );
}

async function addUpsell(saleId: string, variantId: number, qtyText: string, priceText: string): Promise<void> {
  const quantity = Number(qtyText);
  if (!Number.isInteger(quantity) || quantity < 1) return notify("bad", "Enter a whole quantity of at least 1.");
  const price = priceText.trim() || null;
  if (price !== null) {
    try { parseMoney(price); } catch { return notify("bad", `“${price}” is not a price. Use digits and a dot, like 19.90.`); }
  }
  state.upselling = true;
  renderOverlay();
  try {
    let u;
    try {
      u = await api.addUpsell(saleId, variantId, quantity, price);
    } catch (e) {
      if (asAppError(e).code !== "approval_required") throw e;
      const pin = await askManagerPin(asAppError(e).message);
      if (pin === null) { notify("info", "Not added: the price needs a manager's approval."); return; }
      u = await api.addUpsell(saleId, variantId, quantity, price, pin);
    }
    if (u.state === "charged") notify("ok", `Added ${u.quantity} × ${u.title}.`);
    else if (u.state === "declined") notify("bad", u.reason ?? "The upsell was not charged.", 10000);
  } catch (e) {
    notify("bad", asAppError(e).message, 10000);
  } finally {
    state.upselling = false;
    await loadOffers(saleId);
  }
}

// ---------------------------------------------------------------- history

/** The History filter as the core takes it; dates are whole local days. */
function historyFilter(): HistoryFilter {
  const f = state.historyFilter;
  const day = (d: string, plus: number) => (d ? new Date(`${d}T00:00:00`).getTime() + plus * 86_400_000 : null);
  return { text: f.text.trim() || null, states: f.state ? [f.state] : [], from_ms: day(f.from, 0), to_ms: day(f.to, 1), counter: f.counter || null, staff: f.staff.trim() || null };
}

let historyTimer: number | undefined;

function historyFilters(): HTMLElement {
  const f = state.historyFilter;
  const changed = (key: keyof typeof f, delay: number) => (e: Event) => {
    f[key] = (e.target as HTMLInputElement).value;
    window.clearTimeout(historyTimer);
    historyTimer = window.setTimeout(() => void loadHistory(true), delay);
  };
  const option = (value: string, label: string) => h("option", { value, selected: f.state === value }, label);
  return h("div", { class: "filters" },
    h("input", { type: "search", class: "search small", placeholder: "Order, customer, product or SKU", value: f.text, "aria-label": "Search sales", "data-testid": "history-search", oninput: changed("text", 200) }),
    h("select", { "aria-label": "State", "data-testid": "history-state", onchange: changed("state", 0) },
      option("", "All states"), option("paid", "Paid"), option("paid_after_cancel", "Paid after cancel"), option("review", "Needs a manager's check"),
      option("awaiting_payment", "Waiting for customer"), option("failed", "Payment failed"), option("rejected", "Rejected"),
      option("cancelled", "Cancelled"), option("expired", "Expired"), option("draft", "Not sent"), option("refunded", "Refunded or cancelled at the store")),
    h("select", { "aria-label": "Counter", "data-testid": "history-counter", onchange: changed("counter", 0) },
      h("option", { value: "", selected: f.counter === "" }, "All counters"),
      h("option", { value: "this", selected: f.counter === "this" }, "This counter"),
      h("option", { value: "others", selected: f.counter === "others" }, "Other counters")),
    h("input", { type: "search", class: "search small staff", placeholder: "Staff", value: f.staff, "aria-label": "Staff", "data-testid": "history-staff", oninput: changed("staff", 300) }),
    h("label", { class: "date" }, "From ", h("input", { type: "date", value: f.from, "data-testid": "history-from", onchange: changed("from", 0) })),
    h("label", { class: "date" }, "To ", h("input", { type: "date", value: f.to, "data-testid": "history-to", onchange: changed("to", 0) })),
  );
}

async function loadHistory(reset: boolean): Promise<void> {
  if (reset) {
    state.history = []; state.historyDone = false;
    const view = byId("view");
    if (view && state.view === "history") replace(view, h("p", { class: "empty" }, h("span", { class: "spinner" }), " Loading sales…"));
  }
  try {
    const page = await api.history(historyFilter(), HISTORY_PAGE, state.history.length);
    state.history = state.history.concat(page);
    state.historyDone = page.length < HISTORY_PAGE;
  } catch (e) {
    notify("bad", asAppError(e).message);
  }
  renderHistory();
}

function renderHistory(): void {
  if (state.view !== "history") return;
  const view = byId("view")!;
  const rows = state.history.map((s) => h("tr", {
    "data-testid": `history-row-${s.id}`, "data-state": s.state, class: state.selected?.id === s.id ? "sel" : "", tabindex: 0,
    onclick: () => void select(s.id), onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === "Enter") void select(s.id); },
  },
  h("td", {}, timeOfDay(s.created_at), h("div", { class: "muted small" }, new Date(s.created_at).toLocaleDateString())),
  h("td", { "data-testid": "history-order" }, s.order_number ?? "—"),
  h("td", {}, h("span", { class: `badge ${stateTone(s.state, s.after_cancel)}` }, stateLabel(s.state, s.after_cancel)),
    refundTag(s) ? h("div", { class: "tag warn", "data-testid": "history-refund-tag" }, refundTag(s)) : null),
  h("td", {}, s.lines.map((l) => `${l.quantity}× ${l.title}`).join(", "),
    s.upsells.some((u) => u.state === "charged") ? h("div", { class: "muted small" }, `+ ${s.upsells.filter((u) => u.state === "charged").length} upsell(s)`) : null),
  h("td", {}, s.customer ?? ""),
  h("td", { class: "small" }, s.staff ?? "", s.staff ? h("br", {}) : null, s.origin ?? "this counter"),
  h("td", { class: "num" }, amountOf(s)),
  ));
  const detail = state.selected ? saleDetail(state.selected) : h("p", { class: "empty" }, "Select a sale to see its lines and timeline.");
  const filtering = Object.values(state.historyFilter).some((v) => v !== "");
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.testid : undefined;
  replace(view,
    h("section", { class: "history" },
      h("div", { class: "row" }, h("h2", {}, "Sales"),
        h("button", { class: "secondary", "data-testid": "history-refresh", onclick: () => void loadHistory(true) }, "Refresh"),
        h("button", { class: "secondary", "data-testid": "history-import", disabled: !!state.importing, title: "Pull the sales of every counter from the store", onclick: () => void importHistory() },
          state.importing ? `Importing… ${state.importing.orders} orders (${state.importing.pages} pages)` : "Import all counters from the store")),
      historyFilters(),
      state.history.length === 0
        ? h("p", { class: "empty", "data-testid": "history-empty" }, filtering ? "No sale matches these filters." : "No sales yet. Sales appear here as soon as Charge is pressed.")
        : h("table", { class: "table", "data-testid": "history-table" },
          h("thead", {}, h("tr", {}, h("th", {}, "Time"), h("th", {}, "Order"), h("th", {}, "State"), h("th", {}, "Items"), h("th", {}, "Customer"), h("th", {}, "Staff · counter"), h("th", { class: "num" }, "Total"))),
          h("tbody", {}, ...rows)),
      state.historyDone ? null : h("button", { class: "secondary more", onclick: () => void loadHistory(false) }, "Load more"),
    ),
    h("aside", { class: "detail", "data-testid": "sale-detail" }, detail),
    h("div", { id: "dialog" }),
    h("div", { id: "print", class: "print-only" }),
  );
  renderDialog();
  // Keep typing in the search box while the list refreshes under it.
  if (focused) {
    const el = view.querySelector<HTMLInputElement>(`[data-testid="${focused}"]`);
    if (el) { el.focus(); if (el.type === "search") el.setSelectionRange(el.value.length, el.value.length); }
  }
}

async function select(id: string): Promise<void> {
  try {
    state.selected = await api.sale(id);
  } catch (e) {
    notify("bad", asAppError(e).message);
  }
  renderHistory();
}

function saleDetail(s: SaleView): HTMLElement {
  const o = s.order ?? null;
  const paid = s.state === "paid" && !!s.order_number;
  const cancelled = s.store_status === "canceled" || s.store_status === "cancelled";
  const open = s.refunds.some((r) => r.state === "requested" || r.state === "unknown");
  // The store's lines, with what the counter knows about each (subscription, staff price).
  const local = new Map(s.lines.map((l) => [l.variant_id, l]));
  const lines = o
    ? o.lines.map((l) => {
      const mine = l.is_upsell ? undefined : local.get(l.variant_id);
      return h("tr", {}, h("td", {}, `${l.quantity}×`),
        h("td", {}, l.variant_title ? `${l.product_title} (${l.variant_title})` : l.product_title,
          l.is_upsell ? h("span", { class: "tag" }, "upsell") : null,
          mine?.ship ? h("span", { class: "tag" }, "ship to customer") : null,
          mine?.subscription ? h("span", { class: "tag" }, "subscription") : null,
          h("div", { class: "muted small" }, l.sku,
            mine?.subscription ? ` · subscription, ${describeSubscription(mine.subscription)}` : "",
            mine?.price_override ? ` · price set by staff (${formatMoney(mine.unit_price, o.currency)} each)` : "")),
        h("td", { class: "num" }, formatMoney(l.price_incl_tax, o.currency)));
    })
    : s.lines.map((l) => h("tr", {}, h("td", {}, `${l.quantity}×`),
      h("td", {}, l.title, l.ship ? h("span", { class: "tag" }, "ship to customer") : null, h("div", { class: "muted small" }, l.sku,
        l.subscription ? ` · subscription, ${describeSubscription(l.subscription)}` : "",
        l.price_override ? ` · price set by staff (${formatMoney(l.unit_price, s.currency)} each)` : "")),
      h("td", { class: "num" }, formatMoney(l.line_total, s.currency))));
  const totals = o
    ? orderTotals(o).map((t) => h("tr", {}, h("td", {}), h("td", {}, t.label), h("td", { class: "num" }, t.amount)))
    : [h("tr", {}, h("td", {}), h("td", {}, "Basket total"), h("td", { class: "num" }, formatMoney(s.total, s.currency)))];
  if (s.refunded && compareMoney(s.refunded, "0") > 0) totals.push(h("tr", {}, h("td", {}), h("td", {}, "Refunded"), h("td", { class: "num", "data-testid": "detail-refunded" }, `−${formatMoney(s.refunded, s.currency)}`)));
  return h("div", {},
    h("h2", {}, s.order_number ? `Order ${s.order_number}` : "Sale without an order"),
    h("p", {}, h("span", { class: `badge ${stateTone(s.state, s.after_cancel)}` }, stateLabel(s.state, s.after_cancel)),
      refundTag(s) ? h("span", { class: "tag warn" }, refundTag(s)) : null,
      ` · ${dateTime(s.created_at)}`, s.origin ? ` · sold at ${s.origin}` : ""),
    s.reason ? h("p", { class: "reason" }, s.reason) : null,
    closingLine(s, () => void api.retryClosing(s.id).then(() => select(s.id)).catch((e) => notify("bad", asAppError(e).message))),
    paid ? h("div", { class: "actions wrap" },
      h("button", { class: "secondary", "data-testid": "detail-refresh", onclick: () => void refreshSale(s.id) }, "Refresh from store"),
      h("button", { class: "secondary", "data-testid": "detail-refund", disabled: cancelled || open || !o, onclick: () => openRefund(s) }, "Refund…"),
      h("button", { class: "secondary danger", "data-testid": "detail-cancel", disabled: cancelled || open, onclick: () => { state.dialog = { kind: "cancel", sale: s, reason: "", busy: false, error: null }; renderDialog(); } }, "Cancel order…"),
      h("button", { class: "secondary", "data-testid": "detail-print", onclick: () => printReceipt(s) }, "Print receipt"),
    ) : null,
    h("table", { class: "table compact", "data-testid": "detail-lines" }, h("tbody", {}, ...lines), h("tfoot", {}, ...totals)),
    s.customer ? h("p", {}, `Customer: ${s.customer}`, o?.user?.email ? ` <${o.user.email}>` : "") : null,
    s.upsells.length ? h("h3", {}, "Upsells") : null,
    s.upsells.length ? h("ul", { class: "tried", "data-testid": "detail-upsells" }, ...s.upsells.map((u) => h("li", {}, h("span", { class: "muted" }, timeOfDay(u.updated_at)), " ", upsellRow(u, s.currency)))) : null,
    s.refunds.length ? h("h3", {}, "Refunds and cancels") : null,
    s.refunds.length ? h("ul", { class: "tried", "data-testid": "detail-refunds" }, ...s.refunds.map((r) => refundRow(r))) : null,
    h("h3", {}, "Timeline"),
    h("ol", { class: "timeline" }, ...(s.timeline ?? []).map((t) => h("li", {}, h("span", { class: "muted" }, timeOfDay(t.at)), " ", t.note))),
    o ? h("details", { class: "raw" }, h("summary", {}, "The store's order (JSON)"), h("pre", { "data-testid": "detail-raw" }, JSON.stringify(o, null, 2))) : null,
  );
}

const REFUND_STATE: Record<RefundRecord["state"], string> = { requested: "sending…", done: "done", failed: "did not happen", unknown: "checking with the store…" };

function refundRow(r: RefundRecord): HTMLElement {
  return h("li", { "data-state": r.state },
    h("span", { class: "muted" }, timeOfDay(r.created_at)), " ",
    `${r.kind === "cancel" ? "Cancel" : "Refund"} ${formatMoney(r.amount, r.currency)}: ${REFUND_STATE[r.state]} · by ${r.by_whom}`,
    r.reason ? h("div", { class: "muted small" }, r.reason) : null);
}

async function refreshSale(id: string): Promise<void> {
  try {
    state.selected = await api.refresh(id);
    notify("ok", "Refreshed from the store.");
  } catch (e) {
    notify("bad", asAppError(e).message, 10000);
  }
  renderHistory();
}

async function importHistory(): Promise<void> {
  state.importing = { pages: 0, orders: 0, added: 0, updated: 0 };
  renderHistory();
  try {
    const r = await api.importHistory((p) => { state.importing = p; renderHistory(); });
    notify("ok", `Read ${r.orders} orders from the store: ${r.added} sales of other counters added, ${r.updated} updated.`, 10000);
  } catch (e) {
    notify("bad", asAppError(e).message, 10000);
  } finally {
    state.importing = null;
  }
  await loadHistory(true);
}

function openRefund(s: SaleView): void {
  const left = s.order ? remainingByLine(s.order) : new Map<number, number>();
  state.dialog = { kind: "refund", sale: s, chosen: new Map(left), quote: null, busy: false, error: null, goodsBack: true };
  renderDialog();
}

function closeDialog(): void {
  state.dialog = null;
  renderDialog();
}

function renderDialog(): void {
  const el = byId("dialog");
  if (!el) return;
  const d = state.dialog;
  if (!d) return replace(el);
  const s = d.sale;
  const error = d.error ? h("p", { class: "notice bad", "data-testid": "dialog-error" }, d.error) : null;
  if (d.kind === "cancel") {
    const reason = h("input", { class: "wide", "data-testid": "cancel-reason", value: d.reason, placeholder: "Why, e.g. customer returned everything", "aria-label": "Reason" });
    reason.addEventListener("input", () => { d.reason = reason.value; });
    replace(el, h("div", { class: "modal-backdrop" }, h("div", { class: "modal", role: "dialog", "aria-modal": "true", "data-testid": "cancel-dialog" },
      h("h2", {}, `Cancel order ${s.order_number}`),
      h("p", {}, "The store cancels the order and pays back everything not refunded yet to the customer's Klarna account."),
      h("label", {}, "Reason (sent to the store)", reason),
      error,
      h("div", { class: "actions" },
        h("button", { class: "secondary", onclick: closeDialog }, "Keep the order"),
        h("button", { class: "primary danger", "data-testid": "cancel-confirm", disabled: d.busy, onclick: () => void confirmCancel() }, d.busy ? "Cancelling…" : "Cancel order and refund")),
    )));
    reason.focus();
    return;
  }
  const o = s.order as StoreOrder;
  const left = remainingByLine(o);
  const rows = o.lines.map((l) => {
    const max = left.get(l.id) ?? 0;
    const input = h("input", { type: "number", min: 0, max, value: d.chosen.get(l.id) ?? 0, class: "qtyin", disabled: max === 0 || d.busy, "data-testid": `refund-qty-${l.id}`, "aria-label": `Units of ${l.product_title} to refund` });
    input.addEventListener("change", () => {
      const n = Math.max(0, Math.min(max, Math.floor(Number(input.value) || 0)));
      d.chosen.set(l.id, n);
      d.quote = null;
      renderDialog();
    });
    return h("tr", {}, h("td", {}, input), h("td", {}, `of ${max}`), h("td", {}, l.variant_title ? `${l.product_title} (${l.variant_title})` : l.product_title, l.is_upsell ? h("span", { class: "tag" }, "upsell") : null));
  });
  const q = d.quote;
  replace(el, h("div", { class: "modal-backdrop" }, h("div", { class: "modal wide", role: "dialog", "aria-modal": "true", "data-testid": "refund-dialog" },
    h("h2", {}, `Refund order ${s.order_number}`),
    h("p", { class: "muted" }, "Choose the units to refund. The store calculates the amount first; nothing is refunded until you confirm it."),
    h("table", { class: "table compact" }, h("tbody", {}, ...rows)),
    h("fieldset", { class: "choice-group", "data-testid": "refund-goods" },
      h("legend", {}, "Did the goods come back?"),
      h("label", { class: "check" }, h("input", { type: "radio", name: "goods-back", "data-testid": "goods-back-yes", checked: d.goodsBack, onchange: () => { d.goodsBack = true; } }),
        ` Yes: back into stock at this counter's location`),
      h("label", { class: "check" }, h("input", { type: "radio", name: "goods-back", "data-testid": "goods-back-no", checked: !d.goodsBack, onchange: () => { d.goodsBack = false; } }),
        " No: refund only (items never handed over are cancelled at the store either way)")),
    q ? h("div", { class: "quote", "data-testid": "refund-quote" },
      h("p", {}, "The store calculates: ", h("strong", { "data-testid": "refund-amount" }, formatMoney(q.amount_incl_tax, q.currency)),
        ` (tax ${formatMoney(q.total_tax, q.currency)}), paid back to ${q.transactions.filter((t) => compareMoney(t.amount, "0") > 0).map((t) => t.payment_method ? t.payment_method[0].toUpperCase() + t.payment_method.slice(1) : "the original payment").join(", ") || "the original payment"}.`)) : null,
    error,
    h("div", { class: "actions" },
      h("button", { class: "secondary", onclick: closeDialog }, "Close"),
      q
        ? h("button", { class: "primary danger", "data-testid": "refund-confirm", disabled: d.busy, onclick: () => void confirmRefund() }, d.busy ? "Refunding…" : `Refund ${formatMoney(q.amount_incl_tax, q.currency)}`)
        : h("button", { class: "primary", "data-testid": "refund-calculate", disabled: d.busy || refundLines(d.chosen).length === 0, onclick: () => void calculateRefund() }, d.busy ? "Asking the store…" : "Calculate refund"),
    ),
  )));
}

async function calculateRefund(): Promise<void> {
  const d = state.dialog;
  if (d?.kind !== "refund") return;
  d.busy = true; d.error = null; renderDialog();
  try {
    d.quote = await api.refundQuote(d.sale.id, refundLines(d.chosen));
  } catch (e) {
    d.error = asAppError(e).message;
  }
  d.busy = false;
  renderDialog();
}

async function confirmRefund(): Promise<void> {
  const d = state.dialog;
  if (d?.kind !== "refund" || !d.quote || d.busy) return;
  d.busy = true; d.error = null; renderDialog();
  try {
    const r = await api.refund(d.sale.id, refundLines(d.chosen), d.quote.amount_incl_tax, d.goodsBack);
    notify(r.state === "done" ? "ok" : "bad", r.state === "done" ? `Refunded ${formatMoney(r.amount, r.currency)}.` : r.reason ?? "The refund did not go through.", 10000);
    state.dialog = null;
    await select(d.sale.id);
  } catch (e) {
    d.error = asAppError(e).message;
    d.quote = null;
    d.busy = false;
  }
  renderDialog();
}

async function confirmCancel(): Promise<void> {
  const d = state.dialog;
  if (d?.kind !== "cancel" || d.busy) return;
  if (!d.reason.trim()) { d.error = "Say why the order is cancelled."; return renderDialog(); }
  d.busy = true; d.error = null; renderDialog();
  try {
    const r = await api.cancelOrder(d.sale.id, d.reason);
    notify(r.state === "done" ? "ok" : "bad", r.state === "done" ? `Order cancelled; ${formatMoney(r.amount, r.currency)} paid back.` : r.reason ?? "The order was not cancelled.", 10000);
    state.dialog = null;
    await select(d.sale.id);
  } catch (e) {
    d.error = asAppError(e).message;
    d.busy = false;
  }
  renderDialog();
}

/** A print-friendly receipt of the store's order, then the system print dialog. */
function printReceipt(s: SaleView): void {
  const el = byId("print");
  if (!el) return;
  const o = s.order;
  const shop = state.status?.store?.info?.name ?? "Receipt";
  const rows = o
    ? o.lines.map((l) => h("tr", {}, h("td", {}, `${l.quantity} × ${l.variant_title ? `${l.product_title} (${l.variant_title})` : l.product_title}`), h("td", { class: "num" }, formatMoney(l.price_incl_tax, o.currency))))
    : s.lines.map((l) => h("tr", {}, h("td", {}, `${l.quantity} × ${l.title}`), h("td", { class: "num" }, formatMoney(l.line_total, s.currency))));
  const totals = o ? orderTotals(o).map((t) => h("tr", {}, h("td", {}, t.label), h("td", { class: "num" }, t.amount))) : [];
  replace(el, h("div", { class: "receipt", "data-testid": "receipt" },
    h("h1", {}, shop),
    h("p", {}, `Order ${s.order_number ?? "—"} · ${dateTime(s.paid_at ?? s.created_at)}`),
    h("table", {}, h("tbody", {}, ...rows), h("tfoot", {}, ...totals)),
    s.refunded && compareMoney(s.refunded, "0") > 0 ? h("p", {}, `Refunded: ${formatMoney(s.refunded, s.currency)}`) : null,
    h("p", {}, "Paid with Klarna. Thank you!")));
  document.body.classList.add("printing-receipt");
  window.addEventListener("afterprint", () => document.body.classList.remove("printing-receipt"), { once: true });
  window.print();
}

// ---------------------------------------------------------------- reports


async function loadReport(): Promise<void> {
  state.reportError = null;
  try {
    // An empty range is the shop's today (its timezone, not this computer's).
    state.report = await api.report(state.reportRange.from, state.reportRange.to);
    state.reportRange = { from: state.report.from, to: state.report.to };
  } catch (e) {
    state.report = null;
    state.reportError = asAppError(e).message;
  }
  await loadAudit();
}

async function loadAudit(): Promise<void> {
  const f = state.auditFilter;
  try {
    state.audit = await api.audit({ action: f.action || null, staff: f.staff.trim() || null, text: f.text.trim() || null }, 100, 0);
  } catch (e) {
    state.audit = [];
    if (!state.reportError) state.reportError = asAppError(e).message;
  }
  renderReports();
}

async function exportCsv(kind: "sales" | "lines" | "report"): Promise<void> {
  try {
    const path = await api.exportCsv(kind, state.reportRange.from, state.reportRange.to);
    notify("ok", `Saved ${path}`, 12000);
  } catch (e) {
    notify("bad", asAppError(e).message, 10000);
  }
}

function card(label: string, value: string, testId: string, sub: string | null = null): HTMLElement {
  return h("div", { class: "card" }, h("div", { class: "muted small" }, label), h("div", { class: "figure", "data-testid": testId }, value), sub ? h("div", { class: "muted small" }, sub) : null);
}

function renderReports(): void {
  if (state.view !== "reports") return;
  const view = byId("view")!;
  const r = state.report;
  const range = state.reportRange;
  const dateInput = (key: "from" | "to", label: string) => h("label", { class: "date" }, `${label} `,
    h("input", { type: "date", value: range[key], "data-testid": `report-${key}`, onchange: (e: Event) => { range[key] = (e.target as HTMLInputElement).value; void loadReport(); } }));
  const cur = r?.currency ?? null;
  const main = r?.totals.find((t) => t.currency === cur) ?? null;
  const f = state.auditFilter;
  const auditChanged = (key: keyof typeof f) => (e: Event) => { f[key] = (e.target as HTMLInputElement).value; void loadAudit(); };
  replace(view, h("section", { class: "reports", "data-testid": "reports" },
    h("div", { class: "row no-print" }, h("h2", {}, "End of day"), dateInput("from", "From"), dateInput("to", "To"),
      h("button", { class: "secondary", onclick: () => { state.reportRange = { from: "", to: "" }; void loadReport(); } }, "Today"),
      h("button", { class: "secondary", "data-testid": "report-print", onclick: () => window.print() }, "Print"),
      h("button", { class: "secondary", "data-testid": "export-sales", onclick: () => void exportCsv("sales") }, "Sales CSV"),
      h("button", { class: "secondary", "data-testid": "export-lines", onclick: () => void exportCsv("lines") }, "Lines CSV"),
      h("button", { class: "secondary", "data-testid": "export-report", onclick: () => void exportCsv("report") }, "Report CSV")),
    state.reportError ? h("p", { class: "notice bad" }, state.reportError) : null,
    r ? h("p", { class: "muted" }, `${r.from === r.to ? r.from : `${r.from} to ${r.to}`}, shop time (${r.timezone}). Sales of every counter in this history.`) : null,
    r ? h("div", { class: "cards" },
      card("Paid sales", String(main?.sales ?? 0), "report-sales"),
      card("Value", formatMoney(main?.value ?? "0", cur), "report-value"),
      card("Refunded", formatMoney(main?.refunded ?? "0", cur), "report-refunded"),
      card("Net", formatMoney(main?.net ?? "0", cur), "report-net"),
      card("Upsells", `${r.upsells_taken} of ${r.upsells_offered}`, "report-upsells", formatMoney(r.upsells_value, cur)),
      card("Not paid", String(r.sessions.failed + r.sessions.expired + r.sessions.cancelled + r.sessions.rejected), "report-unpaid",
        `${r.sessions.failed} failed · ${r.sessions.expired} expired · ${r.sessions.cancelled} cancelled · ${r.sessions.rejected} rejected`),
      card("Paid after cancel", String(r.sessions.paid_after_cancel), "report-late"),
      card("Refunds made", String(r.refunds_made), "report-refunds", formatMoney(r.refunds_value, cur)),
    ) : null,
    r && r.totals.length > 1 ? h("p", { class: "muted" }, "Other currencies: ", r.totals.filter((t) => t.currency !== cur).map((t) => `${t.sales} sales, ${formatMoney(t.value, t.currency)}`).join("; ")) : null,
    r ? h("h3", {}, "Sales by hour") : null,
    r ? h("div", { "data-testid": "chart-hours" }, hourChart(r.by_hour, cur)) : null,
    r ? h("h3", {}, "Top products") : null,
    r ? (r.by_product.length ? h("div", { "data-testid": "chart-products" }, productChart(r.by_product, cur)) : h("p", { class: "empty" }, "No sales in this period.")) : null,
    r && r.by_staff.length ? h("h3", {}, "By staff") : null,
    r && r.by_staff.length ? h("table", { class: "table compact", "data-testid": "report-staff" },
      h("thead", {}, h("tr", {}, h("th", {}, "Who"), h("th", { class: "num" }, "Sales"), h("th", { class: "num" }, "Upsells"), h("th", { class: "num" }, "Value"))),
      h("tbody", {}, ...r.by_staff.map((x) => h("tr", {}, h("td", {}, x.staff), h("td", { class: "num" }, String(x.sales)), h("td", { class: "num" }, String(x.upsells)), h("td", { class: "num" }, formatMoney(x.value, cur)))))) : null,
    h("h2", { class: "no-print" }, "Audit log"),
    h("div", { class: "filters no-print" },
      h("select", { "aria-label": "Action", "data-testid": "audit-action", onchange: auditChanged("action") },
        ...[["", "Everything"], ["sale.", "Sales"], ["upsell", "Upsells"], ["refund", "Refunds"], ["cancel", "Cancels"], ["settings.", "Settings"], ["staff.", "Staff and sign-ins"]]
          .map(([v, l]) => h("option", { value: v, selected: f.action === v }, l))),
      h("input", { type: "search", class: "search small", placeholder: "Who (exact name)", value: f.staff, "data-testid": "audit-staff", onchange: auditChanged("staff") }),
      h("input", { type: "search", class: "search small", placeholder: "Sale id or text", value: f.text, "data-testid": "audit-text", onchange: auditChanged("text") })),
    h("table", { class: "table compact no-print", "data-testid": "audit" },
      h("thead", {}, h("tr", {}, h("th", {}, "When"), h("th", {}, "Who"), h("th", {}, "What"), h("th", {}, "Subject"), h("th", {}, "Before → after"))),
      h("tbody", {}, ...state.audit.map((a) => h("tr", {}, h("td", { class: "small" }, dateTime(a.at)), h("td", {}, a.staff), h("td", {}, a.action), h("td", { class: "small" }, a.subject ?? ""),
        h("td", { class: "small mono" }, [a.before, a.after].filter((x) => x !== null).join(" → ")))))),
  ));
}

// ---------------------------------------------------------------- settings

async function loadSettings(): Promise<void> {
  state.staff = [];
  if (isManager()) state.staff = await api.staffList().catch(() => [] as Staff[]);
  try {
    // The screens are listed once, with the settings, so the form is drawn once.
    const [settings, screens, locations] = await Promise.all([api.settings(), api.screens().catch(() => [] as Screen[]), api.locations().catch(() => [] as Location[])]);
    state.settings = settings;
    state.screens = screens;
    state.locations = locations;
  } catch (e) {
    notify("bad", asAppError(e).message);
  }
  renderSettings();
}

function field(id: string, label: string, value: string, help: string, opts: { overridden?: boolean; type?: string; placeholder?: string } = {}): HTMLElement {
  return h("label", { class: "field", for: id },
    h("span", { class: "label" }, label),
    h("input", { id, name: id, type: opts.type ?? "text", value, placeholder: opts.placeholder ?? "", disabled: !!opts.overridden, "data-testid": `setting-${id}`, autocomplete: "off" }),
    h("span", { class: "help" }, opts.overridden ? "Set by an environment variable; change it there." : help),
  );
}

function renderSettings(): void {
  if (state.view !== "settings") return;
  const view = byId("view")!;
  const v = state.settings;
  if (!v) return replace(view, h("p", { class: "empty" }, "Loading settings…"));
  const s = v.effective;
  const over = (k: string) => v.overridden.includes(k);
  const tokenNote = v.store.demo ? "Not needed for the demo store." : v.store.token_source === "keyring" ? "A token is saved in the OS keyring. Enter a new one to replace it." : v.store.token_source === "environment" ? "Taken from COUNTERPAY_API_TOKEN." : "No token yet: create one in the store under Settings › API Access.";
  const form = h("form", { class: "settings", "data-testid": "settings-form" },
    h("h2", {}, "Store"),
    field("store", "Store subdomain or Admin API URL", s.store ?? "", "Leave empty to use the built-in demo store. Example: myshop (for myshop.29next.store).", { overridden: over("store"), placeholder: "demo store" }),
    field("token", "API token", "", tokenNote, { type: "password", placeholder: v.store.demo ? "not needed for the demo store" : v.store.token_source === "missing" ? "paste the token" : "•••••••• (saved)" }),
    field("payment_gateway", "Payment gateway id (optional)", s.payment_gateway?.toString() ?? "", "Pin Klarna sales to one gateway."),
    field("payment_gateway_group", "Gateway group id (optional)", s.payment_gateway_group?.toString() ?? "", "Or to a gateway group."),
    field("currency", "Currency (optional)", s.currency ?? "", "Defaults to the store's first currency.", { placeholder: v.store.info?.currencies[0] ?? "USD" }),
    field("upsell_products", "Always offer as upsells (product ids)", s.upsell_products.join(", "), "Comma-separated product ids, offered after every paid sale besides the store's recommendations.", { placeholder: "e.g. 330, 240" }),
    h("h2", {}, "Return endpoint"),
    tunnelChoice(s.tunnel),
    h("div", { id: "tunnel-status", class: "small" }),
    field("public_url", "Public URL (your own tunnel or proxy)", s.public_url ?? "", `Customers' phones are sent back here. Leave empty when Counterpay starts the tunnel, or to use ${v.listening_on ? `http://${v.listening_on}` : "the local address"} (this computer only).`, { overridden: over("public_url"), placeholder: "https://counter.example.com" }),
    v.store.demo ? h("label", { class: "check" },
      h("input", { type: "checkbox", name: "lan_demo", "data-testid": "lan-demo-switch", checked: s.lan_demo }),
      " Phone demo on this network: serve the demo store's payment page and the return endpoint on this computer's network address, so a phone on the same Wi-Fi can scan and pay. Demo store only; off = this computer only. Takes effect after a restart.") : null,
    field("listen", "Listen address", s.listen, `Loopback by default. Now listening on ${v.listening_on ?? "nothing"}. Takes effect after a restart.`, { overridden: over("listen") }),
    field("session_timeout", "Payment timeout (minutes)", String(Math.round(s.session_timeout_secs / 60)), "How long a QR code waits for the customer.", { overridden: over("session_timeout_secs"), type: "number" }),
    field("idle_lock", "Lock after idle (minutes)", String(Math.max(1, Math.round(s.idle_lock_secs / 60))), "With staff accounts: sign out after this long without a key or a tap.", { type: "number" }),
    h("label", { class: "field", for: "location" }, h("span", { class: "label" }, "This counter's location"),
      h("select", { id: "location", name: "location", "data-testid": "setting-location" },
        h("option", { value: "", selected: s.location_id === null }, v.store.demo ? "The demo store's Shop" : "Choose the shop this counter stands in"),
        ...state.locations.map((l) => h("option", { value: String(l.id), selected: s.location_id === l.id }, l.name))),
      h("span", { class: "help" }, "What is handed over at this counter is fulfilled at this location, so the store never ships it. Required with a real store.")),
    h("label", { class: "field", for: "payment_language" }, h("span", { class: "label" }, "Klarna page language"),
      h("select", { id: "payment_language", name: "payment_language", "data-testid": "setting-payment-language" },
        ...v.payment_languages.map(([code, name]) => h("option", { value: code, selected: code === s.payment_language }, name))),
      h("span", { class: "help" }, "The shop's language; staff can pick another for a sale next to Charge.")),
    h("label", { class: "check" },
      h("input", { type: "checkbox", name: "send_receipt", "data-testid": "setting-send-receipt", checked: s.send_receipt }),
      " The store e-mails its receipt to the customer"),
    v.correlation_note ? h("p", { class: "notice bad", "data-testid": "correlation-note" }, v.correlation_note) : null,
    field("max_discount", "Largest discount a cashier may give (%)", String(s.max_cashier_discount_percent ?? 0), "Below the catalog price by more than this, a manager's PIN approves the price at the counter. 0: every discount needs a manager.", { type: "number" }),
    v.webhook_note ? h("p", { class: "help", "data-testid": "webhook-note" }, v.webhook_note) : null,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "secondary", "data-testid": "test-connection", onclick: () => void testConnection() }, "Test connection"),
      h("button", { type: "submit", class: "primary", "data-testid": "save-settings" }, "Save"),
    ),
    h("div", { id: "connection", "data-testid": "connection-result" }),
  );
  form.addEventListener("submit", (e) => { e.preventDefault(); void saveSettings(form); });
  setTimeout(renderTunnelStatus, 0);
  replace(view,
    form,
    h("aside", { class: "detail" },
      h("h2", {}, "This counter"),
      h("dl", {},
        h("dt", {}, "Store"), h("dd", {}, v.store.demo ? "Demo store (no real money)" : v.store.info?.name ?? v.store.api_url ?? "not connected"),
        h("dt", {}, "Counter id"), h("dd", {}, v.counter_id),
        h("dt", {}, "Return URL base"), h("dd", {}, v.public_url ?? "not running"),
        h("dt", {}, "Database"), h("dd", { class: "small" }, v.database),
      ),
      staffSection(),
      h("h2", {}, "Customer display"),
      h("p", { class: "muted small" }, "A second window for a screen facing the customer: the basket, then the QR code, then the outcome. Open it with the button at the top."),
      h("label", {}, "Open on ", h("select", { id: "display-screen", "data-testid": "display-screen", onchange: (e: Event) => localStorage.setItem(DISPLAY_SCREEN, (e.target as HTMLSelectElement).value) },
        h("option", { value: "" }, "this screen"),
        ...state.screens.map((m) => h("option", { value: String(m.index), selected: localStorage.getItem(DISPLAY_SCREEN) === String(m.index) }, `${m.name} (${m.width}×${m.height}${m.primary ? ", main" : ""})`)))),
      h("label", { class: "check" }, h("input", { type: "checkbox", checked: localStorage.getItem(DISPLAY_FULLSCREEN) === "1", onchange: (e: Event) => localStorage.setItem(DISPLAY_FULLSCREEN, (e.target as HTMLInputElement).checked ? "1" : "0") }), " Full screen"),
      h("h2", {}, "Support"),
      h("p", { class: "muted small" }, "A report for support: versions, settings in force, database figures and the latest log lines. It never contains your API token."),
      h("button", { class: "secondary", "data-testid": "diagnostics-show", onclick: () => void showDiagnostics() }, "Copy diagnostics"),
      h("div", { id: "diagnostics" }),
    ),
  );
}

function staffSection(): HTMLElement {
  const required = !!state.signin?.required;
  if (required && !isManager()) return h("div", {}, h("h2", {}, "Staff"), h("p", { class: "muted small" }, "A manager manages staff."));
  const name = h("input", { placeholder: "Name", "data-testid": "staff-name", "aria-label": "Name" });
  const role = h("select", { "data-testid": "staff-role", "aria-label": "Role" },
    h("option", { value: "manager", selected: !required }, "Manager"), h("option", { value: "cashier", selected: required }, "Cashier"));
  const pin = h("input", { type: "password", inputmode: "numeric", placeholder: "PIN (managers: 6+ digits)", "data-testid": "staff-pin", "aria-label": "PIN" });
  const add = async () => {
    try {
      await api.addStaff({ name: name.value, role: (role as HTMLSelectElement).value as Role, pin: pin.value, active: true });
      await refreshSignIn();
      notify("ok", required ? `${name.value} added.` : `${name.value} added as the first manager: PINs are now needed to sell.`);
      renderShellKeepView();
    } catch (e) {
      notify("bad", asAppError(e).message, 10000);
    }
  };
  const row = (m: Staff) => {
    const newPin = h("input", { type: "password", inputmode: "numeric", placeholder: "new PIN", class: "small", "aria-label": `New PIN for ${m.name}` });
    const roleSel = h("select", { "aria-label": `Role of ${m.name}` }, h("option", { value: "cashier", selected: m.role === "cashier" }, "Cashier"), h("option", { value: "manager", selected: m.role === "manager" }, "Manager"));
    const save = async (active: boolean) => {
      try {
        await api.updateStaff(m.id, { name: m.name, role: (roleSel as HTMLSelectElement).value as Role, pin: (newPin as HTMLInputElement).value || null, active });
        notify("ok", `${m.name} updated.`);
        await refreshSignIn();
        void loadSettings();
      } catch (e) {
        notify("bad", asAppError(e).message, 10000);
      }
    };
    return h("li", { "data-testid": `staff-${m.name}` }, h("strong", {}, m.name), m.active ? "" : " (removed)", " ", roleSel, " ", newPin, " ",
      h("button", { class: "secondary small", onclick: () => void save(m.active) }, "Save"), " ",
      m.active ? h("button", { class: "secondary small danger", onclick: () => void save(false) }, "Remove") : h("button", { class: "secondary small", onclick: () => void save(true) }, "Restore"));
  };
  return h("div", { "data-testid": "staff-section" },
    h("h2", {}, "Staff"),
    h("p", { class: "muted small" }, required
      ? "Everyone signs in with their own PIN. Cashiers sell, upsell and see today's sales; managers also refund, cancel, change settings and see reports."
      : "No staff accounts: anyone at this computer can do everything. Add the first manager to require PINs."),
    state.staff.length ? h("ul", { class: "staff" }, ...state.staff.map(row)) : null,
    h("div", { class: "row wrap" }, name, role, pin, h("button", { class: "secondary", "data-testid": "staff-add", onclick: () => void add() }, required ? "Add" : "Add the first manager")));
}

function tunnelChoice(t: Tunnel | null): HTMLElement {
  const kind = t?.kind ?? "";
  const command = t?.kind === "command" ? t.command : "";
  const select = h("select", { name: "tunnel_kind", "data-testid": "tunnel-kind" },
    h("option", { value: "", selected: kind === "" }, "None: I give a public URL below (or this computer only)"),
    h("option", { value: "cloudflared", selected: kind === "cloudflared" }, "cloudflared quick tunnel (no account)"),
    h("option", { value: "ngrok", selected: kind === "ngrok" }, "ngrok"),
    h("option", { value: "command", selected: kind === "command" }, "Another program (command with {port})"),
  );
  const cmd = h("input", { name: "tunnel_command", "data-testid": "tunnel-command", value: command, placeholder: "my-tunnel --to 127.0.0.1:{port}", hidden: kind !== "command" });
  select.addEventListener("change", () => { cmd.hidden = (select as HTMLSelectElement).value !== "command"; });
  return h("div", { class: "field" },
    h("label", {}, "Tunnel Counterpay starts, watches and stops", select), cmd,
    h("p", { class: "help" }, "Counterpay reads the public address the program prints, restarts it if it dies and stops it on exit. The program must be installed."));
}

function renderTunnelStatus(): void {
  const el = byId("tunnel-status");
  const t = state.status?.tunnel;
  if (!el) return;
  if (!t || t.state === "off") return replace(el);
  replace(el, h("p", { class: `notice ${t.state === "up" ? "ok" : t.state === "failed" ? "bad" : "info"}`, "data-testid": "tunnel-status" }, `Tunnel: ${tunnelWords(t)}`));
}

function parseIds(text: string): number[] {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const ids = parts.map(Number);
  if (ids.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error("Upsell products must be product ids (whole numbers), separated by commas.");
  return ids;
}

async function showDiagnostics(): Promise<void> {
  const el = byId("diagnostics");
  if (!el) return;
  try {
    const text = await api.diagnostics();
    const area = h("textarea", { class: "diag", readonly: true, rows: 12, "data-testid": "diagnostics" });
    area.value = text;
    let copied = false;
    try { await navigator.clipboard.writeText(text); copied = true; } catch { /* the text stays selectable below */ }
    replace(el, h("p", { class: copied ? "notice ok" : "muted small" }, copied ? "Copied to the clipboard." : "Select the text below and copy it."), area);
    if (!copied) { area.focus(); area.select(); }
  } catch (e) {
    replace(el, h("div", { class: "notice bad" }, asAppError(e).message));
  }
}

function readNumber(form: HTMLFormElement, name: string): number | null {
  const raw = (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  if (!raw) return null;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name.replace(/_/g, " ")} must be a whole number`);
  return n;
}

async function saveSettings(form: HTMLFormElement): Promise<void> {
  const text = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim() || null;
  let settings: Settings;
  try {
    const minutes = readNumber(form, "session_timeout") ?? 10;
    settings = {
      ...state.settings!.stored,
      store: over("store") ? state.settings!.stored.store : text("store"),
      payment_gateway: readNumber(form, "payment_gateway"),
      payment_gateway_group: readNumber(form, "payment_gateway_group"),
      currency: text("currency")?.toUpperCase() ?? null,
      public_url: over("public_url") ? state.settings!.stored.public_url : text("public_url"),
      listen: over("listen") ? state.settings!.stored.listen : text("listen") ?? "127.0.0.1:8787",
      session_timeout_secs: over("session_timeout_secs") ? state.settings!.stored.session_timeout_secs : minutes * 60,
      upsell_products: parseIds(text("upsell_products") ?? ""),
      idle_lock_secs: (readNumber(form, "idle_lock") ?? 5) * 60,
      max_cashier_discount_percent: readNumber(form, "max_discount") ?? 0,
      location_id: readNumber(form, "location"),
      payment_language: (form.elements.namedItem("payment_language") as HTMLSelectElement | null)?.value ?? state.settings!.stored.payment_language,
      send_receipt: (form.elements.namedItem("send_receipt") as HTMLInputElement | null)?.checked ?? true,
      tunnel: readTunnel(form),
      lan_demo: (form.elements.namedItem("lan_demo") as HTMLInputElement | null)?.checked ?? state.settings!.stored.lan_demo,
    };
  } catch (e) {
    return notify("bad", (e as Error).message);
  }
  try {
    state.settings = await api.saveSettings(settings, text("token"));
    state.status = await api.status();
    state.results = null;
    notify("ok", "Settings saved.");
  } catch (e) {
    notify("bad", asAppError(e).message, 10000);
  }
  renderStoreBadge();
  renderSettings();
}

function readTunnel(form: HTMLFormElement): Tunnel | null {
  const kind = (form.elements.namedItem("tunnel_kind") as HTMLSelectElement).value;
  if (kind === "cloudflared" || kind === "ngrok") return { kind };
  if (kind === "command") return { kind, command: (form.elements.namedItem("tunnel_command") as HTMLInputElement).value.trim() };
  return null;
}

function over(name: string): boolean {
  return state.settings?.overridden.includes(name) ?? false;
}

async function testConnection(): Promise<void> {
  const el = byId("connection");
  if (el) replace(el, h("span", { class: "spinner" }), " Contacting the store…");
  try {
    const info = await api.testConnection();
    if (el) replace(el, h("div", { class: "notice ok" }, `Connected to ${info.name}. Currencies: ${info.currencies.join(", ")}. Timezone: ${info.timezone}.`));
    state.status = await api.status();
    renderStoreBadge();
  } catch (e) {
    if (el) replace(el, h("div", { class: "notice bad" }, asAppError(e).message));
  }
}

// ---------------------------------------------------------------- events and keys

/** Many sales change at once (an import, reconciliation): History is drawn once a frame. */
let historyRenderQueued = false;
function renderHistorySoon(): void {
  if (historyRenderQueued) return;
  historyRenderQueued = true;
  requestAnimationFrame(() => {
    historyRenderQueued = false;
    if (state.view === "history") renderHistory();
  });
}

function onEvent(e: CoreEvent): void {
  switch (e.kind) {
    case "sale_updated": {
      const s = e.sale;
      const o = state.openSales.findIndex((x) => x.id === s.id);
      if (o >= 0) { state.openSales[o] = s; renderOpenSales(); }
      if (state.sale?.id === s.id && s.updated_at >= state.sale.updated_at) {
        state.sale = s;
        if (s.state === "paid" && !state.upselling) void loadOffers(s.id);
        if (state.view === "counter") renderOverlay();
      } else if (s.state === "paid" && s.after_cancel && !state.late.some((x) => x.id === s.id)) {
        state.late.push(s);
        renderLate();
      }
      if (state.view === "history") {
        const i = state.history.findIndex((x) => x.id === s.id);
        const filtering = Object.values(state.historyFilter).some((v) => v !== "");
        if (i >= 0) state.history[i] = s; else if (!filtering) state.history.unshift(s); else void loadHistory(true);
        if (state.selected?.id === s.id) void select(s.id); else renderHistorySoon();
      }
      break;
    }
    case "reachability": {
      // Only a change of "can customers get back?" changes the screen; checks run every
      // minute and must not re-render the basket under staff's fingers.
      const key = (r: Reachability | null | undefined) => (r?.state === "unreachable" ? `${r.url} ${r.reason}` : "ok");
      const before = key(state.status?.reachability);
      if (state.status) state.status.reachability = e.reachability;
      if (key(e.reachability) !== before) renderBasket();
      break;
    }
    case "tunnel": {
      const before = JSON.stringify(state.status?.tunnel ?? null);
      if (state.status) state.status.tunnel = e.tunnel;
      if (JSON.stringify(e.tunnel) !== before) { renderBasket(); if (state.view === "settings") renderTunnelStatus(); }
      break;
    }
    case "store_connected":
      if (state.status?.store) state.status.store.info = e.info;
      renderStoreBadge();
      if (state.view === "counter" && !state.results?.currency) void runSearch();
      break;
    case "catalog_progress":
      state.sync = { ...state.sync, running: true, pages: e.pages, variants: e.variants, error: null };
      renderSync();
      break;
    case "catalog_synced":
      state.sync = { running: false, pages: 0, variants: e.variants, error: null };
      // The results shown may predate the new catalog: search again now, or on the next visit.
      state.results = null;
      if (state.view === "counter") void runSearch();
      break;
    case "catalog_sync_failed":
      state.sync = { running: false, pages: 0, variants: 0, error: e.message };
      renderSync();
      break;
  }
}

async function syncCatalog(): Promise<void> {
  state.sync = { running: true, pages: 0, variants: 0, error: null };
  renderSync();
  try {
    await api.sync();
  } catch (e) {
    state.sync = { running: false, pages: 0, variants: 0, error: asAppError(e).message };
    notify("bad", `Catalog sync failed: ${asAppError(e).message}`);
    renderSync();
  }
}

function tickCountdown(): void {
  const el = byId("countdown");
  const s = state.sale;
  if (el && s?.state === "awaiting_payment" && s.expires_at) el.textContent = countdown(s.expires_at - Date.now());
}

document.addEventListener("keydown", (e) => {
  state.lastInput = Date.now();
  if (onKeyForLock(e)) return;
  if (e.key === "F1") { e.preventDefault(); show("counter"); return; }
  if (e.key === "F2") { e.preventDefault(); show("history"); return; }
  if (e.key === "F3") { e.preventDefault(); show("settings"); return; }
  if (e.key === "F4" && isManager()) { e.preventDefault(); show("reports"); return; }
  if (state.view !== "counter") return;
  if (e.key === "Escape") {
    if (state.picker) { state.picker = null; renderOverlay(); return; }
    if (state.sale && ["paid", "failed", "rejected", "cancelled", "expired"].includes(state.sale.state)) closeSale(state.sale.state === "paid");
    return;
  }
  if (e.key === "Enter" && e.ctrlKey) { e.preventDefault(); void charge(); return; }
  // A barcode scanner types anywhere: send stray keystrokes to the search box.
  const target = e.target as HTMLElement;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  if (!typing && !state.sale && !state.picker && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
    const search = byId<HTMLInputElement>("search");
    if (search) search.focus();
  }
});

/** Redraw the header (tabs depend on the role) without leaving the view. */
function renderShellKeepView(): void {
  show(state.view);
}

/** Sales still open from before a restart (the core settles them; staff should see them). */
async function showOpenSales(): Promise<void> {
  try {
    state.openSales = await api.history({ states: ["creating", "awaiting_payment", "review", "draft"] }, 20, 0);
  } catch {
    return;
  }
  renderOpenSales();
}

function renderOpenSales(): void {
  const el = byId("open-sales");
  if (!el) return;
  const open = state.openSales.filter((s) => ["creating", "awaiting_payment", "review", "draft"].includes(s.state) && s.id !== state.sale?.id);
  if (open.length === 0) return replace(el);
  replace(el, h("div", { class: "late", "data-testid": "open-sales" },
    h("strong", {}, `${open.length} sale${open.length === 1 ? " is" : "s are"} still open from before: `),
    ...open.slice(0, 3).map((s) => h("button", { class: "link", onclick: () => { show("counter"); state.sale = s; renderOverlay(); renderOpenSales(); } },
      `${formatMoney(s.total, s.currency)} · ${stateLabel(s.state)}`)),
  ));
}

function askBeforeClosing(work: OpenWork): void {
  const el = byId("closing");
  if (!el) return;
  const parts = [
    work.sales ? `${work.sales} sale${work.sales === 1 ? " is" : "s are"} still waiting for payment or confirmation` : "",
    work.upsells ? `${work.upsells} upsell${work.upsells === 1 ? " is" : "s are"} still being charged` : "",
    work.refunds ? `${work.refunds} refund${work.refunds === 1 ? " or cancel is" : "s or cancels are"} still being sent` : "",
    work.closing ? `${work.closing} paid sale${work.closing === 1 ? " is" : "s are"} not closed at the store yet (the store ships what is not handed over in time)` : "",
  ].filter(Boolean);
  replace(el, h("div", { class: "modal-backdrop" }, h("div", { class: "modal wait", role: "alertdialog", "aria-modal": "true", "data-testid": "close-warning" },
    h("h2", {}, "Close Counterpay?"),
    h("p", { class: "reason" }, `${parts.join(" and ")}.`),
    h("p", { class: "muted" }, "If you close now, payments still reach the store: Counterpay records them when it opens again. A customer paying right now will see \u201cconfirming\u201d instead of their receipt."),
    h("div", { class: "actions" },
      h("button", { class: "secondary", "data-testid": "close-cancel", "data-autofocus": "", onclick: () => replace(el) }, "Keep Counterpay open"),
      h("button", { class: "danger", "data-testid": "close-anyway", onclick: () => void api.closeApp().catch((e) => notify("bad", asAppError(e).message)) }, "Close anyway"),
    ),
  )));
  (el.querySelector("[data-autofocus]") as HTMLElement | null)?.focus();
}

/** The counter could not start (an unreadable database, a port in use): say what, keep
 *  the data, and offer the backups. */
function renderStartupFailure(f: StartupFailure): void {
  const result = h("div", { "data-testid": "restore-result" });
  replace(byId("app")!,
    h("header", { class: "top" }, h("div", { class: "brand" }, "Counterpay")),
    h("main", { class: "failure", "data-testid": "startup-error" },
      h("h1", {}, "Counterpay could not start"),
      h("p", { class: "reason" }, f.message),
      h("p", {}, "Your sales are not deleted. The database is at ", h("code", {}, f.database), "."),
      f.backups.length
        ? h("div", {},
          h("h2", {}, "Restore a backup"),
          h("p", { class: "muted" }, "The current file is kept beside the restored one, renamed. Then close and reopen Counterpay."),
          h("ul", { class: "backups" }, ...f.backups.map((b) => h("li", {}, h("code", {}, b.split("/").pop() ?? b), " ",
            h("button", { class: "secondary", "data-testid": "restore-backup", onclick: async () => {
              try { replace(result, h("div", { class: "notice ok" }, await api.restoreBackup(b))); }
              catch (e) { replace(result, h("div", { class: "notice bad" }, asAppError(e).message)); }
            } }, "Restore this backup")))))
        : h("p", {}, "There is no backup yet. Keep the file for support, then start Counterpay with another data folder (COUNTERPAY_DATA_DIR) to keep selling."),
      result,
    ),
  );
}

async function boot(): Promise<void> {
  if (location.hash === "#customer") return runCustomerDisplay();
  renderShell();
  try {
    state.status = await api.status();
  } catch (e) {
    notify("bad", asAppError(e).message);
  }
  if (state.status?.startup_error) return renderStartupFailure(state.status.startup_error);
  await onCoreEvents(onEvent);
  await onCloseRequested(askBeforeClosing);
  await refreshSignIn();
  // The settings the counter shows (language choices, receipts); refused while locked.
  state.settings = await api.settings().catch(() => null);
  window.addEventListener("counterpay:locked", (e) => {
    void refreshSignIn().then(() => { renderShellKeepView(); lockScreen((e as CustomEvent<string>).detail); });
  });
  document.addEventListener("pointerdown", () => { state.lastInput = Date.now(); }, true);
  window.setInterval(checkIdle, 5000);
  renderShellKeepView();
  void showOpenSales();
  renderStoreBadge();
  renderCounter();
  window.setInterval(tickCountdown, 1000);
  // A customer display that was reloaded, or opened before the counter drew, catches up.
  window.setInterval(publishDisplay, 2000);
}

void boot();
