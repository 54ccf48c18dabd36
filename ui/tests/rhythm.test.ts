import { describe, expect, it } from "vitest";
import { KeyRhythm } from "../src/lib/rhythm";

const run = (times: number[]) => {
  const r = new KeyRhythm();
  return times.map((t) => r.note(t));
};

describe("KeyRhythm", () => {
  it("calls a scanner's code a burst from its third key", () => {
    expect(run([0, 4, 8, 12, 16, 20])).toEqual([false, false, true, true, true, true]);
  });

  it("never calls a person's typing a burst, rollover included", () => {
    // 80–200 ms apart, with two keys pressed almost together now and then.
    expect(run([0, 120, 135, 300, 380, 395, 560, 700])).toEqual(Array(8).fill(false));
  });

  it("starts again after a pause", () => {
    expect(run([0, 5, 10, 500, 505])).toEqual([false, false, true, false, false]);
  });
});
