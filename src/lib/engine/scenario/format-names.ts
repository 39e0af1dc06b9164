/**
 * The names of the file formats, as files carry them in `format`, and the languages a scenario can
 * be written in. Apart from the schema (schema.ts, which re-exports them) so that the deal rules,
 * the attempt a deal becomes and the library name them without downloading the scenario schema
 * (issue 20).
 */

export const SCENARIO_FORMAT = 'sales-sim/scenario@2';
/** The first scenario format, which format 2 extends: its files are read unchanged. */
export const SCENARIO_FORMAT_1 = 'sales-sim/scenario@1';
export const ATTEMPT_FORMAT = 'sales-sim/attempt@2';

/** The languages a scenario is written in (its `locale`). */
export const LOCALES = ['en', 'zh-CN'] as const;
export type ScenarioLocale = (typeof LOCALES)[number];
