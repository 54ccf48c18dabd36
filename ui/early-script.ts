// The page's first script, inlined in its head right after the character set (before the
// stylesheet, which would hold a script back): `src/lib/early.ts` alone, compiled, asking the
// core the counter's first questions while the window's own code is fetched and compiled.
// Tauri adds the inlined script's hash to the window's content security policy when it
// bundles the page.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { transformWithEsbuild, type Plugin } from "vite";

const SOURCE = fileURLToPath(new URL("./src/lib/early.ts", import.meta.url));
const CHARSET = '<meta charset="UTF-8" />';

/** The inlined script: the counter's window asks (the customer display's asks nothing). */
export async function earlyScript(): Promise<string> {
  const { code } = await transformWithEsbuild(readFileSync(SOURCE, "utf8"), SOURCE, { format: "iife", globalName: "early", minify: true, target: "es2022" });
  const ask = `if(location.hash!=="#customer"&&window.__TAURI_INTERNALS__)window.__counterpayEarly=early.askEarly((c,a)=>window.__TAURI_INTERNALS__.invoke(c,a));`;
  return `(()=>{${code}${ask}})();`;
}

/** `html` with `script` inlined after its character set. */
export function withEarlyScript(html: string, script: string): string {
  if (!html.includes(CHARSET)) throw new Error(`the page has no character set (${CHARSET}) to put its first script after`);
  return html.replace(CHARSET, `${CHARSET}\n    <script>${script}</script>`);
}

/** Vite's side: every build of the page (and the dev server's) carries the script. */
export function earlyQuestions(): Plugin {
  return {
    name: "counterpay-early-questions",
    async transformIndexHtml(html) {
      return withEarlyScript(html, await earlyScript());
    },
  };
}
