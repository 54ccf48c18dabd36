// @vitest-environment jsdom
// The page's first questions (`src/lib/early.ts`): the language told first, then what the
// counter shows first, all at once; the store takes those answers and asks nothing twice.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { askEarly, FIRST_LISTING } from "../src/lib/early";
import { rawInvoke } from "../src/api";
import { app } from "../src/store.svelte";

const status = { store: null, counter_id: "c1", public_url: null, version: "0", startup_error: null, reachability: null, tunnel: null, lan_demo: null };
const signin = { required: false, current: null, staff: [], idle_lock_secs: 300 };
const listing = { currency: "USD", products: [{ product_id: 1, title: "Enamel Mug", subscription: null, variants: [] }], cached_variants: 1, problem: null };

/** Answers the first questions; every command asked is kept in order, with its arguments. */
function core(): [string, unknown][] {
  const asked: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    asked.push([cmd, args]);
    if (cmd === "app_language") return null;
    if (cmd === "app_status") return status;
    if (cmd === "staff_state") return signin;
    if (cmd === "catalog_search") return listing;
    throw new Error(`unexpected command ${cmd}`);
  });
  return asked;
}

afterEach(() => {
  clearMocks();
  localStorage.clear();
  app.results = null;
  app.signin = null;
});

describe("the page's first questions", () => {
  it("tell the core the language picked in Settings first, then ask for the status, the sign-in and the first listing", async () => {
    const asked = core();
    localStorage.setItem("counterpay.language", "sv");
    const early = askEarly(rawInvoke);
    expect(early.language).toBe("sv");
    // No workers in this DOM: the window's first price sets number formatting up itself.
    expect(await early.warmed).toBe(false);
    await Promise.all([early.status, early.signin, early.catalog]);
    expect(asked).toEqual([
      ["app_language", { language: "sv" }],
      ["app_status", {}],
      ["staff_state", {}],
      ["catalog_search", { query: "", limit: FIRST_LISTING }],
    ]);
  });

  it("are taken by the store once each: nothing is asked twice, and later calls ask again", async () => {
    const asked = core();
    await app.begin(5000, askEarly(rawInvoke));
    expect(await app.firstStatus()).toEqual(status);
    await app.refreshSignIn();
    expect(app.signin).toEqual(signin);
    await app.runSearch();
    expect(app.results?.products[0].title).toBe("Enamel Mug");
    expect(asked.map(([c]) => c)).toEqual(["app_language", "app_status", "staff_state", "catalog_search"]);
    await app.firstStatus();
    expect(asked.map(([c]) => c).slice(4)).toEqual(["app_status"]);
  });

  it("a refusal because nobody is signed in shows the PIN screen when the store takes it", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_status") throw { code: "locked", message: "Sign in first" };
      return cmd === "staff_state" ? signin : cmd === "catalog_search" ? listing : null;
    });
    const locked: string[] = [];
    const seen = (e: Event) => locked.push((e as CustomEvent<string>).detail);
    window.addEventListener("counterpay:locked", seen);
    await app.begin(5000, askEarly(rawInvoke));
    await expect(app.firstStatus()).rejects.toMatchObject({ code: "locked" });
    window.removeEventListener("counterpay:locked", seen);
    expect(locked).toEqual(["Sign in first"]);
  });
});
