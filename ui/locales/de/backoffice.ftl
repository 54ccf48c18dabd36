# Counterpay, Deutsch. Jede Nachricht steht auch in locales/en und locales/sv (ein Test prüft das).

## Verlauf
sales = Verkäufe
refresh = Aktualisieren
import = Alle Kassen aus dem Shop importieren
    .title = Die Verkäufe aller Kassen aus dem Shop holen
importing = Importiere… { $orders } Bestellungen ({ $pages } Seiten)
import-done = { $orders } Bestellungen aus dem Shop gelesen: { $added } Verkäufe anderer Kassen hinzugefügt, { $updated } aktualisiert.
history-search =
    .placeholder = Bestellung, Kundschaft, Produkt oder SKU
    .aria-label = Verkäufe durchsuchen
filter-state = Status
filter-all-states = Alle Status
filter-refunded = Im Shop erstattet oder storniert
filter-counter = Kasse
filter-all-counters = Alle Kassen
filter-this-counter = Diese Kasse
filter-other-counters = Andere Kassen
filter-staff = Personal
from = Von
to = Bis
history-loading = Verkäufe werden geladen…
history-none-match = Kein Verkauf passt zu diesen Filtern.
history-none = Noch keine Verkäufe. Verkäufe erscheinen hier, sobald „Kassieren“ gedrückt wird.
col-time = Zeit
col-order = Bestellung
col-state = Status
col-items = Artikel
col-customer = Kundschaft
col-staff = Personal · Kasse
col-total = Summe
no-order = —
upsell-count = { $count ->
    [one] + { $count } Zusatzverkauf
   *[other] + { $count } Zusatzverkäufe
}
this-counter = diese Kasse
load-more = Mehr laden
select-sale = Wählen Sie einen Verkauf, um seine Zeilen und seinen Ablauf zu sehen.

## Verkaufsdetails
order-n = Bestellung { $number }
sale-no-order = Verkauf ohne Bestellung
sold-at = verkauft an { $origin }
refresh-from-store = Aus dem Shop aktualisieren
refreshed = Aus dem Shop aktualisiert.
refund-open = Erstatten…
cancel-open = Bestellung stornieren…
print-receipt = Beleg drucken
tag-upsell = Zusatzverkauf
detail-subscription = Abo, { $plan }
tag-ship = an Kundschaft senden
price-by-staff = Preis vom Personal gesetzt ({ $price } pro Stück)
basket-total-plain = Warenkorbsumme
refunded = Erstattet
customer = Kundschaft: { $name }
upsells-heading = Zusatzverkäufe
refunds-heading = Erstattungen und Stornos
refund-row-refund = Erstattung { $amount }: { $outcome } · von { $who }
refund-row-cancel = Storno { $amount }: { $outcome } · von { $who }
refund-state-requested = wird gesendet…
refund-state-done = erledigt
refund-state-failed = nicht erfolgt
refund-state-unknown = wird beim Shop geprüft…
timeline = Ablauf
raw-order = Die Bestellung des Shops (JSON)
receipt = Beleg
receipt-order = Bestellung { $number } · { $when }
receipt-refunded = Erstattet: { $amount }
receipt-thanks = Mit Klarna bezahlt. Vielen Dank!

## Erstatten und stornieren
refund-heading = Bestellung { $number } erstatten
refund-help = Wählen Sie die zu erstattenden Stück. Der Shop berechnet zuerst den Betrag; erstattet wird erst, wenn Sie ihn bestätigen.
refund-units-of = Zu erstattende Stück von { $title }
of-max = von { $max }
goods-back = Kam die Ware zurück?
goods-back-yes = Ja: zurück in den Bestand am Standort dieser Kasse
goods-back-no = Nein: nur erstatten (nie übergebene Artikel werden im Shop so oder so storniert)
refund-quote-intro = Der Shop berechnet:
refund-quote-rest = (Steuer { $tax }), zurück an { $to }.
original-payment = die ursprüngliche Zahlung
close = Schließen
refunding = Wird erstattet…
refund-confirm = { $amount } erstatten
asking-store = Frage den Shop…
refund-calculate = Erstattung berechnen
refund-done = { $amount } erstattet.
refund-not-done = Die Erstattung ist nicht durchgegangen.
cancel-heading = Bestellung { $number } stornieren
cancel-help = Der Shop storniert die Bestellung und zahlt alles noch nicht Erstattete auf das Klarna-Konto der Kundschaft zurück.
cancel-reason = Grund (geht an den Shop)
    .placeholder = Warum, z. B. Kundschaft hat alles zurückgegeben
cancel-say-why = Geben Sie an, warum die Bestellung storniert wird.
cancel-keep = Bestellung behalten
cancelling = Wird storniert…
cancel-confirm = Stornieren und erstatten
cancel-done = Bestellung storniert; { $amount } zurückgezahlt.
cancel-not-done = Die Bestellung wurde nicht storniert.

## Berichte
end-of-day = Tagesabschluss
today = Heute
print = Drucken
export-sales = Verkäufe als CSV
export-lines = Zeilen als CSV
export-report = Bericht als CSV
saved-file = Gespeichert: { $path }
range = { $from } bis { $to }
report-range = { $range }, Shop-Zeit ({ $timezone }). Verkäufe aller Kassen in diesem Verlauf.
card-sales = Bezahlte Verkäufe
card-value = Wert
card-refunded = Erstattet
card-net = Netto
card-upsells = Zusatzverkäufe
n-of-m = { $n } von { $m }
card-unpaid = Nicht bezahlt
unpaid-breakdown = { $failed } fehlgeschlagen · { $expired } abgelaufen · { $cancelled } abgebrochen · { $rejected } abgelehnt
card-late = Nach Abbruch bezahlt
card-refunds = Erstattungen
other-currencies = Andere Währungen: { $list }
sales-in = { $count ->
    [one] { $count } Verkauf, { $value }
   *[other] { $count } Verkäufe, { $value }
}
by-hour = Verkäufe nach Stunde
top-products = Top-Produkte
no-sales-in-period = Keine Verkäufe in diesem Zeitraum.
by-staff = Nach Personal
col-who = Wer
audit-log = Protokoll
audit-action = Aktion
audit-all = Alles
audit-sales = Verkäufe
audit-upsells = Zusatzverkäufe
audit-refunds = Erstattungen
audit-cancels = Stornos
audit-settings = Einstellungen
audit-staff = Personal und Anmeldungen
audit-who =
    .placeholder = Wer (genauer Name)
audit-text =
    .placeholder = Verkaufs-ID oder Text
col-when = Wann
col-what = Was
col-subject = Betreff
col-change = Vorher → nachher

## Bestellsummen und Diagramme
totals-subtotal = Zwischensumme ohne Steuer
totals-discount = Rabatt
totals-shipping = Versand
totals-tax = Steuer
totals-total = Summe
refund-tag-cancelled = Im Shop storniert
refund-tag-refunded = { $amount } erstattet
chart-hours = Verkäufe nach Stunde
chart-products = Verkäufe nach Produkt
chart-hour-bar = { $sales ->
    [one] { $hour } · { $sales } Verkauf · { $amount }
   *[other] { $hour } · { $sales } Verkäufe · { $amount }
}

## Belegdrucker: Vorschau und Belege
receipt-preview = Belegvorschau
receipt-preview-heading = Beleg zu Bestellung { $number }
receipt-preview-help = So, wie der Drucker ihn bekommt, auf { $mm } mm Papier.
receipt-preview-loading = Der Beleg wird gesetzt…
receipt-printing = Wird gedruckt…
receipt-print-now = Drucken
print-slip = Beleg drucken
slip-printed = Erstattungsbeleg gedruckt.

date-not-a-day = Kein Datum: schreiben Sie es wie { $example }.
