/**
 * A small PNG reader for tests that check a screenshot: the signature, IHDR's size and pixel
 * format, and the pixels themselves (the IDAT chunks inflated with node:zlib and unfiltered), so
 * a test can tell a real page from a blank or black image without an image library. Reads 8-bit
 * greyscale, grey+alpha, RGB and RGBA — what Chromium writes; anything else is refused.
 */
import { inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Png {
  width: number;
  height: number;
  /** Bytes per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  channels: number;
  /** Unfiltered rows, `width * channels` bytes each, top to bottom. */
  pixels: Buffer;
}

const CHANNELS: Record<number, number> = { 0: 1, 4: 2, 2: 3, 6: 4 };

export function readPng(data: Buffer): Png {
  if (data.length < 8 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('not a PNG: the signature is wrong');
  }
  let offset = 8;
  let header: { width: number; height: number; channels: number } | undefined;
  const idat: Buffer[] = [];
  while (offset + 8 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length) throw new Error(`PNG chunk ${type} is cut short`);
    if (type === 'IHDR') {
      const [depth, colour, , , interlace] = [...body.subarray(8, 13)];
      const channels = CHANNELS[colour ?? -1];
      if (depth !== 8 || channels === undefined || interlace !== 0) {
        throw new Error(
          `PNG format not read here: depth ${String(depth)}, colour ${String(colour)}`,
        );
      }
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), channels };
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length; // length, type, body, CRC
  }
  if (header === undefined) throw new Error('PNG without IHDR');
  return { ...header, pixels: unfilter(inflateSync(Buffer.concat(idat)), header) };
}

/** Undo each row's filter (PNG spec 9.2: none, sub, up, average, Paeth). */
function unfilter(raw: Buffer, { width, height, channels }: Omit<Png, 'pixels'>): Buffer {
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) {
    throw new Error(
      `PNG image data is ${String(raw.length)} bytes, not ${String((stride + 1) * height)}`,
    );
  }
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (out[row + x - channels] ?? 0) : 0;
      const up = y > 0 ? (out[row - stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (out[row - stride + x - channels] ?? 0) : 0;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      else throw new Error(`PNG row ${String(y)} has an unknown filter ${String(filter)}`);
      out[row + x] = (value + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** How many different colours the image has, counting up to `limit`. */
export function distinctColours(png: Png, limit = 1000): number {
  const seen = new Set<string>();
  for (let i = 0; i < png.pixels.length && seen.size < limit; i += png.channels) {
    seen.add(png.pixels.subarray(i, i + png.channels).toString('hex'));
  }
  return seen.size;
}
