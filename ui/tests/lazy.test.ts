// @vitest-environment jsdom
// The views besides the counter are scripts of their own: fetched once, all of them after the
// counter is painted, and a view whose script failed says so and can be asked again.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Component } from "svelte";
import { LazyComponent, prefetch } from "../src/lib/lazy.svelte";
import { app } from "../src/store.svelte";

const status = { store: null, counter_id: "c1", public_url: null, version: "0", startup_error: null, reachability: null, tunnel: null, lan_demo: null };
const signin = { required: false, current: null, staff: [], idle_lock_secs: 300 };
const fake = (() => undefined) as unknown as Component;

afterEach(() => {
  cleanup();
  clearMocks();
  app.view = "counter";
});

describe("a view's script", () => {
  it("is fetched once however often it is asked for", async () => {
    const importer = vi.fn(() => Promise.resolve({ default: fake }));
    const view = new LazyComponent(importer);
    expect(view.component).toBeNull();
    await Promise.all([view.load(), view.load()]);
    await view.load();
    expect(importer).toHaveBeenCalledTimes(1);
    expect(view.component).toBe(fake);
  });

  it("that failed to load says so, and is fetched again when asked again", async () => {
    const importer = vi.fn().mockRejectedValueOnce(new Error("gone")).mockResolvedValue({ default: fake });
    const view = new LazyComponent(importer);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await view.load();
    expect(view.failed).toBe(true);
    expect(view.component).toBeNull();
    await view.load();
    expect(view.failed).toBe(false);
    expect(view.component).toBe(fake);
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it("all of them are fetched one after the other in the background", async () => {
    const order: string[] = [];
    const views = ["a", "b"].map((n) => new LazyComponent(async () => { order.push(`${n} asked`); await Promise.resolve(); order.push(`${n} in`); return { default: fake }; }));
    await prefetch(views);
    expect(order).toEqual(["a asked", "a in", "b asked", "b in"]);
  });
});

describe("the window's tabs", () => {
  it("open History when its key is pressed (its script fetched on the way)", async () => {
    const user = userEvent.setup();
    globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
    mockIPC((cmd) => {
      switch (cmd) {
        case "app_status": return status;
        case "staff_state": return signin;
        case "catalog_search": return { currency: "USD", products: [], cached_variants: 0, problem: null };
        case "events_subscribe": return 1;
        case "events_next": return new Promise(() => undefined);
        case "history_list": return [];
        default: return null;
      }
    });
    const { default: App } = await import("../src/components/App.svelte");
    await app.begin(5000);
    render(App);
    await screen.findByTestId("results");
    await user.keyboard("{F2}");
    expect(await screen.findByTestId("history-import")).toBeTruthy();
  });
});
