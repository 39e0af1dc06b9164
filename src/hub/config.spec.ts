/** The hub's settings: TLS to a PostgreSQL elsewhere, limits, and bad values refused clearly. */
import { describe, expect, it } from 'vitest';
import { tlsProblem } from './db';
import { RateLimiter, newClassCode, normalizeCode } from './security';
import { configFromEnv, startHub } from './server';

describe('TLS to PostgreSQL', () => {
	it('needs none on this machine', () => {
		for (const url of [
			'postgres://u:p@localhost:5432/db',
			'postgres://u:p@127.0.0.1/db',
			'postgresql://u@[::1]:5432/db',
			'postgres:///db?host=/var/run/postgresql'
		])
			expect(tlsProblem(url, {})).toBeUndefined();
	});

	it('refuses another host without TLS, unless told it is local', () => {
		expect(tlsProblem('postgres://u:p@db.example.com/db', {})).toMatch(/sslmode=require/);
		expect(tlsProblem('postgres://u:p@10.0.0.5/db?sslmode=disable', {})).toMatch(
			/not this machine/
		);
		expect(tlsProblem('postgres://u:p@db.example.com/db?sslmode=require', {})).toBeUndefined();
		expect(tlsProblem('postgres://u:p@db.example.com/db?sslmode=verify-full', {})).toBeUndefined();
		expect(
			tlsProblem('postgres://u:p@db.example.com/db', { PGSSLMODE: 'require' })
		).toBeUndefined();
		expect(tlsProblem('postgres://u:p@10.0.0.5/db', { HUB_DATABASE_LOCAL: '1' })).toBeUndefined();
		expect(tlsProblem('mysql://u@localhost/db', {})).toMatch(/postgres:\/\//);
		expect(tlsProblem('not a url', {})).toMatch(/not a URL/);
	});

	it('does not start on such a server', async () => {
		const config = configFromEnv(
			{ DATABASE_URL: 'postgres://u:p@db.example.com/db', PORT: '0' },
			'.'
		);
		await expect(startHub(config, () => {})).rejects.toThrow(/not this machine/);
	});
});

describe('settings from the environment', () => {
	it('defaults to the embedded database in ./data on localhost:4173', () => {
		const config = configFromEnv({}, '/srv/app');
		expect(config).toMatchObject({
			port: 4173,
			host: 'localhost',
			databaseUrl: undefined,
			dataDir: '/srv/app/data',
			staticDir: '/srv/app/build',
			trustProxy: false,
			corsOrigins: undefined
		});
	});

	it('reads the rest, and says which value is wrong', () => {
		const config = configFromEnv(
			{
				HUB_ATTEMPT_LIMIT: '10/30',
				HUB_CORS_ORIGINS: 'https://a.example, https://b.example',
				HUB_TRUST_PROXY: '1'
			},
			'/srv'
		);
		expect(config.limits?.attempts).toEqual({ burst: 10, perMinute: 30 });
		expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
		expect(config.trustProxy).toBe(true);
		expect(() => configFromEnv({ PORT: 'eighty' }, '/')).toThrow(/PORT must be a whole number/);
		expect(() => configFromEnv({ HUB_ATTEMPT_LIMIT: 'lots' }, '/')).toThrow(/BURST\/PER_MINUTE/);
	});
});

describe('class codes and rate limits', () => {
	it('makes codes of 60 random bits that survive how people type them', () => {
		const codes = new Set(Array.from({ length: 2000 }, newClassCode));
		expect(codes.size).toBe(2000);
		for (const code of [...codes].slice(0, 50)) {
			expect(normalizeCode(code.toLowerCase())).toBe(code);
			expect(normalizeCode(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`)).toBe(code);
		}
		expect(normalizeCode('O1LI23456789')).toBe('011123456789');
		expect(normalizeCode('short')).toBeUndefined();
		expect(normalizeCode('UUUUUUUUUUUU')).toBeUndefined();
	});

	it('refills tokens over time', () => {
		let now = 0;
		const limiter = new RateLimiter({ burst: 2, perMinute: 60 }, () => now);
		expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1]);
		expect(limiter.take('b')).toBe(0);
		expect(limiter.wait('a')).toBe(1);
		now += 1000;
		expect(limiter.wait('a')).toBe(0);
		expect(limiter.take('a')).toBe(0);
		expect(limiter.take('a')).toBe(1);
	});
});
