# Counterpay, Deutsch. Jede Nachricht steht auch in locales/en und locales/sv (ein Test prüft das).

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

## Belegdrucker
s-printer = Belegdrucker
f-printer = Druckeradresse
f-printer-help = Die Adresse eines Netzwerkdruckers (Port 9100, wenn Sie keinen angeben) oder ein USB-Drucker wie /dev/usb/lp0. Leer lassen für keinen Drucker.
printer-find = USB-Drucker suchen
printer-none-found = Kein USB-Drucker gefunden: ist er eingesteckt und eingeschaltet? Die Adresse eines Netzwerkdruckers steht auf seiner Selbsttestseite.
f-paper = Papierbreite
paper-80 = 80 mm (48 Zeichen)
paper-58 = 58 mm (32 Zeichen)
f-print-auto = Bei jedem bezahlten Verkauf einen Beleg drucken und nach jeder Erstattung einen Erstattungsbeleg
printer-test = Testseite drucken
printer-test-sent = Testseite gesendet: der Drucker sollte sie jetzt drucken.
printer-save-first = Speichern Sie zuerst den Drucker.

## Über
about-heading = Über Counterpay
about-version = Version
about-data = Datenordner
about-licence = Lizenz
about-licences = Lizenzen dessen, was Counterpay mitbringt
about-licences-count = { $count } Crates und Pakete, jedes unter seiner eigenen Lizenz:
about-own-licence = Die MIT-Lizenz (die Datei LICENSE)

## Shop verbinden
connect-store = Ihren Shop verbinden
connect-finish = Shop fertig verbinden
setup-title = Ihren Shop verbinden
setup-intro = Vier Schritte von der Demo zu Ihrem ersten echten Verkauf. Jeder wird gespeichert, sobald er gelingt: Sie können aufhören und später weitermachen.
setup-steps =
    .aria-label = Schritte
setup-step-store = Ihr Shop und sein Token
setup-step-location = Der Standort dieser Kasse
setup-step-address = Die Adresse, zu der Kunden zurückkehren
setup-step-test-sale = Ein Testverkauf, sofort zurückgezahlt
setup-step-done = (erledigt)
setup-step-done-title = Ihr Shop ist verbunden
setup-address = Adresse des Shops
setup-address-placeholder = meinshop oder https://meinshop.29next.store
setup-address-help = Der Name Ihres Shops wie in meinshop.29next.store, oder seine vollständige Admin-API-Adresse.
setup-token-help = Sie erstellen es im Dashboard Ihres Shops: Settings › API Access › Create App. Geben Sie der App diese Berechtigungen und kopieren Sie dann ihr Zugriffstoken hierher. Es wird im Schlüsselbund dieses Computers aufbewahrt, nie in den Dateien von Counterpay.
setup-scopes =
    .aria-label = Berechtigungen, die das Token braucht
setup-connected = Verbunden mit { $name }. Währungen: { $currencies }. Zeitzone: { $timezone }.
setup-location = Wo diese Kasse Ware übergibt
setup-location-help = Was Kunden aus dem Geschäft mitnehmen, wird an diesem Standort als erfüllt markiert, damit der Shop es nie verschickt.
setup-choose-location = Wählen Sie zuerst den Standort dieser Kasse.
setup-continue = Diesen Standort verwenden
setup-return-help = Nach dem Bezahlen auf dem Handy kehrt der Browser des Kunden über eine öffentliche Adresse, die { $local } erreicht, zu dieser Kasse zurück. Verwenden Sie eine vorhandene (einen Tunnel oder einen Reverse Proxy), oder lassen Sie Counterpay einen Tunnel betreiben.
setup-address-kind = Wie Kunden diese Kasse erreichen
setup-kind-url = Eine öffentliche Adresse, die ich schon habe
setup-save-check = Speichern und prüfen
setup-check-again = Erneut prüfen
setup-reachable = Erreichbar: { $url } antwortet als diese Kasse.
setup-unreachable = { $url } erreicht diese Kasse nicht: { $reason }
setup-test-help = Verkaufen Sie ein Produkt zum kleinsten Betrag, den Sie wählen, und bezahlen Sie es auf Ihrem eigenen Handy mit Klarna. Sobald es bezahlt ist, storniert Counterpay die Bestellung im Shop und das Geld geht vollständig zurück: Nichts wird verschickt oder behalten.
setup-test-product = Produkt
setup-test-amount = Betrag ({ $currency })
setup-test-amount-help = Der kleinste Betrag, den Ihr Klarna-Konto annimmt. Die Bestellung lautet auf diesen Betrag.
setup-test-start = Testverkauf starten
setup-test-scan = Scannen Sie den Code mit Ihrem Handy und bezahlen Sie, oder öffnen Sie den Link.
setup-test-waiting = Warten auf die Zahlung auf dem Handy…
setup-test-paying-back = Bezahlt. Die Bestellung wird storniert und zurückgezahlt…
setup-test-done = Der Testverkauf hat funktioniert: { $amount } bezahlt und vollständig zurückgegeben (Bestellung { $number }, im Shop storniert).
setup-test-ended = Der Testverkauf ist beendet: { $state }.
setup-reading-catalog = Der Katalog Ihres Shops wird gelesen… bisher { $count } Produkte.
setup-skip = Testverkauf überspringen
setup-skip-warning = Ohne Testverkauf probiert der erste Kunde Klarna an dieser Kasse als Erster aus.
setup-skip-confirm = Überspringen
setup-skip-keep = Testverkauf behalten
setup-ready = Mit { $name } funktioniert alles. Schließen Sie ab, um zu verkaufen.
setup-all-done = Diese Kasse verkauft für { $name }.
setup-finish = Abschließen und verkaufen
setup-finished = Verbunden mit { $name }. Die Kasse verkauft jetzt für Ihren Shop.
setup-leave = Zurück zur Kasse
setup-leave-later = Später weitermachen (der Fortschritt bleibt)
setup-use-demo = Zurück zum Demo-Shop
setup-checking-store = Shop, Token und jede Berechtigung werden geprüft…
setup-checking-address = Es wird geprüft, ob Kunden diese Kasse erreichen…
setup-starting-tunnel = Der Tunnel wird gestartet und geprüft…
setup-starting-sale = Der Shop wird nach dem Zahlungslink gefragt…
setup-saving = Wird gespeichert…
