import type { ProgressListener, TransferProgress } from './types.js';

/**
 * Counts a transfer's bytes and reports them when 100 ms passed or another 1 % is done (plus the
 * first and last report), so a listener that redraws a terminal line is not called per slice.
 */
export class ProgressMeter {
  private loaded = 0;
  private skipped = 0;
  private phase: TransferProgress['phase'] = 'transfer';
  private lastEmit = 0;
  private lastEmitted = 0;

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly direction: TransferProgress['direction'],
    private readonly path: string,
    private readonly total: number,
  ) {}

  startPhase(phase: TransferProgress['phase']): void {
    this.phase = phase;
    this.loaded = 0;
    this.skipped = 0;
    this.emit(true);
  }

  /** Bytes that travelled (negative to take back a failed attempt's bytes before a retry). */
  add(count: number): void {
    this.loaded += count;
    this.emit(false);
  }

  /** Bytes that did not need to travel. */
  skip(count: number): void {
    this.loaded += count;
    this.skipped += count;
    this.emit(false);
  }

  done(): void {
    this.phase = 'done';
    this.loaded = this.total;
    this.emit(true);
  }

  get sent(): number {
    return this.loaded - this.skipped;
  }

  get reused(): number {
    return this.skipped;
  }

  private emit(force: boolean): void {
    if (!this.listener) {
      return;
    }
    const now = Date.now();
    const step = Math.abs(this.loaded - this.lastEmitted) >= this.total / 100;
    if (!force && !step && now - this.lastEmit < 100 && this.loaded < this.total) {
      return;
    }
    this.lastEmit = now;
    this.lastEmitted = this.loaded;
    this.listener({ direction: this.direction, path: this.path, phase: this.phase, loaded: this.loaded, total: this.total, skipped: this.skipped });
  }
}
