# Counterpay, svenska. Varje meddelande finns också i en.ftl och de.ftl (ett test kontrollerar det).

## Sidhuvud och flikar
starting = Counterpay startar…
connecting = Ansluter…
demo-store = Demobutik
no-store = Ingen butik
demo-badge = DEMO
    .title = Den inbyggda demobutiken: inga riktiga pengar rör sig
no-token = · ingen API-token
tabs =
    .aria-label = Vyer
tab-counter = Kassa
tab-history = Historik
tab-settings = Inställningar
tab-reports = Rapporter
role-manager = chef
role-cashier = kassör
switch-user = Byt
    .title = Logga ut; nästa person loggar in med sin PIN
display-toggle =
    .title = Ett andra fönster för en skärm som vänder sig mot kunden
display-open = Kundskärm
display-close = Stäng kundskärmen

## Meddelanden
late-title = Sen betalning mottagen.
late-text = Order { $number } ({ $amount }) betalades efter att försäljningen avbrutits eller gått ut. Lämna ut varorna eller återbetala.
dismiss = Dölj
open-sales = { $count ->
    [one] En försäljning från tidigare är fortfarande öppen:
   *[other] { $count } försäljningar från tidigare är fortfarande öppna:
}

## Kassa: sökning och katalog
search =
    .placeholder = Sök, eller skanna en streckkod (3*kod lägger till 3)
    .aria-label = Sök i katalogen eller skanna en streckkod
sync-progress =
    .aria-label = Katalogsynk
items = { $count ->
    [one] { $count } artikel
   *[other] { $count } artiklar
}
sync-running = { $pages ->
    [one] Synkar katalogen: { $pages } sida, { $variants } artiklar. Du kan fortsätta sälja.
   *[other] Synkar katalogen: { $pages } sidor, { $variants } artiklar. Du kan fortsätta sälja.
}
sync-failed = Katalogsynken misslyckades; försäljningen sker från den sparade katalogen.
sync-failed-notice = Katalogsynken misslyckades: { $reason }
sync-now = Synka katalogen
catalog-loading = Katalogen laddas…
catalog-syncing = Katalogen synkas; produkterna visas om en stund.
catalog-empty = Katalogen är tom. Tryck på ”Synka katalogen”.
no-match = Inget matchar ”{ $query }”.
no-such-code = Ingen produkt har koden ”{ $code }”. Kontrollera varan eller sök på namnet.
cannot-sell = { $title } kan inte säljas just nu.
no-price = inget pris
price-from = från { $price }
unavailable = inte tillgänglig
options = { $count ->
    [one] { $count } variant
   *[other] { $count } varianter
}
subscription = prenumeration
low-stock = Få kvar
out-of-stock = Slutsåld

## Varukorg
basket = Varukorg
basket-empty = Tryck på en produkt eller skanna en streckkod för att börja en försäljning.
subscription-tag = Prenumeration, { $plan }
subscription-every = { $interval ->
    [day] { $count ->
        [one] varje dag
       *[other] var { $count }:e dag
    }
    [week] { $count ->
        [one] varje vecka
       *[other] var { $count }:e vecka
    }
    [month] { $count ->
        [one] varje månad
       *[other] var { $count }:e månad
    }
    [year] { $count ->
        [one] varje år
       *[other] vart { $count }:e år
    }
   *[other] var { $count }:e { $interval }
}
ship-line = Skicka till kunden
ship-all = Skicka hela försäljningen till kunden
price-of = Pris för { $title }
price-set = Ange
price-empty-hint = (tomt: katalogpris)
price-edit =
    .title = Ange ett annat pris för raden
each = { $price } styck
price-was-set = pris angivet
not-a-price = ”{ $text }” är inget pris: { $reason }.
one-less = En { $title } mindre
one-more = En { $title } till
quantity-of = Antal { $title }
remove = Ta bort { $title }
basket-total = { $count ->
    [one] Totalt · { $count } artikel
   *[other] Totalt · { $count } artiklar
}
pay-language = Språk på Klarnas sida
clear = Töm
charge = Ta betalt { $total }
    .title = Ctrl+Enter
charging = Skapar länk…
charge-off-tunnel = Betalning är avstängd: { $why }
charge-off-unreachable = Betalning är avstängd: kunderna kunde inte komma tillbaka till { $url } efter betalningen ({ $reason }). Kontrollera tunneln eller Inställningar › Publik URL.
the-counter = kassan
lan-demo-on = Telefondemo är på: telefoner i det här nätet når demobutiken på { $address }. Endast demo, inga riktiga pengar.
tunnel-off = ingen tunnel hanteras här.
tunnel-starting = startar { $program }; väntar på dess publika adress…
tunnel-up = { $program } är igång på { $url }.
tunnel-restarting = { $program } stoppade ({ $reason }); startar om om { $seconds } s.

## Variantval
choose = Välj { $title }
plan-group =
    .aria-label = Engångsköp eller prenumeration
plan-once = Engångsköp
stock-here-elsewhere = { $here } här · { $elsewhere } på annat håll
close-esc = Stäng (Esc)

## Försäljningen i butiken
closing-closed = Avslutad i butiken
closing-running = Avslutas i butiken…
retry = Försök igen

## Försäljningen
sale-creating = Skapar Klarna-betalningen…
sale-creating-help = Butiken ombeds om en betallänk. Det brukar ta en sekund.
sale-draft = Betalningen kunde inte skapas
sale-draft-reason = Butiken gav ingen betallänk.
sale-scan = Skanna för att betala med Klarna
sale-scan-help = Be kunden skanna koden med mobilkameran och slutföra i Klarna.
qr =
    .alt = QR-kod till Klarnas betalsida
time-left = Tid kvar
open-here = Öppna på den här datorn
copy-link = Kopiera länken
payment-link =
    .title = För en kund som inte kan skanna: skriv in eller skicka länken
link-copied = Länken kopierad.
link-selected = Länken är markerad: tryck Ctrl+C för att kopiera den.
handover-counter = Lämnas ut i kassan
handover-shipped = Skickas till kunden av butiken
handover-some = { $shipped } av { $lines } rader skickas till kunden; resten lämnas ut
handover-language = { $goods } · Klarnas sida på { $language }
sale-review = Betalningen behöver kontrolleras av en chef
sale-review-reason = Butiken har en betalning som kanske inte hör till den här försäljningen.
sale-review-help = Lämna inte ut varorna förrän en chef har kontrollerat ordern i butiken.
dismiss-review = Inte den här försäljningens betalning
accept-review = Godkänn betalningen
ask-manager = Be en chef logga in och kontrollera den.
sale-paid = Betald
sale-paid-late = Betald (efter att försäljningen avslutats)
order = Order
receipt-by-store = Butiken mejlar kvittot till kunden.
receipt-none = Butiken skickar inget kvitto per mejl: skriv ut ett från Historik om kunden vill ha det.
new-sale = Ny försäljning
sale-failed = Betalningen misslyckades
sale-failed-default = Klarna godkände inte betalningen.
sale-failed-reason = { $reason } Inget drogs.
sale-rejected = Betalningen avvisad
sale-rejected-reason = En chef har bedömt att betalningen inte hör till den här försäljningen.
sale-rejected-help = Lämna inte ut varorna. Kontrollera ordern i butikens adminpanel.
sale-expired = Betallänken har gått ut
sale-cancelled = Försäljningen avbruten
sale-ended-help = Om kunden ändå betalar registreras betalningen och visas här.
back-to-basket = Tillbaka till varukorgen
try-again = Försök igen
charge-again = Ta betalt igen
cancel-sale = Avbryt försäljningen
charge-not-approved = Ingen betalning: priserna behöver godkännas av en chef.
charge-not-configured = { $reason } (Inställningar, F3)

## Merförsäljning
upsells = Lägg till i ordern
upsells-loading = Letar efter produkter att erbjuda…
upsells-unavailable = Merförsäljning är inte möjlig för den här ordern.
upsells-none = Inget att föreslå för den här ordern.
upsells-how = Dras direkt från kundens Klarna-betalning, utan ny skanning.
upsell-price-of = Pris för { $title } (valfritt)
upsell-add = Lägg till och dra
upsell-bad-quantity = Ange ett heltal, minst 1.
upsell-bad-price = ”{ $text }” är inget pris. Använd siffror och punkt, till exempel 19.90.
upsell-not-approved = Inte tillagd: priset behöver godkännas av en chef.
upsell-added = { $quantity } × { $title } tillagd.
upsell-declined = Merförsäljningen drogs inte.
upsell-state-requested = Dras…
upsell-state-charged = Dragen
upsell-state-declined = Inte dragen
upsell-state-unknown = Kontrolleras med butiken…

## Försäljningens status
state-draft = Inte skickad
state-creating = Skapar länk
state-awaiting-payment = Väntar på kunden
state-review = Behöver chefens kontroll
state-paid = Betald
state-paid-after-cancel = Betald efter avbrott
state-failed = Betalningen misslyckades
state-rejected = Betalningen avvisad
state-cancelled = Avbruten
state-expired = Utgången

## Ordernummer som angetts för en försäljning
claim-times = { $posts ->
    [0] {""}
    [1] {""}
   *[other] {" "}({ $posts } gånger)
}
claim-checking = Order { $number } angavs för den här försäljningen{ $times }: kontrolleras med butiken.
claim-recheck = Order { $number } angavs för den här försäljningen{ $times }, men: { $lower } Väntar fortfarande på kundens betalning.
claim-recheck-plain = Order { $number } angavs för den här försäljningen{ $times }, men butiken har ännu ingen sådan betald order. Väntar fortfarande på kundens betalning.
claim-refused = Order { $number } angavs för den här försäljningen{ $times }, men är inte dess betalning: { $lower }
claim-refused-plain = Order { $number } angavs för den här försäljningen{ $times }, men är inte dess betalning.
claim-review = Order { $number } väntar på chefens kontroll: { $reason }
claim-accepted = Order { $number } betalade den här försäljningen.

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

## Kundskärm
cd-welcome = Välkommen
cd-welcome-to = Välkommen till { $shop }
cd-items = Dina varor
cd-preparing = Din betalning förbereds…
cd-qr =
    .alt = QR-kod för din betalning
cd-code-works = Koden gäller i { $time }
cd-confirming = Din betalning bekräftas…
cd-thanks = Tack!
cd-paid = { $amount } betalt
cd-failed-help = Inget drogs. Vänd dig till personalen.
cd-stopped = Betalningen stoppades
cd-speak-to-staff = Vänd dig till personalen.

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
