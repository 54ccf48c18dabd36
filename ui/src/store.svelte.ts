// The window's one store. The core's events and the answers to commands land here; the
// components read it and Svelte patches the DOM where something they read changed. Nothing
// here touches the DOM.

import { answer, api, asAppError, type OpenWork, type AppStatus, type CatalogResults, type CoreEvent, type Location, type ProductCard, type Reachability, type SaleView, type Screen, type SettingsView, type SetupView, type SignInState, type UpsellOffers, type VariantCard } from "./api";
import { Basket, basketMessage, type Subscription } from "./basket";
import { t } from "./lib/i18n";
import { afterPaint, mark, timeline } from "./lib/startup";
import type { EarlyAnswers } from "./lib/early";

export type View = "counter" | "history" | "settings" | "reports" | "connect";
export type Tone = "ok" | "bad" | "info";
export interface Notice { tone: Tone; text: string; id: number }

const OPEN_STATES = ["creating", "awaiting_payment", "review", "draft"];

class Store {
  view = $state<View>("counter");
  status = $state<AppStatus | null>(null);
  settings = $state<SettingsView | null>(null);
  /** "Connect your store": where the guide stands (managers only; `null` otherwise). */
  setup = $state<SetupView | null>(null);
  signin = $state<SignInState | null>(null);
  notice = $state<Notice | null>(null);
  /** The window's language changed: the components are drawn again in it. */
  languageSeq = $state(0);

  // Counter
  query = $state("");
  /** Replaced whole by every search, never changed in place: not made deeply reactive (a
   *  proxy and a signal for each field of 120 products cost a keystroke 20 ms and more). */
  results = $state.raw<CatalogResults | null>(null);
  /** The text the results on screen are for (`data-query`, read by the benchmarks). */
  resultsFor = $state("");
  /** Bumped when the catalog may have changed under the results (a sync, a missed event). */
  private catalogSeq = 0;
  /** The `catalogSeq` the results on screen were searched at. */
  private resultsCatalog = 0;
  sync = $state({ running: false, pages: 0, variants: 0, error: null as string | null });
  /** Bumped on every change to the basket (the Basket itself is a plain, tested class). */
  basketSeq = $state(0);
  readonly basket = new Basket();
  picker = $state<ProductCard | null>(null);
  sale = $state<SaleView | null>(null);
  charging = $state(false);
  payLanguage = $state<string | null>(null);
  offers = $state<UpsellOffers | null>(null);
  upselling = $state(false);

  // History's filters stay while staff look at other views.
  historyFilter = $state({ text: "", state: "", from: "", to: "", counter: "", staff: "" });

  // Banners
  late = $state<SaleView[]>([]);
  openSales = $state<SaleView[]>([]);

  // Settings' lists
  screens = $state<Screen[]>([]);
  locations = $state<Location[]>([]);
  displayOpen = $state(false);

  /** History listens here for sales that changed (it keeps its own list). */
  saleListeners = new Set<(s: SaleView | null) => void>();
  /** Staff closed the window with work open: what is open (the window asks first). */
  closeRequest = $state<OpenWork | null>(null);
  /** Someone must type a manager's PIN (charge or upsell over the cashier's limit). */
  approval = $state<{ why: string; resolve: (pin: string | null) => void } | null>(null);

  lastInput = Date.now();
  private noticeTimer: number | undefined;
  private noticeSeq = 0;
  private searchSeq = 0;
  private searching = false;
  private searchAgain = false;
  private readyTold = false;
  /** What the window asks the core for first, asked before anything is drawn (`begin`):
   *  the core answers while the page's code loads. Each answer is used once. */
  private early: { status?: Promise<AppStatus>; signin?: Promise<SignInState>; catalog?: Promise<CatalogResults> } = {};

  /** Take the status, the sign-in and the catalog's first listing, asked at once by the page's
   *  first script (`lib/early`; asked here when there is none). Resolves once all three have
   *  answered (or failed), or after `waitMs`, whichever is first: the window is then drawn
   *  whole, in one layout and one paint, rather than a shell that fills in. */
  begin(waitMs: number, early?: EarlyAnswers): Promise<void> {
    const quiet = <T>(p: Promise<T>): Promise<T> => { p.catch(() => undefined); return p; };
    this.early = early
      ? { status: quiet(answer<AppStatus>(early.status)), signin: quiet(answer<SignInState>(early.signin)), catalog: quiet(answer<CatalogResults>(early.catalog)) }
      : { status: quiet(api.status()), signin: quiet(api.staffState()), catalog: quiet(api.search("")) };
    const answered = Promise.allSettled([this.early.status, this.early.signin, this.early.catalog]).then(() => undefined);
    return Promise.race([answered, new Promise<void>((r) => setTimeout(r, waitMs))]);
  }

  /** The status (asked early, or now). */
  firstStatus(): Promise<AppStatus> {
    const early = this.early.status;
    delete this.early.status;
    return early ?? api.status();
  }

  /** The store's currency, from the last search results. A derived value: what reads it
   *  (every basket line's amounts) runs again only when the currency changes, not on every
   *  new set of results. */
  readonly currency = $derived<string | null>(this.results?.currency ?? null);

  get isManager(): boolean {
    const s = this.signin;
    return !s || !s.required || s.current?.role === "manager";
  }

  get signedIn(): boolean {
    const s = this.signin;
    return !s || !s.required || !!s.current;
  }

  notify(tone: Tone, text: string, ms = 6000): void {
    this.notice = { tone, text, id: ++this.noticeSeq };
    window.clearTimeout(this.noticeTimer);
    this.noticeTimer = window.setTimeout(() => { this.notice = null; }, ms);
  }

  fail(e: unknown, ms = 6000): void {
    this.notify("bad", asAppError(e).message, ms);
  }

  show(view: View): void {
    if ((view === "reports" || view === "connect") && !this.isManager) return;
    this.view = view;
  }

  touchBasket(): void {
    this.basketSeq++;
  }

  // ------------------------------------------------------------ staff

  async refreshSignIn(): Promise<void> {
    const early = this.early.signin;
    delete this.early.signin;
    try { this.signin = await (early ?? api.staffState()); } catch { /* shown by the caller */ }
  }

  async signOut(): Promise<void> {
    try { await api.signOut(); } catch { /* locking anyway */ }
    await this.refreshSignIn();
  }

  askManagerPin(why: string): Promise<string | null> {
    return new Promise((resolve) => { this.approval = { why, resolve: (pin) => { this.approval = null; resolve(pin); } }; });
  }

  // ------------------------------------------------------------ catalog

  /** A search is out to the core; keystrokes meanwhile ask for one more when it is back,
   *  never a queue. */
  searchNow(): void {
    if (this.searching) { this.searchAgain = true; return; }
    void this.runSearch();
  }

  /** Drop what earlier keys asked for (Enter on a scan makes them stale). */
  dropPendingSearches(): void {
    this.searchSeq++;
    this.searchAgain = false;
  }

  /** The grid lists the whole catalog as it is now (what an empty search would show). */
  get listsCatalog(): boolean {
    return !!this.results && this.resultsFor === "" && this.resultsCatalog === this.catalogSeq;
  }

  async runSearch(): Promise<void> {
    const seq = ++this.searchSeq;
    const query = this.query;
    const catalog = this.catalogSeq;
    this.searching = true;
    try {
      const early = query === "" ? this.early.catalog : undefined;
      delete this.early.catalog;
      const results = await (early ?? api.search(query));
      if (seq !== this.searchSeq) return; // a newer search already asked
      this.results = results;
      this.resultsFor = query;
      this.resultsCatalog = catalog;
      if (!this.readyTold && results.products.length) {
        // Start-up ends when the counter's products are painted: the task after the frame
        // that draws them (the bare window's floor is measured the same way).
        this.readyTold = true;
        mark("products");
        void afterPaint().then(() => {
          mark("painted");
          const { origin, marks } = timeline();
          return api.ready(origin, marks);
        }).catch(() => undefined);
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.searching = false;
      if (this.searchAgain) { this.searchAgain = false; void this.runSearch(); }
    }
  }

  async syncCatalog(): Promise<void> {
    this.sync = { running: true, pages: 0, variants: 0, error: null };
    try {
      await api.sync();
    } catch (e) {
      this.sync = { running: false, pages: 0, variants: 0, error: asAppError(e).message };
      this.notify("bad", t("sync-failed-notice", { reason: asAppError(e).message }));
    }
  }

  addVariant(p: ProductCard, v: VariantCard, quantity = 1, subscription: Subscription | null = null): boolean {
    if (!v.sellable || !v.price) {
      this.notify("bad", t("cannot-sell", { title: v.title ? `${p.title} (${v.title})` : p.title }));
      return false;
    }
    try {
      this.basket.add({ variantId: v.id, title: v.title ? `${p.title} (${v.title})` : p.title, sku: v.sku, unitPrice: v.price, subscription }, quantity);
    } catch (e) {
      this.notify("bad", basketMessage(e));
      return false;
    }
    this.picker = null;
    this.touchBasket();
    return true;
  }

  /** The catalog price of a basket line's variant, from the last search results. */
  catalogPriceOf(variantId: number): string | null {
    for (const p of this.results?.products ?? []) {
      const v = p.variants.find((x) => x.id === variantId);
      if (v?.price) return v.price;
    }
    return null;
  }

  // ------------------------------------------------------------ the sale

  get chargeBlocked(): string | null {
    const tunnel = this.status?.tunnel;
    if (tunnel && tunnel.state !== "off" && tunnel.state !== "up") return "tunnel";
    if (this.status?.reachability?.state === "unreachable") return "unreachable";
    return null;
  }

  async charge(): Promise<void> {
    if (this.basket.isEmpty || this.charging || this.sale || this.chargeBlocked) return;
    this.charging = true;
    try {
      let sale: SaleView;
      try {
        sale = await api.charge(this.basket.toCharge(), null, this.payLanguage);
      } catch (e) {
        if (asAppError(e).code !== "approval_required") throw e;
        const pin = await this.askManagerPin(asAppError(e).message);
        if (pin === null) { this.notify("info", t("charge-not-approved")); return; }
        sale = await api.charge(this.basket.toCharge(), pin, this.payLanguage);
      }
      // Events may already have moved it on; keep the newest.
      const current = this.sale as SaleView | null;
      if (!current || current.id !== sale.id || current.updated_at <= sale.updated_at) this.sale = sale;
      if (this.sale?.state === "paid") void this.loadOffers(this.sale.id);
    } catch (e) {
      const err = asAppError(e);
      this.notify("bad", err.code === "not_configured" ? t("charge-not-configured", { reason: err.message }) : err.message, 10000);
    } finally {
      this.charging = false;
    }
  }

  /** Run a sale command and show its answer. */
  async act(promise: Promise<SaleView>): Promise<void> {
    try {
      const s = await promise;
      if (!this.sale || this.sale.id !== s.id || this.sale.updated_at <= s.updated_at) this.sale = s;
      if (s.state === "paid") void this.loadOffers(s.id);
    } catch (e) {
      this.fail(e);
    }
  }

  closeSale(clearBasket: boolean): void {
    if (clearBasket) { this.basket.clear(); this.touchBasket(); }
    this.sale = null;
    this.offers = null;
  }

  chargeAgain(): void {
    this.sale = null;
    void this.charge();
  }

  async loadOffers(saleId: string): Promise<void> {
    try {
      const o = await api.upsellOffers(saleId);
      if (this.sale?.id === saleId) this.offers = o;
    } catch (e) {
      this.fail(e);
    }
  }

  async addUpsell(saleId: string, variantId: number, quantity: number, price: string | null): Promise<boolean> {
    this.upselling = true;
    try {
      let u;
      try {
        u = await api.addUpsell(saleId, variantId, quantity, price);
      } catch (e) {
        if (asAppError(e).code !== "approval_required") throw e;
        const pin = await this.askManagerPin(asAppError(e).message);
        if (pin === null) { this.notify("info", t("upsell-not-approved")); return false; }
        u = await api.addUpsell(saleId, variantId, quantity, price, pin);
      }
      if (u.state === "charged") this.notify("ok", t("upsell-added", { quantity: u.quantity, title: u.title }));
      else if (u.state === "declined") this.notify("bad", u.reason ?? t("upsell-declined"), 10000);
      return u.state === "charged";
    } catch (e) {
      this.fail(e, 10000);
      return false;
    } finally {
      this.upselling = false;
      await this.loadOffers(saleId);
    }
  }

  // ------------------------------------------------------------ events

  onEvent(e: CoreEvent): void {
    switch (e.kind) {
      case "sale_updated": {
        const s = e.sale;
        const o = this.openSales.findIndex((x) => x.id === s.id);
        if (o >= 0) this.openSales[o] = s;
        if (this.sale?.id === s.id) {
          if (s.updated_at >= this.sale.updated_at) {
            const becamePaid = s.state === "paid" && this.sale.state !== "paid";
            this.sale = s;
            if (s.state === "paid" && !this.upselling && (becamePaid || !this.offers)) void this.loadOffers(s.id);
          }
        } else if (s.state === "paid" && s.after_cancel && !this.late.some((x) => x.id === s.id)) {
          this.late.push(s);
        }
        for (const l of this.saleListeners) l(s);
        break;
      }
      case "reachability": {
        // Only a change of "can customers get back?" is news; the check runs every minute.
        const key = (r: Reachability | null | undefined) => (r?.state === "unreachable" ? `${r.url} ${r.reason}` : "ok");
        if (this.status && key(this.status.reachability) !== key(e.reachability)) this.status.reachability = e.reachability;
        break;
      }
      case "tunnel":
        if (this.status && JSON.stringify(this.status.tunnel) !== JSON.stringify(e.tunnel)) this.status.tunnel = e.tunnel;
        break;
      case "store_connected":
        if (this.status?.store) this.status.store.info = e.info;
        if (!this.results?.currency) { this.catalogSeq++; void this.runSearch(); }
        break;
      case "catalog_progress":
        this.sync = { running: true, pages: e.pages, variants: e.variants, error: null };
        break;
      case "catalog_synced":
        this.sync = { running: false, pages: 0, variants: e.variants, error: null };
        // The results shown may predate the new catalog.
        this.catalogSeq++;
        void this.runSearch();
        break;
      case "catalog_sync_failed":
        this.sync = { running: false, pages: 0, variants: 0, error: e.message };
        break;
      case "receipt":
        // Printed by itself after a sale or refund: say so, and say why when it did not.
        this.notify(e.printed ? "ok" : "bad", e.message, e.printed ? 4000 : 12000);
        break;
      case "close_requested":
        this.closeRequest = e.work;
        break;
      case "resync":
        // The window missed events (it fell behind): read again what it shows.
        void this.resync();
        break;
    }
  }

  async resync(): Promise<void> {
    try { this.status = await api.status(); } catch { /* keep what is shown */ }
    if (this.sale) await this.act(api.sale(this.sale.id));
    this.catalogSeq++;
    void this.runSearch();
    void this.loadOpenSales();
    for (const l of this.saleListeners) l(null);
  }

  /** Sales still open from before a restart (the core settles them; staff should see them). */
  async loadOpenSales(): Promise<void> {
    try {
      this.openSales = await api.history({ states: OPEN_STATES }, 20, 0);
    } catch { /* nothing to show */ }
  }

  get stillOpen(): SaleView[] {
    return this.openSales.filter((s) => OPEN_STATES.includes(s.state) && s.id !== this.sale?.id);
  }
}

export const app = new Store();
