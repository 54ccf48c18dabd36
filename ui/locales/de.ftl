# Counterpay, Deutsch. Jede Nachricht steht auch in en.ftl und sv.ftl (ein Test prüft das).

## Kopfzeile und Reiter
starting = Counterpay startet…
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
upsell-bad-price = „{ $text }“ ist kein Preis. Verwenden Sie Ziffern und einen Punkt, etwa 19.90.
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

## Einstellungen
settings-loading = Einstellungen werden geladen…
settings-saved = Einstellungen gespeichert.
set-by-env = Über eine Umgebungsvariable gesetzt; dort ändern.
must-be-whole = { $field } muss eine ganze Zahl sein.
upsell-ids-bad = Zusatzprodukte müssen Produkt-IDs sein (ganze Zahlen), durch Kommas getrennt.
s-store = Shop
f-store = Shop-Subdomain oder Admin-API-URL
f-store-help = Leer lassen für den eingebauten Demo-Shop. Beispiel: meinshop (für meinshop.29next.store).
f-store-placeholder = Demo-Shop
f-token = API-Token
token-demo = Für den Demo-Shop nicht nötig.
token-keyring = Ein Token ist im Schlüsselbund des Systems gespeichert. Geben Sie ein neues ein, um es zu ersetzen.
token-env = Aus COUNTERPAY_API_TOKEN übernommen.
token-missing = Noch kein Token: Erstellen Sie eines im Shop unter Settings › API Access.
token-demo-placeholder = für den Demo-Shop nicht nötig
token-paste = Token einfügen
token-saved = •••••••• (gespeichert)
f-gateway = Zahlungs-Gateway-ID (optional)
f-gateway-help = Klarna-Verkäufe an ein Gateway binden.
f-gateway-group = Gateway-Gruppen-ID (optional)
f-gateway-group-help = Oder an eine Gateway-Gruppe.
f-currency = Währung (optional)
f-currency-help = Standard ist die erste Währung des Shops.
f-upsells = Immer als Zusatzverkauf anbieten (Produkt-IDs)
f-upsells-help = Produkt-IDs durch Kommas getrennt, nach jedem bezahlten Verkauf neben den Empfehlungen des Shops angeboten.
f-upsells-placeholder = z. B. 330, 240
s-return = Rückkehr-Endpunkt
f-tunnel = Tunnel, den Counterpay startet, überwacht und beendet
tunnel-none = Keiner: Ich gebe unten eine öffentliche URL an (oder nur dieser Computer)
tunnel-cloudflared = cloudflared Quick Tunnel (ohne Konto)
tunnel-command = Ein anderes Programm (Befehl mit {"{"}port{"}"})
f-tunnel-help = Counterpay liest die öffentliche Adresse, die das Programm ausgibt, startet es neu, wenn es abstürzt, und beendet es beim Schließen. Das Programm muss installiert sein.
tunnel-line = Tunnel: { $words }
f-public-url = Öffentliche URL (eigener Tunnel oder Proxy)
    .placeholder = https://counter.example.com
f-public-url-help = Die Telefone der Kundschaft werden hierher zurückgeschickt. Leer lassen, wenn Counterpay den Tunnel startet, oder um { $local } zu nutzen (nur dieser Computer).
the-local-address = die lokale Adresse
f-lan-demo = Telefon-Demo in diesem Netz: Die Zahlungsseite des Demo-Shops und den Rückkehr-Endpunkt unter der Netzwerkadresse dieses Computers anbieten, damit ein Telefon im selben WLAN scannen und bezahlen kann. Nur Demo-Shop; aus = nur dieser Computer. Wirkt nach einem Neustart.
f-listen = Lauschadresse
f-listen-help = Standardmäßig Loopback. Lauscht jetzt auf { $now }. Wirkt nach einem Neustart.
nothing = nichts
f-timeout = Zahlungsfrist (Minuten)
f-timeout-help = Wie lange ein QR-Code auf die Kundschaft wartet.
f-idle = Sperren nach Leerlauf (Minuten)
f-idle-help = Mit Personalkonten: nach so langer Zeit ohne Taste oder Tippen abmelden.
f-location = Standort dieser Kasse
location-demo = Der Laden des Demo-Shops
location-choose = Wählen Sie den Laden, in dem diese Kasse steht
f-location-help = Was an dieser Kasse übergeben wird, wird an diesem Standort erfüllt, sodass der Shop es nie versendet. Bei einem echten Shop erforderlich.
f-pay-language-help = Die Sprache des Ladens; das Personal kann neben „Kassieren“ für einen Verkauf eine andere wählen.
f-send-receipt = Der Shop schickt der Kundschaft den Beleg per E-Mail
f-discount = Größter Rabatt, den die Kasse geben darf (%)
f-discount-help = Liegt ein Preis um mehr als das unter dem Katalogpreis, gibt ihn die PIN der Leitung an der Kasse frei. 0: Jeder Rabatt braucht die Leitung.
test-connection = Verbindung testen
save = Speichern
contacting-store = Kontaktiere den Shop…
connected-to = Verbunden mit { $name }. Währungen: { $currencies }. Zeitzone: { $timezone }.
this-counter-heading = Diese Kasse
demo-no-money = Demo-Shop (kein echtes Geld)
not-connected = nicht verbunden
counter-id = Kassen-ID
return-base = Basis der Rückkehr-URL
not-running = läuft nicht
database = Datenbank
window-language = Sprache dieses Fensters
language-system = Systemsprache ({ $name })
window-language-help = Auch die Sprache der Kundenanzeige, außer die Klarna-Seite des Verkaufs ist in einer anderen.
display-heading = Kundenanzeige
display-help = Ein zweites Fenster für einen Bildschirm zur Kundschaft: der Warenkorb, dann der QR-Code, dann das Ergebnis. Öffnen Sie es mit der Schaltfläche oben.
display-on = Öffnen auf
display-this-screen = diesem Bildschirm
screen = { $name } ({ $width }×{ $height })
screen-main = { $name } ({ $width }×{ $height }, Hauptbildschirm)
full-screen = Vollbild
support = Support
support-help = Ein Bericht für den Support: Versionen, geltende Einstellungen, Datenbankzahlen und die letzten Protokollzeilen. Er enthält nie Ihr API-Token.
copy-diagnostics = Diagnose kopieren
copied = In die Zwischenablage kopiert.
select-and-copy = Markieren Sie den Text unten und kopieren Sie ihn.

## Personal
staff = Personal
staff-manager-only = Das Personal verwaltet die Leitung.
staff-help-on = Alle melden sich mit ihrer eigenen PIN an. Die Kasse verkauft, bietet Zusatzverkäufe an und sieht die heutigen Verkäufe; die Leitung erstattet und storniert außerdem, ändert Einstellungen und sieht Berichte.
staff-help-off = Keine Personalkonten: Alle an diesem Computer dürfen alles. Legen Sie die erste Leitung an, um PINs zu verlangen.
staff-removed = (entfernt)
role-of = Rolle von { $name }
role-cashier-title = Kasse
role-manager-title = Leitung
new-pin = neue PIN
new-pin-for = Neue PIN für { $name }
staff-remove = Entfernen
staff-restore = Wiederherstellen
staff-name = Name
staff-role = Rolle
staff-pin = PIN
    .placeholder = PIN (Leitung: 6+ Ziffern)
staff-add = Hinzufügen
staff-add-first = Erste Leitung anlegen
staff-added = { $name } hinzugefügt.
staff-added-first = { $name } als erste Leitung angelegt: Zum Verkaufen braucht es jetzt eine PIN.
staff-updated = { $name } geändert.
tunnel-command-placeholder = mein-tunnel --to 127.0.0.1:{"{"}port{"}"}
tunnel-ngrok = ngrok

## PIN, Freigabe, Schließen, Start
pin-prompt = Geben Sie Ihre PIN ein, um sich anzumelden
pin-count = { $count ->
    [0] Keine Ziffer eingegeben
    [one] { $count } Ziffer eingegeben
   *[other] { $count } Ziffern eingegeben
}
pin-wait = Zu viele falsche PINs: { $seconds } s warten.
pin-back = Letzte Ziffer löschen
pin-enter = OK
signed-in-as = Angemeldet: { $name }.
signed-in-wrong-pins = Angemeldet: { $name }. Seit { $since } wurden an dieser Kasse { $count } falsche PINs eingegeben: Prüfen Sie, wer es versucht hat (Berichte › Protokoll).
signed-in-short-pin = Angemeldet: { $name }. Eine PIN der Leitung braucht mindestens 6 Ziffern: Setzen Sie unter Einstellungen › Personal eine längere.
approval-heading = Freigabe durch die Leitung
approval-pin = PIN der Leitung
cancel-esc = Abbrechen (Esc)
approve = Freigeben
close-heading = Counterpay schließen?
open-work-sales = { $count ->
    [one] Ein Verkauf wartet noch auf Zahlung oder Bestätigung.
   *[other] { $count } Verkäufe warten noch auf Zahlung oder Bestätigung.
}
open-work-upsells = { $count ->
    [one] Ein Zusatzverkauf wird noch belastet.
   *[other] { $count } Zusatzverkäufe werden noch belastet.
}
open-work-refunds = { $count ->
    [one] Eine Erstattung oder ein Storno wird noch gesendet.
   *[other] { $count } Erstattungen oder Stornos werden noch gesendet.
}
open-work-closing = { $count ->
    [one] Ein bezahlter Verkauf ist im Shop noch nicht abgeschlossen (der Shop versendet, was nicht rechtzeitig übergeben ist).
   *[other] { $count } bezahlte Verkäufe sind im Shop noch nicht abgeschlossen (der Shop versendet, was nicht rechtzeitig übergeben ist).
}
close-help = Wenn Sie jetzt schließen, erreichen Zahlungen trotzdem den Shop: Counterpay erfasst sie beim nächsten Öffnen. Wer gerade bezahlt, sieht „wird bestätigt“ statt des Belegs.
close-keep = Counterpay offen lassen
close-anyway = Trotzdem schließen
startup-failed = Counterpay konnte nicht starten
startup-data-kept = Ihre Verkäufe sind nicht gelöscht. Die Datenbank liegt unter
restore-heading = Eine Sicherung wiederherstellen
restore-help = Die aktuelle Datei bleibt umbenannt neben der wiederhergestellten liegen. Danach Counterpay schließen und neu öffnen.
restore-this = Diese Sicherung wiederherstellen
no-backup = Es gibt noch keine Sicherung. Bewahren Sie die Datei für den Support auf und starten Sie Counterpay mit einem anderen Datenordner (COUNTERPAY_DATA_DIR), um weiter zu verkaufen.

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
