# Counterpay, Deutsch. Jede Nachricht steht auch in locales/en und locales/sv (ein Test prüft das).

## Kopfzeile und Reiter
starting = Counterpay startet…
view-loading = Wird geöffnet…
view-failed = Diese Ansicht konnte nicht geöffnet werden.
view-retry = Erneut versuchen
connecting = Verbinde…
demo-store = Demo-Shop
no-store = Kein Shop
demo-badge = DEMO
    .title = Der eingebaute Demo-Shop: es fließt kein echtes Geld
no-token = · kein API-Token
tabs =
    .aria-label = Ansichten
tab-counter = Kasse
tab-history = Verlauf
tab-settings = Einstellungen
tab-reports = Berichte
role-manager = Leitung
role-cashier = Kasse
switch-user = Wechseln
    .title = Abmelden; die nächste Person meldet sich mit ihrer PIN an
display-toggle =
    .title = Ein zweites Fenster für einen Bildschirm, der zur Kundschaft zeigt
display-open = Kundenanzeige
display-close = Kundenanzeige schließen

## Hinweise
late-title = Späte Zahlung eingegangen.
late-text = Bestellung { $number } ({ $amount }) wurde bezahlt, nachdem ihr Verkauf abgebrochen oder abgelaufen war. Ware übergeben oder erstatten.
dismiss = Ausblenden
open-sales = { $count ->
    [one] Ein Verkauf von vorhin ist noch offen:
   *[other] { $count } Verkäufe von vorhin sind noch offen:
}

## Kasse: Suche und Katalog
search =
    .placeholder = Suchen oder Barcode scannen (3*Code fügt 3 hinzu)
    .aria-label = Katalog durchsuchen oder Barcode scannen
sync-progress =
    .aria-label = Katalogabgleich
items = { $count ->
    [one] { $count } Artikel
   *[other] { $count } Artikel
}
sync-running = { $pages ->
    [one] Katalog wird abgeglichen: { $pages } Seite, { $variants } Artikel. Sie können weiter verkaufen.
   *[other] Katalog wird abgeglichen: { $pages } Seiten, { $variants } Artikel. Sie können weiter verkaufen.
}
sync-failed = Katalogabgleich fehlgeschlagen; verkauft wird aus dem gespeicherten Katalog.
sync-failed-notice = Katalogabgleich fehlgeschlagen: { $reason }
sync-now = Katalog abgleichen
catalog-loading = Katalog wird geladen…
catalog-syncing = Der Katalog wird abgeglichen; die Produkte erscheinen gleich.
catalog-empty = Der Katalog ist leer. Drücken Sie „Katalog abgleichen“.
no-match = Nichts passt zu „{ $query }“.
no-such-code = Kein Produkt hat den Code „{ $code }“. Prüfen Sie den Artikel oder suchen Sie nach dem Namen.
cannot-sell = { $title } kann gerade nicht verkauft werden.
no-price = kein Preis
price-from = ab { $price }
unavailable = nicht verfügbar
options = { $count ->
    [one] { $count } Variante
   *[other] { $count } Varianten
}
subscription = Abo
low-stock = Wenig Bestand
out-of-stock = Ausverkauft

## Warenkorb
basket = Warenkorb
basket-empty = Tippen Sie auf ein Produkt oder scannen Sie einen Barcode, um einen Verkauf zu beginnen.
subscription-tag = Abo, { $plan }
subscription-every = { $interval ->
    [day] { $count ->
        [one] jeden Tag
       *[other] alle { $count } Tage
    }
    [week] { $count ->
        [one] jede Woche
       *[other] alle { $count } Wochen
    }
    [month] { $count ->
        [one] jeden Monat
       *[other] alle { $count } Monate
    }
    [year] { $count ->
        [one] jedes Jahr
       *[other] alle { $count } Jahre
    }
   *[other] alle { $count } × { $interval }
}
ship-line = An die Kundschaft senden
ship-all = Den ganzen Verkauf an die Kundschaft senden
price-of = Preis von { $title }
price-set = Setzen
price-empty-hint = (leer: Katalogpreis)
price-edit =
    .title = Einen anderen Preis für diese Zeile setzen
each = { $price } pro Stück
price-was-set = Preis gesetzt
not-a-price = „{ $text }“ ist kein Preis: { $reason }.
one-less = Ein { $title } weniger
one-more = Ein { $title } mehr
quantity-of = Menge von { $title }
remove = { $title } entfernen
basket-total = { $count ->
    [one] Summe · { $count } Artikel
   *[other] Summe · { $count } Artikel
}
pay-language = Sprache der Klarna-Seite
clear = Leeren
charge = { $total } kassieren
    .title = Strg+Enter
charging = Link wird erstellt…
charge-off-tunnel = Kassieren ist aus: { $why }
charge-off-unreachable = Kassieren ist aus: Die Kundschaft käme nach dem Bezahlen nicht zu { $url } zurück ({ $reason }). Prüfen Sie den Tunnel oder Einstellungen › Öffentliche URL.
the-counter = der Kasse
lan-demo-on = Telefon-Demo ist an: Telefone in diesem Netz erreichen den Demo-Shop unter { $address }. Nur Demo, kein echtes Geld.
tunnel-off = hier wird kein Tunnel verwaltet.
tunnel-starting = { $program } startet; warte auf seine öffentliche Adresse…
tunnel-up = { $program } läuft unter { $url }.
tunnel-restarting = { $program } wurde beendet ({ $reason }); Neustart in { $seconds } s.

## Variantenauswahl
choose = { $title } auswählen
plan-group =
    .aria-label = Einmalig oder Abo
plan-once = Einmalig
stock-here-elsewhere = { $here } hier · { $elsewhere } woanders
close-esc = Schließen (Esc)

## Der Verkauf im Shop
closing-closed = Im Shop abgeschlossen
closing-running = Wird im Shop abgeschlossen…
retry = Erneut versuchen

## Der Verkauf
sale-creating = Klarna-Zahlung wird erstellt…
sale-creating-help = Der Shop wird nach einem Zahlungslink gefragt. Das dauert meist eine Sekunde.
sale-draft = Die Zahlung konnte nicht erstellt werden
sale-draft-reason = Der Shop hat keinen Zahlungslink geliefert.
sale-scan = Scannen und mit Klarna bezahlen
sale-scan-help = Bitten Sie die Kundschaft, den Code mit der Handykamera zu scannen und in Klarna abzuschließen.
qr =
    .alt = QR-Code für die Klarna-Zahlungsseite
time-left = Verbleibende Zeit
open-here = Auf diesem Computer öffnen
copy-link = Link kopieren
payment-link =
    .title = Für Kundschaft, die nicht scannen kann: diesen Link eintippen oder senden
link-copied = Link kopiert.
link-selected = Der Link ist markiert: Drücken Sie Strg+C, um ihn zu kopieren.
handover-counter = An der Kasse übergeben
handover-shipped = Vom Shop an die Kundschaft versandt
handover-some = { $shipped } von { $lines } Zeilen werden an die Kundschaft versandt; der Rest wird übergeben
handover-language = { $goods } · Klarna-Seite auf { $language }
sale-review = Die Zahlung muss von der Leitung geprüft werden
sale-review-reason = Der Shop hält eine Zahlung, die womöglich nicht zu diesem Verkauf gehört.
sale-review-help = Übergeben Sie die Ware erst, wenn die Leitung die Bestellung im Shop geprüft hat.
dismiss-review = Nicht die Zahlung dieses Verkaufs
accept-review = Zahlung annehmen
ask-manager = Bitten Sie die Leitung, sich anzumelden und sie zu prüfen.
sale-paid = Bezahlt
sale-paid-late = Bezahlt (nachdem der Verkauf beendet war)
order = Bestellung
receipt-by-store = Der Shop schickt der Kundschaft den Beleg per E-Mail.
receipt-none = Der Shop schickt keinen E-Mail-Beleg: Drucken Sie einen im Verlauf, wenn die Kundschaft ihn möchte.
new-sale = Neuer Verkauf
sale-failed = Zahlung fehlgeschlagen
sale-failed-default = Klarna hat die Zahlung nicht genehmigt.
sale-failed-reason = { $reason } Es wurde nichts belastet.
sale-rejected = Zahlung abgelehnt
sale-rejected-reason = Die Leitung hat entschieden, dass die Zahlung nicht zu diesem Verkauf gehört.
sale-rejected-help = Übergeben Sie die Ware nicht. Prüfen Sie die Bestellung im Dashboard des Shops.
sale-expired = Der Zahlungslink ist abgelaufen
sale-cancelled = Verkauf abgebrochen
sale-ended-help = Falls die Kundschaft doch noch bezahlt, wird die Zahlung erfasst und hier angezeigt.
back-to-basket = Zurück zum Warenkorb
try-again = Erneut versuchen
charge-again = Erneut kassieren
cancel-sale = Verkauf abbrechen
charge-not-approved = Nicht kassiert: Die Preise brauchen die Freigabe der Leitung.
charge-not-configured = { $reason } (Einstellungen, F3)

## Zusatzverkäufe
upsells = Zu dieser Bestellung hinzufügen
upsells-loading = Produkte zum Anbieten werden gesucht…
upsells-unavailable = Für diese Bestellung sind keine Zusatzverkäufe möglich.
upsells-none = Für diese Bestellung gibt es nichts vorzuschlagen.
upsells-how = Sofort über die Klarna-Zahlung der Kundschaft belastet, ohne neuen Scan.
upsell-price-of = Preis von { $title } (optional)
upsell-add = Hinzufügen und belasten
upsell-bad-quantity = Geben Sie eine ganze Menge von mindestens 1 ein.
upsell-bad-price = „{ $text }“ ist kein Preis. Verwenden Sie Ziffern und ein Dezimalkomma, etwa 19,90.
upsell-not-approved = Nicht hinzugefügt: Der Preis braucht die Freigabe der Leitung.
upsell-added = { $quantity } × { $title } hinzugefügt.
upsell-declined = Der Zusatzverkauf wurde nicht belastet.
upsell-state-requested = Wird belastet…
upsell-state-charged = Belastet
upsell-state-declined = Nicht belastet
upsell-state-unknown = Wird beim Shop geprüft…

## Verkaufsstatus
state-draft = Nicht gesendet
state-creating = Link wird erstellt
state-awaiting-payment = Wartet auf Kundschaft
state-review = Prüfung durch die Leitung
state-paid = Bezahlt
state-paid-after-cancel = Nach Abbruch bezahlt
state-failed = Zahlung fehlgeschlagen
state-rejected = Zahlung abgelehnt
state-cancelled = Abgebrochen
state-expired = Abgelaufen

## Für einen Verkauf gemeldete Bestellnummern
claim-times = { $posts ->
    [0] {""}
    [1] {""}
   *[other] {" "}({ $posts }-mal)
}
claim-checking = Bestellung { $number } wurde für diesen Verkauf gemeldet{ $times }: wird beim Shop geprüft.
claim-recheck = Bestellung { $number } wurde für diesen Verkauf gemeldet{ $times }, aber: { $lower } Es wird weiter auf die Zahlung der Kundschaft gewartet.
claim-recheck-plain = Bestellung { $number } wurde für diesen Verkauf gemeldet{ $times }, aber der Shop hat noch keine solche bezahlte Bestellung. Es wird weiter auf die Zahlung der Kundschaft gewartet.
claim-refused = Bestellung { $number } wurde für diesen Verkauf gemeldet{ $times }, ist aber nicht seine Zahlung: { $lower }
claim-refused-plain = Bestellung { $number } wurde für diesen Verkauf gemeldet{ $times }, ist aber nicht seine Zahlung.
claim-review = Bestellung { $number } wartet auf die Prüfung durch die Leitung: { $reason }
claim-accepted = Bestellung { $number } hat diesen Verkauf bezahlt.

## Kundenanzeige
cd-welcome = Willkommen
cd-welcome-to = Willkommen bei { $shop }
cd-items = Ihre Artikel
cd-preparing = Ihre Zahlung wird vorbereitet…
cd-qr =
    .alt = QR-Code für Ihre Zahlung
cd-code-works = Dieser Code gilt noch { $time }
cd-confirming = Ihre Zahlung wird bestätigt…
cd-thanks = Vielen Dank!
cd-paid = { $amount } bezahlt
cd-failed-help = Es wurde nichts belastet. Bitte wenden Sie sich an das Personal.
cd-stopped = Diese Zahlung wurde gestoppt
cd-speak-to-staff = Bitte wenden Sie sich an das Personal.

## Fehler im Warenkorb
basket-error-quantity-at-least-one = die Menge muss mindestens 1 sein
basket-error-quantity-whole = die Menge muss eine ganze Zahl sein
basket-error-too-many-lines = ein Warenkorb hat höchstens { $max } Zeilen
basket-error-price-negative = ein Preis kann nicht negativ sein
basket-error-price-decimals = ein Preis hat höchstens zwei Nachkommastellen
basket-error-not-decimal = Ziffern und ein Dezimalkomma oder -punkt, etwa 19,90

## Belegdrucker auf dem Bezahlt-Bildschirm
receipt-printed = Beleg gedruckt.
receipt-prints-itself = Der Beleg wird von selbst gedruckt.
receipt-on-button = Drucken Sie einen Beleg, wenn die Kundschaft einen möchte.
