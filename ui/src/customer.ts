// The customer-facing display window. It listens and renders; it has no buttons and no
// commands (its capability grants only listening), so nothing in it can change a sale.

import { listen } from "@tauri-apps/api/event";
import { type DisplayState, screenOf } from "./display";
import { byId, h, replace } from "./dom";
import { countdown } from "./labels";

let current: DisplayState | null = null;

function render(): void {
  const root = byId("app")!;
  const d = current;
  if (!d) return replace(root, h("main", { class: "cd" }, h("h1", { class: "cd-title" }, "Welcome")));
  const screen = screenOf(d);
  const s = d.sale;
  const body = (() => {
    switch (screen) {
      case "welcome":
        return [h("h1", { class: "cd-title" }, `Welcome to ${d.shop}`)];
      case "basket":
        return [
          h("h1", { class: "cd-heading" }, "Your items"),
          h("ul", { class: "cd-lines", "data-testid": "cd-lines" }, ...d.lines.map((l) =>
            h("li", {}, h("span", {}, `${l.quantity} × ${l.title}`), h("span", { class: "cd-amount" }, l.amount)))),
          h("div", { class: "cd-total" }, h("span", {}, `Total · ${d.items} item${d.items === 1 ? "" : "s"}`), h("strong", { "data-testid": "cd-total" }, d.total)),
        ];
      case "preparing":
        return [h("h1", { class: "cd-heading" }, "Preparing your payment…"), h("p", { class: "cd-big" }, s!.amount)];
      case "scan":
        return [
          h("h1", { class: "cd-heading" }, "Scan to pay with Klarna"),
          h("img", { class: "cd-qr", alt: "QR code for your payment", "data-testid": "cd-qr", src: `data:image/svg+xml;base64,${btoa(s!.qr_svg!)}` }),
          h("p", { class: "cd-big", "data-testid": "cd-amount" }, s!.amount),
          h("p", { class: "cd-muted", id: "cd-countdown" }, ""),
        ];
      case "confirming":
        return [h("h1", { class: "cd-heading" }, "Confirming your payment…"), h("p", { class: "cd-big" }, s!.amount)];
      case "thanks":
        return [h("div", { class: "cd-mark ok" }, "✓"), h("h1", { class: "cd-title" }, "Thank you!"),
          h("p", { class: "cd-big" }, `${s!.amount} paid`), s!.order_number ? h("p", { class: "cd-muted" }, `Order ${s!.order_number}`) : null];
      case "failed":
        return [h("div", { class: "cd-mark bad" }, "!"), h("h1", { class: "cd-title" }, "Payment failed"), h("p", { class: "cd-muted" }, "Nothing was charged. Please speak to the staff.")];
      case "ended":
        return [h("h1", { class: "cd-title" }, "This payment was stopped"), h("p", { class: "cd-muted" }, "Please speak to the staff.")];
    }
  })();
  replace(root, h("main", { class: `cd cd-${screen}`, "data-testid": "customer-display", "data-screen": screen }, ...body));
  tick();
}

function tick(): void {
  const el = byId("cd-countdown");
  const at = current?.sale?.expires_at;
  if (el && at) el.textContent = `This code works for ${countdown(at - Date.now())}`;
}

export async function runCustomerDisplay(): Promise<void> {
  document.body.classList.add("customer");
  render();
  // Only what the counter window sends: the core's events (with staff and customer names)
  // never reach this window.
  await listen<DisplayState>("display:state", (e) => {
    const before = JSON.stringify(current);
    current = e.payload;
    if (JSON.stringify(current) !== before) render();
  });
  window.setInterval(tick, 1000);
}
