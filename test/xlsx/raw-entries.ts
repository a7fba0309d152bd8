import { promises as fs } from 'node:fs';
import { locateData, readCentralDirectory } from '../../src/xlsx/zip-archive';

/** Every zip entry of a file with its compressed bytes as stored, and its CRC, by name. */
export async function rawEntries(file: string): Promise<Map<string, { method: number; crc32: number; data: Buffer }>> {
  const buffer = await fs.readFile(file);
  const out = new Map<string, { method: number; crc32: number; data: Buffer }>();
  for (const entry of readCentralDirectory(buffer, file)) {
    out.set(entry.name, { method: entry.method, crc32: entry.crc32, data: Buffer.from(locateData(buffer, file, entry)) });
  }
  return out;
}
