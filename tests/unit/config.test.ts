import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      BODY_LIMIT_BYTES: 1024 * 1024,
      LOG_LEVEL: 'info',
      DATABASE_PREPARED_STATEMENTS: true,
      CACHE_MAX_AGE_MS: 60_000,
    });
  });

  it('treats an empty value as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('parses values and ignores unrelated variables', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db', HOME: '/root' });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBe('postgres://u@h:5432/db');
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false', CACHE_MAX_AGE_MS: '0' })).toMatchObject({
      DATABASE_PREPARED_STATEMENTS: false,
      CACHE_MAX_AGE_MS: 0,
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['LOG_LEVEL', 'loud'],
    ['BODY_LIMIT_BYTES', '12'],
    ['DATABASE_PREPARED_STATEMENTS', 'yes'],
    ['CACHE_MAX_AGE_MS', '-1'],
  ])('refuses %s=%s naming the variable', (variable, value) => {
    try {
      loadConfig({ [variable]: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
      expect((error as Error).message).toContain(variable);
    }
  });
});
