# Die Seiten, die das Telefon der Kundschaft nach dem Bezahlen zeigt, auf Deutsch.
receipt-title = Zahlung abgeschlossen
receipt-heading = Vielen Dank, Ihre Zahlung ist abgeschlossen
receipt-order = Bestellung { $number } bei { $shop }.
receipt-total = Summe
receipt-close = Sie können diese Seite schließen. Ihren Beleg erhalten Sie auch per E-Mail.
failed-title = Zahlung nicht abgeschlossen
failed-text = Es wurde nichts belastet. Bitte gehen Sie zurück zur Kasse von { $shop }; das Personal hilft Ihnen, es noch einmal zu versuchen.
checking-title = Zahlung wird bestätigt
checking-heading = Wir bestätigen Ihre Zahlung
checking-text = { $shop } prüft Ihre Zahlung beim Shop. Bitte zeigen Sie diesen Bildschirm dem Personal an der Kasse.
see-staff-title = Bitte wenden Sie sich an das Personal
see-staff-text = Diese Zahlung konnte dem Verkauf bei { $shop } nicht zugeordnet werden. Bitte zeigen Sie diesen Bildschirm an der Kasse; es geht nichts verloren.
error-title = Anfrage nicht angenommen
error-heading = Dieser Link hat nicht funktioniert
error-help = Wenn Sie gerade in einem Geschäft bezahlen, zeigen Sie diesen Bildschirm bitte dem Personal.
error-internal = Bei uns ist etwas schiefgegangen. Bitte zeigen Sie diesen Bildschirm dem Personal.
