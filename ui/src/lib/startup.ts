// The page's marks on the way to an interactive counter, sent once with the ready call: the
// shell logs them (debug level) beside its own, as the start-up timeline.

const marks: [string, number][] = [];

/** Resolves in the task after the next frame: once what the page has changed so far is
 *  painted. */
export function afterPaint(): Promise<void> {
  return new Promise((painted) => requestAnimationFrame(() => window.setTimeout(painted, 0)));
}

/** Note that start-up reached `name` now (the first 32 marks are kept). */
export function mark(name: string): void {
  if (marks.length < 32) marks.push([name, performance.now()]);
}

/** The marks so far with the browser's own (the page's and its files' loading, the first
 *  paint), in time order, and the page's time origin (milliseconds since the epoch). */
export function timeline(): { origin: number; marks: [string, number][] } {
  const all = [...marks];
  const nav = performance.getEntriesByType?.("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (nav) {
    all.push(["page: request", nav.requestStart], ["page: loaded", nav.responseEnd], ["page: parsed", nav.domInteractive], ["page: content loaded", nav.domContentLoadedEventEnd]);
  }
  for (const r of (performance.getEntriesByType?.("resource") ?? []) as PerformanceResourceTiming[]) {
    const file = r.name.split("/").pop() ?? r.name;
    all.push([`file ${file}: asked`, r.startTime], [`file ${file}: loaded`, r.responseEnd]);
  }
  for (const p of performance.getEntriesByType?.("paint") ?? []) all.push([p.name, p.startTime]);
  all.sort((a, b) => a[1] - b[1]);
  return { origin: performance.timeOrigin, marks: all.filter(([, at]) => at > 0) };
}
