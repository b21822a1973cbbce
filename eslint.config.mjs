import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
          patterns: [{ group: ["@pulumi/*"], message: "provider/client never imports Pulumi." }],
        },
      ],
    },
  },
  {
    files: ["provider/client/http.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@pulumi/*"], message: "provider/client never imports Pulumi." }] },
      ],
    },
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
