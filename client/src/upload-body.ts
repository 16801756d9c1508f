/** Node's fetch can stream a request body (and so report progress); browsers over HTTP/1.1 cannot. */
const CAN_STREAM_BODIES = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
const SLICE = 256 * 1024;

/**
 * A request body for `bytes` that calls `onBytes` as the transport pulls it, so a progress bar
 * moves during a part rather than jumping when it ends. In browsers the body is the bytes
 * themselves and progress is reported when the request completes.
 */
export function bodyWithProgress(bytes: Uint8Array, onBytes: (count: number) => void): { body: BodyInit; init: Record<string, unknown>; settle: () => void } {
  if (!CAN_STREAM_BODIES || bytes.length === 0) {
    let reported = false;
    return {
      body: bytes as Uint8Array<ArrayBuffer>,
      init: {},
      settle: () => {
        if (!reported) {
          reported = true;
          onBytes(bytes.length);
        }
      },
    };
  }
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      const chunk = bytes.subarray(offset, offset + SLICE);
      offset += chunk.length;
      controller.enqueue(chunk);
      onBytes(chunk.length);
    },
  });
  return { body, init: { duplex: 'half' }, settle: () => undefined };
}
