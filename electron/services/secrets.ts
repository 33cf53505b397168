// Secrets generated once per install and kept in the data folder with mode 0600: the Grafana
// admin password and the bearer token the embedded server requires off loopback. They are never
// written into settings, a compose file, a dashboard or a log line.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './fs-atomic';

export type SecretName = 'grafana-admin-password' | 'server-token';

export class SecretStore {
  private readonly cache = new Map<SecretName, string>();

  constructor(private readonly dataDir: string) {}

  path(name: SecretName): string {
    return join(this.dataDir, 'secrets', name);
  }

  /** Returns the secret, generating and storing it on first use. */
  async get(name: SecretName): Promise<string> {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const file = this.path(name);
    let value: string;
    try {
      value = (await readFile(file, 'utf8')).trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      value = '';
    }
    if (!value) {
      value = randomBytes(24).toString('base64url');
      await mkdir(join(this.dataDir, 'secrets'), { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, value + '\n', 0o600);
    }
    this.cache.set(name, value);
    return value;
  }
}
