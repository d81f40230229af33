import fs from "node:fs";
import path from "node:path";
import { buildSchema, GraphQLObjectType, GraphQLInputObjectType, isEnumType, isInputObjectType, isObjectType } from "graphql";
import { crosscheckSchema, schemaSdl } from "../../src/schema";

describe("schema", () => {
  it("matches the committed schema.graphql (run `npm run schema:emit` after changing types)", async () => {
    const committed = fs.readFileSync(path.join(__dirname, "..", "..", "schema.graphql"), "utf8");
    expect(await schemaSdl()).toBe(committed);
  });

  it("documents every type, field, argument and enum value", async () => {
    const schema = await crosscheckSchema();
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
      // TypeGraphQL gives the root operation types no description option; their fields are all described.
      if (!type.description && !["Query", "Mutation"].includes(type.name)) undocumented.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values((type as GraphQLObjectType | GraphQLInputObjectType).getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : [])
            if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
    }
    expect(undocumented).toEqual([]);
  });

  it("implements every type, field, argument and enum value of the API.md contract with the same types", async () => {
    const contract = buildSchema(fs.readFileSync(path.join(__dirname, "..", "fixtures", "api-contract.graphql"), "utf8"));
    const schema = await crosscheckSchema();
    const problems: string[] = [];
    for (const expected of Object.values(contract.getTypeMap())) {
      if (expected.name.startsWith("__")) continue;
      const actual = schema.getType(expected.name);
      if (!actual) {
        problems.push(`missing type ${expected.name}`);
        continue;
      }
      if (isEnumType(expected) && isEnumType(actual)) {
        const values = new Set(actual.getValues().map((value) => value.name));
        for (const value of expected.getValues()) if (!values.has(value.name)) problems.push(`missing ${expected.name}.${value.name}`);
      }
      if ((isObjectType(expected) && isObjectType(actual)) || (isInputObjectType(expected) && isInputObjectType(actual))) {
        const fields = (actual as GraphQLObjectType).getFields();
        for (const field of Object.values((expected as GraphQLObjectType).getFields())) {
          const mine = fields[field.name];
          if (!mine) {
            problems.push(`missing ${expected.name}.${field.name}`);
            continue;
          }
          if (String(mine.type) !== String(field.type))
            problems.push(`${expected.name}.${field.name}: ${mine.type} instead of ${field.type}`);
          for (const arg of field.args ?? []) {
            const myArg = mine.args?.find((candidate) => candidate.name === arg.name);
            if (!myArg || String(myArg.type) !== String(arg.type))
              problems.push(`${expected.name}.${field.name}(${arg.name}: ${arg.type})`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
