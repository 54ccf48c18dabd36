// After the first frame is painted, tell the process (the benchmark reads its output).
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("painted")));
