"""Tagged PDF (PDF/UA-1) on reportlab: the one module that works around what reportlab lacks.

reportlab writes no structure: it has no marked-content API, its page and annotation
dictionaries refuse the keys a tagged PDF needs (`/StructParents`, `/Tabs`, `/StructParent`),
and its catalog knows `/StructTreeRoot` and `/MarkInfo` only by name. So:

- the story builder (`render.py`, `pack.py`) makes a tree of `Node`s, the guide's logical
  structure (Document, H1, L, LI, Figure …), in reading order, and gives each flowable the
  node its content belongs to;
- while a page is drawn, a flowable writes its content inside `/Role <</MCID n>> BDC … EMC`
  (`Tagger.content`) and its decoration inside `/Artifact BMC … EMC` (`Tagger.artifact`);
  a paragraph opens its marked content inside its own text object, so that the hyphen of a
  line break can be an artifact between two pieces of the word, and a space closes every
  other line (`paragraph`);
- an annotation made while a node's content is drawn (a link, a checkbox) gets a
  `/StructParent` and an `OBJR` in that node (its `Link` or `Form`), and a link a `/Contents`
  saying where it goes (`annotated`);
- when the canvas saves, the tree becomes the StructTreeRoot with its ParentTree, the pages
  get `/StructParents` and `/Tabs /S`, the catalog `/MarkInfo` (`finish`).

Nodes nothing was drawn into (an alternative the layout did not choose) are left out.
Pages are named as reportlab names them when they are written ("Page1" …), so a canvas that
holds its pages back until the end (for "Page X of Y") still points at the real page objects.
`check_reportlab` fails loudly when reportlab no longer has what these workarounds rely on.
"""

from __future__ import annotations

import html
import re
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObject, PDFObjectReference, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import _SplitWordH, _SplitWordHY

from .pdfa import link_contents

# The roles guidepress writes: PDF 1.7's standard structure types, so no RoleMap is needed.
ROLES = frozenset(
    "Document Part Sect Div H1 H2 H3 P L LI Lbl LBody Caption Table TR TH TD Figure Link Form Span TOC TOCI".split()
)
# Operators that paint, outside a text object: a paragraph's underline or background is an artifact.
_PAINTING_RE = re.compile(r"(?:^|\s)(?:S|s|f\*?|F|B\*?|b\*?|sh|Do)(?=\s|$)")


class Node:
    """An element of the structure tree: its role, its children (nodes, and marked content and
    annotations as drawn), and what a reader is told instead of or beside its content."""

    __slots__ = ("role", "parent", "kids", "alt", "lang", "attributes", "contents")

    def __init__(
        self,
        role: str,
        parent: Node | None = None,
        *,
        alt: str | None = None,
        lang: str | None = None,
        attributes: dict[str, Any] | None = None,
    ) -> None:
        if role not in ROLES:
            raise ValueError(f"not a structure type guidepress writes: {role}")
        self.role = role
        self.parent = parent
        self.kids: list[Node | tuple[int, int] | tuple[int, str]] = []
        self.alt = alt
        self.lang = lang
        self.attributes = attributes or {}
        self.contents: str | None = None  # a Link's description, when its annotation has none
        if parent is not None:
            parent.kids.append(self)

    def add(self, role: str, **kw: Any) -> Node:
        """A new child, after the ones made before it."""
        return Node(role, self, **kw)

    def __repr__(self) -> str:
        return f"Node({self.role}, {len(self.kids)} kids)"


class _Owning:
    """Annotations made inside belong to the node."""

    __slots__ = ("tagger", "node", "previous")

    def __init__(self, tagger: Tagger, node: Node) -> None:
        self.tagger, self.node = tagger, node

    def __enter__(self) -> None:
        self.previous, self.tagger.current = self.tagger.current, self.node

    def __exit__(self, *_: object) -> None:
        self.tagger.current = self.previous


class _Content(_Owning):
    """Marked content of a node: `/Role <</MCID n>> BDC` … `EMC`."""

    __slots__ = ("canvas",)

    def __init__(self, tagger: Tagger, canvas: Canvas, node: Node) -> None:
        super().__init__(tagger, node)
        self.canvas = canvas

    def __enter__(self) -> None:
        tagger = self.tagger
        if tagger.open_mcid:
            raise ValueError(f"marked content inside marked content ({self.node.role})")
        self.canvas._code.append(tagger.begin(self.canvas, self.node))
        tagger.open_mcid = True
        super().__enter__()

    def __exit__(self, *_: object) -> None:
        self.canvas._code.append("EMC")
        self.tagger.open_mcid = False
        super().__exit__()


class _Artifact:
    """An artifact: `/Artifact <</Type /Kind>> BDC` … `EMC`."""

    __slots__ = ("tagger", "canvas", "operator")

    def __init__(self, tagger: Tagger, canvas: Canvas, kind: str, subtype: str) -> None:
        self.tagger, self.canvas = tagger, canvas
        self.operator = f"/Artifact <</Type /{kind}{f' /Subtype /{subtype}' if subtype else ''}>> BDC"

    def __enter__(self) -> None:
        if self.tagger.open_mcid:
            raise ValueError("an artifact inside tagged content")
        self.canvas._code.append(self.operator)
        self.tagger.open_mcid = True

    def __exit__(self, *_: object) -> None:
        self.canvas._code.append("EMC")
        self.tagger.open_mcid = False


def tagger_of(canvas: Canvas) -> Tagger | None:
    return getattr(canvas, "tagger", None)


class Tagger:
    """The marked content and annotations of one PDF, as they are drawn, against its structure."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self.mcids: dict[int, list[Node]] = {}  # page → node of each MCID
        self.annotations: list[tuple[Node, int, str, Any]] = []  # (node, page, name, annotation)
        self.current: Node | None = None  # the node whose content is being drawn
        self.open_mcid = False
        self.destinations: dict[str, str] = {}  # bookmark key → what is there (a heading's text)

    # -- marked content ----------------------------------------------------------------------

    def begin(self, canvas: Canvas, node: Node) -> str:
        """The BDC operator of a new piece of `node`'s content on the current page."""
        page = canvas.getPageNumber()
        nodes = self.mcids.setdefault(page, [])
        mcid = len(nodes)
        nodes.append(node)
        node.kids.append((page, mcid))
        return f"/{node.role} <</MCID {mcid}>> BDC"

    def content(self, canvas: Canvas, node: Node | None) -> _Content:
        """What is drawn inside (`with`) is `node`'s content; an annotation made inside belongs to it too."""
        if node is None:
            raise ValueError("untagged content: every flowable that paints needs its structure node")
        return _Content(self, canvas, node)

    def artifact(self, canvas: Canvas, kind: str = "Layout", subtype: str = "") -> _Artifact:
        """What is drawn inside (`with`) is page furniture or decoration: no reader reads it."""
        return _Artifact(self, canvas, kind, subtype)

    def owning(self, node: Node) -> _Owning:
        """Annotations made inside (`with`) belong to `node`, though nothing is marked (a paragraph,
        which marks its content inside its text object)."""
        return _Owning(self, node)

    # -- annotations ---------------------------------------------------------------------------

    def annotated(self, canvas: Canvas, annotation: Any, name: str) -> None:
        """An annotation just made on the current page: its node is the Link or Form being drawn,
        or a new Link in the node being drawn."""
        node = self.current
        if node is None:
            raise ValueError("an annotation outside any tagged content")
        owner: Node | None = node
        while owner is not None and owner.role not in ("Link", "Form"):
            owner = owner.parent
        if owner is None:
            owner = node.add("Link")
        page = canvas.getPageNumber()
        owner.kids.append((page, name))
        self.annotations.append((owner, page, name, annotation))

    # -- the end -------------------------------------------------------------------------------

    def finish(self, canvas: Canvas) -> None:
        """Write the structure tree into the document, and mark the catalog and the pages."""
        document = canvas._doc
        pages = document.Pages.pages
        if not _prune(self.root):
            raise ValueError("a tagged PDF with no content")
        names: dict[int, str] = {}
        order: list[Node] = []

        def register(node: Node, parent: str) -> None:
            name = f"StructElem{len(order) + 1}"
            names[id(node)] = name
            order.append(node)
            document.Reference(_Element(node, parent, names), name)
            for kid in node.kids:
                if isinstance(kid, Node):
                    register(kid, name)

        register(self.root, "StructTreeRoot")
        struct_parent = {name: len(pages) + i for i, (_, _, name, _) in enumerate(self.annotations)}
        nums: list[tuple[int, list[str] | str]] = [
            (n - 1, [names[id(node)] for node in self.mcids.get(n, [])]) for n in range(1, len(pages) + 1)
        ]
        nums += [(struct_parent[name], names[id(owner)]) for owner, _, name, _ in self.annotations]
        document.Reference(_ParentTree(nums), "ParentTree")
        tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        tree_root["K"] = PDFArray([PDFObjectReference(names[id(self.root)])])
        tree_root["ParentTree"] = PDFObjectReference("ParentTree")
        tree_root["ParentTreeNextKey"] = len(pages) + len(self.annotations)
        document.Reference(tree_root, "StructTreeRoot")

        for owner, _page, name, annotation in self.annotations:
            _annotation_keys(annotation, struct_parent[name], owner.contents or self._describe(annotation))
        for n, page in enumerate(pages):
            _page_keys(page, n)
        catalog = document.Catalog
        catalog.StructTreeRoot = tree_root
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})

    def _describe(self, annotation: Any) -> str:
        """Where a link goes, for its /Contents: the address, or the heading it leads to."""
        if isinstance(annotation, pdfdoc.LinkAnnotation):
            target = getattr(annotation.Destination, "name", "")
            return self.destinations.get(target, annotation.Contents or "")
        if isinstance(annotation, PDFDictionary):
            action = annotation.dict.get("A")
            if isinstance(action, PDFDictionary) and "URI" in action.dict:
                return link_contents(action.dict["URI"].s)
            tooltip = annotation.dict.get("TU")
            if isinstance(tooltip, PDFString):
                return tooltip.s
        return ""


def _ref(document: Any, name: str) -> bytes:
    return b"%d 0 R" % document.idToObjectNumberAndVersion[name][0]


class _Element(PDFObject):
    """A structure element, written straight to bytes on one line: a handout has a hundred and
    fifty of them, and reportlab's general dictionaries would cost a tenth of its size and more
    time than the rest of the tagging."""

    def __init__(self, node: Node, parent: str, names: dict[int, str]) -> None:
        self.node, self.parent, self.names = node, parent, names

    def format(self, document: Any) -> bytes:
        node = self.node
        pages = {kid[0] for kid in node.kids if isinstance(kid, tuple)}
        one_page = next(iter(pages)) if len(pages) == 1 else None
        out = [b"<</S/", node.role.encode(), b"/P ", _ref(document, self.parent)]
        if one_page is not None:
            out += [b"/Pg ", _ref(document, f"Page{one_page}")]
        kids: list[bytes] = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(_ref(document, self.names[id(kid)]))
            elif isinstance(kid[1], int):
                page, mcid = kid
                if page == one_page:
                    kids.append(b"%d" % mcid)
                else:
                    kids.append(b"<</Type/MCR/Pg " + _ref(document, f"Page{page}") + b"/MCID %d>>" % mcid)
            else:
                page, annotation = kid
                target = _ref(document, document.annotationName(annotation))
                on = b"" if page == one_page else b"/Pg " + _ref(document, f"Page{page}")  # or its element's
                kids.append(b"<</Type/OBJR/Obj " + target + on + b">>")
        single = len(kids) == 1 and not kids[0].endswith(b" R")
        out += [b"/K", _spaced(kids[0] if single else b"[" + b" ".join(kids) + b"]")]
        for key, value in ((b"Alt", node.alt), (b"Lang", node.lang)):
            if value is not None:
                out += [b"/", key, PDFString(value).format(document)]  # a string is its own delimiter
        if node.attributes:
            out.append(b"/A<<")
            for attribute, value in node.attributes.items():
                out += [b"/", attribute.encode(), _spaced(_attribute(value))]
            out.append(b">>")
        out.append(b">>")
        return b"".join(out)


def _spaced(value: bytes) -> bytes:
    """A value after a key: no space before a delimiter (`[`, `<<`, `(`, `/`), one before a number
    or a keyword. Every byte of a hundred and fifty elements counts (no object streams in PDF/A-1)."""
    return value if value[:1] in (b"[", b"<", b"(", b"/") else b" " + value


def _attribute(value: Any) -> bytes:
    if isinstance(value, (tuple, list)):
        return b"[" + b" ".join(b"%g" % round(v, 2) for v in value) + b"]"
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, str):
        return b"/" + value.encode()
    return str(value).encode()


class _ParentTree(PDFObject):
    """The ParentTree: each page's MCIDs' elements, then each annotation's element."""

    def __init__(self, nums: list[tuple[int, list[str] | str]]) -> None:
        self.nums = nums

    def format(self, document: Any) -> bytes:
        out = []
        for key, value in self.nums:
            if isinstance(value, str):
                out.append(b"%d " % key + _ref(document, value))
            else:
                out.append(b"%d [" % key + b" ".join(_ref(document, name) for name in value) + b"]")
        return b"<</Nums [" + b" ".join(out) + b"]>>"


def _prune(node: Node) -> bool:
    """Drop the nodes nothing was drawn into; whether `node` keeps any content."""
    node.kids = [kid for kid in node.kids if not isinstance(kid, Node) or _prune(kid)]
    return bool(node.kids)


# -- reportlab's dictionaries, opened for the keys a tagged PDF needs ------------------------------


def _annotation_keys(annotation: Any, key: int, contents: str) -> None:
    """/StructParent (and, for a link, /Contents) on an annotation reportlab has already made."""
    if isinstance(annotation, pdfdoc.LinkAnnotation):  # linkRect: a fixed list of permitted keys
        annotation.permitted = (*annotation.permitted, "StructParent")
        annotation.otherkw["StructParent"] = key
        annotation.Contents = contents
    elif isinstance(annotation, PDFDictionary):  # linkURL and the AcroForm widgets: a plain dictionary
        annotation.dict["StructParent"] = key
        if annotation.dict.get("Subtype") == PDFName("Link") or str(annotation.dict.get("Subtype")) == "/Link":
            annotation.dict["Contents"] = PDFString(contents)
    else:
        raise TypeError(f"an annotation reportlab makes in a way guidepress does not know: {type(annotation)}")


def _page_keys(page: pdfdoc.PDFPage, index: int) -> None:
    """/StructParents and /Tabs /S on a page: PDFPage writes only the keys its class lists."""
    page.__NoDefault__ = [*type(page).__NoDefault__, "StructParents", "Tabs"]
    page.StructParents = index
    page.Tabs = PDFName("S")


# -- paragraphs: marked content inside the text object -----------------------------------------


class TaggedText(PDFTextObject):
    """A paragraph's text object whose text is its node's content. At the end of a line that
    breaks a word with an added hyphen, the hyphen is an artifact between the word's two
    pieces; a line that breaks a word at its own hyphen ends as it is; every other line ends
    with a space, so that the words of two lines do not run together."""

    def __init__(
        self,
        canvas: Canvas,
        x: float,
        y: float,
        tagger: Tagger,
        node: Node,
        breaks: dict[int, bool],
        lines: list[str] | None,
    ) -> None:
        super().__init__(canvas, x, y)
        self._tagger = tagger
        self._node = node  # whose content the text is now: the paragraph's, or a Span's in it
        self._paragraph = node
        self._breaks: dict[int, bool | None] = dict(breaks)  # line → whether reportlab added the hyphen at its end
        self._lines = lines  # each line's text, for a paragraph with markup
        self._line = 0
        self._code.append(tagger.begin(canvas, node))

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N802, N803
        line = self._line
        if TStar:
            self._line += 1
        ending = self._breaks.get(line)
        if ending and text.endswith("-") and self._ends_line(line, text):
            # a paragraph with markup writes the line's last piece, then an empty one with T*
            super()._textOut(text[:-1])
            self._code.append("EMC /Artifact BMC")
            super()._textOut("-")
            self._code.append("EMC " + self._tagger.begin(self._canvas, self._node))
            self._breaks[line] = None  # done: no space after it
            if TStar:
                self._code.append("T*")
            return None
        if TStar and line not in self._breaks and not text.endswith(" "):
            text += " "
        return super()._textOut(text, TStar)

    def span(self, lang: str) -> None:
        """Open a Span in language `lang` inside the paragraph (or, with "", go back to the paragraph)."""
        self._node = self._paragraph.add("Span", lang=lang) if lang else self._paragraph
        self._code.append("EMC " + self._tagger.begin(self._canvas, self._node))

    def _ends_line(self, line: int, text: str) -> bool:
        return self._lines is None or self._lines[line].rstrip().endswith(text)

    def getCode(self) -> str:  # noqa: N802
        self._code.append("EMC")
        return super().getCode()


# A run of a paragraph in another language than its own: platypus calls the canvas's named
# callback where the markup puts `<onDraw>` (a zero-width mark that changes no line break).
SPAN_CALLBACK = "guidepress_span"
SPAN_END = f'<onDraw name="{SPAN_CALLBACK}" label=""/>'


def span_start(lang: str) -> str:
    """Paragraph markup that opens a Span in language `lang` (a BCP 47 tag) until `SPAN_END`."""
    return f'<onDraw name="{SPAN_CALLBACK}" label="{html.escape(lang)}"/>'


def _span(canvas: Canvas, kind: str, label: str | None) -> None:
    """The onDraw callback: the text object of the paragraph being drawn opens or closes its Span."""
    tx = canvas._curr_tx_info["tx"]
    if isinstance(tx, TaggedText):
        tx.span(label or "")


def word_breaks(lines: list[Any], kind: int, text: str) -> tuple[dict[int, bool], list[str] | None]:
    """The lines of a broken paragraph that end inside a word: whether reportlab added a hyphen
    there (hyphenation) or broke the word after a hyphen of its own; and, for a paragraph with
    markup, each line's text. A paragraph of plain text (kind 0) says so by the type of its
    last word; one with markup (kind 1) keeps only text, so the word is put together again and
    looked up among the words of the paragraph's `text`."""
    found: dict[int, bool] = {}
    if kind == 0:
        for i, (_, line) in enumerate(lines):
            if line and isinstance(line[-1], _SplitWordHY):
                found[i] = True
            elif line and isinstance(line[-1], _SplitWordH):
                found[i] = False
        return found, None
    texts = ["".join(getattr(f, "text", "") for f in line.words) for line in lines]
    if len(texts) < 2:
        return found, texts
    words: set[str] | None = None
    for i, (line, following) in enumerate(zip(texts, texts[1:], strict=False)):
        if line.endswith(" "):
            continue
        head, tail = (line.split() or [""])[-1], (following.split() or [""])[0]
        if not head.endswith("-") or not tail:  # a break inside a word leaves a hyphen, added or its own
            continue
        if words is None:  # the paragraph's words, once, when a line ends inside one
            words = set(html.unescape(re.sub(r"<[^>]*>", "", text)).split())
        if head[:-1] + tail in words and head + tail not in words:
            found[i] = True
        elif head + tail in words:
            found[i] = False
    return found, texts


def draw_paragraph(paragraph: Any, draw: Any) -> None:
    """Draw a platypus Paragraph as its node's content: its text through `TaggedText`, anything
    else it paints (a link's underline) as an artifact, its links as Links in its node."""
    canvas = paragraph.canv
    tagger = tagger_of(canvas)
    if tagger is None:
        return draw()
    node = getattr(paragraph, "node", None)
    if node is None:
        raise ValueError(f"untagged paragraph: {paragraph.text[:40]!r}")
    blpara = paragraph.blPara
    breaks, lines = word_breaks(blpara.lines, blpara.kind, paragraph.text)
    paragraph._tagged_text = (tagger, node, breaks, lines)
    start = len(canvas._code)
    with tagger.owning(node):
        draw()
    style = paragraph.style
    if "<u>" not in paragraph.text and not style.backColor and not style.borderWidth:
        return None  # nothing but its text object (an underline, a background: painted beside it)
    code = canvas._code
    for i in range(start, len(code)):
        entry = code[i]
        if not entry.startswith("BT") and _PAINTING_RE.search(entry):
            code[i] = f"/Artifact BMC {entry} EMC"
    return None


def paragraph_text(paragraph: Any, x: float, y: float) -> PDFTextObject:
    """The text object a tagged paragraph draws into (its `beginText`)."""
    found = getattr(paragraph, "_tagged_text", None)
    if found is None:
        return paragraph.canv.beginText(x, y)
    tagger, node, breaks, lines = found
    return TaggedText(paragraph.canv, x, y, tagger, node, breaks, lines)


# -- a figure's place on the page ----------------------------------------------------------------


def bbox(canvas: Canvas, width: float, height: float) -> tuple[float, float, float, float]:
    """The box (0, 0, width, height) of the current coordinates, on the page."""
    corners = [canvas.absolutePosition(x, y) for x in (0, width) for y in (0, height)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), min(ys), max(xs), max(ys)


def check_reportlab() -> None:
    """Fail loudly when reportlab no longer has what these workarounds rely on."""
    problems = []
    if "StructTreeRoot" not in pdfdoc.PDFCatalog.__NoDefault__ or "MarkInfo" not in pdfdoc.PDFCatalog.__NoDefault__:
        problems.append("PDFCatalog no longer writes StructTreeRoot and MarkInfo")
    if not hasattr(pdfdoc.PDFPage, "__NoDefault__") or "StructParents" in pdfdoc.PDFPage.__NoDefault__:
        problems.append("PDFPage's keys changed (StructParents is now its own)")
    if "StructParent" in pdfdoc.LinkAnnotation.permitted:
        problems.append("LinkAnnotation now permits StructParent itself")
    for name in ("_addAnnotation", "absolutePosition", "getPageNumber"):
        if not hasattr(Canvas, name):
            problems.append(f"Canvas.{name} is gone")
    if not hasattr(PDFTextObject, "_textOut"):
        problems.append("PDFTextObject._textOut is gone")
    from reportlab.platypus import paragraph

    for name in ("_SplitWordH", "_SplitWordHY", "_leftDrawParaLine", "_putFragLine"):
        if not hasattr(paragraph, name):
            problems.append(f"reportlab.platypus.paragraph.{name} is gone")
    if not hasattr(paragraph.Paragraph, "beginText"):  # a paragraph's text object is ours through it
        problems.append("Paragraph.beginText is gone")
    if problems:
        raise RuntimeError("reportlab changed under guidepress's tagged PDF: " + "; ".join(problems))


class TaggingCanvas(Canvas):
    """A canvas that records its structure: a `Tagger` when given a tree (`structure`), whose
    annotations get their node and whose structure is written when it saves."""

    tagger: Tagger | None = None

    def tag(self, structure: Node | None) -> None:
        check_reportlab()
        self.tagger = Tagger(structure) if structure is not None else None
        self.setNamedCB(SPAN_CALLBACK, _span)

    def _addAnnotation(self, annotation: Any, name: str | None = None, addtopage: int = 1) -> None:  # noqa: N802
        name = name or f"NUMBER{self._annotationCount + 1}"  # as reportlab names it
        super()._addAnnotation(annotation, name, addtopage)
        if self.tagger is not None:
            self.tagger.annotated(self, annotation, name)

    def save(self) -> None:
        if self.tagger is not None:
            self.tagger.finish(self)
        super().save()
