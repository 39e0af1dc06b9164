/**
 * The skills pages' data for the class this device's trainer runs on a class hub (issue 19,
 * "where the data is"): the class's backup, read with the trainer key kept on this device
 * (src/lib/state/hub-trainer.svelte.ts), turned into results by src/lib/skills/hub-results.ts and
 * summed by the same functions as the results in this browser. A scenario a result was played on
 * is read from the backup when the trainer published it to the class, else from this device's
 * catalogue (the shipped ones). One read per class until `refresh`: the class page and a
 * trainee's page share it.
 */
import type { SettingValue } from '$lib/db';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import { trainerDownload, type TrainerFailure } from '$lib/hub/trainer-client';
import { findScenario } from '$lib/scenarios/catalogue';
import { buildCube } from '$lib/skills/aggregate';
import { hubResults, parseHubBackup, versionsOf } from '$lib/skills/hub-results';
import { scenarioFacts, type ScenarioFacts } from '$lib/skills/skills';
import type { SkillsData } from './skills-data';

/** Why the class's results could not be read. */
export type HubSkillsProblem = TrainerFailure | { kind: 'bad-backup' };

export type HubSkills =
	{ ok: true; data: SkillsData; readAt: number } | { ok: false; problem: HubSkillsProblem };

type Fetcher = typeof fetch;

const reads = new Map<string, Promise<HubSkills>>();

/** The class's results; read once per class (again with `refresh`). */
export function loadHubSkills(
	saved: SettingValue<'hubTrainer'>,
	{ refresh = false, fetcher }: { refresh?: boolean; fetcher?: Fetcher } = {}
): Promise<HubSkills> {
	const key = `${saved.hub} ${saved.code} ${saved.trainerKey}`;
	let read = reads.get(key);
	if (!read || refresh) {
		read = readHubSkills(saved, fetcher);
		reads.set(key, read);
		// A failed read is not kept: the next visit asks the hub again.
		void read.then((result) => {
			if (!result.ok && reads.get(key) === read) reads.delete(key);
		});
	}
	return read;
}

async function readHubSkills(
	saved: SettingValue<'hubTrainer'>,
	fetcher?: Fetcher
): Promise<HubSkills> {
	const download = await trainerDownload(
		saved.hub,
		saved.code,
		saved.trainerKey,
		'backup',
		fetcher
	);
	if (!download.ok) {
		const { ok: _, ...problem } = download;
		return { ok: false, problem };
	}
	let value: unknown;
	try {
		value = JSON.parse(await download.blob.text());
	} catch {
		return { ok: false, problem: { kind: 'bad-backup' } };
	}
	const backup = parseHubBackup(value);
	if (!backup) return { ok: false, problem: { kind: 'bad-backup' } };

	const published = new Map(backup.scenarios.map((s) => [`${s.id}@${s.version}`, s.text]));
	const facts = new Map<string, ScenarioFacts>();
	await Promise.all(
		[...versionsOf(backup)].map(async (version) => {
			const at = version.lastIndexOf('@');
			const text = published.get(version);
			const parsed = text === undefined ? undefined : await parseScenario(text);
			const scenario =
				parsed?.ok === true
					? parsed.scenario
					: (
							await findScenario(version.slice(0, at), Number(version.slice(at + 1))).catch(
								() => undefined
							)
						)?.scenario;
			facts.set(version, scenarioFacts(scenario));
		})
	);
	const results = hubResults(backup, (version) => facts.get(version)!);
	return {
		ok: true,
		data: {
			cube: buildCube(results.attempts),
			players: new Map(),
			names: results.names,
			teams: results.teams
		},
		readAt: Date.now()
	};
}
