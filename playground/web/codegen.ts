// Operations in src/**/*.ts(x) typed from the server's exported SDL: a schema
// change that breaks an operation fails `npm run build` here, and one that changes
// a type the UI relies on fails tsc.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema/schema.graphql",
  documents: ["src/**/*.ts", "src/**/*.tsx", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  errorsOnly: false,
  silent: true,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        // Operations are sent as strings: the app needs no graphql-js at run time.
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string", JSON: "unknown", ID: "string", Long: "number", Upload: "File" },
        strictScalars: true,
      },
    },
  },
};

export default config;
