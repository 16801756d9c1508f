import { Redis } from 'ioredis';
import type { Coordinator } from './coordinator.js';

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
    await Promise.all([commands.connect(), subscriber.connect()]);
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
