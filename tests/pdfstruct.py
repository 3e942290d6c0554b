"""A checker of tagged PDF, reading the file as assistive technology would (pypdf, not our code).

`problems(pdf)` walks every page's content stream (and the Form XObjects it draws) and says
where a painting or text operator sits outside both an artifact and marked content whose
MCID the ParentTree maps to a structure element reachable from the StructTreeRoot that
claims that MCID on that page; where an artifact sits inside tagged content; where a link or
widget annotation has no `/StructParent` leading to an element with its OBJR; and where the
catalog or a page lacks `/MarkInfo`, `/StructTreeRoot`, `/StructParents` or `/Tabs /S`.
`structure(pdf)` gives the tree as (role, attributes, children) for tests to read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject, NameObject

PAINTING = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh", b"Do", b"Tj", b"TJ", b"'", b'"'}
PAINTING |= {b"INLINE IMAGE"}


@dataclass
class Element:
    role: str
    ref: int | None
    attributes: dict[str, Any]
    kids: list[Element] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page object number, MCID)
    objrs: list[int] = field(default_factory=list)  # annotation object numbers

    def walk(self) -> Iterator[Element]:
        yield self
        for kid in self.kids:
            yield from kid.walk()


def _reader(pdf: bytes | Path | PdfReader) -> PdfReader:
    if isinstance(pdf, PdfReader):
        return pdf
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def _num(obj: Any) -> int | None:
    return obj.idnum if isinstance(obj, IndirectObject) else None


def structure(pdf: bytes | Path | PdfReader) -> Element | None:
    """The structure tree from the StructTreeRoot down, or None when there is none."""
    reader = _reader(pdf)
    catalog = reader.trailer["/Root"]
    tree = catalog.get("/StructTreeRoot")
    if tree is None:
        return None
    tree = tree.get_object()
    root = Element("StructTreeRoot", _num(catalog.raw_get("/StructTreeRoot")), {})
    seen: set[int] = set()

    def visit(kid: Any, parent: Element, page: int | None) -> None:
        ref = _num(kid)
        obj = kid.get_object()
        if isinstance(obj, int):
            if page is None:
                raise ValueError(f"MCID {obj} of a {parent.role} with no /Pg")
            parent.mcids.append((page, obj))
            return
        if not isinstance(obj, DictionaryObject):
            raise ValueError(f"a kid of {parent.role} is neither an MCID nor a dictionary: {obj!r}")
        kind = obj.get("/Type")
        if kind == "/MCR":
            parent.mcids.append((_num(obj.raw_get("/Pg")) or page or -1, int(obj["/MCID"])))
            return
        if kind == "/OBJR":
            parent.objrs.append(_num(obj.raw_get("/Obj")) or -1)
            return
        if ref is not None:
            if ref in seen:
                raise ValueError(f"element {ref} reached twice")
            seen.add(ref)
        attributes = {k: obj[k] for k in obj if k not in ("/K", "/P", "/S", "/Pg", "/Type")}
        element = Element(str(obj["/S"])[1:], ref, attributes)
        parent.kids.append(element)
        own_page = _num(obj.raw_get("/Pg")) if "/Pg" in obj else page
        kids = obj.get("/K")
        if kids is None:
            return
        for k in kids if isinstance(kids.get_object(), ArrayObject) else [kids]:
            visit(k, element, own_page)

    kids = tree.get("/K")
    for k in kids if isinstance(kids.get_object(), ArrayObject) else [kids]:
        visit(k, root, None)
    return root


def _number_tree(node: Any) -> dict[int, Any]:
    node = node.get_object()
    found: dict[int, Any] = {}
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            found[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        found.update(_number_tree(kid))
    return found


def problems(pdf: bytes | Path | PdfReader) -> list[str]:
    """Everything that keeps the file from being tagged throughout, one line each."""
    reader = _reader(pdf)
    found: list[str] = []
    catalog = reader.trailer["/Root"]
    mark_info = catalog.get("/MarkInfo")
    if mark_info is None or not mark_info.get_object().get("/Marked"):
        found.append("catalog: no /MarkInfo <</Marked true>>")
    try:
        root = structure(reader)
    except ValueError as exc:
        return [*found, f"structure tree: {exc}"]
    if root is None:
        found.append("catalog: no /StructTreeRoot")
        root, tree = Element("none", None, {}), DictionaryObject()
    else:
        tree = catalog["/StructTreeRoot"].get_object()
        if "/ParentTree" not in tree:
            found.append("StructTreeRoot: no /ParentTree")
    parent_tree = _number_tree(tree["/ParentTree"]) if "/ParentTree" in tree else {}
    elements = {e.ref: e for e in root.walk() if e.ref is not None}
    claimed = {(page, mcid): e for e in root.walk() for page, mcid in e.mcids}
    objrs = {objr: e for e in root.walk() for objr in e.objrs}
    next_key = tree.get("/ParentTreeNextKey")
    if parent_tree and (next_key is None or int(next_key) <= max(parent_tree)):
        found.append("StructTreeRoot: /ParentTreeNextKey missing or not above every key")

    for number, page in enumerate(reader.pages, start=1):
        page_ref = page.indirect_reference.idnum if page.indirect_reference else -1
        where = f"page {number}"
        if page.get("/Tabs") != "/S":
            found.append(f"{where}: no /Tabs /S")
        key = page.get("/StructParents")
        mcid_parents = parent_tree.get(int(key)) if key is not None else None
        mcid_parents = mcid_parents.get_object() if mcid_parents is not None else None
        if key is None and root.ref is not None:
            found.append(f"{where}: no /StructParents")

        def tagged(mcid: int, mcid_parents: Any = mcid_parents, page_ref: int = page_ref) -> str | None:
            """Why an MCID on this page is not properly tagged, or None."""
            if mcid_parents is None or mcid >= len(mcid_parents) or mcid_parents[mcid] is None:
                return f"MCID {mcid} is not in the ParentTree"
            ref = _num(mcid_parents[mcid])
            if ref not in elements:
                return f"MCID {mcid}'s parent in the ParentTree is not reachable from the StructTreeRoot"
            if claimed.get((page_ref, mcid)) is not elements[ref]:
                return f"MCID {mcid}'s element does not claim it on this page"
            return None

        for problem in _walk_content(page.get_contents(), page.get("/Resources"), reader, tagged, []):
            found.append(f"{where}: {problem}")
        for annotation in page.get("/Annots", []):
            ref = _num(annotation)
            annotation = annotation.get_object()
            subtype = annotation.get("/Subtype")
            if subtype not in ("/Link", "/Widget"):
                continue
            sp = annotation.get("/StructParent")
            owner = parent_tree.get(int(sp)) if sp is not None else None
            if owner is None or _num(owner) not in elements:
                found.append(f"{where}: {subtype[1:]} annotation {ref} has no /StructParent in the ParentTree")
            elif objrs.get(ref) is not elements[_num(owner)]:
                found.append(f"{where}: {subtype[1:]} annotation {ref}'s element has no OBJR of it")
            if subtype == "/Link" and not str(annotation.get("/Contents", "")).strip():
                found.append(f"{where}: Link annotation {ref} has no /Contents")
    return found


def _walk_content(contents: Any, resources: Any, reader: PdfReader, tagged: Any, stack: list[str]) -> list[str]:
    """Problems in one content stream; `stack` is the marked content open around it."""
    if contents is None:
        return []
    found: list[str] = []
    counts: dict[str, int] = {}
    resources = resources.get_object() if resources is not None else {}
    stack = list(stack)
    for operands, operator in ContentStream(contents, reader).operations:
        if operator in (b"BDC", b"BMC"):
            tag = str(operands[0])
            props = operands[1] if operator == b"BDC" and len(operands) > 1 else None
            if isinstance(props, NameObject):
                props = resources.get("/Properties", {}).get(props)
            if tag == "/Artifact":
                if any(s.startswith("mcid") for s in stack):
                    found.append("an artifact inside tagged content")
                stack.append("artifact")
            elif isinstance(props, DictionaryObject) and "/MCID" in props:
                if "artifact" in stack:
                    found.append("tagged content inside an artifact")
                problem = tagged(int(props["/MCID"]))
                if problem:
                    found.append(problem)
                stack.append("mcid" if problem is None else "broken")
            else:
                stack.append("other")
            continue
        if operator == b"EMC":
            if not stack:
                found.append("EMC without BDC/BMC")
            else:
                stack.pop()
            continue
        if operator == b"Do":
            xobject = resources.get("/XObject", {}).get(operands[0])
            xobject = xobject.get_object() if xobject is not None else None
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                found += _walk_content(xobject, xobject.get("/Resources", resources), reader, tagged, stack)
                continue
        if operator in PAINTING:
            covering = next((s for s in reversed(stack) if s != "other"), None)
            if covering not in ("mcid", "artifact"):
                name = operator.decode("latin-1")
                counts[name] = counts.get(name, 0) + 1
    if stack:
        found.append(f"{len(stack)} marked-content sequence(s) not closed")
    found += [f"{n} '{op}' operator(s) outside tagged content or an artifact" for op, n in sorted(counts.items())]
    return found


def text_of(element: Element, reader: PdfReader) -> str:
    """Not used by the checks: the ActualText/Alt a reader gets for an element, when it has one."""
    for key in ("/ActualText", "/Alt"):
        if key in element.attributes:
            return str(element.attributes[key])
    return ""
