// A hand-written vanilla-DOM page with the same structure as the widget: shadow root, tabs,
// the first agreement's numbered clauses with highlights as <strong>, the list of highlighted
// clauses, the acknowledgement and assent boxes, accept and decline. It knows the catalogue's
// shape in advance (current version per id, base first) and does none of the widget's checks.

// The blocks of the compiled bundle (`consent-terms bundle`), as the widget reads them.

function inline(parent, spans, highlights) {
  for (const span of spans) {
    if (span.highlight) {
      const strong = document.createElement('strong');
      strong.className = 'ct-highlight';
      const label = document.createElement('span');
      label.className = 'ct-sr-only';
      label.textContent = `${span.kind} clause: `;
      strong.append(label, span.text);
      parent.append(strong);
      highlights.push(span.text);
    } else if (span.emphasis) {
      const b = document.createElement('b');
      b.textContent = span.text;
      parent.append(b);
    } else {
      parent.append(span.text);
    }
  }
}

export function render(container, bundle, provider, products) {
  const current = new Map();
  for (const entry of bundle.agreements) {
    const a = { meta: entry, blocks: entry.sections.flatMap((s) => (s.heading ? [s.heading, ...s.blocks] : s.blocks)) };
    const known = current.get(a.meta.id);
    if (!known || known.meta.effective < a.meta.effective) current.set(a.meta.id, a);
  }
  const chosen = [...current.values()]
    .filter((a) => a.meta.provider === provider && (a.meta.products.length === 0 || a.meta.products.some((p) => products.includes(p))))
    .sort((a, b) => (a.meta.supplements ? 1 : 0) - (b.meta.supplements ? 1 : 0));
  const host = document.createElement('div');
  container.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const section = document.createElement('section');
  const tabs = document.createElement('div');
  tabs.setAttribute('role', 'tablist');
  for (const a of chosen) {
    const tab = document.createElement('button');
    tab.setAttribute('role', 'tab');
    tab.textContent = a.meta.title;
    tabs.append(tab);
  }
  const panel = document.createElement('div');
  panel.setAttribute('role', 'tabpanel');
  const article = document.createElement('article');
  const title = document.createElement('h3');
  title.textContent = chosen[0].meta.title;
  article.append(title);
  const highlights = [];
  for (const [i, a] of chosen.entries()) {
    for (const b of a.blocks) {
      const el = document.createElement(b.kind === 'heading' ? 'h4' : 'p');
      if (b.number) el.className = 'ct-clause';
      if (b.number) {
        const n = document.createElement('span');
        n.className = 'ct-number';
        n.textContent = b.number;
        el.append(n, ' ');
      }
      const found = [];
      inline(el, b.spans || [], found);
      highlights.push(...found);
      if (i === 0) article.append(el);
    }
  }
  const end = document.createElement('p');
  end.className = 'ct-end';
  end.textContent = `End of the ${chosen[0].meta.title}.`;
  article.append(end);
  panel.append(article);
  const list = document.createElement('ul');
  for (const h of highlights) {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = h.slice(0, 110);
    li.append(link);
    list.append(li);
  }
  const controls = document.createElement('div');
  for (const text of ['I have read the highlighted clauses.', 'I have read and agree.']) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    label.append(box, text);
    controls.append(label);
  }
  for (const [id, text] of [['ct-accept', 'Accept and continue'], ['ct-decline', 'Decline']]) {
    const button = document.createElement('button');
    button.id = id;
    button.textContent = text;
    controls.append(button);
  }
  section.append(tabs, panel, list, controls);
  root.append(section);
}
