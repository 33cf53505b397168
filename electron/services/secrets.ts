// Secrets generated once per install and kept in the data folder with mode 0600: the Grafana
// admin password, the managed Prometheus's basic-auth password (its web config holds only the
// bcrypt hash) and the bearer token the embedded server requires off loopback. They are never
// written into settings, a compose file, a dashboard or a log line. Generation happens under the
// data folder's lock, so two processes reading a secret for the first time get the same one.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withFileLock } from './file-lock';
import { writeFileAtomic } from './fs-atomic';
import { DATA_LOCK_FILE } from './settings-store';

export type SecretName = 'grafana-admin-password' | 'prometheus-password' | 'server-token';

export class SecretStore {
  private readonly cache = new Map<SecretName, string>();

  constructor(private readonly dataDir: string) {}

  path(name: SecretName): string {
    return join(this.dataDir, 'secrets', name);
  }

  /** Returns the secret, generating and storing it on first use. */
  async get(name: SecretName): Promise<string> {
    const cached = this.cache.get(name) ?? (await this.read(name));
    if (cached) {
      this.cache.set(name, cached);
      return cached;
    }
    await mkdir(this.dataDir, { recursive: true });
    const value = await withFileLock(
      join(this.dataDir, DATA_LOCK_FILE),
      { purpose: `the ${name} secret` },
      async () => {
        // Another process may have generated it while we waited for the lock.
        const existing = await this.read(name);
        if (existing) return existing;
        const fresh = randomBytes(24).toString('base64url');
        await mkdir(join(this.dataDir, 'secrets'), { recursive: true, mode: 0o700 });
        await writeFileAtomic(this.path(name), fresh + '\n', 0o600);
        return fresh;
      },
    );
    this.cache.set(name, value);
    return value;
  }

  private async read(name: SecretName): Promise<string> {
    try {
      return (await readFile(this.path(name), 'utf8')).trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return '';
    }
  }
}
