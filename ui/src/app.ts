// The window's entry: the counter, or the customer display (the second window opens this
// page at `#customer`), in the language picked in Settings or else the system's.

import { mount } from "svelte";
import App from "./components/App.svelte";
import CustomerDisplay from "./components/CustomerDisplay.svelte";
import { setLanguage } from "./lib/i18n";
import { savedLanguage, systemLanguage } from "./lib/locale";

const language = savedLanguage() ?? systemLanguage();
setLanguage(language);
document.documentElement.lang = language;

const target = document.getElementById("app")!;
target.replaceChildren();
mount(location.hash === "#customer" ? CustomerDisplay : App, { target });
