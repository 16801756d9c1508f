/** Small timing helpers: wall-clock seconds, percentiles, and a fixed-concurrency runner. */
export async function seconds<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e9, value];
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Runs `task(i)` for i < count with `inFlight` at a time; returns each task's latency in ms. */
export async function pool(count: number, inFlight: number, task: (index: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const start = performance.now();
      await task(index);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return latencies;
}

/** Runs `clients` loops of `task` until `durationMs` has passed; returns every latency in ms. */
export async function forDuration(clients: number, durationMs: number, task: (client: number, round: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let round = 0; performance.now() < end; round += 1) {
        const start = performance.now();
        await task(client, round);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}
