// The window's entry: the counter, or the customer display (the second window opens this
// page at `#customer`), in the language picked in Settings or else the system's.

import { mount } from "svelte";
import App from "./components/App.svelte";
import CustomerDisplay from "./components/CustomerDisplay.svelte";
import { setLanguage } from "./lib/i18n";
import { savedLanguage, systemLanguage } from "./lib/locale";
import { api } from "./api";

const language = savedLanguage() ?? systemLanguage();
setLanguage(language);
document.documentElement.lang = language;
// The counter's language is the staff's: the core writes its sentences in it too. (The
// customer display follows the customer's pick and leaves the staff's alone.)
if (location.hash !== "#customer") void api.language(language).catch(() => undefined);

const target = document.getElementById("app")!;
target.replaceChildren();
mount(location.hash === "#customer" ? CustomerDisplay : App, { target });
