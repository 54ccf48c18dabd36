// @vitest-environment jsdom
// The window's events: asked for with one waiting request at a time and answered as data,
// in order; a failed request is asked again, one event the window cannot show does not
// stop the next, and a page that a reload replaced stops asking.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { onCoreEvents, type CoreEvent } from "../src/api";

afterEach(() => clearMocks());

const synced = (variants: number): CoreEvent => ({ kind: "catalog_synced", variants });

describe("the core's events", () => {
  it("come in order, survive a failed request and a bad event, and stop for a replaced page", async () => {
    const answers: (CoreEvent[] | null | Error)[] = [[synced(1), synced(2)], new Error("ipc down"), [], [synced(3), synced(4)], null];
    const asked: unknown[] = [];
    let finished!: () => void;
    const done = new Promise<void>((r) => (finished = r));
    mockIPC((cmd, args) => {
      if (cmd === "events_subscribe") return 7;
      if (cmd === "events_next") {
        asked.push((args as { page: number }).page);
        const next = answers.shift();
        if (next === undefined) throw new Error("asked after it was told to stop");
        if (next === null) setTimeout(finished, 20);
        if (next instanceof Error) throw next;
        return next;
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    const seen: number[] = [];
    await onCoreEvents((e) => {
      if (e.kind !== "catalog_synced") return;
      if (e.variants === 3) throw new Error("cannot show this one");
      seen.push(e.variants);
    }, 5);
    await done;
    expect(seen).toEqual([1, 2, 4]);
    expect(asked).toEqual([7, 7, 7, 7, 7]);
    expect(answers).toEqual([]);
  });
});
