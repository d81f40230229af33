import type { CrosscheckApp } from "../../src/app";
import type { Database } from "../../src/db";
import { testPrisma, truncateAll } from "./db";
import { seedStory } from "./fixtures";
import { testApp } from "./http";

export interface SeededApi {
  prisma: Database;
  api: CrosscheckApp;
}

/**
 * The usual API suite: one app per file, and before every test an empty database with the seed
 * story loaded, so no test depends on another's rows or ids. Read the fields inside tests/hooks.
 */
export function useSeededApi(): SeededApi {
  const suite = {} as SeededApi;
  beforeAll(async () => {
    suite.prisma = testPrisma();
    suite.api = await testApp(suite.prisma);
  });
  beforeEach(async () => {
    await truncateAll(suite.prisma);
    await seedStory(suite.prisma);
  });
  afterAll(async () => {
    await suite.api.stop();
    await suite.prisma.$disconnect();
  });
  return suite;
}
