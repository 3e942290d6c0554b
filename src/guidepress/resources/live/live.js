// guidepress serve --watch: the live script of a page (serve/live.py adds it, in --watch mode only).
// It listens to /_live/events for the output this page shows: when the bytes to show change, the
// page reloads (a print preview is told instead); the lines a failed build printed show over the
// last good page, each a link to its file and line; warnings show too, quieter. The server fills in
// the words and the style sheet; the script asks nothing of any other address.
(() => {
  'use strict';
  const WORDS = /*WORDS*/{};
  const CSS = /*CSS*/'';
  const LANG = /*LANG*/'';
  const me = document.currentScript;
  const path = me.dataset.path;
  const mode = me.dataset.mode || 'page';
  let shown = me.dataset.etag || '';
  const untilBuilt = me.dataset.until === 'built';
  let drawn = mode === 'page';  // a print preview says when it has drawn (or failed to draw) its PDF
  let state = null;
  let hiddenKey = '';  // the problems the author hid with Escape (new ones show again)
  let lostTimer = 0;

  // One host at the end of <body>; its shadow root keeps the page's styles apart. While the problems
  // cover the page, the focus is in their panel (as in a dialog): Tab walks their links, Escape hides them.
  const host = document.createElement('guidepress-live');
  const root = host.attachShadow({mode: 'open'});
  // a constructed style sheet: a page whose policy allows no inline <style> (the print preview) still applies it
  let style = null;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch (err) {
    style = document.createElement('style');
    style.textContent = CSS;
  }
  const aside = document.createElement('aside');
  aside.setAttribute('aria-label', WORDS.problems);
  aside.lang = LANG;
  const alert = document.createElement('div');  // errors: announced at once
  alert.setAttribute('role', 'alert');
  const status = document.createElement('div');  // warnings and the connection: announced politely
  status.setAttribute('role', 'status');
  aside.append(alert, status);
  if (style) root.append(style);
  root.append(aside);
  document.body.append(host);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function lines(problems, warning) {
    const list = el('ol', 'lines' + (warning ? ' quiet' : ''));
    for (const p of problems) {
      const item = el('li', warning ? 'warning' : 'error');
      if (p.href) {
        const link = el('a', 'where', p.where);
        link.href = p.href;
        link.title = WORDS.open_in_editor;
        item.append(link, el('span', 'message', ': ' + p.message));
      } else {
        item.append(el('span', 'message', p.text));
      }
      list.append(item);
    }
    return list;
  }

  function keyOf(s) { return JSON.stringify([s.errors, s.warnings]); }

  let before = null;  // what had the focus before the panel took it

  function hide() {
    if (!state) return;
    hiddenKey = keyOf(state);
    render();
    const again = root.querySelector('.pill');
    if (again) again.focus();
  }

  function takeFocus() {
    const panel = root.querySelector('.panel');
    if (!panel || root.activeElement) return;
    before = document.activeElement !== document.body ? document.activeElement : null;
    panel.focus({preventScroll: true});
  }

  function giveFocusBack() {
    if (!root.activeElement) return;
    if (before && before.isConnected) before.focus({preventScroll: true}); else root.activeElement.blur();
    before = null;
  }

  function render() {
    alert.replaceChildren();
    status.replaceChildren();
    host.toggleAttribute('data-errors', false);
    if (!state) return;
    const hidden = hiddenKey === keyOf(state);
    if (state.errors.length) {
      host.toggleAttribute('data-errors', !hidden);
      if (hidden) {
        const pill = el('button', 'pill error-pill', WORDS.show_errors + ' (' + state.errors.length + ')');
        pill.type = 'button';
        pill.addEventListener('click', () => { hiddenKey = ''; render(); focusPanel(); });
        status.append(pill);
        return;
      }
      const backdrop = el('div', 'backdrop');
      backdrop.addEventListener('click', hide);
      const panel = el('section', 'panel');
      panel.tabIndex = -1;
      panel.setAttribute('aria-labelledby', 'gp-title');
      const head = el('div', 'head');
      const title = el('p', 'title', WORDS.failed);
      title.id = 'gp-title';
      const close = el('button', 'hide', WORDS.hide);
      close.type = 'button';
      close.addEventListener('click', hide);
      head.append(el('span', 'icon', '!'), title, close);
      panel.append(head, el('p', 'help', WORDS.failed_help), lines(state.errors, false));
      if (state.warnings.length) {
        panel.append(el('p', 'subtitle', WORDS.warnings + ' (' + state.warnings.length + ')'));
        panel.append(lines(state.warnings, true));
      }
      alert.append(backdrop, panel);
      takeFocus();
      return;
    }
    giveFocusBack();
    if (state.warnings.length) {
      const open = !hidden && hiddenKey === 'open:' + keyOf(state);
      const box = el('section', 'quietbox');
      const toggle = el('button', 'pill warn-pill', WORDS.warnings + ' (' + state.warnings.length + ')');
      toggle.type = 'button';
      toggle.setAttribute('aria-expanded', String(open));
      toggle.addEventListener('click', () => {
        hiddenKey = open ? keyOf(state) : 'open:' + keyOf(state);
        render();
        const again = root.querySelector('.warn-pill');
        if (again) again.focus();
      });
      box.append(toggle);
      if (open) box.append(lines(state.warnings, true));
      status.append(box);
    }
  }

  function focusPanel() {
    const panel = root.querySelector('.panel');
    if (panel) panel.focus();
  }

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !state) return;
    if (state.errors.length && hiddenKey !== keyOf(state)) { hide(); event.preventDefault(); }
    else if (hiddenKey === 'open:' + keyOf(state)) { hiddenKey = ''; render(); event.preventDefault(); }
  });

  function lost(on) {
    clearTimeout(lostTimer);
    const old = root.querySelector('.lost');
    if (old) old.remove();
    if (on) {
      lostTimer = setTimeout(() => status.append(el('p', 'lost', WORDS.lost)), 3000);
    }
  }

  const events = new EventSource('/_live/events?path=' + encodeURIComponent(path));
  events.addEventListener('open', () => lost(false));
  events.addEventListener('error', () => lost(true));
  events.addEventListener('state', (event) => {
    const next = JSON.parse(event.data);
    if (untilBuilt) {  // a page in place of one that has not built: it comes once the build has no errors
      if (!next.errors.length) { events.close(); location.reload(); return; }
    } else if (next.etag && next.etag !== shown) {
      if (mode === 'page') { events.close(); location.reload(); return; }
      if (drawn) window.dispatchEvent(new CustomEvent('guidepress:stale', {detail: {etag: next.etag}}));
    }
    if (!state || keyOf(state) !== keyOf(next)) hiddenKey = '';
    state = next;
    render();
  });

  // the print preview says which PDF it shows (it fetched it: its ETag)
  window.guidepressLive = {
    shown(etag) { shown = etag; drawn = true; },
    current() { return state ? state.etag : ''; },
  };
})();
