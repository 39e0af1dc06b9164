/**
 * The storage as the app uses it: the database and one repository per table, sharing one
 * context (database, clock, error mapping). The app uses the instance in index.ts; specs build
 * their own over fake-indexeddb with `createStorage`.
 */
import { AttemptRepository } from './attempt-repository';
import { BackupService } from './backup-service';
import { BoardRepository } from './board-repository';
import { CompetitionRepository } from './competition-repository';
import type { SalesSimDatabase } from './database';
import { DealRepository } from './deal-repository';
import { OutboxRepository } from './outbox-repository';
import { PersistenceService, type StorageManagerLike } from './persistence-service';
import { PlayerRepository } from './player-repository';
import { ScenarioRepository } from './scenario-repository';
import { SettingRepository } from './setting-repository';
import { KpiTargetRepository, PracticeRepository } from './skills-repository';
import { SkillSumsRepository } from './skill-sums-repository';
import { StorageContext } from './storage-context';
import { TeamRepository } from './team-repository';

export interface StorageOptions {
	/** Milliseconds since 1970 (default `Date.now`). */
	now?: () => number;
	/** `navigator.storage` or a stand-in (default: the browser's). */
	storageManager?: () => StorageManagerLike | undefined;
}

export interface Storage {
	db: SalesSimDatabase;
	players: PlayerRepository;
	teams: TeamRepository;
	attempts: AttemptRepository;
	/** Scoreboards: each player's best per board and window (board-buckets.ts). */
	boards: BoardRepository;
	deals: DealRepository;
	scenarios: ScenarioRepository;
	competitions: CompetitionRepository;
	settings: SettingRepository;
	/** Attempts to send to a joined class's hub. */
	outbox: OutboxRepository;
	/** A trainer's KPI targets (issue 19). */
	kpiTargets: KpiTargetRepository;
	/** Practice assigned to trainees and teams (issue 19). */
	practice: PracticeRepository;
	/** Skill sums per player, derived from the attempts (issue 19; skill-sums.ts). */
	skillSums: SkillSumsRepository;
	backup: BackupService;
	persistence: PersistenceService;
	/** Opens the database now; rejects with StorageUnavailableError where it cannot be opened. */
	open: () => Promise<void>;
}

export function createStorage(db: SalesSimDatabase, options: StorageOptions = {}): Storage {
	const context = new StorageContext(db, options.now);
	const settings = new SettingRepository(context);
	const persistence = new PersistenceService(settings, options.storageManager, options.now);
	context.onValuableWrite = () => void persistence.requestPersistence();
	return {
		db,
		players: new PlayerRepository(context),
		teams: new TeamRepository(context),
		attempts: new AttemptRepository(context),
		boards: new BoardRepository(context),
		deals: new DealRepository(context),
		scenarios: new ScenarioRepository(context),
		competitions: new CompetitionRepository(context),
		settings,
		outbox: new OutboxRepository(context),
		kpiTargets: new KpiTargetRepository(context),
		practice: new PracticeRepository(context),
		skillSums: new SkillSumsRepository(context),
		backup: new BackupService(context),
		persistence,
		open: () => context.open()
	};
}
