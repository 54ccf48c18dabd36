# Counterpay, English. Every message here is also in locales/de and locales/sv (a test checks).

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

## Receipt printer
s-printer = Receipt printer
f-printer = Printer address
f-printer-help = A network printer's address (port 9100 unless you add one), or a USB printer such as /dev/usb/lp0. Leave empty for no printer.
printer-find = Find USB printers
printer-none-found = No USB printer found: is it plugged in and switched on? A network printer's address is on its self-test page.
f-paper = Paper width
paper-80 = 80 mm (48 characters)
paper-58 = 58 mm (32 characters)
f-print-auto = Print a receipt when each sale is paid, and a slip after each refund
printer-test = Print a test page
printer-test-sent = Test page sent: the printer should print it now.
printer-save-first = Save the printer first.

## About
about-heading = About
about-version = Version
about-data = Data folder
about-licence = Licence
about-licences = Licences of what Counterpay ships
about-licences-count = { $count } crates and packages, each under its own licence:
about-own-licence = The MIT licence (the LICENSE file)

## Connect your store
connect-store = Connect your store
connect-finish = Finish connecting your store
setup-title = Connect your store
setup-intro = Four steps from the demo to your first real sale. Each one is saved as it passes: you can leave and come back.
setup-steps =
    .aria-label = Steps
setup-step-store = Your store and its token
setup-step-location = This counter's location
setup-step-address = The address customers come back to
setup-step-test-sale = A test sale, paid back at once
setup-step-done = (done)
setup-step-done-title = Your store is connected
setup-address = Store address
setup-address-placeholder = myshop or https://myshop.29next.store
setup-address-help = Your store's name as in myshop.29next.store, or its full Admin API address.
setup-token-help = Make it in your store's dashboard: Settings › API Access › Create App. Give the app these permissions, then copy its access token here. It is kept in this computer's keyring, never in Counterpay's files.
setup-scopes =
    .aria-label = Permissions the token needs
setup-connected = Connected to { $name }. Currencies: { $currencies }. Timezone: { $timezone }.
setup-location = Where this counter hands goods over
setup-location-help = What customers carry out of the shop is marked fulfilled at this location, so the store never ships it.
setup-choose-location = Choose this counter's location first.
setup-continue = Use this location
setup-return-help = After paying on their phone, the customer's browser comes back to this counter through a public address that reaches { $local }. Use one you have (a tunnel or a reverse proxy), or let Counterpay run a tunnel.
setup-address-kind = How customers reach this counter
setup-kind-url = A public address I already have
setup-save-check = Save and check
setup-check-again = Check again
setup-reachable = Reachable: { $url } answers as this counter.
setup-unreachable = { $url } does not reach this counter: { $reason }
setup-test-help = Sell one product at the smallest amount you choose and pay it on your own phone with Klarna. As soon as it is paid, Counterpay cancels the order at the store and the money goes back in full: nothing is shipped or kept.
setup-test-product = Product
setup-test-amount = Amount ({ $currency })
setup-test-amount-help = The smallest amount your Klarna account accepts. The order is for this amount.
setup-test-start = Start the test sale
setup-test-scan = Scan the code with your phone and pay, or open the link.
setup-test-waiting = Waiting for the payment on the phone…
setup-test-paying-back = Paid. Cancelling the order and paying it back…
setup-test-done = The test sale worked: { $amount } paid and given back in full (order { $number }, cancelled at the store).
setup-test-ended = The test sale ended: { $state }.
setup-reading-catalog = Reading your store's catalog… { $count } products so far.
setup-skip = Skip the test sale
setup-skip-warning = Without a test sale, the first customer is the first to try Klarna at this counter.
setup-skip-confirm = Skip it
setup-skip-keep = Keep the test sale
setup-ready = Everything works with { $name }. Finish to start selling.
setup-all-done = This counter sells for { $name }.
setup-finish = Finish and start selling
setup-finished = Connected to { $name }. The counter sells for your store now.
setup-leave = Back to the counter
setup-leave-later = Leave for now (progress is kept)
setup-use-demo = Go back to the demo store
setup-checking-store = Checking the store, the token and each permission…
setup-checking-address = Checking that customers can reach this counter…
setup-starting-tunnel = Starting the tunnel and checking it…
setup-starting-sale = Asking the store for the payment link…
setup-saving = Saving…
