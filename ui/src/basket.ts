// The basket being built at the counter: pure state, no DOM, unit-tested.
// Prices are only for display; the core prices the sale from its own catalog cache.

import { t } from "./lib/i18n";
import { add, parseMoney, times, ZERO, type Money } from "./money";

export const MAX_QUANTITY = 999;
export const MAX_LINES = 100;

export interface Subscription {
  interval: string;
  interval_count: number;
}

export interface BasketItem {
  variantId: number;
  title: string;
  sku: string;
  /** The catalog price, or the price staff set. */
  unitPrice: string;
  quantity: number;
  /** True when staff set `unitPrice`. */
  override?: boolean;
  subscription?: Subscription | null;
  /** Shipped to the customer by the store instead of handed over at the counter. */
  ship?: boolean;
}

/** A line's plan as text ("month/2"), empty without one: what tells two plans apart. */
export function subscriptionKey(x?: Subscription | null): string {
  return x ? `${x.interval}/${x.interval_count}` : "";
}

function sameLine(a: Pick<BasketItem, "variantId" | "subscription" | "override" | "unitPrice">, b: Pick<BasketItem, "variantId" | "subscription" | "override" | "unitPrice">): boolean {
  return a.variantId === b.variantId && subscriptionKey(a.subscription) === subscriptionKey(b.subscription) && !!a.override === !!b.override && (!a.override || a.unitPrice === b.unitPrice);
}

/** Whether two basket lines show the same: every field staff can see or change. */
export function sameLineContent(a: BasketItem, b: BasketItem): boolean {
  return a.variantId === b.variantId && a.title === b.title && a.sku === b.sku && a.unitPrice === b.unitPrice
    && a.quantity === b.quantity && !!a.override === !!b.override && !!a.ship === !!b.ship
    && subscriptionKey(a.subscription) === subscriptionKey(b.subscription);
}

/** "every month", "every 2 weeks", in the window's language. */
export function describeSubscription(s: Subscription): string {
  return t("subscription-every", { count: s.interval_count, interval: s.interval });
}

/** Why the basket refused a change; `basketMessage` says it in the window's language. */
export class BasketError extends Error {
  constructor(readonly code: string, readonly args: Record<string, number | string> = {}) {
    super(code);
  }
}

/** A refused change in staff's words (a price that is not a decimal included). */
export function basketMessage(e: unknown): string {
  if (e instanceof BasketError) return t(`basket-error-${e.code}`, e.args);
  return t("basket-error-not-decimal");
}

export class Basket {
  private items: BasketItem[] = [];

  get lines(): readonly BasketItem[] {
    return this.items;
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Add `quantity` of a variant; adding the same variant (same subscription, same price)
   *  again raises its quantity. */
  add(item: Omit<BasketItem, "quantity">, quantity = 1): void {
    if (!Number.isInteger(quantity) || quantity < 1) throw new BasketError("quantity-at-least-one");
    parseMoney(item.unitPrice); // refuse a price that is not an exact decimal
    const existing = this.items.find((l) => sameLine(l, item));
    if (existing) {
      existing.quantity = Math.min(MAX_QUANTITY, existing.quantity + quantity);
      return;
    }
    if (this.items.length >= MAX_LINES) throw new BasketError("too-many-lines", { max: MAX_LINES });
    this.items.push({ ...item, quantity: Math.min(MAX_QUANTITY, quantity) });
  }

  /** Set line `index`'s quantity; 0 removes it. */
  setQuantity(index: number, quantity: number): void {
    if (!Number.isInteger(quantity) || quantity < 0) throw new BasketError("quantity-whole");
    if (quantity === 0) return this.remove(index);
    const line = this.items[index];
    if (line) line.quantity = Math.min(MAX_QUANTITY, quantity);
  }

  /** Set line `index`'s unit price (staff override); `null` returns to `catalogPrice`. */
  setPrice(index: number, price: string | null, catalogPrice: string): void {
    const line = this.items[index];
    if (!line) return;
    if (price === null || price.trim() === "") {
      line.unitPrice = catalogPrice;
      line.override = false;
      return;
    }
    const money = parseMoney(price);
    if (money.units < 0n) throw new BasketError("price-negative");
    if (money.scale > 2) throw new BasketError("price-decimals");
    line.unitPrice = price.trim();
    line.override = true;
  }

  remove(index: number): void {
    this.items = this.items.filter((_, i) => i !== index);
  }

  clear(): void {
    this.items = [];
  }

  lineTotal(line: BasketItem): Money {
    return times(parseMoney(line.unitPrice), line.quantity);
  }

  total(): Money {
    return this.items.reduce((sum, l) => add(sum, this.lineTotal(l)), ZERO);
  }

  itemCount(): number {
    return this.items.reduce((n, l) => n + l.quantity, 0);
  }

  /** What `sale_charge` takes: a price only where staff set one. */
  /** Mark line `index` (or, with `null`, every line) to be shipped, or handed over. */
  setShip(index: number | null, ship: boolean): void {
    for (const [i, line] of this.items.entries()) if (index === null || i === index) line.ship = ship;
  }

  /** Every line is shipped to the customer. */
  get allShipped(): boolean {
    return this.items.length > 0 && this.items.every((l) => l.ship);
  }

  toCharge(): { variant_id: number; quantity: number; price?: string; subscription?: Subscription; ship?: boolean }[] {
    return this.items.map((l) => ({
      variant_id: l.variantId,
      quantity: l.quantity,
      ...(l.override ? { price: l.unitPrice } : {}),
      ...(l.subscription ? { subscription: l.subscription } : {}),
      ...(l.ship ? { ship: true } : {}),
    }));
  }
}

/** A scanner or keyboard entry like "3*0123456789": a quantity prefix and a code. */
export function parseScan(text: string): { quantity: number; code: string } | null {
  const m = /^\s*(?:(\d{1,3})\s*\*\s*)?(\S+)\s*$/.exec(text);
  if (!m) return null;
  const quantity = m[1] ? Number(m[1]) : 1;
  if (quantity < 1) return null;
  return { quantity, code: m[2] };
}
