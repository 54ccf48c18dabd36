// Views the counter's first frame does not draw (History, Settings, Reports, the store guide)
// live in scripts of their own: the window's first script is fetched and compiled before
// anything is drawn, and a quarter of it was code for those views. Each is fetched once asked
// for, and all of them in the background once the counter is painted (`prefetch`), so a tab
// opens at once.

import type { Component } from "svelte";

export class LazyComponent {
  /** The component once its script has run. */
  component = $state.raw<Component | null>(null);
  /** Its script failed to load (shown; asking again tries again). */
  failed = $state(false);
  private loading: Promise<void> | null = null;

  constructor(private readonly importer: () => Promise<{ default: Component }>) {}

  /** Fetch and run the script once; later calls share the first. */
  load(): Promise<void> {
    this.loading ??= this.importer().then(
      (m) => { this.component = m.default; this.failed = false; },
      (e: unknown) => { this.loading = null; this.failed = true; console.error("a view's script did not load", e); },
    );
    return this.loading;
  }
}

/** Load each, one after the other, in the background (once the counter is painted). */
export async function prefetch(all: LazyComponent[]): Promise<void> {
  for (const c of all) await c.load();
}
