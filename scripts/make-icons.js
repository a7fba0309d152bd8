#!/usr/bin/env node
/**
 * Renders assets/trafiklys.svg to the PNG icons the manifest names (16, 32, 64, 80 px) with
 * headless Chromium, so the icons are drawn from one source rather than kept by hand.
 *
 * Usage: node scripts/make-icons.js [--chromium /usr/bin/chromium]
 * The PNGs are committed; run this again only after editing the SVG.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS } = require('./chromium-args');

/** The sizes the manifest uses: 16/32/80 for ribbon buttons, 32/64 for IconUrl/HighResolutionIconUrl. */
const SIZES = [16, 32, 64, 80];

function readChromiumPath(argv) {
  const at = argv.indexOf('--chromium');
  return at >= 0 && argv[at + 1] ? argv[at + 1] : '/usr/bin/chromium';
}

async function renderIcons() {
  const root = path.resolve(__dirname, '..');
  const svg = fs.readFileSync(path.join(root, 'assets', 'trafiklys.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: readChromiumPath(process.argv), args: CHROMIUM_ARGS });
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      // A transparent page with the SVG scaled to fill it exactly.
      const sized = svg.replace(/width="64" height="64"/, `width="${size}" height="${size}"`);
      await page.setContent(
        `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}svg{display:block}</style></head><body>${sized}</body></html>`,
      );
      const out = path.join(root, 'assets', `icon-${size}.png`);
      await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      console.log(`wrote ${path.relative(root, out)}`);
    }
  } finally {
    await browser.close();
  }
}

renderIcons().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
