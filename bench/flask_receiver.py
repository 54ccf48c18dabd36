"""The return receiver as the Klarna guide's Python example writes it: parse the posted
`response` field with json.loads and answer. No token check, no verification with the store.
Run by `make bench` (crates/core/benches/endpoint.rs) with Flask's threaded server, for the
side-by-side figure in BENCHMARKS.md."""

import json
import sys

from flask import Flask, request

app = Flask(__name__)


@app.post("/klarna/return/<token>")
def order_receiver_view(token):
    data = json.loads(request.form.get("response"))
    if not data:
        return "<h1>Payment not completed</h1>", 200
    return f"<h1>Thank you</h1><p>Order {data.get('number')}</p>", 201


if __name__ == "__main__":
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)
