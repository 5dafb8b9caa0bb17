// Copies the production build to .output/bench-chrome-mv3 and adds empty pages, so the popup's
// first paint can be compared with the floor: an empty page of the same extension, loaded the
// same way. The production build itself is left untouched. `node bench/prepare.mjs FROM TO` does
// the same for another build (bench/before.mjs uses it for the earlier commit's).
import { cpSync, rmSync, writeFileSync } from 'node:fs';

const [from = '.output/chrome-mv3', to = '.output/bench-chrome-mv3'] = process.argv.slice(2);
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
writeFileSync(
  `${to}/bench-empty.html`,
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>empty</title></head><body><div role="listitem">empty</div></body></html>\n',
);
// The same, but the row is added by one line of script: every page with JavaScript first pays for
// the extension's script context, which this isolates.
writeFileSync(
  `${to}/bench-script.js`,
  "document.body.insertAdjacentHTML('beforeend', '<div role=\"listitem\">empty</div>');\n",
);
writeFileSync(
  `${to}/bench-empty-script.html`,
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>empty</title><script type="module" src="/bench-script.js"></script></head><body></body></html>\n',
);
// The floor the popup is held to: one script that reads one small stored value (as the popup
// reads its choices and first screen), then draws one row.
writeFileSync(
  `${to}/bench-floor.js`,
  "chrome.storage.local.get('popupPrefs').then(() => document.body.insertAdjacentHTML('beforeend', '<div role=\"listitem\">empty</div>'));\n",
);
writeFileSync(
  `${to}/bench-floor.html`,
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module" src="/bench-floor.js"></script></head><body></body></html>\n',
);
console.log(
  `${to}: production build plus bench-empty.html, bench-empty-script.html and bench-floor.html`,
);
