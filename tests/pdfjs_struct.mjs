// The structure tree of a PDF as Firefox's pdf.js (npm pdfjs-dist) reads it, for tests/test_tagged_pdf.py:
// prints, as JSON, each page's tree (page.getStructTree()) and the ids of the marked content pdf.js
// finds in the page's text (getTextContent with includeMarkedContent).
// Run: NODE_PATH=<folder with node_modules/pdfjs-dist> node tests/pdfjs_struct.mjs FILE.pdf
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const require = createRequire(pathToFileURL(process.env.NODE_PATH + "/"));
const { getDocument } = await import(pathToFileURL(require.resolve("pdfjs-dist/legacy/build/pdf.mjs")));
const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const tree = await page.getStructTree();
  const text = await page.getTextContent({ includeMarkedContent: true });
  const marked = text.items.filter((item) => item.type === "beginMarkedContentProps").map((item) => item.id);
  pages.push({ page: n, tree, marked });
}
console.log(JSON.stringify(pages));
