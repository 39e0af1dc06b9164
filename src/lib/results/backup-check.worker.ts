/**
 * The worker of the settings page's backup check: backup-helper.ts says what it does and how the
 * page talks to it.
 */
import { serveBackupChecks, type WorkerScope } from './backup-helper';

serveBackupChecks(self as unknown as WorkerScope);
