# Counterpay, English. Every message here is also in locales/de and locales/sv (a test checks).

## History
sales = Sales
refresh = Refresh
import = Import all counters from the store
    .title = Pull the sales of every counter from the store
importing = Importing… { $orders } orders ({ $pages } pages)
import-done = Read { $orders } orders from the store: { $added } sales of other counters added, { $updated } updated.
history-search =
    .placeholder = Order, customer, product or SKU
    .aria-label = Search sales
filter-state = State
filter-all-states = All states
filter-refunded = Refunded or cancelled at the store
filter-counter = Counter
filter-all-counters = All counters
filter-this-counter = This counter
filter-other-counters = Other counters
filter-staff = Staff
from = From
to = To
history-loading = Loading sales…
history-none-match = No sale matches these filters.
history-none = No sales yet. Sales appear here as soon as Charge is pressed.
col-time = Time
col-order = Order
col-state = State
col-items = Items
col-customer = Customer
col-staff = Staff · counter
col-total = Total
no-order = —
upsell-count = { $count ->
    [one] + { $count } upsell
   *[other] + { $count } upsells
}
this-counter = this counter
load-more = Load more
select-sale = Select a sale to see its lines and timeline.

## Sale detail
order-n = Order { $number }
sale-no-order = Sale without an order
sold-at = sold at { $origin }
refresh-from-store = Refresh from store
refreshed = Refreshed from the store.
refund-open = Refund…
cancel-open = Cancel order…
print-receipt = Print receipt
tag-upsell = upsell
detail-subscription = subscription, { $plan }
tag-ship = ship to customer
price-by-staff = price set by staff ({ $price } each)
basket-total-plain = Basket total
refunded = Refunded
customer = Customer: { $name }
upsells-heading = Upsells
refunds-heading = Refunds and cancels
refund-row-refund = Refund { $amount }: { $outcome } · by { $who }
refund-row-cancel = Cancel { $amount }: { $outcome } · by { $who }
refund-state-requested = sending…
refund-state-done = done
refund-state-failed = did not happen
refund-state-unknown = checking with the store…
timeline = Timeline
raw-order = The store's order (JSON)
receipt = Receipt
receipt-order = Order { $number } · { $when }
receipt-refunded = Refunded: { $amount }
receipt-thanks = Paid with Klarna. Thank you!

## Refund and cancel
refund-heading = Refund order { $number }
refund-help = Choose the units to refund. The store calculates the amount first; nothing is refunded until you confirm it.
refund-units-of = Units of { $title } to refund
of-max = of { $max }
goods-back = Did the goods come back?
goods-back-yes = Yes: back into stock at this counter's location
goods-back-no = No: refund only (items never handed over are cancelled at the store either way)
refund-quote-intro = The store calculates:
refund-quote-rest = (tax { $tax }), paid back to { $to }.
original-payment = the original payment
close = Close
refunding = Refunding…
refund-confirm = Refund { $amount }
asking-store = Asking the store…
refund-calculate = Calculate refund
refund-done = Refunded { $amount }.
refund-not-done = The refund did not go through.
cancel-heading = Cancel order { $number }
cancel-help = The store cancels the order and pays back everything not refunded yet to the customer's Klarna account.
cancel-reason = Reason (sent to the store)
    .placeholder = Why, e.g. customer returned everything
cancel-say-why = Say why the order is cancelled.
cancel-keep = Keep the order
cancelling = Cancelling…
cancel-confirm = Cancel order and refund
cancel-done = Order cancelled; { $amount } paid back.
cancel-not-done = The order was not cancelled.

## Reports
end-of-day = End of day
today = Today
print = Print
export-sales = Sales CSV
export-lines = Lines CSV
export-report = Report CSV
saved-file = Saved { $path }
range = { $from } to { $to }
report-range = { $range }, shop time ({ $timezone }). Sales of every counter in this history.
card-sales = Paid sales
card-value = Value
card-refunded = Refunded
card-net = Net
card-upsells = Upsells
n-of-m = { $n } of { $m }
card-unpaid = Not paid
unpaid-breakdown = { $failed } failed · { $expired } expired · { $cancelled } cancelled · { $rejected } rejected
card-late = Paid after cancel
card-refunds = Refunds made
other-currencies = Other currencies: { $list }
sales-in = { $count ->
    [one] { $count } sale, { $value }
   *[other] { $count } sales, { $value }
}
by-hour = Sales by hour
top-products = Top products
no-sales-in-period = No sales in this period.
by-staff = By staff
col-who = Who
audit-log = Audit log
audit-action = Action
audit-all = Everything
audit-sales = Sales
audit-upsells = Upsells
audit-refunds = Refunds
audit-cancels = Cancels
audit-settings = Settings
audit-staff = Staff and sign-ins
audit-who =
    .placeholder = Who (exact name)
audit-text =
    .placeholder = Sale id or text
col-when = When
col-what = What
col-subject = Subject
col-change = Before → after

## Order totals and charts
totals-subtotal = Subtotal excl. tax
totals-discount = Discount
totals-shipping = Shipping
totals-tax = Tax
totals-total = Total
refund-tag-cancelled = Cancelled at the store
refund-tag-refunded = Refunded { $amount }
chart-hours = Sales by hour
chart-products = Sales by product
chart-hour-bar = { $sales ->
    [one] { $hour } · { $sales } sale · { $amount }
   *[other] { $hour } · { $sales } sales · { $amount }
}

## Receipt printer: preview and slips
receipt-preview = Preview receipt
receipt-preview-heading = Receipt for order { $number }
receipt-preview-help = As the printer gets it, on { $mm } mm paper.
receipt-preview-loading = Laying out the receipt…
receipt-printing = Printing…
receipt-print-now = Print
print-slip = Print slip
slip-printed = Refund slip printed.

date-not-a-day = Not a day: write it like { $example }.
