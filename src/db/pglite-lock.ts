import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The PGlite data directory ${dataDir} is in use by process ${ownerPid}. An embedded database serves one ` +
        'process only: stop that process, or set DATABASE_URL to share a PostgreSQL server between processes.',
    );
    this.name = 'DataDirectoryLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Directories this process holds: a lock file with our own pid is ours only if it is in here. */
const heldByThisProcess = new Set<string>();

/**
 * PGlite has no server to arbitrate access, and two processes writing one data directory corrupt it. A lock
 * file holding the owner's pid guards it; a lock left by a process that no longer exists (kill -9) is taken over.
 */
export function lockDataDirectory(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldByThisProcess.add(lockPath);
      return () => {
        heldByThisProcess.delete(lockPath);
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const ownerPid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      // Our own pid in the file is stale unless we hold it: a restarted container can reuse the crashed pid.
      const ownedHere = ownerPid === process.pid && heldByThisProcess.has(lockPath);
      if (ownedHere || (Number.isInteger(ownerPid) && ownerPid !== process.pid && isAlive(ownerPid))) {
        throw new DataDirectoryLockedError(dataDir, ownerPid);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the PGlite data directory ${dataDir}`);
}
