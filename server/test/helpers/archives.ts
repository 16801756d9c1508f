import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import tar from 'tar-stream';

/**
 * Builds archives byte by byte for tests, including ones no well-behaved tool would write: names
 * with `..` or absolute paths, symlink entries, central directories declaring a million entries
 * or 10 GB, wrong CRCs. Everything stays small on disk.
 */
export interface ZipEntrySpec {
  name: string;
  data?: Buffer | string;
  /** deflate the data (default: stored) */
  deflate?: boolean;
  /** Unix mode written into the external attributes (e.g. 0o120777 for a symlink) */
  mode?: number;
  /** size the central directory declares, if not the real one (uses a zip64 extra field when ≥ 4 GiB) */
  declaredSize?: number;
  /** CRC the headers declare, if not the real one */
  crc?: number;
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};

export function buildZip(entries: ZipEntrySpec[], options: { declaredEntryCount?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? '');
    const body = entry.deflate ? deflateRawSync(raw) : raw;
    const method = entry.deflate ? 8 : 0;
    const crc = entry.crc ?? crc32(raw);
    const name = Buffer.from(entry.name);
    const declared = entry.declaredSize ?? raw.length;
    const zip64 = declared >= 0xffffffff;
    const extra = zip64 ? Buffer.concat([u16(0x0001), u16(8), u64(declared)]) : Buffer.alloc(0);
    const common = [u16(0x0800), u16(method), u16(0), u16(0x21), u32(crc), u32(body.length), u32(zip64 ? 0xffffffff : declared), u16(name.length)];
    const local = Buffer.concat([u32(0x04034b50), u16(20), ...common, u16(0), name, body]);
    const mode = entry.mode ?? (entry.name.endsWith('/') ? 0o040755 : 0o100644);
    centrals.push(Buffer.concat([u32(0x02014b50), u16((3 << 8) | 20), u16(20), ...common, u16(extra.length), u16(0), u16(0), u16(0), u32(mode << 16), u32(offset), name, extra]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const count = options.declaredEntryCount ?? entries.length;
  const tail: Buffer[] = [];
  if (count > 0xffff) {
    // zip64 end of central directory record + locator: how a zip declares more than 65535 entries
    const zip64Offset = offset + central.length;
    tail.push(Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(central.length), u64(offset)]));
    tail.push(Buffer.concat([u32(0x07064b50), u32(0), u64(zip64Offset), u32(1)]));
  }
  const small = Math.min(count, 0xffff);
  tail.push(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(small), u16(small), u32(central.length), u32(offset), u16(0)]));
  return Buffer.concat([...locals, central, ...tail]);
}

export interface TarEntrySpec {
  name: string;
  data?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
}

export async function buildTar(entries: TarEntrySpec[], gzip = false): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? '');
    const type = entry.type ?? (entry.name.endsWith('/') ? 'directory' : 'file');
    await new Promise<void>((resolve, reject) =>
      type === 'file'
        ? pack.entry({ name: entry.name, type, size: data.length }, data, (error) => (error ? reject(error) : resolve()))
        : pack.entry({ name: entry.name, type, linkname: entry.linkname, size: 0 }, (error) => (error ? reject(error) : resolve())),
    );
  }
  pack.finalize();
  await done;
  const archive = Buffer.concat(chunks);
  return gzip ? gzipSync(archive) : archive;
}
