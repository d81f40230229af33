import fs from "node:fs";
import type { EmbeddedCluster } from "../src/embedded-postgres";

export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as { crosscheckCluster?: EmbeddedCluster }).crosscheckCluster;
  if (cluster) {
    await cluster.stop();
    const root = process.env.CROSSCHECK_TEST_PG_ROOT;
    if (root) fs.rmSync(root, { recursive: true, force: true });
  }
}
