# Counterpay, svenska. Varje meddelande finns också i locales/en och locales/de (ett test kontrollerar det).

## Inställningar
settings-loading = Laddar inställningar…
settings-saved = Inställningarna sparade.
set-by-env = Satt med en miljövariabel; ändra den där.
must-be-whole = { $field } måste vara ett heltal.
upsell-ids-bad = Merförsäljningsprodukter måste vara produkt-id (heltal), åtskilda med kommatecken.
s-store = Butik
f-store = Butikens subdomän eller Admin API-URL
f-store-help = Lämna tomt för att använda den inbyggda demobutiken. Exempel: minbutik (för minbutik.29next.store).
f-store-placeholder = demobutik
f-token = API-token
token-demo = Behövs inte för demobutiken.
token-keyring = En token är sparad i systemets nyckelring. Ange en ny för att ersätta den.
token-env = Hämtad från COUNTERPAY_API_TOKEN.
token-missing = Ingen token än: skapa en i butiken under Settings › API Access.
token-demo-placeholder = behövs inte för demobutiken
token-paste = klistra in token
token-saved = •••••••• (sparad)
f-gateway = Betalgateway-id (valfritt)
f-gateway-help = Knyt Klarna-försäljningar till en gateway.
f-gateway-group = Gatewaygrupp-id (valfritt)
f-gateway-group-help = Eller till en gatewaygrupp.
f-currency = Valuta (valfritt)
f-currency-help = Standard är butikens första valuta.
f-upsells = Erbjud alltid som merförsäljning (produkt-id)
f-upsells-help = Produkt-id åtskilda med kommatecken, erbjuds efter varje betald försäljning utöver butikens rekommendationer.
f-upsells-placeholder = t.ex. 330, 240
s-return = Returadress
f-tunnel = Tunnel som Counterpay startar, övervakar och stoppar
tunnel-none = Ingen: jag anger en publik URL nedan (eller bara den här datorn)
tunnel-cloudflared = cloudflared quick tunnel (inget konto)
tunnel-command = Ett annat program (kommando med {"{"}port{"}"})
f-tunnel-help = Counterpay läser den publika adress programmet skriver ut, startar om det om det dör och stoppar det vid avslut. Programmet måste vara installerat.
tunnel-line = Tunnel: { $words }
f-public-url = Publik URL (egen tunnel eller proxy)
    .placeholder = https://counter.example.com
f-public-url-help = Kundernas telefoner skickas tillbaka hit. Lämna tomt när Counterpay startar tunneln, eller för att använda { $local } (bara den här datorn).
the-local-address = den lokala adressen
f-lan-demo = Telefondemo i det här nätet: visa demobutikens betalsida och returadressen på datorns nätverksadress, så att en telefon i samma wifi kan skanna och betala. Endast demobutiken; av = bara den här datorn. Gäller efter omstart.
f-listen = Lyssnaradress
f-listen-help = Loopback som standard. Lyssnar nu på { $now }. Gäller efter omstart.
nothing = ingenting
f-timeout = Betaltid (minuter)
f-timeout-help = Hur länge en QR-kod väntar på kunden.
f-idle = Lås efter inaktivitet (minuter)
f-idle-help = Med personalkonton: logga ut efter så lång tid utan tangent eller tryck.
f-location = Kassans plats
location-demo = Demobutikens butik
location-choose = Välj butiken där kassan står
f-location-help = Det som lämnas ut i den här kassan levereras från den här platsen, så butiken skickar det aldrig. Krävs med en riktig butik.
f-pay-language-help = Butikens språk; personalen kan välja ett annat för en försäljning bredvid Ta betalt.
f-send-receipt = Butiken mejlar kvittot till kunden
f-discount = Största rabatt en kassör får ge (%)
f-discount-help = Ligger priset mer än så under katalogpriset godkänner en chefs PIN priset i kassan. 0: varje rabatt kräver en chef.
test-connection = Testa anslutningen
save = Spara
contacting-store = Kontaktar butiken…
connected-to = Ansluten till { $name }. Valutor: { $currencies }. Tidszon: { $timezone }.
this-counter-heading = Den här kassan
demo-no-money = Demobutik (inga riktiga pengar)
not-connected = inte ansluten
counter-id = Kassans id
return-base = Bas för retur-URL
not-running = körs inte
database = Databas
window-language = Fönstrets språk
language-system = Systemets språk ({ $name })
window-language-help = Även kundskärmens språk, om inte försäljningens Klarna-sida är på ett annat.
display-heading = Kundskärm
display-help = Ett andra fönster för en skärm som vänder sig mot kunden: varukorgen, sedan QR-koden, sedan resultatet. Öppna det med knappen högst upp.
display-on = Öppna på
display-this-screen = den här skärmen
screen = { $name } ({ $width }×{ $height })
screen-main = { $name } ({ $width }×{ $height }, huvudskärm)
full-screen = Helskärm
support = Support
support-help = En rapport för supporten: versioner, gällande inställningar, databassiffror och de senaste loggraderna. Den innehåller aldrig din API-token.
copy-diagnostics = Kopiera diagnostik
copied = Kopierat till urklipp.
select-and-copy = Markera texten nedan och kopiera den.

## Personal
staff = Personal
staff-manager-only = En chef hanterar personalen.
staff-help-on = Alla loggar in med sin egen PIN. Kassörer säljer, merförsäljer och ser dagens försäljning; chefer kan även återbetala, annullera, ändra inställningar och se rapporter.
staff-help-off = Inga personalkonton: alla vid datorn kan göra allt. Lägg till den första chefen för att kräva PIN.
staff-removed = (borttagen)
role-of = Roll för { $name }
role-cashier-title = Kassör
role-manager-title = Chef
new-pin = ny PIN
new-pin-for = Ny PIN för { $name }
staff-remove = Ta bort
staff-restore = Återställ
staff-name = Namn
staff-role = Roll
staff-pin = PIN
    .placeholder = PIN (chefer: minst 6 siffror)
staff-add = Lägg till
staff-add-first = Lägg till den första chefen
staff-added = { $name } tillagd.
staff-added-first = { $name } tillagd som första chef: nu krävs PIN för att sälja.
staff-updated = { $name } uppdaterad.
tunnel-command-placeholder = min-tunnel --to 127.0.0.1:{"{"}port{"}"}
tunnel-ngrok = ngrok

## PIN, godkännande, stängning, start
pin-prompt = Ange din PIN för att logga in
pin-count = { $count ->
    [0] Inga siffror angivna
    [one] { $count } siffra angiven
   *[other] { $count } siffror angivna
}
pin-wait = För många fel PIN: vänta { $seconds } s.
pin-back = Radera sista siffran
pin-enter = OK
signed-in-as = Inloggad: { $name }.
signed-in-wrong-pins = Inloggad: { $name }. { $count } felaktiga PIN har angetts i kassan sedan { $since }: kontrollera vem som försökte (Rapporter › Logg).
signed-in-short-pin = Inloggad: { $name }. En chefs PIN behöver minst 6 siffror: ange en längre under Inställningar › Personal.
approval-heading = Chefens godkännande
approval-pin = Chefens PIN
cancel-esc = Avbryt (Esc)
approve = Godkänn
close-heading = Stänga Counterpay?
open-work-sales = { $count ->
    [one] En försäljning väntar fortfarande på betalning eller bekräftelse.
   *[other] { $count } försäljningar väntar fortfarande på betalning eller bekräftelse.
}
open-work-upsells = { $count ->
    [one] En merförsäljning dras fortfarande.
   *[other] { $count } merförsäljningar dras fortfarande.
}
open-work-refunds = { $count ->
    [one] En återbetalning eller annullering skickas fortfarande.
   *[other] { $count } återbetalningar eller annulleringar skickas fortfarande.
}
open-work-closing = { $count ->
    [one] En betald försäljning är inte avslutad i butiken än (butiken skickar det som inte lämnats ut i tid).
   *[other] { $count } betalda försäljningar är inte avslutade i butiken än (butiken skickar det som inte lämnats ut i tid).
}
close-help = Stänger du nu når betalningarna ändå butiken: Counterpay registrerar dem när den öppnas igen. En kund som betalar just nu ser ”bekräftas” i stället för sitt kvitto.
close-keep = Låt Counterpay vara öppen
close-anyway = Stäng ändå
startup-failed = Counterpay kunde inte starta
startup-data-kept = Dina försäljningar är inte borttagna. Databasen finns på
restore-heading = Återställ en säkerhetskopia
restore-help = Den nuvarande filen behålls, omdöpt, bredvid den återställda. Stäng sedan Counterpay och öppna igen.
restore-this = Återställ den här säkerhetskopian
no-backup = Det finns ingen säkerhetskopia än. Spara filen åt supporten och starta Counterpay med en annan datamapp (COUNTERPAY_DATA_DIR) för att fortsätta sälja.

## Kvittoskrivare
s-printer = Kvittoskrivare
f-printer = Skrivarens adress
f-printer-help = En nätverksskrivares adress (port 9100 om du inte anger någon), eller en USB-skrivare som /dev/usb/lp0. Lämna tomt för ingen skrivare.
printer-find = Sök USB-skrivare
printer-none-found = Ingen USB-skrivare hittades: är den inkopplad och påslagen? En nätverksskrivares adress står på dess testsida.
f-paper = Pappersbredd
paper-80 = 80 mm (48 tecken)
paper-58 = 58 mm (32 tecken)
f-print-auto = Skriv ut ett kvitto när varje försäljning är betald, och ett återbetalningskvitto efter varje återbetalning
printer-test = Skriv ut en testsida
printer-test-sent = Testsidan skickad: skrivaren bör skriva ut den nu.
printer-save-first = Spara skrivaren först.

## Om
about-heading = Om Counterpay
about-version = Version
about-data = Datamapp
about-licence = Licens
about-licences = Licenser för det Counterpay levereras med
about-licences-count = { $count } crates och paket, vart och ett under sin egen licens:
about-own-licence = MIT-licensen (filen LICENSE)

## Anslut din butik
connect-store = Anslut din butik
connect-finish = Slutför anslutningen av butiken
setup-title = Anslut din butik
setup-intro = Fyra steg från demon till ditt första riktiga köp. Varje steg sparas när det lyckas: du kan gå ifrån och fortsätta senare.
setup-steps =
    .aria-label = Steg
setup-step-store = Din butik och dess token
setup-step-location = Kassans plats
setup-step-address = Adressen kunderna kommer tillbaka till
setup-step-test-sale = Ett testköp, återbetalat direkt
setup-step-done = (klart)
setup-step-done-title = Din butik är ansluten
setup-address = Butikens adress
setup-address-placeholder = minbutik eller https://minbutik.29next.store
setup-address-help = Butikens namn som i minbutik.29next.store, eller dess fullständiga Admin API-adress.
setup-token-help = Skapa den i butikens kontrollpanel: Settings › API Access › Create App. Ge appen de här behörigheterna och kopiera sedan dess åtkomsttoken hit. Den sparas i datorns nyckelring, aldrig i Counterpays filer.
setup-scopes =
    .aria-label = Behörigheter som token behöver
setup-connected = Ansluten till { $name }. Valutor: { $currencies }. Tidszon: { $timezone }.
setup-location = Där kassan lämnar ut varor
setup-location-help = Det kunderna bär ut ur butiken markeras som levererat på den här platsen, så att butiken aldrig skickar det.
setup-choose-location = Välj kassans plats först.
setup-continue = Använd den här platsen
setup-return-help = Efter betalningen i telefonen kommer kundens webbläsare tillbaka till kassan via en publik adress som når { $local }. Använd en du har (en tunnel eller en omvänd proxy), eller låt Counterpay köra en tunnel.
setup-address-kind = Hur kunderna når kassan
setup-kind-url = En publik adress jag redan har
setup-save-check = Spara och kontrollera
setup-check-again = Kontrollera igen
setup-reachable = Nåbar: { $url } svarar som den här kassan.
setup-unreachable = { $url } når inte den här kassan: { $reason }
setup-test-help = Sälj en produkt för det minsta belopp du väljer och betala den i din egen telefon med Klarna. Så snart den är betald avbryter Counterpay ordern i butiken och pengarna går tillbaka i sin helhet: inget skickas eller behålls.
setup-test-product = Produkt
setup-test-amount = Belopp ({ $currency })
setup-test-amount-help = Det minsta belopp ditt Klarna-konto godtar. Ordern gäller det beloppet.
setup-test-start = Starta testköpet
setup-test-scan = Skanna koden med telefonen och betala, eller öppna länken.
setup-test-waiting = Väntar på betalningen i telefonen…
setup-test-paying-back = Betalt. Ordern avbryts och betalas tillbaka…
setup-test-done = Testköpet fungerade: { $amount } betalt och återbetalt i sin helhet (order { $number }, avbruten i butiken).
setup-test-ended = Testköpet avslutades: { $state }.
setup-reading-catalog = Butikens katalog läses… { $count } produkter hittills.
setup-skip = Hoppa över testköpet
setup-skip-warning = Utan testköp är den första kunden först med att prova Klarna i den här kassan.
setup-skip-confirm = Hoppa över
setup-skip-keep = Behåll testköpet
setup-ready = Allt fungerar med { $name }. Slutför för att börja sälja.
setup-all-done = Den här kassan säljer för { $name }.
setup-finish = Slutför och börja sälja
setup-finished = Ansluten till { $name }. Kassan säljer nu för din butik.
setup-leave = Tillbaka till kassan
setup-leave-later = Gå ifrån nu (det som är klart sparas)
setup-use-demo = Tillbaka till demobutiken
setup-checking-store = Butiken, token och varje behörighet kontrolleras…
setup-checking-address = Kontrollerar att kunderna når kassan…
setup-starting-tunnel = Tunneln startas och kontrolleras…
setup-starting-sale = Butiken tillfrågas om betalningslänken…
setup-saving = Sparar…
