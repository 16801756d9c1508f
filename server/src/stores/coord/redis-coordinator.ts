import { Redis } from 'ioredis';
import type { Coordinator } from './coordinator.js';

const REPORT_EVERY_MS = 30_000;

/**
 * One warning when a connection fails, then at most one every 30 s while it stays down, and one
 * line when it is back; ioredis keeps reconnecting by itself.
 */
function reportErrors(connection: Redis, role: string): void {
  let lastReport = 0;
  let down = false;
  connection.on('error', (error: Error) => {
    const now = Date.now();
    if (!down || now - lastReport > REPORT_EVERY_MS) {
      process.emitWarning(`Redis (${role}) unavailable: ${error.message}; retrying`, 'OpenSMHRedis');
      lastReport = now;
    }
    down = true;
  });
  connection.on('ready', () => {
    if (down) {
      process.emitWarning(`Redis (${role}) reachable again`, 'OpenSMHRedis');
      down = false;
    }
  });
}

/**
 * Coordination across API nodes through Redis: pub/sub for invalidations (a second connection,
 * as subscribed connections cannot issue commands) and INCR + PEXPIRE windows for rate limits.
 */
export class RedisCoordinator implements Coordinator {
  readonly kind = 'redis' as const;
  private readonly handlers = new Map<string, ((message: string) => void)[]>();

  private constructor(
    private readonly commands: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) {
        handler(message);
      }
    });
  }

  static async open(url: string, prefix = 'opensmh:'): Promise<RedisCoordinator> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
    const commands = new Redis(url, options);
    const subscriber = new Redis(url, options);
    // Without 'error' listeners ioredis prints "[ioredis] Unhandled error event" on every retry.
    reportErrors(commands, 'commands');
    reportErrors(subscriber, 'subscriber');
    try {
      await Promise.all([commands.connect(), subscriber.connect()]);
    } catch (error) {
      commands.disconnect();
      subscriber.disconnect();
      throw error;
    }
    return new RedisCoordinator(commands, subscriber, prefix);
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.commands.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    const full = this.prefix + channel;
    const list = this.handlers.get(full) ?? [];
    if (list.length === 0) {
      await this.subscriber.subscribe(full);
    }
    list.push(handler);
    this.handlers.set(full, list);
  }

  async hit(key: string, limit: number, windowMs: number): Promise<boolean> {
    const window = Math.floor(Date.now() / windowMs);
    const full = `${this.prefix}rl:${key}:${window}`;
    const results = await this.commands.multi().incr(full).pexpire(full, windowMs * 2).exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    return count <= limit;
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.commands.disconnect();
  }
}
