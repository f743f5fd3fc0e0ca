// The zip container of a package, read and written with Node's zlib. A package is a small zip of
// XML parts; reading its central directory and inflating the parts we need costs a fraction of a
// general zip library's asynchronous path, and writing a copy reuses every part we did not change
// byte for byte, still compressed. Zip64 records are read (some producers write them for any size).
//
// What a crafted zip could cost is bounded here: every part's inflated size is checked against the
// size its directory entry declares, and the declared sizes together against a budget, before
// anything is inflated (a zip bomb declares its true size or fails its size check).
import * as zlib from 'node:zlib';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { PackageError } from './errors.js';

/**
 * Limits on what a package may inflate to: one part, and all of them together. A real 自评表 is well
 * under a megabyte of XML, a sheet of 100,000 rows about 50 MB; the total keeps every text read from
 * a package, and what is made of it, inside a worker's heap (a single allocation past the worker's
 * limit would end the whole process, not the worker).
 */
export const LIMITS = {
  part: 128 * 1024 * 1024,
  total: 256 * 1024 * 1024,
  entries: 65_535,
};

/** One file of the zip, as stored. */
export interface ZipEntry {
  /** The name as stored (a part name, possibly with `\` or another case than its references). */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  /** The inflated size. */
  size: number;
  /** The stored bytes (compressed when `method` is 8). */
  data: Buffer;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function damaged(detail: string): PackageError {
  return new PackageError('zip', null, detail);
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) if (bytes.readUInt32LE(i) === EOCD) return i;
  throw damaged('no end of central directory');
}

function readUInt64(bytes: Buffer, at: number): number {
  const value = bytes.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged('a zip64 size past any file');
  return Number(value);
}

/** The directory's entry count and offset, from the zip64 end record when the classic one defers to it. */
function directory(bytes: Buffer, end: number): { count: number; at: number } {
  let count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count !== 0xffff && at !== 0xffffffff && bytes.readUInt32LE(end + 12) !== 0xffffffff) return { count, at };
  const locator = end - 20;
  if (locator < 0 || bytes.readUInt32LE(locator) !== EOCD64_LOCATOR) return { count, at };
  const record = readUInt64(bytes, locator + 8);
  if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== EOCD64) throw damaged('bad zip64 end of central directory');
  count = readUInt64(bytes, record + 32);
  at = readUInt64(bytes, record + 48);
  return { count, at };
}

/** The 64-bit values of a zip64 extra field, for those of the 32-bit fields that are 0xFFFFFFFF. */
function zip64Values(bytes: Buffer, extraStart: number, extraEnd: number, wanted: boolean[]): number[] {
  for (let p = extraStart; p + 4 <= extraEnd; ) {
    const id = bytes.readUInt16LE(p);
    const size = bytes.readUInt16LE(p + 2);
    if (id === 0x0001) {
      const out: number[] = [];
      let q = p + 4;
      for (const w of wanted) {
        if (!w) continue;
        if (q + 8 > p + 4 + size) throw damaged('a zip64 extra field too short');
        out.push(readUInt64(bytes, q));
        q += 8;
      }
      return out;
    }
    p += 4 + size;
  }
  throw damaged('a zip64 size without its extra field');
}

/**
 * The files of a zip, in the order of its directory (folders left out); throws PackageError when the
 * zip cannot be read, an entry is encrypted or compressed otherwise than deflated, or the entries
 * declare more than LIMITS allow.
 */
export function readZip(bytes: Buffer): ZipEntry[] {
  if (bytes.length < 22) throw damaged('too short for a zip');
  const end = findEndOfCentralDirectory(bytes);
  const { count, at: first } = directory(bytes, end);
  if (count > LIMITS.entries) throw new PackageError('too-many-parts', null, `${count} entries`);
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = first;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw damaged('bad central directory');
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    let compressed = bytes.readUInt32LE(at + 20);
    let size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    let local = bytes.readUInt32LE(at + 42);
    if (at + 46 + nameLength + extraLength > bytes.length) throw damaged('bad central directory');
    // Names are UTF-8 when bit 11 says so; a package's part names are ASCII either way.
    const name = bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    const wanted = [size === 0xffffffff, compressed === 0xffffffff, local === 0xffffffff];
    if (wanted.some(Boolean)) {
      const values = zip64Values(bytes, at + 46 + nameLength, at + 46 + nameLength + extraLength, wanted);
      if (wanted[0]) size = values.shift()!;
      if (wanted[1]) compressed = values.shift()!;
      if (wanted[2]) local = values.shift()!;
    }
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/') || name.endsWith('\\')) continue;
    if (flags & 1) throw new PackageError('zip-encrypted', name);
    if (method !== 0 && method !== 8) throw new PackageError('zip-method', name, `compression method ${method}`);
    if (size > LIMITS.part) throw new PackageError('too-large', name, `${size} bytes`, { limit: LIMITS.part });
    total += size;
    if (total > LIMITS.total) throw new PackageError('too-large', null, `more than ${LIMITS.total} bytes in all`, { limit: LIMITS.total });
    if (method === 0 && compressed !== size) throw new PackageError('crc', name, 'stored with two sizes');
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL) throw damaged(`bad local header of ${name}`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > bytes.length) throw damaged(`${name} is cut short`);
    entries.push({ name, method, crc, size, data: bytes.subarray(start, start + compressed) });
  }
  return entries;
}

/** The bytes of an entry, inflated and checked against its size and CRC. */
export function entryBytes(entry: ZipEntry): Buffer {
  let bytes: Buffer;
  if (entry.method === 0) bytes = entry.data;
  else {
    try {
      // One byte more than declared is enough to tell a lie; never more than the limit.
      bytes = inflateRawSync(entry.data, { maxOutputLength: Math.max(1, Math.min(entry.size + 1, LIMITS.part)) });
    } catch (err) {
      throw new PackageError('crc', entry.name, `does not inflate: ${(err as Error).message}`);
    }
  }
  if (bytes.length !== entry.size) throw new PackageError('crc', entry.name, `${bytes.length} bytes, ${entry.size} declared`);
  if (crc32(bytes) !== entry.crc) throw new PackageError('crc', entry.name, 'CRC mismatch');
  return bytes;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** Node's own CRC-32 (Node 20.15 and later), else ours. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 of `bytes`, continued from `previous` (the CRC of what came before them), so that a large part can be summed in pieces. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  if (nativeCrc32) return nativeCrc32(bytes, previous);
  let c = ~previous;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** An entry with new content, deflated. */
export function newEntry(name: string, content: string | Buffer): ZipEntry {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, method: 8, crc: crc32(raw), size: raw.length, data: deflateRawSync(raw, { level: 6 }) };
}

/** DOS date and time of 1980-01-01 00:00, the earliest a zip can hold: the copies are reproducible. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A zip of the entries, in their order (no zip64: the limits keep a package well under 4 GB). */
export function writeZip(entries: Iterable<ZipEntry>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
    count++;
  }
  const directoryBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}
