# Counterpay, svenska. Varje meddelande finns också i locales/en och locales/de (ett test kontrollerar det).

## Sidhuvud och flikar
starting = Counterpay startar…
view-loading = Öppnar…
view-failed = Vyn kunde inte öppnas.
view-retry = Försök igen
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
upsell-bad-price = ”{ $text }” är inget pris. Använd siffror och decimalkomma, till exempel 19,90.
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

## Fel i varukorgen
basket-error-quantity-at-least-one = antalet måste vara minst 1
basket-error-quantity-whole = antalet måste vara ett heltal
basket-error-too-many-lines = en varukorg rymmer högst { $max } rader
basket-error-price-negative = ett pris kan inte vara negativt
basket-error-price-decimals = ett pris har högst två decimaler
basket-error-not-decimal = siffror och decimalkomma eller punkt, till exempel 19,90

## Kvittoskrivaren på Betald-skärmen
receipt-printed = Kvitto utskrivet.
receipt-prints-itself = Kvittot skrivs ut av sig självt.
receipt-on-button = Skriv ut ett kvitto om kunden vill ha ett.
