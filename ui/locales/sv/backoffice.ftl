# Counterpay, svenska. Varje meddelande finns också i locales/en och locales/de (ett test kontrollerar det).

## Historik
sales = Försäljningar
refresh = Uppdatera
import = Importera alla kassor från butiken
    .title = Hämta alla kassors försäljningar från butiken
importing = Importerar… { $orders } ordrar ({ $pages } sidor)
import-done = Läste { $orders } ordrar från butiken: { $added } försäljningar från andra kassor tillagda, { $updated } uppdaterade.
history-search =
    .placeholder = Order, kund, produkt eller SKU
    .aria-label = Sök försäljningar
filter-state = Status
filter-all-states = Alla statusar
filter-refunded = Återbetald eller annullerad i butiken
filter-counter = Kassa
filter-all-counters = Alla kassor
filter-this-counter = Den här kassan
filter-other-counters = Andra kassor
filter-staff = Personal
from = Från
to = Till
history-loading = Laddar försäljningar…
history-none-match = Ingen försäljning matchar filtren.
history-none = Inga försäljningar än. Försäljningar visas här så snart någon trycker på Ta betalt.
col-time = Tid
col-order = Order
col-state = Status
col-items = Artiklar
col-customer = Kund
col-staff = Personal · kassa
col-total = Totalt
no-order = —
upsell-count = { $count ->
    [one] + { $count } merförsäljning
   *[other] + { $count } merförsäljningar
}
this-counter = den här kassan
load-more = Visa fler
select-sale = Välj en försäljning för att se dess rader och förlopp.

## Försäljningens detaljer
order-n = Order { $number }
sale-no-order = Försäljning utan order
sold-at = såld i { $origin }
refresh-from-store = Uppdatera från butiken
refreshed = Uppdaterad från butiken.
refund-open = Återbetala…
cancel-open = Annullera ordern…
print-receipt = Skriv ut kvitto
tag-upsell = merförsäljning
detail-subscription = prenumeration, { $plan }
tag-ship = skickas till kunden
price-by-staff = pris angivet av personalen ({ $price } styck)
basket-total-plain = Varukorgens summa
refunded = Återbetalt
customer = Kund: { $name }
upsells-heading = Merförsäljning
refunds-heading = Återbetalningar och annulleringar
refund-row-refund = Återbetalning { $amount }: { $outcome } · av { $who }
refund-row-cancel = Annullering { $amount }: { $outcome } · av { $who }
refund-state-requested = skickas…
refund-state-done = klar
refund-state-failed = blev inte av
refund-state-unknown = kontrolleras med butiken…
timeline = Förlopp
raw-order = Butikens order (JSON)
receipt = Kvitto
receipt-order = Order { $number } · { $when }
receipt-refunded = Återbetalt: { $amount }
receipt-thanks = Betalt med Klarna. Tack!

## Återbetala och annullera
refund-heading = Återbetala order { $number }
refund-help = Välj de enheter som ska återbetalas. Butiken räknar först ut beloppet; inget återbetalas förrän du bekräftar det.
refund-units-of = Enheter av { $title } att återbetala
of-max = av { $max }
goods-back = Kom varorna tillbaka?
goods-back-yes = Ja: tillbaka i lager på den här kassans plats
goods-back-no = Nej: endast återbetalning (varor som aldrig lämnats ut annulleras i butiken i vilket fall)
refund-quote-intro = Butiken räknar ut:
refund-quote-rest = (moms { $tax }), betalas tillbaka till { $to }.
original-payment = den ursprungliga betalningen
close = Stäng
refunding = Återbetalar…
refund-confirm = Återbetala { $amount }
asking-store = Frågar butiken…
refund-calculate = Räkna ut återbetalning
refund-done = { $amount } återbetalt.
refund-not-done = Återbetalningen gick inte igenom.
cancel-heading = Annullera order { $number }
cancel-help = Butiken annullerar ordern och betalar tillbaka allt som inte redan återbetalats till kundens Klarna-konto.
cancel-reason = Anledning (skickas till butiken)
    .placeholder = Varför, t.ex. kunden lämnade tillbaka allt
cancel-say-why = Ange varför ordern annulleras.
cancel-keep = Behåll ordern
cancelling = Annullerar…
cancel-confirm = Annullera och återbetala
cancel-done = Ordern annullerad; { $amount } tillbakabetalt.
cancel-not-done = Ordern annullerades inte.

## Rapporter
end-of-day = Dagsavslut
today = I dag
print = Skriv ut
export-sales = Försäljningar som CSV
export-lines = Rader som CSV
export-report = Rapport som CSV
saved-file = Sparad: { $path }
range = { $from } till { $to }
report-range = { $range }, butikens tid ({ $timezone }). Alla kassors försäljningar i den här historiken.
card-sales = Betalda försäljningar
card-value = Värde
card-refunded = Återbetalt
card-net = Netto
card-upsells = Merförsäljning
n-of-m = { $n } av { $m }
card-unpaid = Inte betalda
unpaid-breakdown = { $failed } misslyckade · { $expired } utgångna · { $cancelled } avbrutna · { $rejected } avvisade
card-late = Betalda efter avbrott
card-refunds = Återbetalningar
other-currencies = Andra valutor: { $list }
sales-in = { $count ->
    [one] { $count } försäljning, { $value }
   *[other] { $count } försäljningar, { $value }
}
by-hour = Försäljning per timme
top-products = Toppprodukter
no-sales-in-period = Inga försäljningar under perioden.
by-staff = Per person
col-who = Vem
audit-log = Logg
audit-action = Åtgärd
audit-all = Allt
audit-sales = Försäljningar
audit-upsells = Merförsäljning
audit-refunds = Återbetalningar
audit-cancels = Annulleringar
audit-settings = Inställningar
audit-staff = Personal och inloggningar
audit-who =
    .placeholder = Vem (exakt namn)
audit-text =
    .placeholder = Försäljnings-id eller text
col-when = När
col-what = Vad
col-subject = Gäller
col-change = Före → efter

## Ordersummor och diagram
totals-subtotal = Delsumma exkl. moms
totals-discount = Rabatt
totals-shipping = Frakt
totals-tax = Moms
totals-total = Totalt
refund-tag-cancelled = Annullerad i butiken
refund-tag-refunded = Återbetalt { $amount }
chart-hours = Försäljning per timme
chart-products = Försäljning per produkt
chart-hour-bar = { $sales ->
    [one] { $hour } · { $sales } försäljning · { $amount }
   *[other] { $hour } · { $sales } försäljningar · { $amount }
}

## Kvittoskrivare: förhandsvisning och kvitton
receipt-preview = Förhandsgranska kvitto
receipt-preview-heading = Kvitto för order { $number }
receipt-preview-help = Som skrivaren får det, på { $mm } mm papper.
receipt-preview-loading = Kvittot sätts upp…
receipt-printing = Skriver ut…
receipt-print-now = Skriv ut
print-slip = Skriv ut kvitto
slip-printed = Återbetalningskvitto utskrivet.

date-not-a-day = Inget datum: skriv det som { $example }.
