// Bar charts as SVG for the end-of-day report. Bar lengths are worked out on exact money
// (bigint minor units), and every bar is labelled with its exact amount.

import { t } from "./lib/i18n";
import { formatMoney, parseMoney } from "./money";

const SVG = "http://www.w3.org/2000/svg";

/** Pixel lengths of bars for decimal `values`, the largest `max` pixels long. */
export function barLengths(values: string[], max: number): number[] {
  const scale = Math.max(2, ...values.map((v) => parseMoney(v).scale));
  const units = values.map((v) => {
    const m = parseMoney(v);
    return m.units * 10n ** BigInt(scale - m.scale);
  });
  const top = units.reduce((a, b) => (b > a ? b : a), 0n);
  if (top <= 0n) return values.map(() => 0);
  return units.map((u) => (u <= 0n ? 0 : Number((u * BigInt(max)) / top)));
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Sales value by hour of the day: 24 columns, labelled every three hours. */
export function hourChart(rows: { hour: number; sales: number; value: string }[], currency: string | null): SVGSVGElement {
  const width = 760, height = 220, base = 180, col = 30;
  const lengths = barLengths(rows.map((r) => r.value), 150);
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": t("chart-hours") });
  rows.forEach((r, i) => {
    const x = 20 + i * col;
    const h = lengths[i];
    const bar = el("rect", { x, y: base - h, width: col - 6, height: Math.max(h, r.sales ? 2 : 0), class: "bar" });
    bar.appendChild(el("title", {}, t("chart-hour-bar", { hour: `${String(r.hour).padStart(2, "0")}:00`, sales: r.sales, amount: formatMoney(r.value, currency) })));
    svg.appendChild(bar);
    if (r.sales) svg.appendChild(el("text", { x: x + (col - 6) / 2, y: base - h - 4, class: "bar-label", "text-anchor": "middle" }, String(r.sales)));
    if (r.hour % 3 === 0) svg.appendChild(el("text", { x: x + (col - 6) / 2, y: base + 18, class: "axis", "text-anchor": "middle" }, `${String(r.hour).padStart(2, "0")}h`));
  });
  svg.appendChild(el("line", { x1: 16, y1: base, x2: width - 8, y2: base, class: "axis-line" }));
  return svg;
}

/** The top products by value: horizontal bars with the exact amount. */
export function productChart(rows: { title: string; quantity: number; value: string }[], currency: string | null, top = 10): SVGSVGElement {
  const shown = rows.slice(0, top);
  const rowH = 30, width = 760, labelW = 280, barMax = 330;
  const lengths = barLengths(shown.map((r) => r.value), barMax);
  const svg = el("svg", { viewBox: `0 0 ${width} ${Math.max(1, shown.length) * rowH + 10}`, class: "chart", role: "img", "aria-label": t("chart-products") });
  shown.forEach((r, i) => {
    const y = 6 + i * rowH;
    svg.appendChild(el("text", { x: labelW - 8, y: y + 18, class: "axis", "text-anchor": "end" }, r.title.length > 38 ? `${r.title.slice(0, 37)}…` : r.title));
    svg.appendChild(el("rect", { x: labelW, y, width: Math.max(lengths[i], 2), height: rowH - 8, class: "bar" }));
    svg.appendChild(el("text", { x: labelW + lengths[i] + 8, y: y + 18, class: "bar-label" }, `${formatMoney(r.value, currency)} · ${r.quantity}×`));
  });
  return svg;
}
