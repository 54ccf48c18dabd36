// The page's first script as built: `src/lib/early.ts` alone, compiled and inlined right after
// the window's own script's tag. Run here on its own, with only what a page gives it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { earlyScript, withEarlyScript } from "../early-script";

/** Run the script as the page would, in a window at `hash` whose Settings picked `language`;
 *  returns the window and the commands asked. */
async function run(hash: string, language: string | null): Promise<{ window: Record<string, unknown>; asked: [string, unknown][] }> {
  const asked: [string, unknown][] = [];
  const workers: string[] = [];
  const window: Record<string, unknown> = {
    __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => { asked.push([cmd, args]); return Promise.resolve(null); } },
  };
  const page = {
    window,
    location: { hash },
    localStorage: { getItem: (k: string) => (k === "counterpay.language" ? language : null) },
    navigator: { languages: ["sv-SE", "en-US"], language: "sv-SE" },
    Worker: class { onmessage: (() => void) | null = null; constructor(url: string) { workers.push(url); queueMicrotask(() => this.onmessage?.()); } },
  };
  new Function(...Object.keys(page), await earlyScript())(...Object.values(page));
  window.workers = workers;
  return { window, asked };
}

describe("the page's first script", () => {
  const html = readFileSync(new URL("../index.html", import.meta.url), "utf8");

  it("comes right after the window's own script is asked for, before the stylesheet", async () => {
    // As Vite writes the page: the window's script and its stylesheet moved into the head.
    const built = html
      .replace(/\s*<script type="module" src="[^"]*"><\/script>/, "")
      .replace(/<link rel="stylesheet"[^>]*>/, '<script type="module" crossorigin src="/assets/index-x.js"></script>\n    <link rel="stylesheet" crossorigin href="/assets/index-x.css">');
    const page = withEarlyScript(built, await earlyScript());
    const at = (s: string) => page.indexOf(s);
    expect(at("<script>")).toBeGreaterThan(at('<script type="module"'));
    expect(at("<script>")).toBeLessThan(at('<link rel="stylesheet"'));
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(() => withEarlyScript("<html><head></head></html>", "")).toThrow("module script");
  });

  it("runs on its own in the counter's window: the language first, then the first questions", async () => {
    const { window, asked } = await run("", "de");
    expect(asked).toEqual([
      ["app_language", { language: "de" }],
      ["app_status", undefined],
      ["staff_state", undefined],
      ["catalog_search", { query: "", limit: 120 }],
    ]);
    expect((window.__counterpayEarly as { language: string }).language).toBe("de");
    // Number formatting is set up on a thread of its own meanwhile.
    expect(window.workers).toEqual(["/warm-intl.js"]);
    expect(await (window.__counterpayEarly as { warmed: Promise<boolean> }).warmed).toBe(true);
  });

  it("takes the system's language when Settings picked none", async () => {
    const { asked } = await run("", null);
    expect(asked[0]).toEqual(["app_language", { language: "sv" }]);
  });

  it("asks nothing in the customer display's window", async () => {
    const { window, asked } = await run("#customer", "de");
    expect(window.__counterpayEarly).toBeUndefined();
    expect(asked).toEqual([]);
  });
});
