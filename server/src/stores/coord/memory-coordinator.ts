import { EventEmitter } from 'node:events';
import type { Coordinator } from './coordinator.js';

/** Single-process coordination: the embedded default, needing no Redis. */
export class MemoryCoordinator implements Coordinator {
  readonly kind = 'memory' as const;
  private readonly events = new EventEmitter();
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {
    this.events.setMaxListeners(0);
  }

  async publish(channel: string, message: string): Promise<void> {
    this.events.emit(channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    this.events.on(channel, handler);
  }

  async hit(key: string, limit: number, windowMs: number): Promise<boolean> {
    const now = this.now();
    const start = now - (now % windowMs);
    const window = this.windows.get(key);
    if (!window || window.start !== start) {
      // Dropping stale windows here keeps the map bounded by the keys active in this window.
      if (this.windows.size > 10_000) {
        for (const [k, w] of this.windows) {
          if (w.start !== start) {
            this.windows.delete(k);
          }
        }
      }
      this.windows.set(key, { start, count: 1 });
      return limit >= 1;
    }
    window.count += 1;
    return window.count <= limit;
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
  }
}
