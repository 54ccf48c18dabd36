// Generated from the Rust types by `make bindings` (crates/core/src/bindings.rs). Do not edit:
// a test fails when this file is not what the Rust types give.

// The store's own order, as the Admin API contract describes it (the core passes it through).
import type { StoreOrder } from "../store-order";

export type SaleView = { 
/**
 * Sale id.
 */
id: string, 
/**
 * State.
 */
state: SaleState, 
/**
 * Currency.
 */
currency: string, 
/**
 * Basket total at our prices.
 */
total: string, 
/**
 * Lines.
 */
lines: Array<LineView>, 
/**
 * The hosted payment page, while it can be paid.
 */
payment_complete_url: string | null, 
/**
 * The QR code for it, while awaiting payment: a PNG `data:` URL, one pixel a module
 * (shown scaled up without smoothing).
 */
qr_image: string | null, 
/**
 * When the link stops being waited for (ms since epoch).
 */
expires_at: number | null, 
/**
 * The store's order number.
 */
order_number: string | null, 
/**
 * The store's total.
 */
store_total: string | null, 
/**
 * The customer.
 */
customer: string | null, 
/**
 * Why it is where it is, in staff's words.
 */
reason: string | null, 
/**
 * Paid after the counter gave up on it.
 */
after_cancel: boolean, 
/**
 * Created (ms).
 */
created_at: number, 
/**
 * Last change (ms).
 */
updated_at: number, 
/**
 * Paid (ms).
 */
paid_at: number | null, 
/**
 * Whether the store's order takes one-click upsells.
 */
supports_upsells: boolean, 
/**
 * Upsells tried on this sale, oldest first.
 */
upsells: Array<Upsell>, 
/**
 * The timeline, in detail views only.
 */
timeline?: Array<TimelineEntry>, 
/**
 * The store's order as it sent it, in detail views only.
 */
order?: StoreOrder, 
/**
 * The counter that sold it, when it was another one (pulled from the store).
 */
origin: string | null, 
/**
 * Paid back so far, as the store says.
 */
refunded: string | null, 
/**
 * The order's status at the store.
 */
store_status: string | null, 
/**
 * Refunds and cancels sent from Counterpay, oldest first.
 */
refunds: Array<RefundRecord>, 
/**
 * Who pressed Charge.
 */
staff: string | null, 
/**
 * Order numbers named for this sale and what the store said of each: quiet lines for
 * staff, never the sale's state.
 */
claims: Array<ClaimView>, 
/**
 * The sale at the store: captured, handed over, shipped (paid sales of this counter).
 */
closing: ClosingView | null, 
/**
 * The language of Klarna's payment page.
 */
language: string | null, };

export type LineView = { 
/**
 * Variant id.
 */
variant_id: number, 
/**
 * Title.
 */
title: string, 
/**
 * SKU.
 */
sku: string, 
/**
 * Quantity.
 */
quantity: number, 
/**
 * Unit price.
 */
unit_price: string, 
/**
 * Quantity × unit price.
 */
line_total: string, 
/**
 * Staff set the price.
 */
price_override: boolean, 
/**
 * Sold as a subscription.
 */
subscription: SubscriptionChoice | null, 
/**
 * Shipped by the store rather than handed over.
 */
ship: boolean, };

export type BasketLine = { 
/**
 * Variant id.
 */
variant_id: number, 
/**
 * Quantity, 1..=999.
 */
quantity: number, 
/**
 * A unit price set by staff (sent as the line's `price` and recorded as an override);
 * `None` sells at the catalog price.
 */
price?: string, 
/**
 * Sell as a subscription: the product's interval and one of its interval counts.
 */
subscription?: SubscriptionChoice, 
/**
 * Ship to the customer (the store's usual fulfillment) instead of handing the goods
 * over at the counter, which is the default.
 */
ship?: boolean, };

export type SaleState = "draft" | "creating" | "awaiting_payment" | "review" | "paid" | "failed" | "rejected" | "cancelled" | "expired";

export type SubscriptionChoice = { 
/**
 * The product's interval.
 */
interval: string, 
/**
 * Every how many intervals.
 */
interval_count: number, };

export type SubscriptionPlan = { 
/**
 * `day`, `week`, `month` or `year`.
 */
interval: string, 
/**
 * Allowed counts of the interval (every 1, 2 or 3 months).
 */
interval_counts: Array<number>, };

export type Phase = "requested" | "unknown" | "done" | "failed";

export type RefundLineRequest = { 
/**
 * The order line.
 */
line_id: number, 
/**
 * Units to refund.
 */
quantity: number, 
/**
 * `cancel`, `no_restock` or `return`; the calculation infers it when absent.
 */
restock_type?: string | null, };

export type ClosingView = { 
/**
 * `pending`, `closing`, `closed` or `attention`.
 */
state: "pending" | "closing" | "closed" | "attention", 
/**
 * In staff's words: "Handed over at Shop", "Capturing…", "Not closed at the store: …".
 */
note: string | null, 
/**
 * The steps sent to the store, oldest first.
 */
steps: Array<Step>, };

export type Step = { 
/**
 * Its id.
 */
id: number, 
/**
 * The sale.
 */
sale_id: string, 
/**
 * What it does.
 */
kind: StepKind, 
/**
 * The order number or fulfillment order id.
 */
target: string, 
/**
 * Where it stands.
 */
state: Phase, 
/**
 * JSON: what it is for (lines and units).
 */
detail: unknown, 
/**
 * The store's words when it refused, or why it is unknown.
 */
reason: string | null, 
/**
 * Saved (ms).
 */
created_at: number, };

export type StepKind = "capture" | "move" | "fulfill" | "cancellation_request";

export type TimelineEntry = { 
/**
 * When (ms).
 */
at: number, 
/**
 * The state entered.
 */
state: string, 
/**
 * What happened.
 */
note: string, };

export type Filter = { 
/**
 * Words matched against the order number, customer, and line titles and SKUs.
 */
text?: string | null, 
/**
 * States to show (`paid_after_cancel` selects paid sales flagged as late).
 */
states: Array<string>, 
/**
 * Created at or after (ms).
 */
from_ms?: number | null, 
/**
 * Created before (ms).
 */
to_ms?: number | null, 
/**
 * `this` for this counter's sales, `others` for other counters', or a counter id.
 */
counter?: string | null, 
/**
 * Sales rung up by this staff member (by name).
 */
staff?: string | null, };

export type Upsell = { 
/**
 * Id.
 */
id: string, 
/**
 * The sale it adds to.
 */
sale_id: string, 
/**
 * The store's order.
 */
order_number: string, 
/**
 * Sent as the line's metadata, to recognise it when reading the order back.
 */
idempotency_key: string, 
/**
 * Variant id.
 */
variant_id: number, 
/**
 * Title.
 */
title: string, 
/**
 * SKU.
 */
sku: string, 
/**
 * Quantity.
 */
quantity: number, 
/**
 * Unit price.
 */
unit_price: string, 
/**
 * Staff set the price.
 */
price_override: boolean, 
/**
 * State.
 */
state: UpsellState, 
/**
 * The store's reason, in staff's words.
 */
reason: string | null, 
/**
 * Created (ms).
 */
created_at: number, 
/**
 * Last change (ms).
 */
updated_at: number, 
/**
 * Who offered it (a staff name; `None` without staff accounts).
 */
by_whom: string | null, };

export type UpsellState = "requested" | "charged" | "declined" | "unknown";

export type RefundRecord = { 
/**
 * Id.
 */
id: string, 
/**
 * The sale.
 */
sale_id: string, 
/**
 * The store's order.
 */
order_number: string, 
/**
 * Refund or cancel.
 */
kind: RefundKind, 
/**
 * Counterpay's reference, sent in the refund's note or the cancel reason.
 */
reference: string, 
/**
 * Lines (empty for a cancel).
 */
lines: Array<RefundLineRequest>, 
/**
 * What the store calculated and staff confirmed.
 */
amount: string, 
/**
 * Currency.
 */
currency: string, 
/**
 * State.
 */
state: Phase, 
/**
 * Why it failed or waits, in staff's words.
 */
reason: string | null, 
/**
 * Who did it.
 */
by_whom: string, 
/**
 * The store's refund id, once known.
 */
store_refund_id: number | null, 
/**
 * Created (ms).
 */
created_at: number, 
/**
 * Last change (ms).
 */
updated_at: number, };

export type RefundKind = "refund" | "cancel";

export type ClaimStatus = "checking" | "recheck" | "refused" | "review" | "accepted";

export type Staff = { 
/**
 * Id.
 */
id: string, 
/**
 * Name, as it appears on sales and in the audit log.
 */
name: string, 
/**
 * Role.
 */
role: Role, 
/**
 * Can sign in.
 */
active: boolean, 
/**
 * Created (ms).
 */
created_at: number, };

export type Role = "cashier" | "manager";

export type AuditEntry = { 
/**
 * Order of writing.
 */
seq: number, 
/**
 * When (ms).
 */
at: number, 
/**
 * Who: a staff name, `counter` (no staff set up), `system`, `customer` or `store`.
 */
staff: string, 
/**
 * What, e.g. `sale.state`, `settings.save`, `refund`, `staff.sign_in`.
 */
action: string, 
/**
 * What it was done to (a sale id, a staff id), if anything.
 */
subject: string | null, 
/**
 * Before, as JSON text or a state name.
 */
before: string | null, 
/**
 * After.
 */
after: string | null, };

export type AuditFilter = { 
/**
 * At or after (ms).
 */
from_ms?: number | null, 
/**
 * Before (ms).
 */
to_ms?: number | null, 
/**
 * Exactly this person.
 */
staff?: string | null, 
/**
 * Actions starting with this (`sale.` for every sale change).
 */
action?: string | null, 
/**
 * Text found in the subject, before or after.
 */
text?: string | null, };

export type ClaimView = { 
/**
 * The order number named.
 */
number: string, 
/**
 * Where it stands.
 */
status: ClaimStatus, 
/**
 * What the store said.
 */
reason: string | null, 
/**
 * How many times it was named.
 */
posts: number, 
/**
 * Who named it first.
 */
source: string, 
/**
 * Last named (ms).
 */
last_at: number, };

export type UpsellOffers = { 
/**
 * Upsells can be charged to this order.
 */
available: boolean, 
/**
 * Why not, in staff's words.
 */
reason: string | null, 
/**
 * The order's currency.
 */
currency: string, 
/**
 * Products to offer, priced in the order's currency.
 */
offers: Array<ProductCard>, 
/**
 * Upsells already tried on this sale.
 */
upsells: Array<Upsell>, };

export type Location = { 
/**
 * Its id.
 */
id: number, 
/**
 * Its name, as staff know it.
 */
name: string, };

export type RefundCalculation = { 
/**
 * Total to refund, tax included.
 */
amount_incl_tax: string, 
/**
 * Total excluding tax.
 */
amount_excl_tax: string, 
/**
 * Tax in it.
 */
total_tax: string, 
/**
 * Currency.
 */
currency: string, 
/**
 * Each line's share.
 */
refund_lines: Array<CalculatedRefundLine>, 
/**
 * How it is paid back, per transaction.
 */
transactions: Array<CalculatedRefundTransaction>, };

export type CalculatedRefundLine = { 
/**
 * The order line.
 */
line_id: number, 
/**
 * Units.
 */
quantity: number, 
/**
 * Units that can still be refunded.
 */
refundable_quantity: number, 
/**
 * Amount, tax included.
 */
amount_incl_tax: string, 
/**
 * The restock type the store inferred.
 */
restock_type: string, 
/**
 * Product title.
 */
product_title: string, 
/**
 * Variant title.
 */
variant_title: string | null, 
/**
 * SKU.
 */
sku: string, };

export type CalculatedRefundTransaction = { 
/**
 * The transaction.
 */
id: number | null, 
/**
 * Amount refunded through it.
 */
amount: string, 
/**
 * What it has left.
 */
refundable_amount: string, 
/**
 * `klarna`, ...
 */
payment_method: string, };

export type StoreInfo = { 
/**
 * The store's name.
 */
name: string, 
/**
 * Currency codes, the first being the default.
 */
currencies: Array<string>, 
/**
 * IANA timezone.
 */
timezone: string, 
/**
 * The shop's address as it is written on a receipt, line by line (`contact_address`):
 * street, postcode and city, country, phone.
 */
address: Array<string>, 
/**
 * Its tax number (`tax_id`), when the store has one.
 */
tax_id: string | null, };

export type StaffChange = { 
/**
 * Name.
 */
name: string, 
/**
 * Role.
 */
role: Role, 
/**
 * A new PIN; `None` keeps the current one (required for a new member).
 */
pin?: string | null, 
/**
 * Can sign in.
 */
active: boolean, };

export type WrongPins = { 
/**
 * How many.
 */
count: number, 
/**
 * Since when (ms).
 */
since: number, 
/**
 * The last one (ms).
 */
last: number, };

export type SignInState = { 
/**
 * Staff are set up, so a PIN is needed.
 */
required: boolean, 
/**
 * Who is signed in.
 */
current: Staff | null, 
/**
 * Sign-in waits until then (ms), after too many wrong PINs.
 */
wait_until: number | null, 
/**
 * Minutes of no activity after which the counter locks.
 */
idle_lock_secs: number, 
/**
 * Wrong PINs lately, shown to a signed-in manager only.
 */
wrong_pins: WrongPins | null, 
/**
 * The signed-in manager's PIN is shorter than a manager's must be: change it.
 */
pin_too_short: boolean, };

export type Report = { 
/**
 * The store's timezone the days are in.
 */
timezone: string, 
/**
 * First day.
 */
from: string, 
/**
 * Last day (included).
 */
to: string, 
/**
 * The currency the breakdowns are in (the one with the most sales).
 */
currency: string | null, 
/**
 * Totals per currency.
 */
totals: Array<Totals>, 
/**
 * Sales by hour (24 rows), in `currency`.
 */
by_hour: Array<HourRow>, 
/**
 * Sales by product, largest value first, in `currency`.
 */
by_product: Array<ProductRow>, 
/**
 * Sales by staff, in `currency`.
 */
by_staff: Array<StaffRow>, 
/**
 * Paid sales for which upsells were offered.
 */
upsells_offered: number, 
/**
 * Upsells charged.
 */
upsells_taken: number, 
/**
 * Their value, in `currency`.
 */
upsells_value: string, 
/**
 * Sessions that ended otherwise.
 */
sessions: Sessions, 
/**
 * Refunds and cancels done from Counterpay in the period.
 */
refunds_made: number, 
/**
 * What they paid back, in `currency`.
 */
refunds_value: string, };

export type ReceiptPreview = { 
/**
 * The paper as an SVG picture.
 */
svg: string, 
/**
 * The lines printed, as text (for screen readers and copying).
 */
text: string, 
/**
 * The paper width it is laid out for, in mm.
 */
paper_mm: number, };

export type Totals = { 
/**
 * Currency.
 */
currency: string, 
/**
 * Paid sales.
 */
sales: number, 
/**
 * Their value as the store holds it (upsells included).
 */
value: string, 
/**
 * Paid back on them so far.
 */
refunded: string, 
/**
 * Value less refunds.
 */
net: string, };

export type HourRow = { 
/**
 * 0–23.
 */
hour: number, 
/**
 * Paid sales started in it.
 */
sales: number, 
/**
 * Their value.
 */
value: string, };

export type ProductRow = { 
/**
 * Title as sold.
 */
title: string, 
/**
 * SKU.
 */
sku: string, 
/**
 * Units.
 */
quantity: number, 
/**
 * Value.
 */
value: string, };

export type StaffRow = { 
/**
 * Who.
 */
staff: string, 
/**
 * Paid sales.
 */
sales: number, 
/**
 * Their value.
 */
value: string, 
/**
 * Upsells they charged.
 */
upsells: number, };

export type Sessions = { 
/**
 * Declined by Klarna.
 */
failed: number, 
/**
 * Nobody paid in time.
 */
expired: number, 
/**
 * Cancelled at the counter.
 */
cancelled: number, 
/**
 * A posted order the store did not confirm.
 */
rejected: number, 
/**
 * Paid after the counter had given up on it.
 */
paid_after_cancel: number, 
/**
 * Still open (not sent, waiting, confirming).
 */
open: number, };

export type ImportReport = { 
/**
 * Pages read.
 */
pages: number, 
/**
 * Orders seen.
 */
orders: number, 
/**
 * Other counters' sales added.
 */
added: number, 
/**
 * Sales whose order changed at the store (refunds, cancels, upsells), updated.
 */
updated: number, };

export type CatalogResults = { 
/**
 * The currency prices are in.
 */
currency: string | null, 
/**
 * Matching products.
 */
products: Array<ProductCard>, 
/**
 * Variants in the cache.
 */
cached_variants: number, 
/**
 * Why prices cannot be shown (the store's details could not be read), in staff's
 * words with the store's own, and what to check.
 */
problem: string | null, };

export type ProductCard = { 
/**
 * Product id.
 */
product_id: number, 
/**
 * Title.
 */
title: string, 
/**
 * How it may be sold as a subscription, if it may.
 */
subscription: SubscriptionPlan | null, 
/**
 * Its variants.
 */
variants: Array<VariantCard>, };

export type VariantCard = { 
/**
 * Variant id.
 */
id: number, 
/**
 * Variant title; empty for a stand-alone product.
 */
title: string, 
/**
 * SKU.
 */
sku: string, 
/**
 * Barcode.
 */
upc: string, 
/**
 * Price in the sale currency, if the variant has one.
 */
price: string | null, 
/**
 * Can be added to a basket.
 */
sellable: boolean, 
/**
 * Stock availability.
 */
availability: string, 
/**
 * Units in stock at this counter's location, when the store tracks them there.
 */
stock_here: number | null, 
/**
 * Units in stock at the store's other locations.
 */
stock_elsewhere: number | null, };

export type StoreStatus = { 
/**
 * True when it is the embedded demo store.
 */
demo: boolean, 
/**
 * The Admin API base URL.
 */
api_url: string | null, 
/**
 * Where the token came from.
 */
token_source: TokenSource, 
/**
 * Cached `GET /store/` answer.
 */
info: StoreInfo | null, };

export type SetupView = { 
/**
 * The first step not done.
 */
next: SetupStep, 
/**
 * A store was connected through the guide and it is not finished.
 */
active: boolean, 
/**
 * The guide was finished.
 */
finished: boolean, 
/**
 * The store as saved (`None`: the demo store).
 */
store: string | null, 
/**
 * Its Admin API URL.
 */
api_url: string | null, 
/**
 * What the store said about itself.
 */
shop: StoreInfo | null, 
/**
 * Where its token is kept.
 */
token: TokenSource, 
/**
 * The scopes the token needs.
 */
scopes: Array<string>, 
/**
 * The store's locations (once it is connected).
 */
locations: Array<Location>, 
/**
 * Why they could not be read.
 */
locations_problem: string | null, 
/**
 * The counter's location.
 */
location_id: number | null, 
/**
 * The public URL setting.
 */
public_url: string | null, 
/**
 * The managed tunnel setting (its command hidden).
 */
tunnel: Tunnel | null, 
/**
 * The managed tunnel's state.
 */
tunnel_state: TunnelState, 
/**
 * The return address in force.
 */
address: string | null, 
/**
 * The last reachability check.
 */
reachability: Reachability, 
/**
 * The return address in force passed the check.
 */
address_ok: boolean, 
/**
 * The currency sales are made in, once known.
 */
currency: string | null, 
/**
 * The cheapest products, for the test sale.
 */
choices: Array<TestChoice>, 
/**
 * Variants in the catalog cache (0 while the store's catalog is first read).
 */
catalog_variants: number, 
/**
 * The last test sale.
 */
test_sale: SaleView | null, 
/**
 * What its closing said (cancelled and refunded, or why not), in staff's words.
 */
test_note: string | null, 
/**
 * It was paid and refunded in full.
 */
test_done: boolean, 
/**
 * The shop finished without a test sale.
 */
test_skipped: boolean, 
/**
 * Settings fixed by the environment.
 */
overridden: Array<string>, };

export type SetupStep = "store" | "location" | "address" | "test_sale" | "done";

export type TestChoice = { 
/**
 * The variant.
 */
variant_id: number, 
/**
 * Its title.
 */
title: string, 
/**
 * Its catalog price.
 */
price: string, };

export type SettingsView = { 
/**
 * The stored settings (the environment not applied).
 */
stored: Settings, 
/**
 * The settings in force.
 */
effective: Settings, 
/**
 * Fields fixed by the environment.
 */
overridden: Array<string>, 
/**
 * The store in use.
 */
store: StoreStatus, 
/**
 * This counter's id (in every order's tags and metadata).
 */
counter_id: string, 
/**
 * The return endpoint's public base URL in force.
 */
public_url: string | null, 
/**
 * The address the return endpoint listens on, once started.
 */
listening_on: string | null, 
/**
 * The database file.
 */
database: string, 
/**
 * Why the store's webhooks cannot reach this counter, if they cannot (reconciliation
 * then finds payments instead).
 */
webhook_note: string | null, 
/**
 * Whether the store kept Counterpay's marks on the last paid order, when it did not.
 */
correlation_note: string | null, 
/**
 * The languages Klarna's payment page speaks, `(code, name)`.
 */
payment_languages: Array<[string, string]>, };

export type OpenWork = { 
/**
 * Sales being created or awaiting payment (a posted order may be being checked).
 */
sales: number, 
/**
 * Upsells being charged or of unknown outcome.
 */
upsells: number, 
/**
 * Refunds and cancels being sent or of unknown outcome.
 */
refunds: number, 
/**
 * Paid sales not closed at the store yet (the store would ship them after its delay).
 */
closing: number, };

export type TokenSource = "environment" | "keyring" | "missing";

export type Reachability = { "state": "unchecked" } | { "state": "checking", 
/**
 * The URL being checked.
 */
url: string, } | { "state": "reachable", 
/**
 * The URL checked.
 */
url: string, 
/**
 * When (ms).
 */
at: number, } | { "state": "unreachable", 
/**
 * The URL checked.
 */
url: string, 
/**
 * Why, in staff's words.
 */
reason: string, 
/**
 * When (ms).
 */
at: number, };

export type Tunnel = { "kind": "cloudflared" } | { "kind": "ngrok" } | { "kind": "command", 
/**
 * The command line.
 */
command: string, };

export type TunnelState = { "state": "off" } | { "state": "starting", 
/**
 * The program.
 */
program: string, } | { "state": "up", 
/**
 * The program.
 */
program: string, 
/**
 * Its public URL.
 */
url: string, 
/**
 * Its process id.
 */
pid: number, 
/**
 * Since (ms).
 */
since: number, } | { "state": "restarting", 
/**
 * The program.
 */
program: string, 
/**
 * What happened.
 */
reason: string, 
/**
 * Seconds until the next start.
 */
retry_in_secs: number, } | { "state": "failed", 
/**
 * The program.
 */
program: string, 
/**
 * Why, and what to do.
 */
reason: string, };

export type StartupFailure = { 
/**
 * What went wrong, for staff.
 */
message: string, 
/**
 * The database file.
 */
database: string, 
/**
 * Its backups, newest first.
 */
backups: Array<string>, };

export type Settings = { 
/**
 * The store: a subdomain (`myshop`) or a full Admin API URL. `None` = the demo store.
 */
store: string | null, 
/**
 * Pin Klarna sales to this payment gateway.
 */
payment_gateway: number | null, 
/**
 * Pin Klarna sales to this gateway group.
 */
payment_gateway_group: number | null, 
/**
 * The return endpoint's public base URL (a tunnel). `None` = the local listener.
 */
public_url: string | null, 
/**
 * The return endpoint's listen address.
 */
listen: string, 
/**
 * Seconds a payment link is waited for before the sale expires.
 */
session_timeout_secs: number, 
/**
 * Sell in this currency; `None` = the store's first currency.
 */
currency: string | null, 
/**
 * Product ids staff always offer as upsells after a paid sale.
 */
upsell_products: Array<number>, 
/**
 * A tunnel program Counterpay starts, watches and stops; its URL is the public URL.
 */
tunnel: Tunnel | null, 
/**
 * Seconds without activity after which a signed-in staff member is signed out.
 */
idle_lock_secs: number, 
/**
 * Demo store only: serve the payment page and the return endpoint on this computer's
 * network address, so a phone on the same Wi-Fi can pay. Takes effect at the next start.
 */
lan_demo: boolean, 
/**
 * The largest discount below the catalog price a cashier may give without a manager's
 * PIN, in percent (0: every discount needs a manager).
 */
max_cashier_discount_percent: number, 
/**
 * The store's fulfillment location this counter stands in (`GET /locations/`): what is
 * handed over here is fulfilled there. Required to sell with a real store; the demo
 * store's "Shop" when not set.
 */
location_id: number | null, 
/**
 * Whether the store e-mails its own receipt to the customer (`send_receipt`).
 */
send_receipt: boolean, 
/**
 * The language of Klarna's payment page unless staff pick another for a sale.
 */
payment_language: string, 
/**
 * The receipt printer: `host[:port]` on the network (raw TCP; port 9100 unless given)
 * or a USB printer's device (`/dev/usb/lp0`). `None`: no printer.
 */
printer: string | null, 
/**
 * The printer's paper width in mm: 58 or 80.
 */
paper_mm: number, 
/**
 * Print the receipt as soon as a sale is paid (and a slip after each refund); else
 * only when staff press Print.
 */
print_automatically: boolean, };

export type Event = { "kind": "sale_updated", 
/**
 * The sale as it is now.
 */
sale: SaleView, } | { "kind": "store_connected", 
/**
 * What the store said.
 */
info: StoreInfo, } | { "kind": "reachability", 
/**
 * The outcome.
 */
reachability: Reachability, } | { "kind": "tunnel", 
/**
 * Its state now.
 */
tunnel: TunnelState, } | { "kind": "catalog_progress", 
/**
 * Pages fetched so far.
 */
pages: number, 
/**
 * Variants fetched so far.
 */
variants: number, } | { "kind": "catalog_synced", 
/**
 * Variants now in the cache.
 */
variants: number, } | { "kind": "catalog_sync_failed", 
/**
 * Why.
 */
message: string, } | { "kind": "receipt", 
/**
 * The sale.
 */
sale_id: string, 
/**
 * Whether it printed.
 */
printed: boolean, 
/**
 * What staff read: printed, or why not.
 */
message: string, } | { "kind": "resync", 
/**
 * How many events were missed.
 */
missed: number, } | { "kind": "close_requested", 
/**
 * What is still open.
 */
work: OpenWork, };

export type PublicError = { 
/**
 * What the UI branches on.
 */
code: ErrorCode, 
/**
 * What staff read.
 */
message: string, };

export type ErrorCode = "invalid_input" | "not_found" | "conflict" | "store_unreachable" | "store_rejected" | "not_configured" | "internal" | "locked" | "forbidden" | "approval_required";

export type AppStatus = { 
/**
 * The store, when the counter started.
 */
store: StoreStatus | null, 
/**
 * This counter's id.
 */
counter_id: string | null, 
/**
 * The return endpoint's public base URL.
 */
public_url: string | null, 
/**
 * The app's version.
 */
version: string, 
/**
 * Why the counter could not start.
 */
startup_error: StartupFailure | null, 
/**
 * Whether customers can get back to the counter.
 */
reachability: Reachability | null, 
/**
 * The managed tunnel.
 */
tunnel: TunnelState | null, 
/**
 * The phone demo's address, when the demo store serves the local network.
 */
lan_demo: string | null, };

export type Screen = { 
/**
 * Its index among the screens.
 */
index: number, 
/**
 * Its name.
 */
name: string, 
/**
 * Width in pixels.
 */
width: number, 
/**
 * Height in pixels.
 */
height: number, 
/**
 * The main screen.
 */
primary: boolean, };

export type Licence = { 
/**
 * The crate or npm package, with its version.
 */
name: string, 
/**
 * Its licence (an SPDX expression, as its authors give it).
 */
licence: string, 
/**
 * Where it comes from: `crate` or `npm`.
 */
from: string, };

export type DisplayState = { 
/**
 * The shop's name.
 */
shop: string, 
/**
 * The basket's lines.
 */
lines: Array<DisplayLine>, 
/**
 * The basket's total (a decimal string).
 */
total: string, 
/**
 * The currency the basket is priced in.
 */
currency: string | null, 
/**
 * Items in the basket.
 */
items: number, 
/**
 * The sale on screen, if any.
 */
sale: DisplaySale | null, 
/**
 * The language the display speaks (the sale's Klarna page language, else the counter's).
 */
language?: string, };

export type DisplayLine = { 
/**
 * Title (with its subscription plan).
 */
title: string, 
/**
 * Units.
 */
quantity: number, 
/**
 * The line's amount (a decimal string).
 */
amount: string, };

export type DisplaySale = { 
/**
 * Sale id.
 */
id: string, 
/**
 * Its state.
 */
state: SaleState, 
/**
 * The QR code to scan, while it can be paid (a PNG `data:` URL, one pixel a module).
 */
qr_image: string | null, 
/**
 * The amount (a decimal string).
 */
amount: string, 
/**
 * The store's order number, once paid.
 */
order_number: string | null, 
/**
 * When the code stops working (ms).
 */
expires_at: number | null, 
/**
 * Currency.
 */
currency: string, };
