/** Writes schema.graphql from the TypeGraphQL classes; test/api/schema.test.ts fails when they drift. */
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../src/config";
import { schemaSdl } from "../src/schema";

schemaSdl().then((sdl) => {
  fs.writeFileSync(path.join(PROJECT_ROOT, "schema.graphql"), sdl);
  console.log("wrote schema.graphql");
});
