# Sidorna som kundens telefon visar efter betalningen, på svenska.
receipt-title = Betalningen är klar
receipt-heading = Tack, din betalning är klar
receipt-order = Order { $number } hos { $shop }.
receipt-total = Totalt
receipt-close = Du kan stänga sidan. Kvittot skickas också per mejl.
failed-title = Betalningen genomfördes inte
failed-text = Inget drogs. Gå tillbaka till kassan hos { $shop }, så hjälper personalen dig att försöka igen.
checking-title = Betalningen bekräftas
checking-heading = Vi bekräftar din betalning
checking-text = { $shop } kontrollerar din betalning med butiken. Visa den här skärmen för personalen i kassan.
see-staff-title = Vänd dig till personalen
see-staff-text = Betalningen kunde inte kopplas till försäljningen hos { $shop }. Visa den här skärmen i kassan; inget har gått förlorat.
error-title = Begäran godtogs inte
error-heading = Länken fungerade inte
error-help = Om du betalade i en butik, visa den här skärmen för personalen.
error-internal = Något gick fel hos oss. Visa den här skärmen för personalen.
