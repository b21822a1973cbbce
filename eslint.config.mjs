import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The client stands alone below the resources: no Pulumi, and nothing from the layers built on it.
const CLIENT_STANDS_ALONE = [
  { group: ["@pulumi/*"], message: "provider/client never imports Pulumi." },
  {
    regex: "^(\\.\\./)+(provider/)?(resources|spec|export|graph)(/|$)",
    message: "provider/client never imports provider/resources, spec, export or graph (they build on it).",
  },
];

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "tools/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // got is reserved to the http layer: every other module talks to Stringee through provider/client/http.
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "got", message: "Only provider/client/http.ts may import got." }] },
      ],
    },
  },
  {
    files: ["provider/client/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "got", message: "Only provider/client/http.ts may import got." }],
          patterns: CLIENT_STANDS_ALONE,
        },
      ],
    },
  },
  {
    files: ["provider/client/http.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: CLIENT_STANDS_ALONE }] },
  },
  {
    // The graph command stays light (it runs in CI before any Pulumi step): no direct Pulumi import.
    files: ["provider/graph/**/*.ts", "provider/cli/graph.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "got", message: "Only provider/client/http.ts may import got." }],
          patterns: [{ group: ["@pulumi/*"], message: "The graph code never imports Pulumi." }],
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { module: "writable", require: "readonly" } },
  },
);
