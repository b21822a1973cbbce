import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The client stands alone below the resources: no Pulumi, and nothing from the layers built on it.
const CLIENT_STANDS_ALONE = [
  { group: ["@pulumi/*"], message: "provider/client never imports Pulumi." },
  {
    regex: "^(\\.\\./)+(provider/)?(resources|kinds|spec|export|graph)(/|$)",
    message:
      "provider/client never imports provider/resources, kinds, spec, export or graph (they build on it).",
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
    // What the command line reads (graph, export, doctor) and the kinds it reads them from stay free of the
    // Pulumi SDK at run time (type imports only) and never load a resource class: `stringee-pulumi graph`
    // runs in CI before any Pulumi step and should start in a fraction of a second.
    files: [
      "provider/graph/**/*.ts",
      "provider/export/**/*.ts",
      "provider/cli/**/*.ts",
      "provider/kinds/**/*.ts",
      "provider/spec/{parse,rules,schema,shape,locate,jsonSchema}.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "got", message: "Only provider/client/http.ts may import got." }],
          patterns: [
            {
              group: ["@pulumi/*"],
              allowTypeImports: true,
              message:
                "No run-time Pulumi import here: the CLI and the kinds stay light (type imports are fine).",
            },
            {
              group: ["**/resources", "**/resources/*"],
              message:
                "Resource classes load the Pulumi SDK: read the kind's definition in provider/kinds instead.",
            },
          ],
        },
      ],
    },
  },
  {
    // The emulator stands for Stringee's servers: sharing the provider's definitions would hide the very bugs it
    // exists to find, so it imports nothing of the provider.
    files: ["provider/emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "got", message: "Only provider/client/http.ts may import got." }],
          patterns: [
            {
              group: [
                "@pulumi/*",
                "**/client",
                "**/client/*",
                "**/kinds",
                "**/kinds/*",
                "**/resources/*",
                "**/spec/*",
                "**/export/*",
                "**/graph/*",
                "**/runtime",
                "**/settings",
              ],
              message: "The emulator is independent of the provider: it stands for the server.",
            },
          ],
        },
      ],
    },
  },
  {
    // Each resource class merges with an interface of its outputs: Pulumi assigns those properties from the
    // provider's answers, the class never initialises them, which is the case the rule cannot tell apart.
    files: ["provider/resources/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-declaration-merging": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { module: "writable", require: "readonly" } },
  },
);
