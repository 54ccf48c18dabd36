# Counterpay, English. Every message here must also be in de.ftl and sv.ftl (a test checks).

## Header and tabs
starting = Starting Counterpay…
connecting = Connecting…
demo-store = Demo store
no-store = No store
demo-badge = DEMO
    .title = The embedded demo store: no real money moves
no-token = · no API token
tabs =
    .aria-label = Views
tab-counter = Counter
tab-history = History
tab-settings = Settings
tab-reports = Reports
role-manager = manager
role-cashier = cashier
switch-user = Switch
    .title = Sign out; the next person signs in with their PIN
display-toggle =
    .title = A second window for a screen facing the customer
display-open = Customer display
display-close = Close customer display

## Banners
late-title = Late payment received.
late-text = Order { $number } ({ $amount }) was paid after its sale was cancelled or timed out. Hand over the goods or refund it.
dismiss = Dismiss
open-sales = { $count ->
    [one] One sale is still open from before:
   *[other] { $count } sales are still open from before:
}

## Counter: search and catalog
search =
    .placeholder = Search, or scan a barcode (3*code adds 3)
    .aria-label = Search the catalog or scan a barcode
sync-progress =
    .aria-label = Catalog sync
items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
sync-running = { $pages ->
    [one] Syncing catalog: { $pages } page, { $variants } items. You can keep selling.
   *[other] Syncing catalog: { $pages } pages, { $variants } items. You can keep selling.
}
sync-failed = Catalog sync failed; selling from the saved catalog.
sync-failed-notice = Catalog sync failed: { $reason }
sync-now = Sync catalog
catalog-loading = Loading the catalog…
catalog-syncing = The catalog is syncing; products appear in a moment.
catalog-empty = The catalog is empty. Press “Sync catalog”.
no-match = Nothing matches “{ $query }”.
no-such-code = No product has the code “{ $code }”. Check the item, or search by name.
cannot-sell = { $title } cannot be sold right now.
no-price = no price
price-from = from { $price }
unavailable = unavailable
options = { $count ->
    [one] { $count } option
   *[other] { $count } options
}
subscription = subscription
low-stock = Low stock
out-of-stock = Out of stock

## Basket
basket = Basket
basket-empty = Tap a product or scan a barcode to start a sale.
subscription-tag = Subscription, { $plan }
subscription-every = { $interval ->
    [day] { $count ->
        [one] every day
       *[other] every { $count } days
    }
    [week] { $count ->
        [one] every week
       *[other] every { $count } weeks
    }
    [month] { $count ->
        [one] every month
       *[other] every { $count } months
    }
    [year] { $count ->
        [one] every year
       *[other] every { $count } years
    }
   *[other] every { $count } × { $interval }
}
ship-line = Ship to customer
ship-all = Ship the whole sale to the customer
price-of = Price of { $title }
price-set = Set
price-empty-hint = (empty: catalog price)
price-edit =
    .title = Set a different price for this line
each = { $price } each
price-was-set = price set
not-a-price = “{ $text }” is not a price: { $reason }.
one-less = One less { $title }
one-more = One more { $title }
quantity-of = Quantity of { $title }
remove = Remove { $title }
basket-total = { $count ->
    [one] Total · { $count } item
   *[other] Total · { $count } items
}
pay-language = Klarna page language
clear = Clear
charge = Charge { $total }
    .title = Ctrl+Enter
charging = Creating link…
charge-off-tunnel = Charge is off: { $why }
charge-off-unreachable = Charge is off: customers could not get back to { $url } after paying ({ $reason }). Check the tunnel or Settings › Public URL.
the-counter = the counter
lan-demo-on = Phone demo is on: phones on this network reach the demo store at { $address }. Demo only, no real money.
tunnel-off = no tunnel is managed here.
tunnel-starting = starting { $program }; waiting for its public address…
tunnel-up = { $program } is up at { $url }.
tunnel-restarting = { $program } stopped ({ $reason }); starting it again in { $seconds } s.

## Variant picker
choose = Choose { $title }
plan-group =
    .aria-label = One-time or subscription
plan-once = One-time
stock-here-elsewhere = { $here } here · { $elsewhere } elsewhere
close-esc = Close (Esc)

## The sale at the store
closing-closed = Closed at the store
closing-running = Closing at the store…
retry = Retry

## The sale
sale-creating = Creating the Klarna payment…
sale-creating-help = Asking the store for a payment link. This usually takes a second.
sale-draft = Could not create the payment
sale-draft-reason = The store did not give a payment link.
sale-scan = Scan to pay with Klarna
sale-scan-help = Ask the customer to scan the code with their phone camera and finish in Klarna.
qr =
    .alt = QR code for the Klarna payment page
time-left = Time left
open-here = Open on this computer
copy-link = Copy the link
payment-link =
    .title = For a customer who cannot scan: type or send this link
link-copied = Link copied.
link-selected = The link is selected: press Ctrl+C to copy it.
handover-counter = Handed over at the counter
handover-shipped = Shipped to the customer by the store
handover-some = { $shipped } of { $lines } lines shipped to the customer; the rest handed over
handover-language = { $goods } · Klarna page in { $language }
sale-review = Payment needs a manager's check
sale-review-reason = The store holds a payment that may not be this sale's.
sale-review-help = Do not hand over the goods until a manager has checked the order in the store.
dismiss-review = Not this sale's payment
accept-review = Accept payment
ask-manager = Ask a manager to sign in and check it.
sale-paid = Paid
sale-paid-late = Paid (after the sale had ended)
order = Order
receipt-by-store = The store e-mails its receipt to the customer.
receipt-none = The store sends no e-mail receipt: print one from History if the customer wants it.
new-sale = New sale
sale-failed = Payment failed
sale-failed-default = Klarna did not approve the payment.
sale-failed-reason = { $reason } Nothing was charged.
sale-rejected = Payment turned down
sale-rejected-reason = A manager decided the payment is not this sale's.
sale-rejected-help = Do not hand over the goods. Check the order in the store's dashboard.
sale-expired = The payment link timed out
sale-cancelled = Sale cancelled
sale-ended-help = If the customer still pays, the payment is recorded and shown here.
back-to-basket = Back to basket
try-again = Try again
charge-again = Charge again
cancel-sale = Cancel sale
charge-not-approved = Not charged: the prices need a manager's approval.
charge-not-configured = { $reason } (Settings, F3)

## Upsells
upsells = Add to this order
upsells-loading = Looking for products to offer…
upsells-unavailable = Upsells are not available for this order.
upsells-none = Nothing to suggest for this order.
upsells-how = Charged at once to the customer's Klarna payment, with no new scan.
upsell-price-of = Price of { $title } (optional)
upsell-add = Add & charge
upsell-bad-quantity = Enter a whole quantity of at least 1.
upsell-bad-price = “{ $text }” is not a price. Use digits and a dot, like 19.90.
upsell-not-approved = Not added: the price needs a manager's approval.
upsell-added = Added { $quantity } × { $title }.
upsell-declined = The upsell was not charged.
upsell-state-requested = Charging…
upsell-state-charged = Charged
upsell-state-declined = Not charged
upsell-state-unknown = Checking with the store…

## Sale states (badges, History)
state-draft = Not sent
state-creating = Creating link
state-awaiting-payment = Waiting for customer
state-review = Needs a manager's check
state-paid = Paid
state-paid-after-cancel = Paid after cancel
state-failed = Payment failed
state-rejected = Payment turned down
state-cancelled = Cancelled
state-expired = Expired

## Order numbers posted for a sale
claim-times = { $posts ->
    [0] {""}
    [1] {""}
   *[other] {" "}({ $posts } times)
}
claim-checking = Order { $number } was posted for this sale{ $times }: checking it with the store.
claim-recheck = Order { $number } was posted for this sale{ $times }, but { $lower } Still waiting for the customer's payment.
claim-recheck-plain = Order { $number } was posted for this sale{ $times }, but the store has no such paid order yet. Still waiting for the customer's payment.
claim-refused = Order { $number } was posted for this sale{ $times }, but it is not this sale's payment: { $lower }
claim-refused-plain = Order { $number } was posted for this sale{ $times }, but it is not this sale's payment.
claim-review = Order { $number } is held for a manager's check: { $reason }
claim-accepted = Order { $number } paid this sale.

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

## Settings
settings-loading = Loading settings…
settings-saved = Settings saved.
set-by-env = Set by an environment variable; change it there.
must-be-whole = { $field } must be a whole number.
upsell-ids-bad = Upsell products must be product ids (whole numbers), separated by commas.
s-store = Store
f-store = Store subdomain or Admin API URL
f-store-help = Leave empty to use the built-in demo store. Example: myshop (for myshop.29next.store).
f-store-placeholder = demo store
f-token = API token
token-demo = Not needed for the demo store.
token-keyring = A token is saved in the OS keyring. Enter a new one to replace it.
token-env = Taken from COUNTERPAY_API_TOKEN.
token-missing = No token yet: create one in the store under Settings › API Access.
token-demo-placeholder = not needed for the demo store
token-paste = paste the token
token-saved = •••••••• (saved)
f-gateway = Payment gateway id (optional)
f-gateway-help = Pin Klarna sales to one gateway.
f-gateway-group = Gateway group id (optional)
f-gateway-group-help = Or to a gateway group.
f-currency = Currency (optional)
f-currency-help = Defaults to the store's first currency.
f-upsells = Always offer as upsells (product ids)
f-upsells-help = Comma-separated product ids, offered after every paid sale besides the store's recommendations.
f-upsells-placeholder = e.g. 330, 240
s-return = Return endpoint
f-tunnel = Tunnel Counterpay starts, watches and stops
tunnel-none = None: I give a public URL below (or this computer only)
tunnel-cloudflared = cloudflared quick tunnel (no account)
tunnel-command = Another program (command with {"{"}port{"}"})
f-tunnel-help = Counterpay reads the public address the program prints, restarts it if it dies and stops it on exit. The program must be installed.
tunnel-line = Tunnel: { $words }
f-public-url = Public URL (your own tunnel or proxy)
    .placeholder = https://counter.example.com
f-public-url-help = Customers' phones are sent back here. Leave empty when Counterpay starts the tunnel, or to use { $local } (this computer only).
the-local-address = the local address
f-lan-demo = Phone demo on this network: serve the demo store's payment page and the return endpoint on this computer's network address, so a phone on the same Wi-Fi can scan and pay. Demo store only; off = this computer only. Takes effect after a restart.
f-listen = Listen address
f-listen-help = Loopback by default. Now listening on { $now }. Takes effect after a restart.
nothing = nothing
f-timeout = Payment timeout (minutes)
f-timeout-help = How long a QR code waits for the customer.
f-idle = Lock after idle (minutes)
f-idle-help = With staff accounts: sign out after this long without a key or a tap.
f-location = This counter's location
location-demo = The demo store's Shop
location-choose = Choose the shop this counter stands in
f-location-help = What is handed over at this counter is fulfilled at this location, so the store never ships it. Required with a real store.
f-pay-language-help = The shop's language; staff can pick another for a sale next to Charge.
f-send-receipt = The store e-mails its receipt to the customer
f-discount = Largest discount a cashier may give (%)
f-discount-help = Below the catalog price by more than this, a manager's PIN approves the price at the counter. 0: every discount needs a manager.
test-connection = Test connection
save = Save
contacting-store = Contacting the store…
connected-to = Connected to { $name }. Currencies: { $currencies }. Timezone: { $timezone }.
this-counter-heading = This counter
demo-no-money = Demo store (no real money)
not-connected = not connected
counter-id = Counter id
return-base = Return URL base
not-running = not running
database = Database
window-language = Language of this window
language-system = System language ({ $name })
window-language-help = Also the customer display's language, unless the sale's Klarna page is in another one.
display-heading = Customer display
display-help = A second window for a screen facing the customer: the basket, then the QR code, then the outcome. Open it with the button at the top.
display-on = Open on
display-this-screen = this screen
screen = { $name } ({ $width }×{ $height })
screen-main = { $name } ({ $width }×{ $height }, main)
full-screen = Full screen
support = Support
support-help = A report for support: versions, settings in force, database figures and the latest log lines. It never contains your API token.
copy-diagnostics = Copy diagnostics
copied = Copied to the clipboard.
select-and-copy = Select the text below and copy it.

## Staff
staff = Staff
staff-manager-only = A manager manages staff.
staff-help-on = Everyone signs in with their own PIN. Cashiers sell, upsell and see today's sales; managers also refund, cancel, change settings and see reports.
staff-help-off = No staff accounts: anyone at this computer can do everything. Add the first manager to require PINs.
staff-removed = (removed)
role-of = Role of { $name }
role-cashier-title = Cashier
role-manager-title = Manager
new-pin = new PIN
new-pin-for = New PIN for { $name }
staff-remove = Remove
staff-restore = Restore
staff-name = Name
staff-role = Role
staff-pin = PIN
    .placeholder = PIN (managers: 6+ digits)
staff-add = Add
staff-add-first = Add the first manager
staff-added = { $name } added.
staff-added-first = { $name } added as the first manager: PINs are now needed to sell.
staff-updated = { $name } updated.
tunnel-command-placeholder = my-tunnel --to 127.0.0.1:{"{"}port{"}"}
tunnel-ngrok = ngrok

## PIN, approval, closing, start-up
pin-prompt = Enter your PIN to sign in
pin-count = { $count ->
    [0] No digits entered
    [one] { $count } digit entered
   *[other] { $count } digits entered
}
pin-wait = Too many wrong PINs: wait { $seconds } s.
pin-back = Delete the last digit
pin-enter = Enter
signed-in-as = Signed in: { $name }.
signed-in-wrong-pins = Signed in: { $name }. { $count } wrong PINs were typed at this counter since { $since }: check who tried (Reports › Audit log).
signed-in-short-pin = Signed in: { $name }. A manager's PIN needs at least 6 digits: set a longer one in Settings › Staff.
approval-heading = Manager approval
approval-pin = Manager's PIN
cancel-esc = Cancel (Esc)
approve = Approve
close-heading = Close Counterpay?
open-work-sales = { $count ->
    [one] One sale is still waiting for payment or confirmation.
   *[other] { $count } sales are still waiting for payment or confirmation.
}
open-work-upsells = { $count ->
    [one] One upsell is still being charged.
   *[other] { $count } upsells are still being charged.
}
open-work-refunds = { $count ->
    [one] One refund or cancel is still being sent.
   *[other] { $count } refunds or cancels are still being sent.
}
open-work-closing = { $count ->
    [one] One paid sale is not closed at the store yet (the store ships what is not handed over in time).
   *[other] { $count } paid sales are not closed at the store yet (the store ships what is not handed over in time).
}
close-help = If you close now, payments still reach the store: Counterpay records them when it opens again. A customer paying right now will see “confirming” instead of their receipt.
close-keep = Keep Counterpay open
close-anyway = Close anyway
startup-failed = Counterpay could not start
startup-data-kept = Your sales are not deleted. The database is at
restore-heading = Restore a backup
restore-help = The current file is kept beside the restored one, renamed. Then close and reopen Counterpay.
restore-this = Restore this backup
no-backup = There is no backup yet. Keep the file for support, then start Counterpay with another data folder (COUNTERPAY_DATA_DIR) to keep selling.

## Customer display
cd-welcome = Welcome
cd-welcome-to = Welcome to { $shop }
cd-items = Your items
cd-preparing = Preparing your payment…
cd-qr =
    .alt = QR code for your payment
cd-code-works = This code works for { $time }
cd-confirming = Confirming your payment…
cd-thanks = Thank you!
cd-paid = { $amount } paid
cd-failed-help = Nothing was charged. Please speak to the staff.
cd-stopped = This payment was stopped
cd-speak-to-staff = Please speak to the staff.

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
