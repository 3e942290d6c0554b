// guidepress serve's print preview: the PDF's pages drawn by pdf.js (the package's own copy, from
// /_static/pdfjs/), one canvas each at its paper's proportions. With --watch, the live script says
// when the PDF changed ('guidepress:stale'); the pages are drawn again and then swapped in whole,
// so the reader keeps their place.
import * as pdfjs from '/_static/pdfjs/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/_static/pdfjs/pdf.worker.min.mjs';

const data = JSON.parse(document.getElementById('print-data').textContent);
const words = data.words;
const pages = document.getElementById('pages');
const status = document.getElementById('print-status');
const PAPERS = [['A4', 210, 297], ['A5', 148, 210], ['US Letter', 215.9, 279.4], ['A3', 297, 420]];
let loading = null;
let again = false;

function paperName(widthMm, heightMm) {
  const [w, h] = [Math.min(widthMm, heightMm), Math.max(widthMm, heightMm)];
  const known = PAPERS.find(([, pw, ph]) => Math.abs(pw - w) < 1.5 && Math.abs(ph - h) < 1.5);
  const size = `${Math.round(widthMm)} × ${Math.round(heightMm)} mm`;
  return known ? `${known[0]}, ${size}` : size;
}

async function draw() {
  const answer = await fetch('/' + data.path, {cache: 'no-cache'});
  if (!answer.ok) {
    status.textContent = words.pdf_failed + ' ' + (await answer.text()).trim();
    pages.setAttribute('aria-busy', 'false');
    if (window.guidepressLive) window.guidepressLive.shown('');
    return '';
  }
  const etag = answer.headers.get('ETag') || '';
  const bytes = new Uint8Array(await answer.arrayBuffer());
  const doc = await pdfjs.getDocument({data: bytes, isEvalSupported: false}).promise;
  try {
    const figures = [];
    const room = Math.max(Math.min(pages.clientWidth - 32, 920), 240);
    const ratio = window.devicePixelRatio || 1;
    for (let number = 1; number <= doc.numPages; number += 1) {
      const page = await doc.getPage(number);
      const natural = page.getViewport({scale: 1});
      const scale = room / natural.width;
      const viewport = page.getViewport({scale: scale * ratio});
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(natural.width * scale)}px`;
      canvas.style.height = `${Math.floor(natural.height * scale)}px`;
      await page.render({canvasContext: canvas.getContext('2d'), viewport}).promise;
      const label = words.page_of.replace('{page}', number).replace('{pages}', doc.numPages);
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', label);
      const figure = document.createElement('figure');
      const caption = document.createElement('figcaption');
      const mm = (points) => (points * 25.4) / 72;
      caption.textContent = `${label} · ${words.paper}: ${paperName(mm(natural.width), mm(natural.height))}`;
      figure.append(canvas, caption);
      figures.push(figure);
    }
    const changed = pages.dataset.etag !== undefined && pages.dataset.etag !== etag;
    pages.replaceChildren(...figures);
    pages.dataset.etag = etag;
    pages.setAttribute('aria-busy', 'false');
    status.textContent = changed ? words.updated : '';
    if (window.guidepressLive) window.guidepressLive.shown(etag);
    return etag;
  } finally {
    doc.destroy();
  }
}

function redraw() {
  if (loading) { again = true; return; }
  loading = draw()
    .catch((err) => { status.textContent = words.pdf_failed + ' ' + err.message; return ''; })
    .then((drawn) => {
      loading = null;
      const live = window.guidepressLive;  // a change told before this page listened
      const behind = drawn && live && live.current() && live.current() !== drawn;
      if (again || behind) { again = false; redraw(); }
    });
}

window.addEventListener('guidepress:stale', redraw);
redraw();
