// The page's first script, inlined in its head right after the window's own script's tag:
// `src/lib/early.ts` alone, compiled, asking the core the counter's first questions while the
// window's own code is fetched and compiled.
// Tauri adds the inlined script's hash to the window's content security policy when it
// bundles the page.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { transformWithEsbuild, type Plugin } from "vite";

const SOURCE = fileURLToPath(new URL("./src/lib/early.ts", import.meta.url));

/** The inlined script: the counter's window asks (the customer display's asks nothing). */
export async function earlyScript(): Promise<string> {
  const { code } = await transformWithEsbuild(readFileSync(SOURCE, "utf8"), SOURCE, { format: "iife", globalName: "early", minify: true, target: "es2022" });
  const ask = `if(location.hash!=="#customer"&&window.__TAURI_INTERNALS__)window.__counterpayEarly=early.askEarly((c,a)=>window.__TAURI_INTERNALS__.invoke(c,a));`;
  return `(()=>{${code}${ask}})();`;
}

/** `html` with `script` inlined right after the tag of the window's own script: that script is
 *  asked for first, and the first questions go out while it is fetched and compiled. (Before
 *  the stylesheet, which would hold an inlined script back.) */
export function withEarlyScript(html: string, script: string): string {
  const at = /<script type="module"[^>]*><\/script>/.exec(html);
  if (!at) throw new Error("the page has no module script to put its first script after");
  const end = at.index + at[0].length;
  return `${html.slice(0, end)}\n    <script>${script}</script>${html.slice(end)}`;
}

/** Vite's side: every build of the page (and the dev server's) carries the script. */
export function earlyQuestions(): Plugin {
  return {
    name: "counterpay-early-questions",
    transformIndexHtml: {
      // After Vite has put the window's own script in the page.
      order: "post",
      handler: async (html) => withEarlyScript(html, await earlyScript()),
    },
  };
}
