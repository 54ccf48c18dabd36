import { describe, expect, it } from "vitest";
import { barLengths } from "../src/charts";

describe("report charts", () => {
  it("sizes bars from exact amounts", () => {
    expect(barLengths(["10.00", "5.00", "0.00", "2.5"], 200)).toEqual([200, 100, 0, 50]);
    // 0.1 + 0.2 style amounts stay exact: a third of the top bar, rounded down.
    expect(barLengths(["0.30", "0.10"], 90)).toEqual([90, 30]);
  });

  it("draws nothing for an empty day", () => {
    expect(barLengths(["0.00", "0.00"], 100)).toEqual([0, 0]);
    expect(barLengths([], 100)).toEqual([]);
  });
});
