/**
 * A class on a class hub, as the skills pages read it (issue 19, "where the data is"): the
 * trainer's backup of the class (`GET /api/classes/{code}/backup`, docs/hub.md) turned into the
 * same results the pages read from this browser, through the same mapping (`skillAttemptOf`).
 *
 * The hub keeps only attempts it verified by replaying them, with the recomputed result in the
 * file, so every attempt counts. A trainee on a hub is known by their name (the hub's player key,
 * src/lib/engine/names.ts `nameKey`), a team by its key; a result counts for the team the hub has
 * it in now. Pure TypeScript: the scenarios' facts come from the caller.
 */
import { z } from 'zod';
import { nameKey } from '$lib/engine/names';
import { attemptSchema } from '$lib/engine/scenario/schema';
import { skillAttemptOf, type ScenarioFacts, type SkillAttempt } from './skills';

export const HUB_BACKUP_FORMAT = 'sales-sim/hub-backup@1';

const backupSchema = z.object({
	format: z.literal(HUB_BACKUP_FORMAT),
	class: z.object({ code: z.string().max(20), name: z.string().max(200) }),
	scenarios: z
		.array(
			z.object({
				id: z.string().max(200),
				version: z.number().int(),
				hash: z.string().max(100),
				text: z.string()
			})
		)
		.max(10_000),
	teams: z.array(z.object({ key: z.string().max(200), name: z.string().max(200) })).max(10_000),
	attempts: z
		.array(
			z.object({
				hash: z.string().max(100),
				team: z.string().max(200).nullable(),
				attempt: attemptSchema
			})
		)
		.max(1_000_000)
});
export type HubBackup = z.output<typeof backupSchema>;

/** The backup, or undefined when the hub answered something else than a class backup. */
export function parseHubBackup(value: unknown): HubBackup | undefined {
	const parsed = backupSchema.safeParse(value);
	return parsed.success ? parsed.data : undefined;
}

export interface HubResults {
	attempts: SkillAttempt[];
	/** Each trainee's name, by their key. */
	names: Map<string, string>;
	/** The class's teams, by key. */
	teams: { id: string; name: string }[];
}

/** The scenario versions a backup's results were played on, as `id@version`. */
export function versionsOf(backup: HubBackup): Set<string> {
	return new Set(
		backup.attempts.map(({ attempt }) => `${attempt.scenario.id}@${attempt.scenario.version}`)
	);
}

/**
 * The backup's results as the skills pages read them. `facts` gives each version's facts
 * (`id@version`); the backup's own published scenarios are the caller's to read.
 */
export function hubResults(
	backup: HubBackup,
	facts: (version: string) => ScenarioFacts
): HubResults {
	const names = new Map<string, string>();
	const teamKeys = new Map(backup.teams.map((team) => [team.name, team.key]));
	const attempts = backup.attempts.map(({ team, attempt }) => {
		const playerId = nameKey(attempt.player);
		// The name of their latest result, as the local pages name a player.
		names.set(playerId, attempt.player);
		return skillAttemptOf(
			{
				playerId,
				teamId: team === null ? null : (teamKeys.get(team) ?? nameKey(team)),
				scenarioId: attempt.scenario.id,
				finishedAt: Date.parse(attempt.finishedAt),
				outcome: attempt.result.outcome,
				categories: attempt.result.categories ?? {},
				actions: attempt.actions
			},
			facts(`${attempt.scenario.id}@${attempt.scenario.version}`)
		);
	});
	return {
		attempts,
		names,
		teams: backup.teams.map((team) => ({ id: team.key, name: team.name }))
	};
}
