// @vitest-environment jsdom
// The message files are parsed a file at a time: the counter's first frame parses its
// language's counter file only; a message from another file parses that file when asked for.
import { afterEach, describe, expect, it, vi } from "vitest";

const parsed: string[] = [];
vi.mock("@fluent/bundle", async (original) => {
  const fluent = await original<typeof import("@fluent/bundle")>();
  class CountedResource extends fluent.FluentResource {
    constructor(source: string) {
      super(source);
      parsed.push(/^## .*$/m.exec(source)?.[0] ?? source.slice(0, 40));
    }
  }
  return { ...fluent, FluentResource: CountedResource };
});

const { setLanguage, t } = await import("../src/lib/i18n");

afterEach(() => setLanguage("en"));

describe("the message files", () => {
  it("are parsed a file at a time, the counter's first", () => {
    setLanguage("de");
    parsed.length = 0;
    setLanguage("sv");
    expect(parsed).toEqual(["## Sidhuvud och flikar"]);
    expect(t("tab-counter")).toBe("Kassa");
    expect(parsed).toHaveLength(1);
    // A Settings message: the other files are read until it is found (History's first).
    expect(t("settings-loading")).toBe("Laddar inställningar…");
    expect(parsed).toHaveLength(3);
    expect(t("sales")).toBe("Försäljningar");
    expect(parsed).toHaveLength(3);
    // An unknown id reads every file, then English's, and shows the id.
    expect(t("no-such-message")).toBe("no-such-message");
  });

  it("draw the counter's first frame from the counter's file alone", async () => {
    const { render, cleanup } = await import("@testing-library/svelte");
    const { mockIPC } = await import("@tauri-apps/api/mocks");
    const { app } = await import("../src/store.svelte");
    const { default: App } = await import("../src/components/App.svelte");
    globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
    mockIPC((cmd) => {
      switch (cmd) {
        case "app_status": return { store: { demo: true, api_url: null, info: { name: "Demo" } }, counter_id: "c1", public_url: null, version: "0", startup_error: null, reachability: null, tunnel: null, lan_demo: null };
        case "staff_state": return { required: false, current: null, staff: [], idle_lock_secs: 300 };
        case "catalog_search": return { currency: "EUR", products: [{ product_id: 1, title: "Becher", subscription: null, variants: [{ id: 11, title: "", sku: "B-1", upc: "", price: "9.50", sellable: true, availability: "in_stock" }] }, { product_id: 2, title: "Tasse", subscription: null, variants: [{ id: 21, title: "Rot", sku: "T-1", upc: "", price: "4.00", sellable: true, availability: "low_stock" }, { id: 22, title: "Blau", sku: "T-2", upc: "", price: "4.50", sellable: true, availability: "in_stock" }] }], cached_variants: 3, problem: null };
        default: return new Promise(() => undefined); // what comes after the first frame
      }
    });
    parsed.length = 0;
    setLanguage("de");
    await app.begin(5000);
    const { container } = render(App);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="product-2"]')).toBeTruthy());
    expect(container.textContent).toContain("Tasse");
    expect(parsed, "German's counter file alone").toEqual(["## Kopfzeile und Reiter"]);
    cleanup();
  });
});
