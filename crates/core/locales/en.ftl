# The pages the customer's phone shows after paying, in English. Every message is also in
# de.ftl and sv.ftl (a test checks). Placeables arrive HTML-escaped.
receipt-title = Payment complete
receipt-heading = Thank you, your payment is complete
receipt-order = Order { $number } at { $shop }.
receipt-total = Total
receipt-close = You can close this page. Your receipt is also sent by email.
failed-title = Payment not completed
failed-text = Nothing was charged. Please go back to the counter at { $shop } and the staff will help you try again.
checking-title = Confirming payment
checking-heading = We are confirming your payment
checking-text = { $shop } is checking your payment with the store. Please show this screen to the staff at the counter.
see-staff-title = Please see the staff
see-staff-text = This payment could not be matched to the sale at { $shop }. Please show this screen at the counter; nothing is lost.
error-title = Request not accepted
error-heading = This link did not work
error-help = If you were paying at a shop, please show this screen to the staff.
error-internal = Something went wrong on our side. Please show this screen to the staff.
