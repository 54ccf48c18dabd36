// @vitest-environment jsdom
// Start-up: the counter asks the core for what it shows first before anything is drawn, uses
// each early answer once, and is not held back by a core slow to answer.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { CatalogResults } from "../src/api";
import { app } from "../src/store.svelte";
import { mark, timeline } from "../src/lib/startup";

const listing = (title: string): CatalogResults => ({
  currency: "USD",
  products: [{ product_id: 1, title, subscription: null, variants: [] }],
  cached_variants: 1,
  problem: null,
});
const status = { store: null, counter_id: "c1", public_url: null, version: "0", startup_error: null, reachability: null, tunnel: null, lan_demo: null };
const signin = { required: false, current: null, staff: [], idle_lock_secs: 300 };

/** Answers the start-up commands (a search answers with its query as the product's title);
 *  every command asked is kept in order. `hold` delays the answers until it resolves. */
function core(hold: Promise<void> = Promise.resolve()): string[] {
  const asked: string[] = [];
  mockIPC(async (cmd, args) => {
    if (cmd === "app_ready") return null; // told once the first products are painted
    asked.push(cmd === "catalog_search" ? `catalog_search:${(args as { query: string }).query}` : cmd);
    await hold;
    if (cmd === "app_status") return status;
    if (cmd === "staff_state") return signin;
    if (cmd === "catalog_search") return listing(`for "${(args as { query: string }).query}"`);
    throw new Error(`unexpected command ${cmd}`);
  });
  return asked;
}

afterEach(() => {
  clearMocks();
  app.results = null;
  app.query = "";
  app.signin = null;
});

describe("start-up", () => {
  it("asks for the status, the sign-in and the catalog at once, and uses each answer once", async () => {
    const asked = core();
    await app.begin(5000);
    expect(asked).toEqual(["app_status", "staff_state", "catalog_search:"]);

    expect(await app.firstStatus()).toEqual(status);
    await app.refreshSignIn();
    expect(app.signin).toEqual(signin);
    await app.runSearch();
    expect(app.results?.products[0].title).toBe('for ""');
    // Nothing was asked twice: the early answers were used.
    expect(asked).toEqual(["app_status", "staff_state", "catalog_search:"]);

    // Used once: later calls ask the core again.
    await app.firstStatus();
    await app.refreshSignIn();
    await app.runSearch();
    expect(asked.slice(3)).toEqual(["app_status", "staff_state", "catalog_search:"]);
  });

  it("does not use the early listing for a search with words in it", async () => {
    const asked = core();
    await app.begin(5000);
    app.query = "mug";
    await app.runSearch();
    expect(app.results?.products[0].title).toBe('for "mug"');
    expect(asked).toEqual(["app_status", "staff_state", "catalog_search:", "catalog_search:mug"]);
  });

  it("draws the window after the wait when the core is slow, and the late answers still arrive", async () => {
    let answer!: () => void;
    const asked = core(new Promise((r) => (answer = r)));
    const started = performance.now();
    let begun = false;
    const wait = app.begin(60).then(() => (begun = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(begun).toBe(false);
    await wait;
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);

    // The window now waits for the same answers, not for new ones.
    const first = app.firstStatus();
    answer();
    expect(await first).toEqual(status);
    expect(asked).toEqual(["app_status", "staff_state", "catalog_search:"]);
  });

  it("a failed early answer is the caller's error, once", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_ready") return null;
      if (cmd === "app_status") throw new Error("core not started");
      return cmd === "staff_state" ? signin : listing("x");
    });
    await app.begin(5000);
    await expect(app.firstStatus()).rejects.toThrow("core not started");
  });

  it("keeps the page's marks in time order with the page's time origin", () => {
    mark("first");
    mark("second");
    const { origin, marks } = timeline();
    expect(origin).toBe(performance.timeOrigin);
    const names = marks.map(([name]) => name);
    expect(names.indexOf("first")).toBeLessThan(names.indexOf("second"));
    for (let i = 1; i < marks.length; i++) expect(marks[i][1]).toBeGreaterThanOrEqual(marks[i - 1][1]);
  });
});

describe("the window's start", () => {
  it("draws the counter with its products from the early answers, and asks for the rest after that frame", async () => {
    const { render, cleanup } = await import("@testing-library/svelte");
    const { default: App } = await import("../src/components/App.svelte");
    globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      switch (cmd) {
        case "app_status": return status;
        case "staff_state": return signin;
        case "catalog_search": return listing("Enamel Mug");
        case "events_subscribe": return 1;
        case "events_next": return new Promise(() => undefined); // no events
        case "history_list": return [];
        case "app_ready": return null;
        default: return Promise.reject(new Error(`not answered in this test: ${cmd}`));
      }
    });
    await app.begin(5000);
    const { container } = render(App);
    // The early answers are in: the counter and its products are drawn in the same task.
    await Promise.resolve();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(container.querySelector('[data-testid="results"]')?.textContent).toContain("Enamel Mug");
    expect(asked).toEqual(["app_status", "staff_state", "catalog_search"]);

    // After the frame: the core's events, the sign-in again, the settings, the guide, open sales.
    await new Promise((r) => setTimeout(r, 100));
    expect(asked.filter((c) => c !== "events_next").slice(3, 7)).toEqual(["events_subscribe", "staff_state", "settings_get", "setup_view"]);
    expect(asked).toContain("history_list");
    cleanup();
  });
});

describe("the basket's first frame", () => {
  it("names the one pay language as the core does until the settings are in, then in the window's language", async () => {
    // The webview's language names load ICU data: not for the first frame, which shows one.
    const { render, cleanup } = await import("@testing-library/svelte");
    const { tick } = await import("svelte");
    const { default: Basket } = await import("../src/components/Basket.svelte");
    const { setLanguage } = await import("../src/lib/i18n");
    const Real = Intl.DisplayNames;
    let made = 0;
    const intl = Intl as { DisplayNames: typeof Real };
    intl.DisplayNames = class extends Real { constructor(...args: ConstructorParameters<typeof Real>) { super(...args); made++; } } as typeof Real;
    setLanguage("de");
    try {
      app.settings = null;
      const { container } = render(Basket);
      const options = () => Array.from(container.querySelectorAll('[data-testid="pay-language"] option')).map((o) => o.textContent);
      expect(options()).toEqual(["English"]);
      expect(made).toBe(0);
      app.settings = { payment_languages: [["en", "English"], ["sv", "Swedish"]], effective: { payment_language: "en" } } as unknown as typeof app.settings;
      await tick();
      expect(options()).toEqual(["Englisch", "Schwedisch"]);
      expect(made).toBeGreaterThan(0);
    } finally {
      cleanup();
      app.settings = null;
      setLanguage("en");
      intl.DisplayNames = Real;
    }
  });
});
