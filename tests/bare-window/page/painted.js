// Once the first frame is painted, tell the process (the benchmark reads its output): the
// task after the first animation frame, as Counterpay's counter tells it is painted. The
// page's time origin goes with it, for the start-up timeline.
requestAnimationFrame(() =>
  setTimeout(() => window.__TAURI_INTERNALS__.invoke("painted", { origin: performance.timeOrigin }), 0),
);
