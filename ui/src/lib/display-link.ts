// The counter's side of the customer display: it opens and closes the second window and
// sends it what the counter shows now (the display renders nothing else).

import { emitTo } from "@tauri-apps/api/event";
import { api } from "../api";
import { displayState } from "../display";
import { app } from "../store.svelte";
import { language } from "./i18n";

export const DISPLAY_SCREEN = "counterpay.display.screen";
export const DISPLAY_FULLSCREEN = "counterpay.display.fullscreen";

/** Send the customer display the basket and the sale, in the language picked for the
 *  customer's payment page (else the window's own). */
export function publishDisplay(): void {
  if (!app.displayOpen) return;
  const shop = app.status?.store?.info?.name ?? "";
  const state = displayState(shop, app.basket, app.currency, app.sale);
  const lang = (app.sale?.language ?? app.payLanguage ?? language()).toLowerCase().split("-")[0];
  void emitTo("customer", "display:state", { ...state, language: lang }).catch(() => undefined);
}

export async function toggleDisplay(): Promise<void> {
  try {
    if (app.displayOpen) {
      await api.closeDisplay();
      app.displayOpen = false;
    } else {
      const screen = localStorage.getItem(DISPLAY_SCREEN);
      await api.openDisplay(screen === null || screen === "" ? null : Number(screen), localStorage.getItem(DISPLAY_FULLSCREEN) === "1");
      app.displayOpen = true;
      publishDisplay();
    }
  } catch (e) {
    app.fail(e);
  }
}
