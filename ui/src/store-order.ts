// The store's own order, as the Admin API contract (\`Order\`) describes it: the core passes
// it through to History untouched, so its type follows the contract, not a Rust struct.

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
