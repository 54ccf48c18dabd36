// The window's entry: the counter, or the customer display (the second window opens this
// page at `#customer`), in the language picked in Settings or else the system's.

import { mount } from "svelte";
import App from "./components/App.svelte";
import { setLanguage } from "./lib/i18n";
import { askEarly, savedLanguage, systemLanguage } from "./lib/early";
import { rawInvoke } from "./api";
import { app } from "./store.svelte";
import { mark } from "./lib/startup";

mark("script");

const customer = location.hash === "#customer";
// The counter's first questions to the core went out from the page's head (`lib/early`); a
// page without that script asks them now. The customer display asks none of them.
const early = customer ? null : window.__counterpayEarly ?? askEarly(rawInvoke);
const language = early?.language ?? savedLanguage() ?? systemLanguage();
setLanguage(language);
document.documentElement.lang = language;
// The counter asks the core for what it shows first before drawing anything, and draws the
// counter once those answers are in (the page shows "Starting Counterpay…" meanwhile): one
// layout and one paint of the whole window instead of three of a filling shell. A core slow
// to answer does not hold the window back for more than BEGIN_WAIT_MS.
const BEGIN_WAIT_MS = 400;

async function main(): Promise<void> {
  if (early) {
    await app.begin(BEGIN_WAIT_MS, early);
    mark("answered");
  }
  // The customer display's window is the only one that draws it: its code is a script of its own.
  const root = customer ? (await import("./components/CustomerDisplay.svelte")).default : App;
  const target = document.getElementById("app")!;
  target.replaceChildren();
  mount(root, { target });
  mark("mounted");
}
void main();
