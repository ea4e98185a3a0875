#!/usr/bin/env node
/**
 * Generates the tray icons (committed under electron/assets/tray/) and the app icon
 * (build/icon.png, from which electron-builder derives .icns/.ico). Run it after changing
 * a shape or colour: `node build/scripts/make-tray-icons.mjs`. Output is deterministic.
 *
 * One icon per status state. The shape alone tells the state (macOS template images are
 * monochrome), the colour helps elsewhere:
 *   ok       filled disc                 green
 *   running  ring with a centre dot       blue
 *   warning  triangle                     amber
 *   error    disc with a cut-out cross    red
 *   stale    hollow ring                  grey
 * Files: <state>.png (16 px) and <state>@2x.png (32 px); <state>Template.png and
 * <state>Template@2x.png (black + alpha, macOS); <state>.ico (16 + 32 px, Windows).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import pngToIco from 'png-to-ico';

const root = new URL('../..', import.meta.url).pathname;
const trayDir = join(root, 'electron', 'assets', 'tray');

export const STATES = {
  ok: { color: [46, 160, 67], shape: 'disc' },
  running: { color: [56, 132, 255], shape: 'ringDot' },
  warning: { color: [219, 155, 20], shape: 'triangle' },
  error: { color: [218, 54, 51], shape: 'cross' },
  stale: { color: [128, 134, 142], shape: 'ring' },
};

/** Coverage (0..1) of the shape at point (x, y) in a unit square, from a signed distance. */
function coverage(shape, x, y, pixel) {
  const cx = x - 0.5;
  const cy = y - 0.5;
  const r = Math.hypot(cx, cy);
  const aa = (d) => Math.min(1, Math.max(0, 0.5 - d / pixel));
  switch (shape) {
    case 'disc':
      return aa(r - 0.42);
    case 'ring':
      return aa(Math.abs(r - 0.34) - 0.09);
    case 'ringDot':
      return Math.max(aa(Math.abs(r - 0.36) - 0.07), aa(r - 0.14));
    case 'cross': {
      const bar = (u, v) => Math.max(Math.abs(u) - 0.26, Math.abs(v) - 0.06);
      const u = (cx + cy) / Math.SQRT2;
      const v = (cx - cy) / Math.SQRT2;
      return Math.min(aa(r - 0.44), 1 - aa(Math.min(bar(u, v), bar(v, u))));
    }
    case 'triangle': {
      const top = 0.08;
      const bottom = 0.9;
      const half = (y - top) * 0.55;
      const edge = Math.max(top - y, y - bottom, Math.abs(cx) - half);
      const inside = aa(edge * 0.85);
      const mark = Math.max(
        aa(Math.max(Math.abs(cx) - 0.05, Math.abs(y - 0.52) - 0.17)),
        aa(Math.hypot(cx, y - 0.8) - 0.055),
      );
      return Math.max(0, inside - mark);
    }
    default:
      throw new Error(`unknown shape ${shape}`);
  }
}

function render(shape, size, rgb) {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let sum = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          sum += coverage(shape, (px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, 1 / size);
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = rgb[0];
      png.data[i + 1] = rgb[1];
      png.data[i + 2] = rgb[2];
      png.data[i + 3] = Math.round((sum / (samples * samples)) * 255);
    }
  }
  return PNG.sync.write(png);
}

export async function makeIcons(outDir = trayDir, buildDir = join(root, 'build')) {
  mkdirSync(outDir, { recursive: true });
  const written = [];
  const put = (path, bytes) => {
    writeFileSync(path, bytes);
    written.push(path);
  };
  for (const [state, { color, shape }] of Object.entries(STATES)) {
    const x1 = render(shape, 16, color);
    const x2 = render(shape, 32, color);
    put(join(outDir, `${state}.png`), x1);
    put(join(outDir, `${state}@2x.png`), x2);
    put(join(outDir, `${state}Template.png`), render(shape, 16, [0, 0, 0]));
    put(join(outDir, `${state}Template@2x.png`), render(shape, 32, [0, 0, 0]));
    put(join(outDir, `${state}.ico`), await pngToIco([x1, x2]));
  }
  mkdirSync(buildDir, { recursive: true });
  put(join(buildDir, 'icon.png'), render('ringDot', 512, STATES.running.color));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const written = await makeIcons();
  console.log(`wrote ${written.length} icon files`);
}
