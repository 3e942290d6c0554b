"""The agent page (`GET /`): pick a handout, preview it, download it, copy its link or a screen's
picture, and mint a signed link with one person's values.

One HTML document with its CSS and script inline (under a nonce-based Content-Security-Policy):
it asks nothing of any other host. Its words come from `words.py` in nb, nn or en (`?lang=`, else
the browser's Accept-Language, else nb). The lists (guides, packs, organisations, languages,
screens) are the project's, given by `backend.choices`.
"""

from __future__ import annotations

import json
from html import escape

from babel import Locale

from .backend import Choices
from .words import PAGE_LOCALES, live_words, page_words


def page_locale(asked: str, accept_language: str) -> str:
    """The page's language: `?lang=`, else the first of Accept-Language we have ("no" is nb), else nb."""
    if asked in PAGE_LOCALES:
        return asked
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower().replace("_", "-")
        base = tag.split("-")[0]
        if tag in ("nn", "nn-no", "no-nyn"):
            return "nn"
        if base in ("nb", "no"):
            return "nb"
        if base == "en":
            return "en"
    return "nb"


def language_name(locale: str, in_locale: str | None = None) -> str:
    try:
        return Locale.parse(locale).get_display_name(in_locale or locale) or locale
    except (ValueError, TypeError):
        return locale


def agent_page(locale: str, choices: Choices, nonce: str, links: bool = True) -> str:
    """The page in `locale` for the project's `choices`; `links`: whether the server makes signed
    links (it has agent tokens), else the page says so where they are made."""
    w = page_words(locale)
    e = escape
    guides, packs, locales, tenants = choices["guides"], choices["packs"], choices["locales"], choices["tenants"]
    titles = choices["titles"].get(locale, {})  # in the page's language, as the handouts translate them
    languages = "".join(
        f'<li><a href="/?lang={code}" lang="{code}" hreflang="{code}"'
        + (' aria-current="page"' if code == locale else "")
        + f">{e(language_name(code))}</a></li>"
        for code in PAGE_LOCALES
    )
    guide_options = "".join(
        f'<option value="{e(gid)}">{e(titles.get(gid, str(info["title"])))} ({e(gid)})</option>'
        for gid, info in guides.items()
    )
    pack_options = "".join(
        f'<option value="{e(pid)}">{e(titles[pid]) + " (" + e(pid) + ")" if pid in titles else e(pid)}</option>'
        for pid in packs
    )
    tenant_options = f'<option value="">{e(w["no_organisation"])}</option>' + "".join(
        f'<option value="{e(str(t["id"]))}">{e(str(t["name"]))} ({e(str(t["id"]))})</option>' for t in tenants
    )
    locale_options = "".join(
        f'<option value="{e(code)}"{" selected" if code == locale else ""}>{e(language_name(code, locale))} ({e(code)})'
        "</option>"
        for code in locales
    )
    shown = {key: value for key, value in choices.items() if key != "titles"}  # the script needs none of them
    data = json.dumps({"words": w, "links": links, **shown}).replace("<", "\\u003c")  # `<!--<script` in a title too
    return f"""<!doctype html>
<html lang="{locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(w["title"])}</title>
<link rel="icon" href="data:,">
<style nonce="{nonce}">{CSS}</style>
</head>
<body>
<header>
<nav aria-label="{e(w["language_nav"])}"><ul class="languages">{languages}</ul></nav>
<h1>{e(w["title"])}</h1>
<p>{e(w["intro"])}</p>
</header>
<main>
<section aria-labelledby="h-choose">
<h2 id="h-choose">{e(w["choose"])}</h2>
<form id="choice" class="grid">
<div><label for="subject">{e(w["guide"])}</label>
<select id="subject"><optgroup label="{e(w["guides"])}">{guide_options}</optgroup>
{f'<optgroup label="{e(w["packs"])}">{pack_options}</optgroup>' if packs else ""}</select></div>
<div><label for="tenant">{e(w["organisation"])}</label><select id="tenant">{tenant_options}</select></div>
<div><label for="locale">{e(w["locale"])}</label><select id="locale">{locale_options}</select></div>
<fieldset><legend>{e(w["form"])}</legend>
<label><input type="radio" name="profile" value="print" checked> {e(w["print"])}</label>
<label><input type="radio" name="profile" value="ticket"> {e(w["ticket"])}</label></fieldset>
<fieldset><legend>{e(w["paper"])}</legend>
<label><input type="radio" name="paper" value="a4" checked> A4</label>
<label><input type="radio" name="paper" value="letter"> US Letter</label></fieldset>
</form>
<p class="actions"><a id="download" class="button" href="#" download>{e(w["download"])}</a>
<button type="button" id="copy-link">{e(w["copy_link"])}</button>
<a id="print-preview" href="#">{e(live_words(locale)["print_preview"])}</a></p>
<p><label for="pdf-url">{e(w["copy_link"])}</label>
<input id="pdf-url" type="url" readonly></p>
<p id="link-status" role="status"></p>
</section>
<section aria-labelledby="h-preview">
<h2 id="h-preview">{e(w["preview"])}</h2>
<iframe id="frame" title="{e(w["preview_frame"])}" src="about:blank"></iframe>
<p><a id="translate" href="#">{e(w["translator_view"])}</a></p>
</section>
<section aria-labelledby="h-screens">
<h2 id="h-screens">{e(w["screens"])}</h2>
<p>{e(w["screens_help"])}</p>
<ul id="screen-list" class="screens"></ul>
<p id="png-status" role="status"></p>
</section>
<section aria-labelledby="h-personal">
<h2 id="h-personal">{e(w["personal"])}</h2>
<p>{e(w["personal_help"])}</p>
<form id="personal">
<div id="values" class="grid"></div>
<div class="grid">
<div><label for="token">{e(w["token"])}</label><input id="token" type="password" autocomplete="off" required></div>
<div><label for="expires">{e(w["expires"])}</label><select id="expires">
<option value="600">{e(w["minutes"])}</option><option value="3600">{e(w["hour"])}</option>
<option value="86400">{e(w["day"])}</option><option value="604800">{e(w["week"])}</option></select></div>
</div>
<p><button type="submit" id="make-link">{e(w["make_link"])}</button></p>
<p><label for="signed">{e(w["signed_link"])}</label><input id="signed" type="url" readonly>
<button type="button" id="copy-signed">{e(w["copy_signed"])}</button></p>
<p id="personal-status" role="status"></p>
</form>
</section>
</main>
<script type="application/json" id="choices">{data}</script>
<script nonce="{nonce}">{SCRIPT}</script>
</body>
</html>
"""


CSS = """
:root { color-scheme: light dark; --fg: #1a1a1a; --bg: #ffffff; --accent: #0b5cad; --line: #6b6b6b; }
@media (prefers-color-scheme: dark) { :root { --fg: #f0f0f0; --bg: #161616; --accent: #8cc4ff; --line: #a0a0a0; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem; font: 1rem/1.5 system-ui, sans-serif; color: var(--fg);
  background: var(--bg); }
a { color: var(--accent); }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; }
.languages { list-style: none; display: flex; gap: 1rem; padding: 0; margin: 0; flex-wrap: wrap; }
.languages a[aria-current] { font-weight: bold; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
label { display: block; font-weight: 600; }
fieldset label { display: inline-block; font-weight: normal; margin-right: 1rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; }
select, input[type=url], input[type=password], input[type=text], input[type=email] { width: 100%; padding: .4rem;
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; }
button, .button { display: inline-block; padding: .5rem .9rem; font: inherit; border-radius: 4px; cursor: pointer;
  background: var(--accent); color: var(--bg); border: 2px solid var(--accent); text-decoration: none; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1rem; align-items: center; }
iframe { width: 100%; height: 34rem; border: 1px solid var(--line); background: #fff; }
.screens { list-style: none; padding: 0; }
.screens li { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; padding: .3rem 0;
  border-bottom: 1px solid var(--line); }
.screens li span { flex: 1 1 12rem; overflow-wrap: anywhere; }
[role=status]:empty { display: none; }
"""

SCRIPT = r"""
(() => {
  const data = JSON.parse(document.getElementById('choices').textContent);
  const w = data.words;
  const $ = (id) => document.getElementById(id);
  const checked = (name) => document.querySelector(`input[name=${name}]:checked`).value;
  function prefix() {
    const tenant = $('tenant').value;
    return (tenant ? tenant + '/' : '') + $('locale').value + '/';
  }
  function pdfPath() {
    return prefix() + $('subject').value + (checked('profile') === 'ticket' ? '.ticket' : '')
      + (checked('paper') === 'letter' ? '.letter' : '') + '.pdf';
  }
  function absolute(path) { return new URL('/' + path, location.href).href; }
  async function copyText(text, status, input) {
    try { await navigator.clipboard.writeText(text); status.textContent = w.copied; }
    catch (err) {
      input.focus(); input.select();
      status.textContent = document.execCommand && document.execCommand('copy') ? w.copied : w.copy_failed;
    }
  }
  function tenantLocales() {
    const tenant = data.tenants.find((t) => t.id === $('tenant').value);
    for (const option of $('locale').options) {
      option.disabled = Boolean(tenant && tenant.locales.length && !tenant.locales.includes(option.value));
    }
    if ($('locale').selectedOptions[0].disabled) {
      const first = [...$('locale').options].find((o) => !o.disabled);
      if (first) $('locale').value = first.value;
    }
  }
  function screens() {
    const list = $('screen-list');
    list.replaceChildren();
    const folder = $('locale').value + '/' + $('subject').value + '/';
    const names = data.screens.filter((p) => p.startsWith(folder)).map((p) => p.slice(folder.length));
    if (!names.length) {
      const item = document.createElement('li'); item.textContent = w.no_screens; list.append(item); return;
    }
    for (const name of names) {
      const url = '/' + prefix() + $('subject').value + '/' + name;
      const item = document.createElement('li');
      const label = document.createElement('span'); label.textContent = name;
      const open = document.createElement('a'); open.href = url; open.textContent = w.open_png;
      open.setAttribute('aria-label', w.open_png + ': ' + name); open.target = '_blank'; open.rel = 'noopener';
      const copy = document.createElement('button'); copy.type = 'button'; copy.textContent = w.copy_png;
      copy.setAttribute('aria-label', w.copy_png + ': ' + name);
      copy.addEventListener('click', () => copyPicture(url));
      item.append(label, open, copy); list.append(item);
    }
  }
  async function copyPicture(url) {
    const status = $('png-status');
    try {
      if (!window.ClipboardItem || !navigator.clipboard || !navigator.clipboard.write) throw new Error('no clipboard');
      const blob = fetch(url).then((r) => { if (!r.ok) throw new Error(r.status); return r.blob(); });
      await navigator.clipboard.write([new ClipboardItem({'image/png': blob})]);
      status.textContent = w.png_copied;
    } catch (err) { status.textContent = w.png_failed; }
  }
  function values() {
    const box = $('values');
    box.replaceChildren();
    const guide = data.guides[$('subject').value];
    const names = guide ? Object.entries(guide.variables) : [];
    if (!names.length) { const p = document.createElement('p'); p.textContent = w.no_values; box.append(p); return; }
    if ($('tenant').value) {  // an organisation's values come from the tenants file (the server refuses both)
      const p = document.createElement('p'); p.id = 'values-tenant'; p.textContent = w.values_and_tenants;
      box.append(p); return;
    }
    for (const [name, kind] of names) {
      const div = document.createElement('div');
      const label = document.createElement('label'); label.htmlFor = 'value-' + name; label.textContent = name;
      const input = document.createElement('input'); input.id = 'value-' + name; input.name = name;
      input.type = kind === 'email' ? 'email' : (kind === 'url' ? 'url' : 'text'); input.autocomplete = 'off';
      div.append(label, input); box.append(div);
    }
  }
  function update() {
    tenantLocales();
    const pdf = pdfPath();
    $('download').href = '/' + pdf;
    $('download').setAttribute('download', pdf.replaceAll('/', '-'));
    $('print-preview').href = '/_print/' + pdf;  // the PDF's pages as they will print (print_view.py)
    $('pdf-url').value = absolute(pdf);
    $('frame').src = '/' + prefix() + $('subject').value + '.html';
    $('translate').href = '/_translate/' + $('locale').value + '/' + $('subject').value + '.html';
    $('translate').parentElement.hidden = !($('subject').value in data.guides);  // a guide's, not a pack's
    $('link-status').textContent = '';
    screens();
  }
  $('choice').addEventListener('change', update);
  $('tenant').addEventListener('change', values);
  $('subject').addEventListener('change', values);
  $('copy-link').addEventListener('click', () => copyText($('pdf-url').value, $('link-status'), $('pdf-url')));
  $('copy-signed').addEventListener('click', () => copyText($('signed').value, $('personal-status'), $('signed')));
  $('personal').addEventListener('submit', async (event) => {
    event.preventDefault();
    const status = $('personal-status');
    if (!data.links) { status.textContent = w.links_off; return; }
    const given = {};
    for (const input of $('values').querySelectorAll('input')) if (input.value) given[input.name] = input.value;
    status.replaceChildren();
    let answer;
    try {
      answer = await fetch('/api/links', {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Authorization': 'Bearer ' + $('token').value},
        body: JSON.stringify({path: pdfPath(), values: given, expires_in: Number($('expires').value)}),
      });
    } catch (err) { status.textContent = w.no_answer; return; }
    const body = await answer.json().catch(() => ({}));
    if (answer.ok && body.url) { $('signed').value = body.url; $('signed').focus(); return; }
    // the page's own words say what went wrong; the server's line (English, as the command line
    // words a value's problem) follows where it says more than the status
    const said = {401: [w.token_refused, false], 422: [w.value_refused, true],
                  429: [w.busy, false], 503: [w.busy, false]}[answer.status] || [w.failed, true];
    status.textContent = said[0];
    if (said[1] && body.error) {
      const detail = document.createElement('span'); detail.lang = 'en'; detail.textContent = ' ' + body.error;
      status.append(detail);
    }
  });
  values();
  update();
  if (!data.links) $('personal-status').textContent = w.links_off;
})();
"""
