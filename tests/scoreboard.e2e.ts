/**
 * The scoreboard, its filters in the address, CSV export, the teams and competitions admin, and
 * the projector following results as they arrive.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { attemptFromCheck, type SeededAttempt } from './attempt-seed';
import { play, readScenario, startDeal } from './play-driver';

const MINUTE = 60_000;

interface SeedTeam {
	id: string;
	name: string;
}
interface SeedAttempt {
	seeded: SeededAttempt;
	team: SeedTeam | null;
	finishedAt: number;
	mode?: 'practice' | 'assessment';
}

/**
 * Writes teams, players and attempts straight into the app's IndexedDB, as the storage layer
 * stores them (the scoreboard rebuilds its buckets when it finds attempts it has not seen).
 */
async function seed(page: Page, teams: SeedTeam[], attempts: SeedAttempt[]): Promise<void> {
	// The app must have created its database first: a plain open would create an empty one. On a
	// device with none, the scoreboard shows its empty board without the storage code and creates
	// the database once that code has loaded, after the first screen (src/lib/state/scoreboard-data.ts).
	await expect(board(page)).toBeVisible();
	await expect
		.poll(() =>
			page.evaluate(async () =>
				(await indexedDB.databases()).some((d) => d.name === 'sales-sim' && (d.version ?? 0) > 0)
			)
		)
		.toBe(true);
	const players = new Map<string, Record<string, unknown>>();
	const rows = attempts.map(({ seeded, team, finishedAt, mode = 'assessment' }) => {
		players.set(seeded.player.id, {
			id: seeded.player.id,
			name: seeded.player.name,
			nameKey: seeded.player.name.toLowerCase(),
			teamId: team?.id ?? null,
			createdAt: finishedAt - 60 * MINUTE
		});
		const { expected } = seeded;
		return {
			record: {
				id: seeded.id,
				scenarioId: seeded.scenario.id,
				scenarioVersion: seeded.scenario.version,
				scenarioHash: seeded.hash,
				playerId: seeded.player.id,
				playerName: seeded.player.name,
				teamId: team?.id ?? null,
				teamName: team?.name ?? null,
				mode,
				// Played on seed 0 under today's rules, as the expected replay was.
				seed: 0,
				rules: 2,
				startedAt: finishedAt - 30 * MINUTE,
				finishedAt,
				result: {
					outcome: expected.outcome,
					score: seeded.storedScore,
					categories: Object.fromEntries(
						expected.score.categories.map((c) => [c.category, c.points])
					)
				},
				weeksUsed: expected.final.weeksUsed,
				verified: seeded.storedScore === expected.score.total,
				source: 'local',
				fingerprint: [...seeded.id]
					.map((c) => c.charCodeAt(0).toString(16))
					.join('')
					.padEnd(64, '0')
					.slice(0, 64),
				arrivedAt: finishedAt,
				boardKey: [seeded.storedScore, -expected.final.weeksUsed, -finishedAt, finishedAt]
			},
			actions: seeded.actions
		};
	});
	await page.evaluate(
		({ teams, players, rows }) =>
			new Promise<void>((done, fail) => {
				const request = indexedDB.open('sales-sim');
				request.onerror = () => fail(request.error);
				request.onsuccess = () => {
					const db = request.result;
					const tx = db.transaction(
						['teams', 'players', 'attempts', 'attemptActions'],
						'readwrite'
					);
					for (const team of teams)
						tx.objectStore('teams').put({
							...team,
							nameKey: team.name.toLowerCase(),
							createdAt: 1
						});
					for (const player of players) tx.objectStore('players').put(player);
					for (const { record, actions } of rows) {
						tx.objectStore('attempts').put(record);
						tx.objectStore('attemptActions').put({ id: record.id, actions });
					}
					tx.oncomplete = () => {
						db.close();
						done();
					};
					tx.onerror = () => fail(tx.error);
				};
			}),
		{ teams, players: [...players.values()], rows }
	);
}

/** A score as the board shows it in English: one decimal at most. */
const shown = (score: number) =>
	new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(score);
const scoreOf = (attempt: SeededAttempt) => shown(attempt.expected.score.total);

const EAST = { id: 'team-east', name: 'East' };
const WEST = { id: 'team-west', name: 'West' };

/** Four players on City Hospital v1, one practice attempt and one on another scenario. */
async function seedClass(page: Page): Promise<Record<string, SeededAttempt>> {
	const now = Date.now();
	const file = 'city-hospital-his.json';
	const li = await attemptFromCheck(file, 0, { id: 'li-model', player: 'Li Na' });
	const wang = await attemptFromCheck(file, 2, { id: 'wang-short', player: 'Wang Wei' });
	const chen = await attemptFromCheck(file, 2, { id: 'chen-short', player: '=Chen, Jie' });
	const zhao = await attemptFromCheck(file, 1, { id: 'zhao-naive', player: '赵敏' });
	const practice = await attemptFromCheck(file, 0, {
		id: 'zhao-practice',
		player: '赵敏',
		tamperScore: 99
	});
	const other = await attemptFromCheck('riverside-water-meters.json', 0, {
		id: 'wang-river',
		player: 'Wang Wei'
	});
	// One player id per name, whatever the attempt.
	practice.player.id = zhao.player.id;
	other.player.id = wang.player.id;
	await seed(
		page,
		[EAST, WEST],
		[
			// Yesterday (more than a day ago).
			{ seeded: li, team: EAST, finishedAt: now - 26 * 60 * MINUTE },
			{ seeded: chen, team: null, finishedAt: now - 5 * MINUTE },
			{ seeded: wang, team: EAST, finishedAt: now - 3 * MINUTE },
			{ seeded: zhao, team: WEST, finishedAt: now - 2 * MINUTE },
			{ seeded: practice, team: WEST, finishedAt: now - MINUTE, mode: 'practice' },
			{ seeded: other, team: EAST, finishedAt: now - 10 * MINUTE }
		]
	);
	return { li, wang, chen, zhao, other };
}

function board(page: Page) {
	return page.locator('[data-testid="scoreboard"][data-ready="true"]');
}

async function playerOrder(page: Page): Promise<string[]> {
	return board(page)
		.locator('tbody tr')
		.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-player') ?? ''));
}

test('boards rank each player’s best, filter through the address, open debriefs and export CSV', async ({
	page,
	axe,
	switchLanguage
}) => {
	// Several axe scans on a machine shared with other builds.
	test.setTimeout(90_000);
	await page.goto('/scoreboard');
	await expect(board(page)).toContainText('No assessment results yet');
	await expect(board(page).getByRole('link', { name: 'Import results' })).toHaveAttribute(
		'href',
		'/scoreboard/import'
	);
	await axe('empty scoreboard');

	const { li, wang, chen, zhao } = await seedClass(page);
	await page.reload();
	await expect(board(page).locator('tbody tr')).toHaveCount(4);
	// Equal scores: fewer weeks, then who finished first (Chen before Wang); practice never counts.
	expect(await playerOrder(page)).toEqual(['Li Na', '=Chen, Jie', 'Wang Wei', '赵敏']);
	await expect(page.getByLabel('Scenario and version')).toHaveValue('city-hospital-his@2');
	await expect(board(page).locator('tbody tr').first()).toContainText(scoreOf(li));
	await expect(board(page).locator('tbody tr').first()).toContainText('Gold');
	await axe('scenario board');

	// Today only: Li Na's result is from yesterday.
	await page.getByLabel('Period').selectOption('today');
	await expect(page).toHaveURL(/period=today/);
	await expect(board(page).locator('tbody tr')).toHaveCount(3);
	expect(await playerOrder(page)).toEqual(['=Chen, Jie', 'Wang Wei', '赵敏']);
	await page.goBack();
	await expect(page).not.toHaveURL(/period=/);
	await expect(board(page).locator('tbody tr')).toHaveCount(4);

	// Another scenario version is another board.
	await page.getByLabel('Scenario and version').selectOption('riverside-water-meters@2');
	await expect(board(page).locator('tbody tr')).toHaveCount(1);
	await page.goBack();
	await expect(board(page).locator('tbody tr')).toHaveCount(4);

	// Each row opens that attempt's debrief.
	await board(page).getByRole('link', { name: 'Li Na' }).click();
	await expect(page).toHaveURL(new RegExp(`/attempts/${li.id}$`));
	await page.goBack();

	// Teams: the average of the members' best scores, with the members counted.
	await page.getByLabel('Board', { exact: true }).selectOption('team');
	await expect(page).toHaveURL(/view=team/);
	const teams = board(page).locator('tbody tr');
	await expect(teams).toHaveCount(2);
	await expect(teams.nth(0)).toHaveAttribute('data-team', 'East');
	await expect(teams.nth(0)).toContainText(
		shown((li.expected.score.total + wang.expected.score.total) / 2)
	);
	await expect(teams.nth(0)).toContainText('2 of 2');
	await expect(teams.nth(1)).toHaveAttribute('data-team', 'West');
	await expect(board(page)).toContainText('Players without a team: 1');
	await axe('team board');

	// CSV of the player board: BOM, localised header, quoted and formula-safe names, Chinese kept.
	await page.getByLabel('Board', { exact: true }).selectOption('scenario');
	await expect(board(page).locator('tbody tr')).toHaveCount(4);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export CSV' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^scoreboard-.*version-2-\d{4}-\d{2}-\d{2}\.csv$/);
	const text = await readFile((await download.path())!, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const lines = text.slice(1).split('\r\n');
	expect(lines[0]).toBe('Rank,Player,Team,Score,Outcome,Weeks used,Finished,Scoring rules');
	expect(lines[1]).toMatch(
		new RegExp(`^1,Li Na,East,${scoreOf(li)},Won,${li.expected.final.weeksUsed},.*,2$`)
	);
	expect(lines[2]).toMatch(new RegExp(`^2,"'=Chen, Jie",,${scoreOf(chen)},`));
	expect(lines[4]).toMatch(new RegExp(`^4,赵敏,West,${scoreOf(zhao)},`));

	await switchLanguage('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('排行榜');
	await expect(board(page).getByRole('columnheader', { name: '名次' })).toBeVisible();
	await axe('scenario board in Chinese');
});

test('a large team’s members are folded away on the team board, and listed when opened', async ({
	page,
	axe
}) => {
	await page.goto('/scoreboard');
	const now = Date.now();
	const north = { id: 'team-north', name: 'North' };
	const members = await Promise.all(
		Array.from({ length: 10 }, (_, i) =>
			attemptFromCheck('city-hospital-his.json', i % 3, {
				id: `north-${i + 1}`,
				player: `Member ${i + 1}`
			})
		)
	);
	await seed(
		page,
		[north],
		members.map((seeded, i) => ({ seeded, team: north, finishedAt: now - (i + 1) * MINUTE }))
	);
	await page.goto('/scoreboard?view=team');
	const row = board(page).locator('tr[data-team="North"]');
	await expect(row).toContainText('10 of 10');
	// Ten members: their scores are one click away, and not drawn until then.
	const fold = row.getByText('10 members’ scores');
	await expect(fold).toBeVisible();
	await expect(row.getByRole('link')).toHaveCount(0);
	await fold.click();
	await expect(row.getByRole('link')).toHaveCount(10);
	await axe('team board, a large team opened');
	await row.getByRole('link', { name: 'Member 4', exact: true }).click();
	await expect(page).toHaveURL(/\/attempts\/north-4$/);
});

test('a trainer creates, renames, merges and removes teams and moves players', async ({
	page,
	axe
}) => {
	// Several axe scans on a machine shared with other builds.
	test.setTimeout(90_000);
	await page.goto('/scoreboard');
	await seedClass(page);
	await page.goto('/trainer/teams');
	const teams = page.getByTestId('teams-table');
	await expect(teams.locator('tbody tr')).toHaveCount(2);
	await expect(teams.locator('tr[data-team="East"]')).toContainText('2');
	await axe('teams admin');

	await page.getByLabel('Team name').fill('North');
	await page.getByRole('button', { name: 'Create team' }).click();
	await expect(page.getByRole('status')).toHaveText('Team “North” created.');
	await page.getByLabel('Team name').fill('  north ');
	await page.getByRole('button', { name: 'Create team' }).click();
	await expect(page.getByRole('alert')).toContainText('There is already a team called “north”');

	await page.getByRole('button', { name: 'Rename North' }).click();
	await page.getByLabel('New name for North').fill('North Star');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText('Renamed to “North Star”.');

	// A team with players cannot be removed; the page says why and what to do.
	await page.getByRole('button', { name: 'Remove East' }).click();
	await expect(teams.getByRole('alert')).toContainText('“East” still has players (2)');

	// Move a player; their earlier results stay with East unless asked.
	await page.getByLabel('Team of Wang Wei').selectOption({ label: 'North Star' });
	await expect(page.getByRole('status')).toHaveText('Wang Wei now plays for “North Star”.');
	await expect(teams.locator('tr[data-team="North Star"] td').first()).toHaveText('1');

	// Merge West into North Star, after a confirmation.
	await page.getByRole('button', { name: 'Merge West into another team' }).click();
	await page.getByLabel('Merge West into').selectOption({ label: 'North Star' });
	await page.getByRole('button', { name: 'Merge', exact: true }).click();
	await expect(teams).toContainText('Its players (1) and all its results move to “North Star”');
	await axe('merge confirmation');
	await page.getByRole('button', { name: 'Merge', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('“West” was merged into “North Star”.');
	await expect(teams.locator('tbody tr')).toHaveCount(2);
	await expect(teams.locator('tr[data-team="North Star"] td').first()).toHaveText('2');

	// The team board follows: 赵敏's result now counts for North Star.
	await page.goto('/scoreboard?view=team');
	await expect(board(page).locator('tr[data-team="North Star"]')).toContainText('赵敏');

	// An empty team can be removed.
	await page.goto('/trainer/teams');
	await page.getByLabel('Team name').fill('Spare');
	await page.getByRole('button', { name: 'Create team' }).click();
	await page.getByRole('button', { name: 'Remove Spare' }).click();
	await page.getByRole('button', { name: 'Remove', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Team “Spare” removed.');
	await expect(teams.locator('tr[data-team="Spare"]')).toHaveCount(0);
});

test('a competition counts its exact versions inside its window, on its own board', async ({
	page,
	axe
}) => {
	// Several axe scans on a machine shared with other builds.
	test.setTimeout(90_000);
	await page.goto('/scoreboard');
	const { wang, other } = await seedClass(page);
	await page.goto('/trainer/competitions');
	await expect(page.getByText('No competitions yet')).toBeVisible();
	await page.getByRole('button', { name: 'Create competition' }).click();
	await expect(page.getByText('Give the competition a name.')).toBeVisible();
	await expect(page.getByText('Choose at least one scenario version.')).toBeVisible();
	await axe('competition form with problems');

	await page.getByLabel('Name', { exact: true }).fill('Morning cup');
	await page.getByRole('checkbox', { name: /City Hospital.*version 2/ }).check();
	await page.getByRole('checkbox', { name: /Riverside.*version 2/ }).check();
	const pad = (n: number) => String(n).padStart(2, '0');
	const local = (d: Date) =>
		`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
	const start = new Date(Date.now() - 12 * 60 * MINUTE);
	const end = new Date(Date.now() + 60 * MINUTE);
	await page.getByLabel('Starts').fill(local(end));
	await page.getByLabel('Ends').fill(local(start));
	await page.getByLabel('Deal number (optional)').fill('seven');
	await page.getByRole('button', { name: 'Create competition' }).click();
	await expect(page.getByText('The end must be after the start.')).toBeVisible();
	await expect(
		page.getByText('A deal number is a whole number from 0 to 4294967295.')
	).toBeVisible();
	// The seeded results were played on deal 0: the competition hands out that deal.
	await page.getByLabel('Deal number (optional)').fill('0');
	await page.getByLabel('Starts').fill(local(start));
	await page.getByLabel('Ends').fill(local(end));
	await page.getByRole('button', { name: 'Create competition' }).click();
	await expect(page.getByRole('status')).toHaveText('Competition “Morning cup” saved.');
	await expect(page.locator('li[data-competition="Morning cup"]')).toContainText('Deal no. 0');
	await axe('competitions list');

	await page.getByRole('link', { name: 'Open the board of Morning cup' }).click();
	await expect(page).toHaveURL(/view=competition&competition=/);
	const players = board(page).locator('table[data-board="competition"] tbody tr');
	// Li Na's model result is from yesterday, outside the window: not counted.
	await expect(players).toHaveCount(3);
	await expect(players.nth(0)).toHaveAttribute('data-player', 'Wang Wei');
	// Wang Wei: the short cut on City Hospital and the model path on Riverside.
	await expect(players.nth(0)).toContainText(
		shown(wang.expected.score.total + other.expected.score.total)
	);
	await expect(players.nth(1)).toHaveAttribute('data-player', '=Chen, Jie');
	await expect(players.nth(1)).toContainText('not played');
	const teams = board(page).locator('table[data-board="competition-teams"] tbody tr');
	await expect(teams.nth(0)).toHaveAttribute('data-team', 'East');
	await axe('competition board');
});

test('the projector shows the board large and follows results as they arrive', async ({
	page,
	context,
	axe
}) => {
	test.setTimeout(180_000);
	await page.goto('/scoreboard');
	const file = 'city-hospital-his.json';
	const zhang = await attemptFromCheck(file, 1, { id: 'zhang-naive', player: 'Zhang San' });
	const wang = await attemptFromCheck(file, 1, { id: 'wang-naive', player: 'Wang Wu' });
	await seed(
		page,
		[EAST],
		[
			{ seeded: zhang, team: EAST, finishedAt: Date.now() - 20 * MINUTE },
			{ seeded: wang, team: EAST, finishedAt: Date.now() - 10 * MINUTE }
		]
	);
	await page.goto('/scoreboard');
	await page.getByRole('link', { name: 'Projector view' }).click();
	await expect(page).toHaveURL(/\/scoreboard\/projector/);
	// No site header on the projector.
	await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
	const projector = page.locator('[data-testid="projector"][data-ready="true"]');
	const rows = projector.locator('li[data-rank]');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toHaveAttribute('data-name', 'Zhang San');
	await expect(page.getByRole('button', { name: 'Full screen' })).toBeVisible();
	await axe('projector');

	// A trainee finishes an assessment attempt in another tab.
	const trainee = await context.newPage();
	await trainee.addInitScript(() => localStorage.setItem('PARAGLIDE_LOCALE', 'en'));
	const scenario = readScenario('city-hospital-his');
	await startDeal(trainee, scenario.id, 'assessment', { name: 'Chen Qi' });
	for (const action of scenario.checks![2].actions) await play(trainee, scenario, action);
	await expect(trainee).toHaveURL(/\/attempts\//);

	await expect(rows).toHaveCount(3);
	await expect(rows.nth(0)).toHaveAttribute('data-name', 'Chen Qi');
	await expect(rows.nth(0).locator('[data-change="new"]')).toBeVisible();
	await expect(rows.nth(1).locator('[data-change="down"]')).toContainText('▼1');
	const chen = await attemptFromCheck(file, 2, { id: 'chen-short', player: 'Chen Qi' });
	await expect(page.getByTestId('leader-announcement')).toHaveText(
		`New leader: Chen Qi, ${scoreOf(chen)} points`
	);
	await axe('projector after an update');
});
