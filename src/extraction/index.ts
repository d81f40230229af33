/** The extraction core's public surface: pure functions from article text to claims, facts and agreement. */
export * from "./numbers";
export * from "./hedge";
export * from "./facts";
export * from "./claims";
export * from "./agreement";
export * from "./divergence";
export * from "./versions";
export * from "./lexicon/units";
export { WEEKDAYS } from "./lexicon/calendar";
// The page-cleaning, outlet, people and quote modules are another author's; re-exported so callers have one entry point.
export * from "./clean";
export * from "./outlets";
export * from "./people";
export * from "./quote";
