/**
 * The names of the file formats, as files carry them in `format`. Apart from the schema
 * (schema.ts, which re-exports them) so that the deal rules and the attempt a deal becomes name a
 * format without downloading the scenario schema (issue 20).
 */

export const SCENARIO_FORMAT = 'sales-sim/scenario@2';
/** The first scenario format, which format 2 extends: its files are read unchanged. */
export const SCENARIO_FORMAT_1 = 'sales-sim/scenario@1';
export const ATTEMPT_FORMAT = 'sales-sim/attempt@2';
