import type { Express } from "express";
import request from "supertest";
import { createApp, type CrosscheckApp } from "../../src/app";
import { loadConfig, type Config } from "../../src/config";
import type { Database } from "../../src/db";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }>;
}

export async function testApp(prisma: Database, overrides: Partial<Config> = {}): Promise<CrosscheckApp> {
  return createApp(prisma, { ...loadConfig(), ...overrides });
}

export async function gql<T = Record<string, unknown>>(
  app: Express,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  let req = request(app).post("/graphql").set("content-type", "application/json");
  if (token) req = req.set("authorization", `Bearer ${token}`);
  const res = await req.send({ query, variables });
  return { status: res.status, data: res.body.data, errors: res.body.errors };
}
