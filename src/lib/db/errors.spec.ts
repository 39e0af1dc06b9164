import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
	DealConflictError,
	isQuotaError,
	StorageBlockedError,
	storageProblem,
	StorageFullError,
	StorageUnavailableError,
	type StorageErrorCode
} from './errors';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isQuotaError', () => {
	it.each<[string, unknown, boolean]>([
		['a DOMException named QuotaExceededError', quota(), true],
		['Dexie’s own QuotaExceededError', new Dexie.QuotaExceededError('full'), true],
		['Firefox’s name for it', { name: 'NS_ERROR_DOM_QUOTA_REACHED' }, true],
		[
			'wrapped as the inner error of a Dexie AbortError',
			new Dexie.AbortError('aborted', quota()),
			true
		],
		[
			'wrapped twice',
			new Dexie.AbortError('aborted', new Dexie.OpenFailedError('open', quota())),
			true
		],
		['the cause of an Error', new Error('save failed', { cause: quota() }), true],
		['one failure of a bulk operation', new Dexie.BulkError('bulk', { 3: quota() }), true],
		['a constraint error', new DOMException('dup', 'ConstraintError'), false],
		['a plain error', new Error('QuotaExceededError'), false],
		['not an error', 'QuotaExceededError', false],
		['nothing', undefined, false]
	])('%s → %s', (_, error, expected) => {
		expect(isQuotaError(error)).toBe(expected);
	});

	it('does not loop on a cycle of causes', () => {
		const a = new Error('a');
		const b = new Error('b', { cause: a });
		(a as { cause?: unknown }).cause = b;
		expect(isQuotaError(a)).toBe(false);
	});
});

describe('storageProblem', () => {
	it.each<[string, unknown, StorageErrorCode[], string]>([
		['an expected storage error', new StorageFullError(), ['full', 'blocked'], 'full'],
		['another one', new StorageBlockedError(), ['full', 'blocked'], 'blocked'],
		[
			'a storage error the caller has no words for',
			new StorageUnavailableError(),
			['full'],
			'failed'
		],
		['a conflict', new DealConflictError('d1', 3, 4), ['conflict'], 'conflict'],
		['a programming error', new TypeError('x is undefined'), ['full'], 'failed'],
		['anything thrown', 'a string', ['full'], 'failed']
	])('gives the code of %s', (_name, error, expected, problem) => {
		expect(storageProblem(error, expected)).toBe(problem);
	});
});
