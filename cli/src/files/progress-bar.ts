import type { TransferProgress } from '@opensmh/client';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return '--';
  }
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export interface ProgressOutput {
  /** stderr */
  write(text: string): void;
  isTTY: boolean;
  columns: number;
}

/**
 * One progress line for a whole command (all files together): on a terminal a redrawn bar with
 * bytes, throughput and ETA; elsewhere nothing but the per-file lines the command prints.
 */
export class ProgressBar {
  private total = 0;
  private readonly loaded = new Map<string, number>();
  private filesDone = 0;
  private filesTotal = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly out: ProgressOutput,
    private readonly label: string,
  ) {}

  addFile(size: number): void {
    this.total += size;
    this.filesTotal += 1;
  }

  /** A listener for the client's progress events of one file. */
  listener(key: string): (event: TransferProgress) => void {
    return (event) => {
      if (event.phase !== 'hash') {
        this.loaded.set(key, event.loaded);
        this.draw(false);
      }
    };
  }

  fileDone(key: string, size: number): void {
    this.loaded.set(key, size);
    this.filesDone += 1;
    this.draw(true);
  }

  /** Prints a line above the bar (terminal) or plainly. */
  line(text: string): void {
    if (this.out.isTTY && this.drawn) {
      this.out.write('\r\x1b[2K');
    }
    this.out.write(`${text}\n`);
    this.drawn = false;
    this.draw(true);
  }

  finish(): void {
    if (this.out.isTTY && this.drawn) {
      this.draw(true, true);
      this.out.write('\n');
    }
  }

  private draw(force: boolean, final = false): void {
    if (!this.out.isTTY || this.total === 0 && this.filesTotal === 0) {
      return;
    }
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) {
      return;
    }
    this.lastDraw = now;
    let loaded = 0;
    for (const value of this.loaded.values()) {
      loaded += value;
    }
    const fraction = this.total === 0 ? 1 : Math.min(1, loaded / this.total);
    const elapsed = Math.max(0.001, (now - this.started) / 1000);
    const rate = loaded / elapsed;
    const eta = final ? 0 : rate > 0 ? (this.total - loaded) / rate : Infinity;
    const tail = ` ${String(Math.floor(fraction * 100)).padStart(3)}% ${formatBytes(loaded)}/${formatBytes(this.total)} ${formatBytes(rate)}/s ETA ${formatDuration(eta)} (${this.filesDone}/${this.filesTotal} files)`;
    const width = Math.max(10, Math.min(40, this.out.columns - tail.length - this.label.length - 4));
    const filled = Math.round(fraction * width);
    this.out.write(`\r\x1b[2K${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${tail}`);
    this.drawn = true;
  }
}
