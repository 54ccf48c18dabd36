// Started by the page's first script (src/lib/early.ts) on a thread of its own: the first
// number and plural formatted in the web process pay for the set-up of the ICU library's
// number and plural data (about 15 ms here), which every thread then shares. Done here, while
// the window's own script is fetched and compiled, the counter's first prices and counts
// are not held back by it. `name` is the window's language.
new Intl.NumberFormat(self.name, { style: "currency", currency: "EUR" }).format(1);
new Intl.NumberFormat(self.name).format(1);
new Intl.PluralRules(self.name).select(1);
postMessage("warmed");
close();
