import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentResource } from "@fluent/bundle";
import { parse } from "svelte/compiler";
import { readDate, showDate } from "../src/lib/dates";
import { afterEach, describe, expect, it } from "vitest";
import { SOURCES, setLanguage, t } from "../src/lib/i18n";
import { editableAmount, formatMoney, parseMoney, typedAmount } from "../src/money";
import { Basket, basketMessage, describeSubscription } from "../src/basket";
import { stateLabel } from "../src/labels";
import { languageName } from "../src/lib/locale";

type Lang = keyof typeof SOURCES;
const LANGS = Object.keys(SOURCES) as Lang[];
const SRC = fileURLToPath(new URL("../src", import.meta.url));

/** Message ids with their attributes ("id", "id.attr"), and the variables each uses. */
function messages(lang: Lang): Map<string, Set<string>> {
  const source = SOURCES[lang];
  const out = new Map<string, Set<string>>();
  const ids = [...source.matchAll(/^([a-z][a-z0-9-]*) *=/gm)].map((m) => m[1]);
  const parsed = new FluentResource(source).body;
  expect(ids.filter((id, i) => ids.indexOf(id) !== i), `${lang}: a message is written twice`).toEqual([]);
  // A line that does not parse is skipped by the runtime: every id written must be parsed.
  expect(parsed.map((m) => m.id).sort(), `${lang}.ftl parses whole`).toEqual([...ids].sort());
  // Variables per message, from the text between one message id and the next.
  const blocks = source.split(/^(?=[a-z][a-z0-9-]* *=)/m);
  for (const block of blocks) {
    const id = /^([a-z][a-z0-9-]*) *=/.exec(block)?.[1];
    if (!id) continue;
    const vars = new Set([...block.matchAll(/\$([a-z]+)/g)].map((m) => m[1]));
    const attrs = [...block.matchAll(/^\s+\.([a-z-]+) *=/gm)].map((m) => m[1]);
    const m = parsed.find((x) => x.id === id)!;
    if (m.value !== null) out.set(id, vars);
    for (const a of attrs) out.set(`${id}.${a}`, vars);
  }
  return out;
}

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : []);
}

describe("message files", () => {
  const en = messages("en");

  it("have every message in every language, with no variable the English one lacks", () => {
    for (const lang of LANGS) {
      const other = messages(lang);
      expect([...other.keys()].sort(), `${lang}.ftl has the same messages as en.ftl`).toEqual([...en.keys()].sort());
      for (const [id, vars] of other) {
        for (const v of vars) expect(en.get(id)!.has(v), `${lang}: ${id} uses $${v}, which the window never passes`).toBe(true);
      }
    }
  });

  it("hold every message the code asks for", () => {
    const asked = new Set<string>();
    for (const f of [...files(SRC, ".ts"), ...files(SRC, ".svelte")]) {
      for (const m of readFileSync(f, "utf8").matchAll(/\bt\(\s*"([a-z0-9.-]+)"/g)) asked.add(m[1]);
      // Keys chosen between two literals: t(cond ? "a" : "b").
      for (const m of readFileSync(f, "utf8").matchAll(/\bt\([^()]*?\?\s*"([a-z0-9.-]+)"\s*:\s*"([a-z0-9.-]+)"/g)) { asked.add(m[1]); asked.add(m[2]); }
    }
    // Keys built from a value: every value they can take.
    const built = [
      ...["draft", "creating", "awaiting_payment", "review", "paid", "failed", "rejected", "cancelled", "expired"].map((s) => `state-${s.replace(/_/g, "-")}`),
      ...["requested", "charged", "declined", "unknown"].map((s) => `upsell-state-${s}`),
      ...["requested", "done", "failed", "unknown"].map((s) => `refund-state-${s}`),
      "role-manager", "role-cashier",
      ...["quantity-at-least-one", "quantity-whole", "too-many-lines", "price-negative", "price-decimals", "not-decimal"].map((c) => `basket-error-${c}`),
      ...["all", "sales", "upsells", "refunds", "cancels", "settings", "staff"].map((s) => `audit-${s}`),
    ];
    for (const id of [...asked, ...built]) expect(en.has(id), `en.ftl lacks “${id}”`).toBe(true);
    expect(asked.size).toBeGreaterThan(300);
  });

  it("are the only source of words in the components", () => {
    const WORDS = /\p{L}/u;
    const ALLOWED = new Set(["Counterpay"]);
    const TEXT_ATTRS = new Set(["aria-label", "title", "placeholder", "alt", "aria-valuetext"]);
    const found: string[] = [];
    const walk = (node: unknown, file: string): void => {
      if (!node || typeof node !== "object") return;
      const n = node as { type?: string; data?: string; name?: string; value?: unknown };
      if (n.type === "Text" && typeof n.data === "string" && WORDS.test(n.data) && !ALLOWED.has(n.data.trim())) found.push(`${file}: text “${n.data.trim()}”`);
      if (n.type === "Attribute") {
        // Class names, test ids and types are not shown; these attributes are read out or shown.
        if (n.name && TEXT_ATTRS.has(n.name) && Array.isArray(n.value)) {
          for (const part of n.value as { type: string; data?: string }[]) {
            if (part.type === "Text" && part.data && WORDS.test(part.data)) found.push(`${file}: ${n.name}="${part.data}"`);
          }
        }
        return;
      }
      for (const [k, v] of Object.entries(node)) {
        if (k === "instance" || k === "module" || k === "css") continue; // script and style are not shown
        if (Array.isArray(v)) v.forEach((c) => walk(c, file)); else if (v && typeof v === "object") walk(v, file);
      }
    };
    const components = files(join(SRC, "components"), ".svelte");
    expect(components.length).toBeGreaterThan(20);
    for (const f of components) walk(parse(readFileSync(f, "utf8"), { modern: true }).fragment, f.split("/").pop()!);
    expect(found).toEqual([]);
  });

  it("are what the code puts in notices and errors, never a literal sentence", () => {
    const literal = /\b(?:notify\(\s*"(?:ok|bad|info)",\s*|error = |text: )(["'`])[^"'`]*\p{L}{2}/u;
    const found: string[] = [];
    for (const f of [...files(SRC, ".ts"), ...files(SRC, ".svelte")]) {
      if (f.includes("/generated/")) continue;
      readFileSync(f, "utf8").split("\n").forEach((line, i) => { if (literal.test(line)) found.push(`${f.split("/").pop()}:${i + 1}: ${line.trim()}`); });
    }
    expect(found).toEqual([]);
    expect(literal.test('app.notify("bad", "Something broke");')).toBe(true);
  });

  it("catch a hard-coded word (the check above can fail)", () => {
    const ast = parse('<p title="Hello">Pay now</p>', { modern: true });
    const texts = JSON.stringify(ast.fragment);
    expect(texts).toContain("Pay now");
    expect(texts).toContain("Hello");
  });
});

describe("the window in three languages", () => {
  afterEach(() => setLanguage("en"));

  it("writes money the locale's way, exactly", () => {
    expect(formatMoney("24", "EUR", "de-DE")).toBe("24,00\u00a0€");
    expect(formatMoney("24", "SEK", "sv-SE")).toBe("24,00\u00a0kr");
    expect(formatMoney("24", "GBP", "en-GB")).toBe("£24.00");
    expect(formatMoney("1234567.89", "EUR", "de-DE")).toBe("1.234.567,89\u00a0€");
    // Beyond what a float holds exactly.
    expect(formatMoney("90071992547409.93", "EUR", "de-DE")).toBe("90.071.992.547.409,93\u00a0€");
  });

  it("names Klarna's page languages in the window's language", () => {
    expect(languageName("de", "German", "de-DE")).toBe("Deutsch");
    expect(languageName("de", "German", "sv-SE")).toBe("tyska");
    expect(languageName("en", "English", "de-DE")).toBe("Englisch");
    expect(languageName("qq", "Other", "de-DE")).toBe("Other");
  });

  it("takes a price typed with a decimal comma, and shows one to edit", () => {
    expect(typedAmount("19,90")).toBe("19.90");
    expect(typedAmount(" 19.90 ")).toBe("19.90");
    // Grouping is not guessed: refused, not read as 1.2345.
    expect(() => parseMoney(typedAmount("1.234,50"))).toThrow();
    expect(editableAmount("22.08", "de-DE")).toBe("22,08");
    expect(editableAmount("22.08", "sv-SE")).toBe("22,08");
    expect(editableAmount("22.08", "en-GB")).toBe("22.08");
  });

  it("speaks German and Swedish, with plurals", () => {
    setLanguage("de");
    expect(t("basket-total", { count: 1 })).toBe("Summe · 1 Artikel");
    expect(describeSubscription({ interval: "month", interval_count: 2 })).toBe("alle 2 Monate");
    expect(stateLabel("awaiting_payment")).toBe("Wartet auf Kundschaft");
    expect(t("charge", { total: formatMoney("24", "EUR") })).toBe("24,00\u00a0€ kassieren");
    const b = new Basket();
    b.add({ variantId: 1, title: "Tasse", sku: "T", unitPrice: "9.00" });
    let refused = "";
    try { b.setPrice(0, "-1", "9.00"); } catch (e) { refused = basketMessage(e); }
    expect(refused).toBe("ein Preis kann nicht negativ sein");
    try { b.setPrice(0, "zehn", "9.00"); } catch (e) { refused = basketMessage(e); }
    expect(refused).toContain("Dezimalkomma");
    setLanguage("sv");
    expect(t("items", { count: 1 })).toBe("1 artikel");
    expect(t("items", { count: 5 })).toBe("5 artiklar");
    expect(t("charge", { total: formatMoney("24", "SEK") })).toBe("Ta betalt 24,00\u00a0kr");
    expect(describeSubscription({ interval: "week", interval_count: 1 })).toBe("varje vecka");
  });
});


describe("days typed and shown the locale's way", () => {
  it("shows and reads a day in German, Swedish and US English, and refuses what is not one", () => {
    expect(showDate("2026-12-03", "de-DE")).toBe("03.12.2026");
    expect(showDate("2026-12-03", "sv-SE")).toBe("2026-12-03");
    expect(showDate("2026-12-03", "en-US")).toBe("12/03/2026");
    expect(readDate("3.12.2026", "de-DE")).toBe("2026-12-03");
    expect(readDate("03/12/26", "en-GB")).toBe("2026-12-03");
    expect(readDate("12/3/2026", "en-US")).toBe("2026-12-03");
    expect(readDate("2026-12-03", "de-DE")).toBe("2026-12-03");
    for (const bad of ["31.02.2026", "1.2", "", "abc", "1.13.2026"]) expect(readDate(bad, "de-DE")).toBeNull();
  });
});
