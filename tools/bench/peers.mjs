// The two peers a host would compare the widget with, each from its own npm package
// (tools/package.json) and its own dist files, each on a page of its own showing the same
// agreements' text as the widget's sign-up in its dialog, opened on load:
// - Klaro (klaro.js, styles included): its notice shown as a modal, the text as its description;
// - vanilla-cookieconsent (cookieconsent.umd.js and cookieconsent.css): its preferences modal,
//   one section per agreement.
// Each page's configuration, with the text, is a script of its own (as the widget's bundle is
// a file of its own), so "wire bytes without the page" counts the text for every page alike.
// Usable: the peer's accept button is in the document and enabled.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const MODULES = 'tools/node_modules';
export const PEER_VERSIONS = Object.fromEntries(['klaro', 'vanilla-cookieconsent']
  .map((name) => [name, JSON.parse(readFileSync(`${MODULES}/${name}/package.json`, 'utf8')).version]));

// The agreements a sign-up shows, as the command line prints their text (`consent-terms text`):
// `text` is that output (every agreement version, each starting with its title line and a
// "Version ..." line); `shown` lists the {title, versionLine} the widget shows, in its order.
export function agreementsText(text, shown) {
  const lines = text.split('\n');
  const starts = lines.flatMap((l, i) => (i > 0 && l.startsWith('Version ') ? [i - 1] : []));
  return shown.map(({ title, versionLine }) => {
    const at = starts.find((i) => lines[i] === title && lines[i + 1] === versionLine);
    if (at === undefined) throw new Error(`consent-terms text printed no "${title}" with "${versionLine}"`);
    const end = starts.find((i) => i > at) ?? lines.length;
    return { title, lines: lines.slice(at + 1, end).filter((l) => l.trim()) };
  });
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// The page around a peer: the same long-task observer as every other benchmark page (`head`),
// the peer's files, and the poll for its accept button.
function page(title, head, files, readySelector) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>consent-terms benchmark: ${title}</title><link rel="icon" href="data:,">
${head}
${files}
</head><body>
<script>
  (function ready() {
    const button = document.querySelector(${JSON.stringify(readySelector)});
    if (button && !button.disabled) window.__interactive = performance.now();
    else requestAnimationFrame(ready);
  })();
</script>
</body></html>`;
}

export function writePeerPages(benchDir, agreements, head) {
  const peers = `${benchDir}/peers`;
  mkdirSync(peers, { recursive: true });
  copyFileSync(`${MODULES}/klaro/dist/klaro.js`, `${peers}/klaro.js`);
  copyFileSync(`${MODULES}/vanilla-cookieconsent/dist/cookieconsent.umd.js`, `${peers}/cookieconsent.umd.js`);
  copyFileSync(`${MODULES}/vanilla-cookieconsent/dist/cookieconsent.css`, `${peers}/cookieconsent.css`);

  // Klaro renders texts as text (htmlTexts off): the agreements go in as plain strings, their
  // lines kept by the page's white-space rule.
  const klaroConfig = {
    elementID: 'klaro', storageMethod: 'localStorage', lang: 'en', noticeAsModal: true, acceptAll: true,
    hideLearnMore: true, htmlTexts: false, showNoticeTitle: true,
    translations: {
      en: {
        consentNotice: { title: 'Kingsoft Cloud CDN sign-up', description: agreements.map((a) => [a.title, ...a.lines].join('\n')).join('\n\n') },
        ok: 'Accept', decline: 'Decline',
      },
    },
    services: [{ name: 'cdn', title: 'Kingsoft Cloud CDN', purposes: ['functional'], required: false }],
  };
  writeFileSync(`${peers}/klaro-config.js`, `window.klaroConfig = ${JSON.stringify(klaroConfig)};\n`);
  writeFileSync(`${benchDir}/klaro.html`, page('Klaro', head,
    `<style>#klaro .cookie-modal-notice { max-height: 90vh; overflow: auto; } #klaro #id-cookie-notice { white-space: pre-line; }</style>
<script defer src="peers/klaro-config.js"></script>
<script defer src="peers/klaro.js"></script>`, '#klaro .cookie-notice .cm-btn-success'));

  // cookieconsent writes section descriptions as HTML: the text is escaped, its lines broken.
  const ccConfig = {
    autoShow: false,
    // The browser here is driven over CDP, which cookieconsent would otherwise take for a bot.
    hideFromBots: false,
    categories: { necessary: { enabled: true, readOnly: true } },
    language: {
      default: 'en',
      translations: {
        en: {
          consentModal: { title: 'Kingsoft Cloud CDN sign-up', description: 'The agreements of this sign-up.', acceptAllBtn: 'Accept', acceptNecessaryBtn: 'Decline', showPreferencesBtn: 'Read the agreements' },
          preferencesModal: {
            title: 'Kingsoft Cloud CDN sign-up', acceptAllBtn: 'Accept', acceptNecessaryBtn: 'Decline', savePreferencesBtn: 'Save', closeIconLabel: 'Close',
            sections: agreements.map((a) => ({ title: escapeHtml(a.title), description: a.lines.map(escapeHtml).join('<br>') })),
          },
        },
      },
    },
  };
  writeFileSync(`${peers}/cookieconsent-config.js`,
    `CookieConsent.run(${JSON.stringify(ccConfig)}).then(() => CookieConsent.showPreferences());\n`);
  writeFileSync(`${benchDir}/cookieconsent.html`, page('vanilla-cookieconsent', head,
    `<link rel="stylesheet" href="peers/cookieconsent.css">
<script defer src="peers/cookieconsent.umd.js"></script>
<script defer src="peers/cookieconsent-config.js"></script>`, '#cc-main .pm .pm__btn[data-role="all"]'));
}
