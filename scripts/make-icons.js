#!/usr/bin/env node
// Draws the SMALLCAP icon (three rising bars in Fluent blue on a white rounded square) and
// writes it as RGBA PNGs at the sizes manifest.xml declares: 16, 32 and 80 for the ribbon,
// 32 and 64 for IconUrl and HighResolutionIconUrl.
// @see https://learn.microsoft.com/office/dev/add-ins/design/add-in-icons
//
// Deterministic and dependency-free (Node's zlib only): the same script gives the same
// pixels, so the PNGs can be regenerated at any time with `node scripts/make-icons.js`.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80];
const OUT_DIR = path.join(__dirname, "..", "assets");

const BLUE = [0x0f, 0x6c, 0xbd]; // Fluent "brand" blue
const BORDER = [0x9c, 0xc3, 0xe8]; // a light tint of the same blue
const WHITE = [0xff, 0xff, 0xff];

// Each pixel is sampled SUPERSAMPLE x SUPERSAMPLE times for smooth rounded corners.
const SUPERSAMPLE = 8;

/** Is the point (x, y) inside the rounded rectangle [x0, x1] x [y0, y1] with corner radius r? */
function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= r * r;
}

/**
 * The icon's shapes for a size, in pixel coordinates. Bar edges are snapped to whole
 * pixels so that the small ribbon sizes stay crisp instead of blurring.
 */
function layout(size) {
  const border = Math.max(1, Math.round(size / 20));
  const radius = size * 0.2;
  const barWidth = Math.max(2, Math.round(size * 0.16));
  const gap = Math.max(1, Math.round(size * 0.08));
  const total = 3 * barWidth + 2 * gap;
  const left = Math.round((size - total) / 2);
  const bottom = size - Math.max(3, Math.round(size * 0.2));
  const heights = [0.3, 0.47, 0.64].map((h) => Math.max(2, Math.round(size * h)));
  const bars = heights.map((h, i) => {
    const x0 = left + i * (barWidth + gap);
    return { x0, x1: x0 + barWidth, y0: bottom - h, y1: bottom };
  });
  return { border, radius, bars };
}

/** The straight (unpremultiplied) RGBA colour of one sample point. */
function sample(x, y, size, shapes) {
  const { border, radius, bars } = shapes;
  if (!inRoundedRect(x, y, 0, 0, size, size, radius)) return null; // transparent
  for (const bar of bars) {
    if (x >= bar.x0 && x < bar.x1 && y >= bar.y0 && y < bar.y1) return BLUE;
  }
  const inner = inRoundedRect(x, y, border, border, size - border, size - border, Math.max(0, radius - border));
  return inner ? WHITE : BORDER;
}

/** Renders the icon at size x size into an RGBA byte buffer, row by row. */
function render(size) {
  const shapes = layout(size);
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = sample(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE, size, shapes);
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const at = (py * size + px) * 4;
      if (covered > 0) {
        pixels[at] = Math.round(r / covered);
        pixels[at + 1] = Math.round(g / covered);
        pixels[at + 2] = Math.round(b / covered);
        pixels[at + 3] = Math.round((255 * covered) / n);
      }
    }
  }
  return pixels;
}

// CRC-32 as PNG defines it (ISO 3309 polynomial), computed here because zlib.crc32 only
// exists from Node 20.15.
// @see https://www.w3.org/TR/png/#5CRC-algorithm
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels as a non-interlaced 8-bit truecolour-with-alpha PNG. */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); // width
  header.writeUInt32BE(size, 4); // height
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method: adaptive
  header[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter type None for every scanline
    pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(OUT_DIR, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size})`);
  }
}

if (require.main === module) main();

module.exports = { render, encodePng, SIZES };
