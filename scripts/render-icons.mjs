// Renders assets/icon.svg to the PNG sizes the manifest uses (public/icon/<size>.png).
// Run it after changing the SVG: `npm run icons`. It needs the same Chromium as the e2e tests.
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { findChromium } from './find-chromium.mjs';

const SIZES = [16, 32, 48, 128];
const svg = await readFile(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  await writeFile(new URL(`../public/icon/${size}.png`, import.meta.url), png);
  console.log(`public/icon/${size}.png`);
}
await browser.close();
