// The basket being built at the counter: pure state, no DOM, unit-tested.
// Prices are only for display; the core prices the sale from its own catalog cache.

import { add, parseMoney, times, ZERO, type Money } from "./money";

export const MAX_QUANTITY = 999;
export const MAX_LINES = 100;

export interface BasketItem {
  variantId: number;
  title: string;
  sku: string;
  unitPrice: string;
  quantity: number;
}

export class Basket {
  private items: BasketItem[] = [];

  get lines(): readonly BasketItem[] {
    return this.items;
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Add `quantity` of a variant; adding one already in the basket raises its quantity. */
  add(item: Omit<BasketItem, "quantity">, quantity = 1): void {
    if (!Number.isInteger(quantity) || quantity < 1) throw new Error("quantity must be at least 1");
    parseMoney(item.unitPrice); // refuse a price that is not an exact decimal
    const existing = this.items.find((l) => l.variantId === item.variantId);
    if (existing) {
      existing.quantity = Math.min(MAX_QUANTITY, existing.quantity + quantity);
      return;
    }
    if (this.items.length >= MAX_LINES) throw new Error(`a basket holds at most ${MAX_LINES} lines`);
    this.items.push({ ...item, quantity: Math.min(MAX_QUANTITY, quantity) });
  }

  /** Set a line's quantity; 0 removes it. */
  setQuantity(variantId: number, quantity: number): void {
    if (!Number.isInteger(quantity) || quantity < 0) throw new Error("quantity must be a whole number");
    if (quantity === 0) return this.remove(variantId);
    const line = this.items.find((l) => l.variantId === variantId);
    if (line) line.quantity = Math.min(MAX_QUANTITY, quantity);
  }

  remove(variantId: number): void {
    this.items = this.items.filter((l) => l.variantId !== variantId);
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

  /** What `sale_charge` takes. */
  toCharge(): { variant_id: number; quantity: number }[] {
    return this.items.map((l) => ({ variant_id: l.variantId, quantity: l.quantity }));
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
