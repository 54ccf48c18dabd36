import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { earlyQuestions } from "./early-script";

export default defineConfig({
  clearScreen: false,
  plugins: [earlyQuestions(), svelte(), svelteTesting()],
  // No module-preload polyfill: WebKit has modulepreload, and the page loads one script.
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, sourcemap: false, modulePreload: { polyfill: false } },
  test: {
    include: ["tests/**/*.test.ts"],
    // Pure modules run in node; component tests ask for a DOM with `@vitest-environment jsdom`.
    environment: "node",
  },
});
