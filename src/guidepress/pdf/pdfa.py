"""PDF/A-2a for what reportlab writes: the archival workarounds around reportlab's internals.

reportlab has no PDF/A mode. Every PDF guidepress writes (handouts, ticket forms, packs)
passes through `conform(canvas)` once its pages are made and before it is saved; that call
adds or mends, on reportlab's own objects:

- the XMP metadata packet (`/Metadata` on the catalog): the Info dictionary's title, author,
  subject, keywords, creator, producer and dates said again in XMP, the language, and the
  claims `pdfaid:part 2`, `pdfaid:conformance A` and `pdfuaid:part 1` (with the extension
  schema PDF/A requires for the pdfuaid namespace);
- an sRGB output intent (`GTS_PDFA1`) with the ICC profile embedded (resources/icc/sRGB-v2-magic.icc,
  736 bytes, CC0, LICENSE beside it): what every DeviceRGB colour on the page means;
- an end of line before each `endstream` (reportlab writes the keyword right after the data);
- link annotations printable (`/F 4`) with a `/Contents` saying where they go: the address,
  or the title of the heading they lead to;
- no `/Trans` on the pages (reportlab writes an empty one on each);
- AcroForm checkboxes with only the normal (`/N`) appearance, and their own page in `/P`
  (reportlab names the page current when the box is drawn: the first page, while the
  numbered canvas holds pages back for "Page X of Y");
- a document `/ID` that is the MD5 of the file itself, so that it differs between documents
  and stays the same between two builds of one (reportlab's hashes the title and date only).

Pictures are laid on white before they are embedded (mockup/pdf.py's `image_reader`):
PDF/A-1 readers, and PDFBox's Preflight with them, refuse soft masks. What the structure tree needs (marked
content, StructTreeRoot, /Lang, artifacts) is `tagging.py`'s, not this module's.

The workarounds lean on reportlab's internals; `TESTED_REPORTLAB` names the versions they
were tested with, pyproject.toml pins them, and tests/test_pdfa.py fails when one stops working.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import cache
from typing import Any
from urllib.parse import unquote
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from ..common.resources import resource_path

# The reportlab releases (major.minor) tests/test_pdfa.py passed with: 4.4.10, 4.5.1, 5.0.1, 5.1.0.
TESTED_REPORTLAB = ("4.4", "4.5", "5.0", "5.1")

PRINT = 4  # annotation flag: printed with the page (PDF/A wants every annotation printable)
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
_ARCHIVAL = "_guidepress_pdfa"  # set on a PDFDocument that conform() has prepared
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
_ID_PLACEHOLDER = b"\n[<" + b"0" * 32 + b"><" + b"0" * 32 + b">]\n"


def conform(canvas: Canvas) -> None:
    """Make the document of `canvas` a PDF/A-2a file when it is saved: call after the last page
    is made (every annotation is on its page) and before `Canvas.save`."""
    document = canvas._doc
    setattr(document, _ARCHIVAL, True)
    _mend_annotations(document)
    catalog = document.Catalog
    _open_catalog(catalog, "OutputIntents")
    catalog.OutputIntents = pdfdoc.PDFArray([_output_intent(document)])
    catalog.Metadata = metadata_stream(document)
    _reproducible_id(document)


# -- streams: an end of line before `endstream` -------------------------------------------------

_stream_format = pdfdoc.PDFStream.format


def _stream_format_with_eol(self: pdfdoc.PDFStream, document: Any) -> bytes:
    """reportlab's stream with an EOL between its data and `endstream` (ISO 32000-1 7.3.8.1 asks
    for one, PDF/A requires it); not counted in /Length. Only in documents conform() prepared."""
    out: bytes = _stream_format(self, document)
    if not getattr(document, _ARCHIVAL, False):
        return out
    if not out.endswith(b"endstream\n"):
        raise RuntimeError("reportlab's PDFStream.format no longer ends with b'endstream\\n': see pdf/pdfa.py")
    return out[: -len(b"endstream\n")] + b"\nendstream\n"


pdfdoc.PDFStream.format = _stream_format_with_eol  # the workaround itself


# -- the catalog ---------------------------------------------------------------------------------


def _open_catalog(catalog: pdfdoc.PDFCatalog, key: str) -> None:
    """Let the catalog write `key`: reportlab writes only the keys its class lists."""
    if key not in catalog.__NoDefault__:
        catalog.__NoDefault__ = [*catalog.__NoDefault__, key]


@cache
def icc_profile() -> bytes:
    """The compact sRGB profile (ICC v2, 736 bytes) embedded as every PDF's output intent."""
    return resource_path("icc", "sRGB-v2-magic.icc").read_bytes()


@cache
def _icc_compressed() -> bytes:
    return zlib.compress(icc_profile(), 9)


def _output_intent(document: pdfdoc.PDFDocument) -> pdfdoc.PDFDictionary:
    profile = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary({"N": 3, "Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])}),
        _icc_compressed(),
    )
    return pdfdoc.PDFDictionary(
        {
            "Type": pdfdoc.PDFName("OutputIntent"),
            "S": pdfdoc.PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": pdfdoc.PDFString(OUTPUT_CONDITION),
            "Info": pdfdoc.PDFString(OUTPUT_CONDITION),
            "RegistryName": pdfdoc.PDFString("http://www.color.org"),
            "DestOutputProfile": document.Reference(profile),
        }
    )


# -- XMP metadata ----------------------------------------------------------------------------------


def xmp_date(stamp: Any) -> str:
    """The Info dictionary's date (reportlab's TimeStamp) as XMP writes it: the same instant and offset."""
    year, month, day, hour, minute, second = stamp.YMDhms
    sign = "-" if stamp.dhh < 0 else "+"
    return (
        f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
        f"{sign}{abs(stamp.dhh):02d}:{stamp.dmm:02d}"
    )


def xmp_packet(
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    creator: str,
    producer: str,
    date: str,
    language: str,
) -> bytes:
    """The XMP packet of a PDF/A-2a and PDF/UA-1 file whose Info dictionary says the same."""

    def e(text: str) -> str:  # XML 1.0 has no control characters but tab and line breaks
        return escape(_CONTROL.sub("", text))

    def a(text: str) -> str:  # an attribute's value: quotes escaped, line breaks kept as references
        return escape(_CONTROL.sub("", text), _ATTRIBUTE_ENTITIES)

    # As small as XMP allows: no padding, no whitespace between elements, the simple properties
    # as attributes of their rdf:Description. The extension schema that declares pdfuaid to
    # PDF/A keeps the element form in a description of its own, as PDFBox reads it.
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"'
        ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
        "<pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>"
        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
        '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
        "<pdfaProperty:name>part</pdfaProperty:name>"
        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
        "<pdfaProperty:category>internal</pdfaProperty:category>"
        "<pdfaProperty:description>The part of ISO 14289 followed</pdfaProperty:description>"
        "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
        f' xmp:CreatorTool="{a(creator)}" xmp:CreateDate="{date}" xmp:ModifyDate="{date}"'
        f' pdf:Producer="{a(producer)}" pdf:Keywords="{a(keywords)}"'
        ' pdfaid:part="2" pdfaid:conformance="A" pdfuaid:part="1">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(title)}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:creator><rdf:Seq><rdf:li>{e(author)}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li></rdf:Alt></dc:description>'
        f"<dc:language><rdf:Bag><rdf:li>{e(language)}</rdf:li></rdf:Bag></dc:language>"
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
    ).encode()


def metadata_stream(document: pdfdoc.PDFDocument) -> pdfdoc.PDFStream:
    """The catalog's /Metadata: the XMP of the document's Info, uncompressed (PDF/A-1 readers
    want to find it without a filter)."""
    info = document.info
    lang = getattr(document.Catalog, "Lang", None)
    packet = xmp_packet(
        title=str(info.title),
        author=str(info.author),
        subject=str(info.subject),
        keywords=str(info.keywords),
        creator=str(info.creator),
        producer=str(info.producer),
        date=xmp_date(document._timeStamp),
        language=str(getattr(lang, "s", lang or "und")),  # BCP 47's "undetermined"
    )
    return _Unfiltered(
        pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}), packet
    )


class _Unfiltered(pdfdoc.PDFStream):
    """A stream written as it is: no /Filter key at all (reportlab writes an empty one for [])."""

    def format(self, document: Any) -> bytes:
        dictionary = pdfdoc.PDFDictionary(self.dictionary.dict.copy())
        dictionary["Length"] = len(self.content)
        head = pdfdoc.format(dictionary, document)
        eol = b"\n" if getattr(document, _ARCHIVAL, False) else b""
        return head + b"\nstream\n" + self.content + eol + b"endstream\n"


# -- annotations -----------------------------------------------------------------------------------


def _mend_annotations(document: pdfdoc.PDFDocument) -> None:
    """Every annotation of every page: printable; a link with a /Contents saying where it goes;
    a checkbox with its normal appearance only and its own page as /P."""
    titles: dict[str, str] = document.outline.destinationnamestotitles  # outline key → its title
    for page in document.Pages.pages:
        page.Trans = None  # reportlab writes an empty /Trans on every page
        page_ref = pdfdoc.PDFObjectReference(getattr(page, pdfdoc.__InternalName__))
        for ref in page.Annots or ():
            annotation = document.idToObject[ref.name]
            if isinstance(annotation, pdfdoc.LinkAnnotation):  # a link inside the document (linkRect)
                annotation.otherkw["F"] = PRINT
                target = annotation.Destination.name
                annotation.Contents = titles.get(target) or annotation.Contents or target
            elif isinstance(annotation, pdfdoc.PDFDictionary):
                _mend_dictionary(annotation, page_ref, titles)
            else:
                raise RuntimeError(f"an annotation guidepress does not know: {type(annotation).__name__}")


def _mend_dictionary(
    annotation: pdfdoc.PDFDictionary, page_ref: pdfdoc.PDFObjectReference, titles: dict[str, str]
) -> None:
    d = annotation.dict
    subtype = str(d.get("Subtype", "")).lstrip("/")
    d["F"] = PRINT
    if subtype == "Link" and "A" in d:  # linkURL: an address outside the document
        action = d["A"].dict
        d["Contents"] = pdfdoc.PDFString(link_contents(action.get("URI", action.get("F")).s))
    elif subtype == "Link":  # a link to a heading, made as a plain dictionary
        target = getattr(d.get("Dest"), "name", "")
        d["Contents"] = pdfdoc.PDFString(titles.get(target) or target)
    elif subtype == "Widget":  # an AcroForm checkbox
        d["P"] = page_ref
        appearances = d["AP"].dict
        for key in [k for k in appearances if k != "N"]:
            del appearances[key]


def link_contents(url: str) -> str:
    """What a link to `url` says it leads to, as a reader would say it: the address, a mailbox
    without its scheme, percent-escapes decoded (`mailto:a%2Bb@x.no` says `a+b@x.no`)."""
    return unquote(url.removeprefix("mailto:"))


# -- the document ID ---------------------------------------------------------------------------------


def _reproducible_id(document: pdfdoc.PDFDocument) -> None:
    """The trailer's /ID: the MD5 of the file as written with a placeholder in its place."""
    document.ID = lambda: _ID_PLACEHOLDER
    make = document.GetPDFData

    def with_id(canvas: Canvas) -> bytes:
        data: bytes = make(canvas)
        at = data.rindex(_ID_PLACEHOLDER)
        digest = hashlib.md5(data, usedforsecurity=False).hexdigest().upper().encode()
        return data[:at] + b"\n[<" + digest + b"><" + digest + b">]\n" + data[at + len(_ID_PLACEHOLDER) :]

    document.GetPDFData = with_id
