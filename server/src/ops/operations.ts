import type { BlobStore } from '../stores/blob/blob-store.js';
import type { Stores } from '../stores/open-stores.js';
import { Counter, Histogram } from './metrics-registry.js';

/** Process-wide operational counters, shared by the blob wrapper and the HTTP hooks. */
export class Operations {
  readonly requests = new Counter('opensmh_http_requests_total', 'HTTP requests by method, route and status.');
  readonly duration = new Histogram('opensmh_http_request_duration_seconds', 'HTTP request latency by method, route and status class.', [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
  ]);
  readonly bytesIn = new Counter('opensmh_http_request_bytes_total', 'Request body bytes received (by Content-Length) by route.');
  readonly bytesOut = new Counter('opensmh_http_response_bytes_total', 'Response body bytes sent (by Content-Length) by route.');
  readonly blobErrors = new Counter('opensmh_blob_store_errors_total', 'Failed blob store operations by operation.');
  /** the blob store the app should use: the real one, with failures counted */
  readonly blob: BlobStore;

  constructor(readonly stores: Stores) {
    this.blob = countFailures(stores.blob, this.blobErrors);
  }
}

/**
 * Wraps every method of the blob store so a rejected promise (or a stream that errors) counts
 * in `opensmh_blob_store_errors_total{op}`; results and errors pass through unchanged.
 */
function countFailures(blob: BlobStore, errors: Counter): BlobStore {
  return new Proxy(blob, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'constructor') {
        return value;
      }
      const op = String(property);
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          errors.inc({ op });
          throw error;
        }
        if (result instanceof Promise) {
          return result.then(
            (resolved: unknown) => {
              if (resolved && typeof (resolved as { once?: unknown }).once === 'function' && typeof (resolved as { pipe?: unknown }).pipe === 'function') {
                (resolved as NodeJS.ReadableStream).once('error', () => errors.inc({ op }));
              }
              return resolved;
            },
            (error: unknown) => {
              errors.inc({ op });
              throw error;
            },
          );
        }
        return result;
      };
    },
  });
}
