/**
 * Units of measure as data: each spelling a text uses, the one name a claim carries, its dimension
 * and how to convert it to the dimension's canonical unit. Conversion lets agreement compare
 * "up to 114mph" with "up to 183 km/h", "six miles" with "10 km", "45°C" with "113°F".
 */

export type Dimension = "length" | "speed" | "temperature" | "mass" | "power" | "area" | "volume";

export interface UnitDefinition {
  /** The name claims carry (ExtractedClaim.unit). */
  name: string;
  dimension: Dimension;
  /** Value in the canonical unit = value * factor + offset. */
  factor: number;
  offset?: number;
}

/** The canonical unit of each dimension, the one converted values are expressed in. */
export const CANONICAL_UNITS: Readonly<Record<Dimension, string>> = {
  length: "metres",
  speed: "km/h",
  temperature: "°C",
  mass: "kilograms",
  power: "kilowatts",
  area: "hectares",
  volume: "litres",
};

const definitions: Record<string, UnitDefinition> = {
  kilometres: { name: "kilometres", dimension: "length", factor: 1000 },
  metres: { name: "metres", dimension: "length", factor: 1 },
  centimetres: { name: "centimetres", dimension: "length", factor: 0.01 },
  millimetres: { name: "millimetres", dimension: "length", factor: 0.001 },
  miles: { name: "miles", dimension: "length", factor: 1609.344 },
  "nautical miles": { name: "nautical miles", dimension: "length", factor: 1852 },
  feet: { name: "feet", dimension: "length", factor: 0.3048 },
  inches: { name: "inches", dimension: "length", factor: 0.0254 },
  yards: { name: "yards", dimension: "length", factor: 0.9144 },
  "km/h": { name: "km/h", dimension: "speed", factor: 1 },
  mph: { name: "mph", dimension: "speed", factor: 1.609344 },
  knots: { name: "knots", dimension: "speed", factor: 1.852 },
  "m/s": { name: "m/s", dimension: "speed", factor: 3.6 },
  "°C": { name: "°C", dimension: "temperature", factor: 1 },
  "°F": { name: "°F", dimension: "temperature", factor: 5 / 9, offset: -32 * (5 / 9) },
  kilograms: { name: "kilograms", dimension: "mass", factor: 1 },
  tonnes: { name: "tonnes", dimension: "mass", factor: 1000 },
  pounds_weight: { name: "lb", dimension: "mass", factor: 0.45359237 },
  kilowatts: { name: "kilowatts", dimension: "power", factor: 1 },
  megawatts: { name: "megawatts", dimension: "power", factor: 1000 },
  gigawatts: { name: "gigawatts", dimension: "power", factor: 1e6 },
  horsepower: { name: "horsepower", dimension: "power", factor: 0.7457 },
  hectares: { name: "hectares", dimension: "area", factor: 1 },
  acres: { name: "acres", dimension: "area", factor: 0.40468564 },
  "square kilometres": { name: "square kilometres", dimension: "area", factor: 100 },
  "square miles": { name: "square miles", dimension: "area", factor: 258.998811 },
  litres: { name: "litres", dimension: "volume", factor: 1 },
  gallons: { name: "gallons", dimension: "volume", factor: 3.78541 },
};

/** Every spelling (lower case) of a unit, spelled out or abbreviated, fused to digits or not. */
const SPELLINGS: Readonly<Record<string, string>> = {
  km: "kilometres",
  kms: "kilometres",
  kilometre: "kilometres",
  kilometres: "kilometres",
  kilometer: "kilometres",
  kilometers: "kilometres",
  m: "metres",
  metre: "metres",
  metres: "metres",
  meter: "metres",
  meters: "metres",
  cm: "centimetres",
  centimetre: "centimetres",
  centimetres: "centimetres",
  centimeter: "centimetres",
  centimeters: "centimetres",
  mm: "millimetres",
  millimetre: "millimetres",
  millimetres: "millimetres",
  millimeter: "millimetres",
  millimeters: "millimetres",
  mile: "miles",
  miles: "miles",
  mi: "miles",
  ft: "feet",
  foot: "feet",
  feet: "feet",
  inch: "inches",
  inches: "inches",
  in: "inches",
  yard: "yards",
  yards: "yards",
  "km/h": "km/h",
  kmh: "km/h",
  kph: "km/h",
  "kilometres per hour": "km/h",
  "kilometers per hour": "km/h",
  "km per hour": "km/h",
  "kilometres an hour": "km/h",
  "kilometers an hour": "km/h",
  "km an hour": "km/h",
  mph: "mph",
  "miles per hour": "mph",
  "miles an hour": "mph",
  knot: "knots",
  knots: "knots",
  kt: "knots",
  kts: "knots",
  "m/s": "m/s",
  "metres per second": "m/s",
  "meters per second": "m/s",
  "°c": "°C",
  "degrees celsius": "°C",
  "degrees centigrade": "°C",
  "°f": "°F",
  "degrees fahrenheit": "°F",
  kg: "kilograms",
  kgs: "kilograms",
  kilogram: "kilograms",
  kilograms: "kilograms",
  kilo: "kilograms",
  kilos: "kilograms",
  tonne: "tonnes",
  tonnes: "tonnes",
  ton: "tonnes",
  tons: "tonnes",
  t: "tonnes",
  lb: "lb",
  lbs: "lb",
  kw: "kilowatts",
  kilowatt: "kilowatts",
  kilowatts: "kilowatts",
  mw: "megawatts",
  megawatt: "megawatts",
  megawatts: "megawatts",
  gw: "gigawatts",
  gigawatt: "gigawatts",
  gigawatts: "gigawatts",
  hp: "horsepower",
  bhp: "horsepower",
  horsepower: "horsepower",
  ps: "horsepower",
  hectare: "hectares",
  hectares: "hectares",
  ha: "hectares",
  acre: "acres",
  acres: "acres",
  "square kilometres": "square kilometres",
  "square kilometers": "square kilometres",
  "sq km": "square kilometres",
  km2: "square kilometres",
  "km²": "square kilometres",
  "square miles": "square miles",
  "sq miles": "square miles",
  litre: "litres",
  litres: "litres",
  liter: "litres",
  liters: "litres",
  gallon: "gallons",
  gallons: "gallons",
};

/** The unit a spelling names ("kph" -> km/h), or null. */
export function unitNamed(spelling: string): UnitDefinition | null {
  const name = SPELLINGS[spelling.toLowerCase().replace(/\s+/g, " ")];
  if (!name) return null;
  return definitions[name === "lb" ? "pounds_weight" : name] ?? null;
}

/** The definition of a unit by the name a claim carries ("kilometres", "mph"), or null. */
export function unitDefinition(name: string | null): UnitDefinition | null {
  if (!name) return null;
  return definitions[name === "lb" ? "pounds_weight" : name] ?? null;
}

/** Abbreviations that may be glued to digits ("640bhp", "10km", "45kg"); "m" is decided in context. */
export const FUSED_UNIT_SPELLINGS: ReadonlySet<string> = new Set([
  "km",
  "kms",
  "cm",
  "mm",
  "mi",
  "ft",
  "kmh",
  "kph",
  "mph",
  "kt",
  "kts",
  "kg",
  "kgs",
  "t",
  "lb",
  "lbs",
  "kw",
  "mw",
  "gw",
  "hp",
  "bhp",
  "ps",
  "ha",
  "km2",
]);

/** Converts a value of `unit` into its dimension's canonical unit; null bounds stay null. */
export function toCanonical(unit: string | null, value: number | null): number | null {
  const definition = unitDefinition(unit);
  if (!definition || value === null) return value;
  return Math.round((value * definition.factor + (definition.offset ?? 0)) * 1e6) / 1e6;
}
