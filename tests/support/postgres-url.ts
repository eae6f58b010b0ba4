/** Databases the suite creates are named with this prefix, so a crashed run's leftovers are recognisable. */
export const TEST_DATABASE_PREFIX = 'uw_test_';

export function databaseUrlFor(serverUrl: string, databaseName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}
