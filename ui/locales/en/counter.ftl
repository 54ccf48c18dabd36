# Counterpay, English. Every message here is also in locales/de and locales/sv (a test checks).

## Header and tabs
starting = Starting Counterpay…
view-loading = Opening…
view-failed = This view could not be opened.
view-retry = Try again
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
upsell-bad-price = “{ $text }” is not a price. Use digits and a decimal point, like 19.90.
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

## Basket errors
basket-error-quantity-at-least-one = the quantity must be at least 1
basket-error-quantity-whole = the quantity must be a whole number
basket-error-too-many-lines = a basket holds at most { $max } lines
basket-error-price-negative = a price cannot be negative
basket-error-price-decimals = a price has at most two decimals
basket-error-not-decimal = use digits and a decimal point or comma, like 19.90

## Receipt printer on the Paid screen
receipt-printed = Receipt printed.
receipt-prints-itself = The receipt prints by itself.
receipt-on-button = Print a receipt if the customer wants one.
