// ESLint (flat config) with typescript-eslint; Prettier owns layout, so its conflicting rules are off.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "src/generated/", "node_modules/", "coverage/", ".data/", "bench-profiles/", "test/artifacts/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are placeholders TypeGraphQL's decorators and callbacks need.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  // The desk: plain browser scripts, no build step.
  { files: ["public/**/*.js"], languageOptions: { globals: { ...globals.browser }, sourceType: "module" } },
  { files: ["**/*.js", "**/*.mjs", "**/*.cjs"], ignores: ["public/**"], languageOptions: { globals: { ...globals.node } } },
  prettier,
);
