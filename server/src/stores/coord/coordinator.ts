/**
 * What API nodes need to agree on beyond the database: fan-out of cache invalidations and
 * shared rate-limit counters. In-process for the embedded setup, Redis for several nodes.
 */
export interface Coordinator {
  readonly kind: 'memory' | 'redis';
  /** delivers `message` to every subscriber of `channel` on every node, this one included */
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<void>;
  /** counts one hit on `key` in the current fixed window; false once `limit` is exceeded */
  hit(key: string, limit: number, windowMs: number): Promise<boolean>;
  close(): Promise<void>;
}
