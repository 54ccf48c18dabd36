// The window's entry: the counter, or the customer display (the second window opens this
// page at `#customer`), in the language picked in Settings or else the system's.

import { mount } from "svelte";
import App from "./components/App.svelte";
import CustomerDisplay from "./components/CustomerDisplay.svelte";
import { setLanguage } from "./lib/i18n";
import { savedLanguage, systemLanguage } from "./lib/locale";
import { api } from "./api";
import { app } from "./store.svelte";
import { mark } from "./lib/startup";

mark("script");

const language = savedLanguage() ?? systemLanguage();
setLanguage(language);
document.documentElement.lang = language;
// The counter asks the core for what it shows first before drawing anything, and draws the
// counter once those answers are in (the page shows "Starting Counterpay…" meanwhile): one
// layout and one paint of the whole window instead of three of a filling shell. A core slow
// to answer does not hold the window back for more than BEGIN_WAIT_MS.
const BEGIN_WAIT_MS = 400;

async function main(): Promise<void> {
  const customer = location.hash === "#customer";
  if (!customer) {
    // The counter's language is the staff's: the core writes its sentences in it too. (The
    // customer display follows the customer's pick and leaves the staff's alone.)
    void api.language(language).catch(() => undefined);
    await app.begin(BEGIN_WAIT_MS);
    mark("answered");
  }
  const target = document.getElementById("app")!;
  target.replaceChildren();
  mount(customer ? CustomerDisplay : App, { target });
  mark("mounted");
}
void main();
