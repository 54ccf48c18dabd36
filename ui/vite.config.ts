import { defineConfig, type Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

/** The typeface's Latin file is asked for with the page, before the style sheet that names it:
 *  the counter's first layout finds it loaded (otherwise its text is laid out twice, in a
 *  system font first). */
function preloadLatinFont(): Plugin {
  return {
    name: "counterpay-preload-font",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const font = Object.keys(ctx.bundle ?? {}).find((f) => /inter-latin-wght-normal-[^/]*\.woff2$/.test(f));
        if (!font) return [];
        return [{ tag: "link", attrs: { rel: "preload", href: `/${font}`, as: "font", type: "font/woff2", crossorigin: "" }, injectTo: "head-prepend" }];
      },
    },
  };
}

export default defineConfig({
  clearScreen: false,
  plugins: [svelte(), svelteTesting(), preloadLatinFont()],
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, sourcemap: false },
  test: {
    include: ["tests/**/*.test.ts"],
    // Pure modules run in node; component tests ask for a DOM with `@vitest-environment jsdom`.
    environment: "node",
  },
});
