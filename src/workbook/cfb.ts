// The OLE compound file (CFB, [MS-CFB]) that holds an old .xls / .et, a .doc, a .ppt, or an encrypted
// Office package: the names of its top-level streams, and the bytes of one stream. Only what telling
// these apart needs, read defensively: every chain is bounded by the file's own size, so a damaged or
// crafted file ends in a CfbError, never in a loop.

export const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Why a compound file could not be read. */
export class CfbError extends Error {}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const NO_STREAM = 0xffffffff;

/** One entry of the directory: a stream (type 2) or a storage (type 1) directly under the root. */
export interface CfbEntry {
  name: string;
  type: number;
  start: number;
  size: number;
}

export class Cfb {
  private readonly sectorSize: number;
  private readonly fat: Uint32Array;
  /** The entries directly under the root storage, in directory order. */
  readonly entries: CfbEntry[];
  /** The root entry: where the mini stream is, which holds the streams under 4096 bytes. */
  private root: CfbEntry = { name: '', type: 5, start: END_OF_CHAIN, size: 0 };

  constructor(private readonly bytes: Buffer) {
    if (bytes.length < 512 || !bytes.subarray(0, 8).equals(CFB_SIGNATURE)) throw new CfbError('not a compound file');
    const shift = bytes.readUInt16LE(0x1e);
    if (shift !== 9 && shift !== 12) throw new CfbError(`sector shift ${shift}`);
    this.sectorSize = 1 << shift;
    this.fat = this.readFat();
    this.entries = this.readRootEntries(bytes.readUInt32LE(0x30));
  }

  private get sectorCount(): number {
    return Math.ceil(this.bytes.length / this.sectorSize) - 1;
  }

  private sector(n: number): Buffer {
    const at = (n + 1) * this.sectorSize;
    if (at >= this.bytes.length) throw new CfbError(`sector ${n} out of the file`);
    return this.bytes.subarray(at, Math.min(at + this.sectorSize, this.bytes.length));
  }

  /** The FAT: the sectors it is made of are listed in the header and in the DIFAT chain. */
  private readFat(): Uint32Array {
    const ids: number[] = [];
    for (let i = 0; i < 109; i++) {
      const id = this.bytes.readUInt32LE(0x4c + i * 4);
      if (id !== FREE && id !== END_OF_CHAIN) ids.push(id);
    }
    let difat = this.bytes.readUInt32LE(0x44);
    const perSector = this.sectorSize / 4 - 1;
    for (let steps = 0; difat !== END_OF_CHAIN && difat !== FREE; steps++) {
      if (steps > this.sectorCount) throw new CfbError('DIFAT loop');
      const s = this.sector(difat);
      for (let i = 0; i < perSector && i * 4 + 4 <= s.length; i++) {
        const id = s.readUInt32LE(i * 4);
        if (id !== FREE && id !== END_OF_CHAIN) ids.push(id);
      }
      difat = s.length >= perSector * 4 + 4 ? s.readUInt32LE(perSector * 4) : END_OF_CHAIN;
    }
    if (ids.length > this.sectorCount) throw new CfbError('FAT larger than the file');
    const fat = new Uint32Array(ids.length * (this.sectorSize / 4));
    ids.forEach((id, i) => {
      const s = this.sector(id);
      for (let j = 0; j * 4 + 4 <= s.length; j++) fat[i * (this.sectorSize / 4) + j] = s.readUInt32LE(j * 4);
    });
    return fat;
  }

  /** The sectors of a chain, in order; throws on a loop or a sector past the file. */
  private chain(start: number): number[] {
    const sectors: number[] = [];
    for (let s = start; s !== END_OF_CHAIN; s = this.fat[s]!) {
      if (s >= this.fat.length || s >= this.sectorCount || sectors.length > this.sectorCount) throw new CfbError('broken chain');
      sectors.push(s);
    }
    return sectors;
  }

  private readRootEntries(first: number): CfbEntry[] {
    const dir = Buffer.concat(this.chain(first).map((s) => this.sector(s)));
    const count = Math.floor(dir.length / 128);
    const entry = (i: number) => dir.subarray(i * 128, i * 128 + 128);
    if (count === 0 || entry(0)[0x42] !== 5) throw new CfbError('no root entry');
    this.root = { name: 'Root Entry', type: 5, start: entry(0).readUInt32LE(0x74), size: entry(0).readUInt32LE(0x78) };
    // The root's children form a tree through their left and right siblings.
    const found: { id: number; entry: CfbEntry }[] = [];
    const seen = new Set<number>();
    const stack = [entry(0).readUInt32LE(0x4c)];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === NO_STREAM || id >= count || seen.has(id)) continue;
      seen.add(id);
      const e = entry(id);
      const nameLength = Math.min(e.readUInt16LE(0x40), 64);
      const name = e.toString('utf16le', 0, Math.max(0, nameLength - 2));
      found.push({ id, entry: { name, type: e[0x42]!, start: e.readUInt32LE(0x74), size: e.readUInt32LE(0x78) } });
      stack.push(e.readUInt32LE(0x44), e.readUInt32LE(0x48));
    }
    return found.sort((a, b) => a.id - b.id).map((f) => f.entry);
  }

  /** A top-level entry by name, compared as CFB does (case-insensitive). */
  find(name: string): CfbEntry | undefined {
    const lower = name.toLowerCase();
    return this.entries.find((e) => e.name.toLowerCase() === lower);
  }

  /** The bytes of a stream. */
  stream(entry: CfbEntry): Buffer {
    if (entry.size >= 4096) return this.read(this.chain(entry.start).map((s) => this.sector(s)), entry.size);
    // A small stream lives in the mini stream, in 64-byte sectors chained by the mini FAT.
    const miniStream = this.read(this.chain(this.root.start).map((s) => this.sector(s)), this.root.size);
    const miniFatBytes = Buffer.concat(this.chain(this.bytes.readUInt32LE(0x3c)).map((s) => this.sector(s)));
    const sectors: Buffer[] = [];
    const limit = Math.floor(miniStream.length / 64);
    for (let s = entry.start; s !== END_OF_CHAIN; s = miniFatBytes.readUInt32LE(s * 4)) {
      if (s >= limit || s * 4 + 4 > miniFatBytes.length || sectors.length > limit) throw new CfbError('broken mini chain');
      sectors.push(miniStream.subarray(s * 64, s * 64 + 64));
    }
    return this.read(sectors, entry.size);
  }

  private read(sectors: Buffer[], size: number): Buffer {
    const data = Buffer.concat(sectors);
    if (data.length < size) throw new CfbError('stream shorter than its size');
    return data.subarray(0, size);
  }
}
