import { describe, expect, it } from "vitest";
import { Basket, describeSubscription, MAX_QUANTITY, parseScan, sameLineContent } from "../src/basket";
import { add, compareMoney, formatMoney, parseMoney, times, toDecimalString } from "../src/money";
import { countdown, stateLabel, stateTone, upsellInFlight } from "../src/labels";

const tee = { variantId: 101, title: "T-Shirt (M)", sku: "OCT-100-M", unitPrice: "24.10" };
const pin = { variantId: 140, title: "Enamel Pin Set", sku: "EPS-140", unitPrice: "0.10" };

describe("money", () => {
  it("adds exactly where floats do not", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point.
    expect(toDecimalString(add(parseMoney("0.1"), parseMoney("0.2")))).toBe("0.30");
    expect(toDecimalString(times(parseMoney("0.10"), 3))).toBe("0.30");
  });
  it("keeps large totals exact", () => {
    expect(toDecimalString(times(parseMoney("99999999.99"), 999))).toBe("99899999990.01");
  });
  it("refuses what is not a decimal", () => {
    expect(() => parseMoney("1e3")).toThrow();
    expect(() => parseMoney("12,50")).toThrow();
    expect(() => parseMoney("")).toThrow();
  });
  it("sorts by value, not by text", () => {
    expect(["10.00", "9.5", "100"].sort(compareMoney)).toEqual(["9.5", "10.00", "100"]);
  });
  it("formats with the currency", () => {
    expect(formatMoney("24.5", "USD")).toBe("$24.50");
    expect(formatMoney("9.2", "EUR")).toBe("€9.20");
    expect(formatMoney("12", "CHF")).toBe("CHF\u00a012.00");
    expect(formatMoney("-3.00", "USD")).toBe("-$3.00");
  });
});

describe("basket", () => {
  it("tells a line that changed from one that did not (the basket redraws only the first)", () => {
    const b = new Basket();
    b.add(tee);
    const before = { ...b.lines[0] };
    expect(sameLineContent(before, b.lines[0])).toBe(true);
    b.add(tee);
    expect(sameLineContent(before, b.lines[0])).toBe(false);
    const shipped = { ...b.lines[0] };
    b.setShip(0, true);
    expect(sameLineContent(shipped, b.lines[0])).toBe(false);
    const priced = { ...b.lines[0] };
    b.setPrice(0, "20.00", tee.unitPrice);
    expect(sameLineContent(priced, b.lines[0])).toBe(false);
    const monthly = { ...tee, subscription: { interval: "month", interval_count: 1 }, quantity: 1 };
    expect(sameLineContent(monthly, { ...monthly, subscription: { interval: "month", interval_count: 2 } })).toBe(false);
    expect(sameLineContent(monthly, { ...monthly, subscription: { interval: "month", interval_count: 1 } })).toBe(true);
  });
  it("adds, merges and totals lines", () => {
    const b = new Basket();
    b.add(tee);
    b.add(pin, 3);
    b.add(tee, 2);
    expect(b.lines.map((l) => [l.variantId, l.quantity])).toEqual([[101, 3], [140, 3]]);
    expect(toDecimalString(b.lineTotal(b.lines[0]))).toBe("72.30");
    expect(toDecimalString(b.total())).toBe("72.60");
    expect(b.itemCount()).toBe(6);
  });
  it("changes quantities and removes lines", () => {
    const b = new Basket();
    b.add(tee);
    b.add(pin);
    b.setQuantity(0, 5);
    expect(toDecimalString(b.total())).toBe("120.60");
    b.setQuantity(1, 0);
    expect(b.lines.map((l) => l.variantId)).toEqual([101]);
    b.remove(0);
    expect(b.isEmpty).toBe(true);
    expect(toDecimalString(b.total())).toBe("0.00");
  });
  it("caps quantities and refuses bad ones", () => {
    const b = new Basket();
    b.add(tee, MAX_QUANTITY);
    b.add(tee, 5);
    expect(b.lines[0].quantity).toBe(MAX_QUANTITY);
    expect(() => b.add(pin, 0)).toThrow();
    expect(() => b.setQuantity(0, 1.5)).toThrow();
    expect(() => b.add({ ...pin, unitPrice: "abc" })).toThrow();
  });
  it("sends variant ids and quantities only", () => {
    const b = new Basket();
    b.add(tee, 2);
    expect(b.toCharge()).toEqual([{ variant_id: 101, quantity: 2 }]);
  });
});

describe("price overrides and subscriptions", () => {
  it("sends a price only where staff set one", () => {
    const b = new Basket();
    b.add(tee, 2);
    b.setPrice(0, "20.00", tee.unitPrice);
    expect(toDecimalString(b.total())).toBe("40.00");
    b.add(pin);
    expect(b.toCharge()).toEqual([{ variant_id: 101, quantity: 2, price: "20.00" }, { variant_id: 140, quantity: 1 }]);
    b.setPrice(0, "", tee.unitPrice);
    expect(b.toCharge()[0]).toEqual({ variant_id: 101, quantity: 2 });
    expect(() => b.setPrice(0, "-1", tee.unitPrice)).toThrow();
    expect(() => b.setPrice(0, "1.005", tee.unitPrice)).toThrow();
  });
  it("keeps a subscription apart from a one-time line", () => {
    const b = new Basket();
    b.add(tee);
    b.add({ ...tee, subscription: { interval: "month", interval_count: 2 } });
    b.add({ ...tee, subscription: { interval: "month", interval_count: 2 } });
    expect(b.lines.map((l) => l.quantity)).toEqual([1, 2]);
    expect(b.toCharge()[1]).toEqual({ variant_id: 101, quantity: 2, subscription: { interval: "month", interval_count: 2 } });
    expect(describeSubscription({ interval: "month", interval_count: 2 })).toBe("every 2 months");
    expect(describeSubscription({ interval: "week", interval_count: 1 })).toBe("every week");
  });
});

describe("scanner input", () => {
  it("reads a plain code and a quantity prefix", () => {
    expect(parseScan("0400000707")).toEqual({ quantity: 1, code: "0400000707" });
    expect(parseScan("3*0400000707")).toEqual({ quantity: 3, code: "0400000707" });
    expect(parseScan("0*123")).toBeNull();
    expect(parseScan("   ")).toBeNull();
  });
});

describe("labels", () => {
  it("counts down in minutes and seconds", () => {
    expect(countdown(600_000)).toBe("10:00");
    expect(countdown(61_001)).toBe("1:02");
    expect(countdown(-5)).toBe("0:00");
  });
  it("names a late payment for what it is", () => {
    expect(stateLabel("paid", true)).toBe("Paid after cancel");
    expect(stateLabel("awaiting_payment")).toBe("Waiting for customer");
    expect(stateTone("rejected")).toBe("bad");
    expect(stateTone("paid")).toBe("ok");
  });
});

describe("upsells", () => {
  it("block the next one while an outcome is open", () => {
    expect(upsellInFlight(["charged", "declined"])).toBe(false);
    expect(upsellInFlight(["charged", "requested"])).toBe(true);
    expect(upsellInFlight(["unknown"])).toBe(true);
    expect(upsellInFlight([])).toBe(false);
  });
});
