// @vitest-environment jsdom
// The counter's search box as a keyboard-wedge scanner drives it: what it asks the core for,
// so that a scan does not queue behind work nobody sees.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render } from "@testing-library/svelte";
import { tick } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { CatalogResults } from "../src/api";
import { app } from "../src/store.svelte";
import Counter from "../src/components/Counter.svelte";

// jsdom lays nothing out and has no ResizeObserver: the grid's size stays 0, so a screenful
// of tiles is its least, 24.
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;

const mug = {
  product_id: 10, title: "Enamel Mug", subscription: null,
  variants: [{ id: 11, title: "", sku: "MUG-11", upc: "0400000000011", price: "9.50", sellable: true, availability: "in_stock", stock_here: null, stock_elsewhere: null }],
};
const listing = (products: CatalogResults["products"]): CatalogResults => ({ currency: "USD", products, cached_variants: 1, problem: null });

/** The core's catalog search, answered by `find`; every query asked is kept in `asked`. */
function catalog(find: (query: string) => CatalogResults["products"], asked: string[] = []): string[] {
  mockIPC((cmd, args) => {
    if (cmd !== "catalog_search") throw new Error(`unexpected command ${cmd}`);
    const query = (args as { query: string }).query;
    asked.push(query);
    return listing(find(query));
  });
  return asked;
}

/** The mug's listing, and the mug for any prefix of its SKU. */
const mugByCode = (query: string) => (query === "" || "mug-11".startsWith(query.toLowerCase()) ? [mug] : []);

/** The code's keys, back to back, as a scanner types them into the search box: a key the page
 *  cancels is not typed, as in a browser. */
function keys(code: string): HTMLInputElement {
  const box = document.querySelector<HTMLInputElement>('[data-testid="search"]')!;
  box.focus();
  for (const ch of code) {
    const key = new KeyboardEvent("keydown", { key: ch, bubbles: true, cancelable: true });
    box.dispatchEvent(key);
    if (key.defaultPrevented) continue;
    box.value += ch;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  return box;
}

/** The code's keys and Enter, back to back, as a scanner types them. */
function scan(code: string): void {
  keys(code).dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
}

/** Let frames and timers run (the grid's refresh waits for a frame). */
const settle = () => new Promise((r) => setTimeout(r, 80));

afterEach(() => {
  cleanup();
  clearMocks();
  app.basket.clear();
  app.results = null;
  app.query = "";
  app.resultsFor = "";
});

const tote = {
  product_id: 20, title: "Canvas Tote", subscription: null,
  variants: [{ id: 21, title: "", sku: "TOTE-21", upc: "", price: "18.00", sellable: true, availability: "in_stock", stock_here: null, stock_elsewhere: null }],
};

describe("the products grid", () => {
  it("draws each search's products in the tiles already there, and a click adds the product shown", async () => {
    catalog((query) => (query === "" ? [mug, tote] : query === "tote" ? [tote] : [mug]));
    render(Counter);
    await vi.waitFor(() => expect(document.querySelectorAll(".tile").length).toBe(2));
    const first = document.querySelector(".tile")!;
    app.query = "tote";
    await app.runSearch();
    await tick();
    const tiles = document.querySelectorAll<HTMLButtonElement>(".tile");
    expect(tiles.length).toBe(1);
    expect(tiles[0]).toBe(first);
    expect(tiles[0].dataset.testid).toBe("product-20");
    expect(tiles[0].textContent).toContain("Canvas Tote");
    expect(tiles[0].textContent).toContain("$18.00");
    tiles[0].click();
    expect(app.basket.lines.map((l) => l.variantId)).toEqual([21]);
  });
});

describe("many results", () => {
  it("come a screenful first, and every one of them a frame later", async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...tote, product_id: 100 + i, title: `Tote ${i}` }));
    catalog((query) => (query === "" ? [mug] : many));
    render(Counter);
    await vi.waitFor(() => expect(document.querySelectorAll(".tile").length).toBe(1));
    app.query = "tote";
    await app.runSearch();
    await tick();
    expect(document.querySelectorAll(".tile").length).toBe(24);
    await vi.waitFor(() => expect(document.querySelectorAll(".tile").length).toBe(30));
    expect(document.querySelectorAll(".tile")[29].textContent).toContain("Tote 29");
  });
});

describe("the grid's size", () => {
  it("is not read while the counter is drawn, and a screenful follows the size its observer reports", async () => {
    // Reading the grid's size while drawing lays the whole window out before its products are
    // in (then again with them): the size comes from a ResizeObserver, after a layout.
    const observers: { callback: ResizeObserverCallback; targets: Element[] }[] = [];
    const original = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      targets: Element[] = [];
      constructor(callback: ResizeObserverCallback) { observers.push({ callback, targets: this.targets }); }
      observe(el: Element) { this.targets.push(el); }
      unobserve() {}
      disconnect() { this.targets.length = 0; }
    } as unknown as typeof ResizeObserver;
    const width = vi.spyOn(Element.prototype, "clientWidth", "get");
    const height = vi.spyOn(Element.prototype, "clientHeight", "get");
    try {
      const many = Array.from({ length: 40 }, (_, i) => ({ ...tote, product_id: 100 + i, title: `Tote ${i}` }));
      catalog((query) => (query === "" ? [mug] : many));
      render(Counter);
      await vi.waitFor(() => expect(document.querySelectorAll(".tile").length).toBe(1));
      expect(width).not.toHaveBeenCalled();
      expect(height).not.toHaveBeenCalled();
      const grid = observers.find((o) => o.targets.some((t) => t.id === "results"));
      expect(grid).toBeDefined();
      // Laid out at 1,000 by 500: five columns of tiles (190 wide, 11 apart), four rows and one
      // to spare.
      width.mockReturnValue(1000);
      height.mockReturnValue(500);
      grid!.callback([], {} as ResizeObserver);
      app.query = "tote";
      await app.runSearch();
      await tick();
      expect(document.querySelectorAll(".tile").length).toBe(25);
      await vi.waitFor(() => expect(document.querySelectorAll(".tile").length).toBe(40));
    } finally {
      width.mockRestore();
      height.mockRestore();
      globalThis.ResizeObserver = original;
    }
  });
});

describe("a scan at the counter", () => {
  it("adds its line and leaves the catalog's listing as it is: no search of the whole catalog after it", async () => {
    const asked = catalog(mugByCode);
    render(Counter);
    await vi.waitFor(() => expect(app.listsCatalog).toBe(true));
    asked.length = 0;

    scan("MUG-11");
    await vi.waitFor(() => expect(app.basket.itemCount()).toBe(1));
    await settle();
    expect(asked).toContain("MUG-11");
    expect(asked).not.toContain("");
    expect(app.query).toBe("");

    // After a search that narrowed the grid, the next scan brings the listing back.
    app.query = "enamel";
    await app.runSearch();
    expect(app.resultsFor).toBe("enamel");
    app.query = "";
    await tick();
    asked.length = 0;
    scan("MUG-11");
    await vi.waitFor(() => expect(app.basket.itemCount()).toBe(2));
    await vi.waitFor(() => expect(asked).toContain(""));
    await vi.waitFor(() => expect(app.listsCatalog).toBe(true));
  });

  it("still brings a new catalog on screen when a scan dropped the search a sync asked for", async () => {
    const asked: string[] = [];
    let release: () => void = () => {};
    let held = false;
    mockIPC(async (cmd, args) => {
      if (cmd !== "catalog_search") throw new Error(`unexpected command ${cmd}`);
      const query = (args as { query: string }).query;
      asked.push(query);
      // The search the sync asks for is slow; the scan comes while it is out.
      if (query === "" && held) { held = false; await new Promise<void>((r) => { release = r; }); }
      return listing(query === "" || "mug-11".startsWith(query.toLowerCase()) ? [mug] : []);
    });
    render(Counter);
    await vi.waitFor(() => expect(app.listsCatalog).toBe(true));
    asked.length = 0;

    held = true;
    app.onEvent({ kind: "catalog_synced", variants: 1 });
    await vi.waitFor(() => expect(asked).toEqual([""]));
    expect(app.listsCatalog).toBe(false);
    scan("MUG-11");
    await vi.waitFor(() => expect(app.basket.itemCount()).toBe(1));
    release();
    // The sync's search was dropped by the scan's Enter; the grid is searched again.
    await vi.waitFor(() => expect(asked.filter((q) => q === "").length).toBe(2));
    await vi.waitFor(() => expect(app.listsCatalog).toBe(true));
  });

  it("holds the scanner's keys out of the box once it knows them for a burst, and looks the whole code up", async () => {
    const asked = catalog(mugByCode);
    render(Counter);
    await vi.waitFor(() => expect(app.listsCatalog).toBe(true));
    asked.length = 0;
    // Two keys are typed before their rhythm tells a scanner; the rest are held.
    const box = keys("MUG-11");
    expect(box.value).toBe("MU");
    box.focus();
    const focus: string[] = [];
    box.addEventListener("blur", () => focus.push(`blur "${box.value}"`));
    box.addEventListener("focus", () => focus.push(`focus "${box.value}"`));
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    // Enter empties the box at once and adds the line for the whole code. The box is emptied
    // with its focus set aside (a focused box set from code is slow to paint) and given back.
    expect(focus).toEqual(['blur "MU"', 'focus ""']);
    expect(document.activeElement).toBe(box);
    await tick();
    expect(app.query).toBe("");
    expect(box.value).toBe("");
    await vi.waitFor(() => expect(app.basket.lines.map((l) => l.variantId)).toEqual([11]));
    // The keys came in one go: the code's lookup is the only search the scan asked for.
    await settle();
    expect(asked).toEqual(["MUG-11"]);
  });

  it("types a burst that ends without Enter into the box and searches it", async () => {
    catalog(mugByCode);
    render(Counter);
    await vi.waitFor(() => expect(app.listsCatalog).toBe(true));
    const box = keys("MUG-11");
    expect(box.value).toBe("MU");
    await vi.waitFor(() => expect(box.value).toBe("MUG-11"));
    await vi.waitFor(() => expect(app.resultsFor).toBe("MUG-11"));
    expect(app.query).toBe("MUG-11");
    expect(app.basket.itemCount()).toBe(0);
  });

  it("puts a scanned code that matches several products back in the box, with its matches", async () => {
    const cup = { ...mug, product_id: 30, title: "Cup", variants: [{ ...mug.variants[0], id: 31, sku: "MUG-110", upc: "" }] };
    catalog((query) => (query === "" || query.toLowerCase() === "mug-1" ? [mug, cup] : []));
    render(Counter);
    await vi.waitFor(() => expect(app.listsCatalog).toBe(true));
    scan("MUG-1");
    await vi.waitFor(() => expect(app.resultsFor).toBe("MUG-1"));
    const box = document.querySelector<HTMLInputElement>('[data-testid="search"]')!;
    await tick();
    expect(box.value).toBe("MUG-1");
    expect(document.querySelectorAll(".tile").length).toBe(2);
    expect(app.basket.itemCount()).toBe(0);
  });
});

describe("an emptied search box", () => {
  it("lists the catalog again once typing pauses; a word typed at once searches only itself", async () => {
    const asked = catalog((query) => (query === "" ? [mug, tote] : query.startsWith("t") ? [tote] : [mug]));
    render(Counter);
    await vi.waitFor(() => expect(app.listsCatalog).toBe(true));
    const box = document.querySelector<HTMLInputElement>('[data-testid="search"]')!;
    const type = (text: string) => { box.value = text; box.dispatchEvent(new Event("input", { bubbles: true })); };
    type("tote");
    await vi.waitFor(() => expect(app.resultsFor).toBe("tote"));
    asked.length = 0;

    // Emptied, and the next word's first key comes at once: only that key is searched.
    type("");
    type("m");
    await vi.waitFor(() => expect(app.resultsFor).toBe("m"));
    await new Promise((r) => setTimeout(r, 200));
    expect(asked).toEqual(["m"]);

    // Emptied, and nobody types: the catalog is listed again.
    type("");
    expect(asked).toEqual(["m"]);
    await vi.waitFor(() => expect(app.listsCatalog).toBe(true));
    expect(asked).toEqual(["m", ""]);
    expect(document.querySelectorAll(".tile").length).toBe(2);
  });
});

