// The legal center's hash lookup (`consent-terms site`): finds a pasted content hash, a
// pasted or saved receipt (JWS), a saved copy (.html) or a canonical text (.txt) among the
// catalogue's hashes. It reads hashes.json beside the pages, else the table on this page (for
// a copy of the site opened from disk), and writes its answer as text only.
(() => {
  'use strict';
  const form = document.getElementById('lookup-form');
  const input = document.getElementById('lookup-input');
  const file = document.getElementById('lookup-file');
  const result = document.getElementById('lookup-result');
  const noscript = document.getElementById('lookup-noscript');
  if (!form || !input || !file || !result) return;
  if (noscript) noscript.hidden = true;

  const message = (key, values = {}) => {
    const node = document.querySelector(`#lookup-messages [data-msg="${key}"]`);
    let text = node ? node.textContent : key;
    for (const [name, value] of Object.entries(values)) text = text.split(`{${name}}`).join(String(value));
    return text;
  };

  // hash -> { id, version, title, language, form, page } with page relative to this page.
  const fromTable = () => {
    const index = new Map();
    for (const row of document.querySelectorAll('tr[data-sha256]')) {
      const link = row.querySelector('a');
      index.set(row.dataset.sha256, {
        id: row.dataset.agreementId, version: row.dataset.version, form: row.dataset.form,
        title: link ? link.textContent : row.dataset.agreementId, language: link ? link.lang : '',
        page: link ? link.getAttribute('href') : null,
      });
    }
    return index;
  };
  const lang = document.documentElement.lang;
  const loaded = fetch('../hashes.json').then((r) => {
    if (!r.ok) throw new Error(String(r.status));
    return r.json();
  }).then((json) => {
    const index = new Map();
    for (const [hash, e] of Object.entries(json.hashes || {})) {
      const page = e.pages && (e.pages[lang] || Object.values(e.pages)[0]);
      index.set(hash, { ...e, page: page ? `../${page}` : null });
    }
    return index;
  }).catch(() => fromTable());

  const paragraph = (text, className) => {
    const p = document.createElement('p');
    p.textContent = text;
    if (className) p.className = className;
    return p;
  };
  // One hash: a line naming its version with a link, or saying none has it.
  const describe = (index, hash, extra) => {
    const li = document.createElement('li');
    const e = index.get(hash);
    li.dataset.sha256 = hash;
    if (!e) {
      li.dataset.found = 'false';
      li.append(paragraph(message('not-found', { hash }), 'site-bad'));
      return li;
    }
    li.dataset.found = 'true';
    li.dataset.agreementId = e.id;
    li.dataset.version = e.version;
    const text = message('found', { title: e.title, version: e.version, form: message(`form-${e.form}`) });
    const p = document.createElement('p');
    if (e.page) {
      const a = document.createElement('a');
      a.href = e.page;
      a.textContent = text;
      p.append(a);
    } else {
      p.textContent = text;
    }
    if (extra) p.append(` (${extra})`);
    const code = document.createElement('code');
    code.textContent = hash;
    li.append(p, code);
    return li;
  };
  const show = (intro, items, after = []) => {
    result.replaceChildren();
    if (intro) result.append(intro);
    if (items.length) {
      const ul = document.createElement('ul');
      ul.append(...items);
      result.append(ul);
    }
    result.append(...after);
  };

  const base64url = (part) => {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  };
  const receipt = async (jws) => {
    const index = await loaded;
    let record;
    try {
      record = JSON.parse(base64url(jws.split('.')[1]));
    } catch {
      show(paragraph(message('receipt-bad'), 'site-bad'), []);
      return;
    }
    const items = [];
    for (const a of Array.isArray(record.agreements) ? record.agreements : []) {
      if (a && typeof a.sha256 === 'string') items.push(describe(index, a.sha256.toLowerCase()));
    }
    for (const a of Array.isArray(record.accepted_ahead) ? record.accepted_ahead : []) {
      if (a && typeof a.sha256 === 'string') items.push(describe(index, a.sha256.toLowerCase(), message('ahead', { date: a.effective })));
    }
    show(paragraph(message('receipt', { id: record.receipt_id, time: record.accepted_at, origin: record.audience })), items,
      [paragraph(message('receipt-unsigned'))]);
  };
  const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
  const HASH = /^[0-9a-fA-F]{64}$/;

  const lookup = async (text) => {
    const q = text.trim();
    if (HASH.test(q)) {
      const index = await loaded;
      show(null, [describe(index, q.toLowerCase())]);
    } else if (JWS.test(q)) {
      await receipt(q);
    } else {
      show(paragraph(message('not-a-hash'), 'site-bad'), []);
    }
  };
  const digest = async (text) => {
    if (!(window.crypto && crypto.subtle)) return null;
    const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  };
  const readFile = async (f) => {
    let text;
    try {
      text = await f.text();
    } catch {
      show(paragraph(message('unreadable'), 'site-bad'), []);
      return;
    }
    const trimmed = text.trim();
    if (HASH.test(trimmed) || JWS.test(trimmed)) return lookup(trimmed);
    if (/^consent-terms canonical v\d/.test(text)) {
      const hash = await digest(text);
      if (!hash) return show(paragraph(message('no-digest'), 'site-bad'), []);
      const index = await loaded;
      return show(paragraph(message('text', { hash })), [describe(index, hash)]);
    }
    // A saved copy: an HTML file whose articles state their hash and hold their canonical
    // text. DOMParser runs no script of the file's; its stylesheet is left out, since a
    // parsed document comes under this page's Content-Security-Policy, which refuses it.
    const doc = new DOMParser().parseFromString(text.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, ''), 'text/html');
    const articles = doc.querySelectorAll('article[data-sha256]');
    const jws = doc.getElementById('receipt-jws');
    if (!articles.length && jws && JWS.test(jws.textContent.trim())) return receipt(jws.textContent.trim());
    if (!articles.length) return show(paragraph(message('copy-empty'), 'site-bad'), []);
    const index = await loaded;
    const items = [];
    for (const article of articles) {
      const stated = article.dataset.sha256.toLowerCase();
      const li = describe(index, stated);
      const pre = article.querySelector('pre.canonical');
      const hash = pre ? await digest(pre.textContent) : null;
      if (hash) li.append(paragraph(message(hash === stated ? 'copy-text-ok' : 'copy-text-bad'), hash === stated ? '' : 'site-bad'));
      items.push(li);
    }
    const after = [];
    if (jws && JWS.test(jws.textContent.trim())) after.push(paragraph(message('receipt-unsigned')));
    show(paragraph(message('copy')), items, after);
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    lookup(input.value);
  });
  file.addEventListener('change', () => {
    if (file.files && file.files[0]) readFile(file.files[0]);
  });
  // A file dropped anywhere on the form.
  form.addEventListener('dragover', (e) => { e.preventDefault(); form.classList.add('site-drop'); });
  form.addEventListener('dragleave', () => form.classList.remove('site-drop'));
  form.addEventListener('drop', (e) => {
    e.preventDefault();
    form.classList.remove('site-drop');
    const f = e.dataTransfer && e.dataTransfer.files[0];
    if (f) readFile(f);
  });
})();
