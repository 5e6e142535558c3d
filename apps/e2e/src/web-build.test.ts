import { describe, expect, it } from "vitest";
import { initialChunks, type Manifest } from "./web-build";

const manifest: Manifest = {
  "index.html": {
    file: "assets/index.js",
    isEntry: true,
    imports: ["_shared.js"],
    dynamicImports: ["src/start.tsx", "src/pages/dashboard.tsx", "src/pages/calls.tsx"],
  },
  "src/start.tsx": { file: "assets/start.js", isDynamicEntry: true, imports: ["_shared.js", "_react.js"] },
  "_react.js": { file: "assets/react.js" },
  "_shared.js": { file: "assets/shared.js" },
  "_chart.js": { file: "assets/chart.js", imports: ["_shared.js"] },
  "_dialog.js": { file: "assets/dialog.js" },
  "src/pages/dashboard.tsx": {
    file: "assets/dashboard.js",
    isDynamicEntry: true,
    imports: ["_chart.js"],
    dynamicImports: ["_dialog.js"],
  },
  "src/pages/calls.tsx": { file: "assets/calls.js", isDynamicEntry: true, imports: ["_shared.js"] },
  "src/index.css": { file: "assets/index.css" },
};

describe("initialChunks", () => {
  it("is the entry, the app and the page and what they import statically, each once; not other pages or lazy imports", () => {
    expect(initialChunks(manifest, ["src/start.tsx", "src/pages/dashboard.tsx"])).toEqual([
      "assets/index.js",
      "assets/shared.js",
      "assets/start.js",
      "assets/react.js",
      "assets/dashboard.js",
      "assets/chart.js",
    ]);
  });

  it("refuses a page the build does not have", () => {
    expect(() => initialChunks(manifest, ["src/pages/nowhere.tsx"])).toThrow(/no chunk src\/pages\/nowhere.tsx/);
  });
});
