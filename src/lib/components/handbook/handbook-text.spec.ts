import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	ACTIVITIES,
	ATTITUDES,
	CONTACTS,
	CUSTOMER_GROUPS,
	DELIBERATION_INTEL,
	DEPARTMENTS,
	LEVELS,
	POSITIONS,
	ROLES,
	SECTIONS,
	STAGES,
	STRATEGIES
} from '$lib/engine/methodology';
import { TERM_IDS, TERM_KINDS } from '$lib/components/term/term-text';
import { BARREL_EXAMPLE, CHART_EXAMPLE, FUNNEL_EXAMPLE } from './handbook-examples';
import { keyPart } from './handbook-text';

type Catalogue = Record<string, string>;
const read = (locale: string): Catalogue =>
	JSON.parse(readFileSync(`messages/handbook/${locale}.json`, 'utf8')) as Catalogue;
const catalogues = { en: read('en'), 'zh-CN': read('zh-CN') };

const each = (ids: readonly string[], pattern: (key: string) => string[]) =>
	ids.flatMap((id) => pattern(keyPart(id)));

/** Every key the handbook builds from a methodology id or an example, by the pattern it uses. */
const dynamicKeys: [string, string[]][] = [
	[
		'chapter titles and summaries',
		each(SECTIONS, (s) => [`hb_section_${s}_title`, `hb_section_${s}_summary`])
	],
	[
		'term definitions',
		TERM_KINDS.flatMap((kind) => each(TERM_IDS[kind], (id) => [`term_${kind}_${id}`]))
	],
	['glossary headings', each(TERM_KINDS, (kind) => [`hb_glossary_kind_${kind}`])],
	['departments', each(DEPARTMENTS, (id) => [`hb_department_${id}_body`])],
	['levels', each(LEVELS, (id) => [`hb_level_${id}_body`])],
	['roles', each(ROLES, (id) => [`hb_role_${id}_body`, `hb_role_${id}_work`])],
	['attitudes', each(ATTITUDES, (id) => [`hb_attitude_${id}_body`])],
	['contacts', each(CONTACTS, (id) => [`hb_contact_${id}_body`])],
	[
		'stages',
		each(STAGES, (id) => [`hb_stage_${id}_body`, `hb_stage_${id}_learn`, `hb_stage_${id}_tip`])
	],
	[
		'deliberation intel',
		each(DELIBERATION_INTEL, (id) => [`hb_intel_${id}`, `hb_intel_short_${id}`])
	],
	['groups', each(CUSTOMER_GROUPS, (id) => [`hb_group_${id}_body`, `hb_group_${id}_todo`])],
	[
		'strategies',
		each(STRATEGIES, (id) => [
			`hb_strategy_${id}_alias`,
			`hb_strategy_${id}_body`,
			`hb_strategy_${id}_tip`
		])
	],
	['positions', each(POSITIONS, (id) => [`hb_position_${id}`])],
	['activities', each(ACTIVITIES, (id) => [`hb_activity_${id}_body`])],
	['funnel example', FUNNEL_EXAMPLE.map((level) => `hb_funnel_level_${level.id}`)],
	[
		'chart example',
		CHART_EXAMPLE.flatMap((row) => [`hb_chart_ex_${row.id}_name`, `hb_chart_ex_${row.id}_title`])
	],
	[
		'barrel',
		BARREL_EXAMPLE.flatMap((stave) => [
			`hb_numbers_element_${stave.id}`,
			`hb_numbers_element_${stave.id}_body`
		])
	]
];

describe.each(Object.entries(catalogues))('the %s handbook catalogue', (_locale, catalogue) => {
	it.each(dynamicKeys)('has every key for the %s', (_what, keys) => {
		expect(keys.filter((key) => !catalogue[key]?.trim())).toEqual([]);
	});
});

describe('the two handbook catalogues', () => {
	const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

	it('have the same keys', () => {
		expect(Object.keys(catalogues['zh-CN']).sort()).toEqual(Object.keys(catalogues.en).sort());
	});

	it('use the same placeholders in every message', () => {
		const differing = Object.keys(catalogues.en).filter(
			(key) =>
				placeholders(catalogues.en[key]).join() !==
				placeholders(catalogues['zh-CN'][key] ?? '').join()
		);
		expect(differing).toEqual([]);
	});

	it('are translated: every Chinese message has Chinese in it', () => {
		// The English strategy names are part of the course's own Chinese vocabulary.
		const latinOnly = new Set(['$schema', 'hb_strategy_partnership_alias']);
		const untranslated = Object.entries(catalogues['zh-CN']).filter(
			([key, text]) =>
				!latinOnly.has(key) && !/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(text)
		);
		expect(untranslated.map(([key]) => key)).toEqual([]);
	});
});
