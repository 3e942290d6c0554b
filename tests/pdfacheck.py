"""Reading a PDF as an archive's validator would: Apache PDFBox Preflight (Debian's libpdfbox2-java)
and checks of our own through pypdf and poppler. Each check returns the problems it finds (an empty
list when there are none); tests/test_pdfa.py shows each one failing on a planted defect.

Preflight validates PDF/A-1b. Our files claim PDF/A-2a, so the one finding we accept from it is
that the XMP's pdfaid:part is not 1 (`PART_NOT_1`); anything else is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, StreamObject

# What Preflight needs on Debian: PDFBox, FontBox and XmpBox (libpdfbox2-java), commons-logging,
# and the javax.activation and JAXB APIs that Java 11 and later no longer carry.
PREFLIGHT_JARS = [
    "/usr/share/java/preflight.jar",
    "/usr/share/java/pdfbox2.jar",
    "/usr/share/java/fontbox2.jar",
    "/usr/share/java/xmpbox.jar",
    "/usr/share/java/commons-logging.jar",
    "/usr/share/java/javax.activation.jar",
    "/usr/share/java/jaxb-api.jar",
]
PREFLIGHT_MAIN = "org.apache.pdfbox.preflight.Validator_A1b"
PART_NOT_1 = "7.11.2 : Error on MetaData, part must be 1"

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def preflight_missing() -> str:
    """Why Preflight cannot run here ('' when it can)."""
    if shutil.which("java") is None:
        return "no java (Debian: default-jre-headless)"
    absent = [jar for jar in PREFLIGHT_JARS if not os.path.isfile(jar)]
    if absent:
        return f"missing {', '.join(absent)} (Debian: libpdfbox2-java libactivation-java libjaxb-api-java)"
    return ""


def preflight(path: Path) -> list[str]:
    """Preflight's findings for a file, one line each (its first line, valid or not, left out)."""
    run = subprocess.run(
        ["java", "-cp", ":".join(PREFLIGHT_JARS), PREFLIGHT_MAIN, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    if run.returncode not in (0, 255) or not lines or "PDF/A-1b file" not in lines[0]:
        raise AssertionError(f"Preflight did not run on {path}: {run.returncode}\n{run.stdout}\n{run.stderr}")
    return lines[1:]


def preflight_problems(path: Path) -> list[str]:
    """Preflight's findings except the one a PDF/A-2 file must give (its part is not 1)."""
    return [line for line in preflight(path) if line.strip() != PART_NOT_1]


# -- pypdf -----------------------------------------------------------------------------------------


def _text(element: ET.Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def _info_date_as_xmp(value: str) -> str:
    """D:20231114221320+00'00' → 2023-11-14T22:13:20+00:00."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)'", value)
    if not m:
        return f"(not a full PDF date: {value!r})"
    y, mo, d, h, mi, s, sign, oh, om = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{sign}{oh}:{om}"


def xmp_problems(reader: PdfReader) -> list[str]:
    """The catalog's XMP: it parses, claims PDF/A-2a and PDF/UA-1, and says what the Info says."""
    metadata = reader.trailer["/Root"].get("/Metadata")
    if metadata is None:
        return ["no /Metadata on the catalog"]
    stream = metadata.get_object()
    problems = []
    if "/Filter" in stream:
        problems.append("the XMP stream is filtered")
    try:
        root = ET.fromstring(stream.get_data())
    except ET.ParseError as e:
        return [*problems, f"the XMP does not parse: {e}"]
    info = reader.trailer["/Info"].get_object()
    claims = {
        "pdfaid:part": "2",
        "pdfaid:conformance": "A",
        "pdfuaid:part": "1",
        "dc:title": str(info.get("/Title", "")),
        "dc:creator": str(info.get("/Author", "")),
        "dc:description": str(info.get("/Subject", "")),
        "pdf:Producer": str(info.get("/Producer", "")),
        "pdf:Keywords": str(info.get("/Keywords", "")),
        "xmp:CreatorTool": str(info.get("/Creator", "")),
        "xmp:CreateDate": _info_date_as_xmp(str(info.get("/CreationDate", ""))),
        "xmp:ModifyDate": _info_date_as_xmp(str(info.get("/ModDate", ""))),
        "dc:language": str(reader.trailer["/Root"].get("/Lang", "")),
    }
    descriptions = list(root.iterfind(".//rdf:Description", NS))
    for name, expected in claims.items():
        prefix, local = name.split(":")
        attribute = f"{{{NS[prefix]}}}{local}"  # a simple property may be an attribute of its description
        found = [_text(e) for e in root.iterfind(f".//{name}", NS)]
        found += [d.attrib[attribute] for d in descriptions if attribute in d.attrib]
        if found != [expected]:
            problems.append(f"XMP {name} is {found}, not {expected!r}")
    return problems


def output_intent_problems(reader: PdfReader) -> list[str]:
    """One GTS_PDFA1 output intent whose embedded profile is an RGB ICC profile with /N 3."""
    intents = reader.trailer["/Root"].get("/OutputIntents")
    if intents is None:
        return ["no /OutputIntents on the catalog"]
    intents = [i.get_object() for i in intents.get_object()]
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if len(pdfa) != 1:
        return [f"{len(pdfa)} GTS_PDFA1 output intents"]
    profile = pdfa[0].get("/DestOutputProfile")
    if profile is None:
        return ["the output intent embeds no profile"]
    profile = profile.get_object()
    data = profile.get_data()
    problems = []
    if profile.get("/N") != 3:
        problems.append(f"the profile's /N is {profile.get('/N')}, not 3")
    if data[36:40] != b"acsp" or data[16:20] != b"RGB ":
        problems.append("the embedded profile is not an RGB ICC profile")
    if not str(pdfa[0].get("/OutputConditionIdentifier", "")):
        problems.append("the output intent has no OutputConditionIdentifier")
    return problems


def stream_eol_problems(data: bytes) -> list[str]:
    """Every stream object's data is exactly /Length bytes, then one end of line, then `endstream`."""
    reader = PdfReader(_bytes_io(data))
    problems = []
    for number, offset in sorted(reader.xref[0].items()):
        obj = reader.get_object(number)
        if not isinstance(obj, StreamObject):
            continue
        start = re.compile(rb"stream(\r\n|\n)").search(data, offset)
        if start is None:
            problems.append(f"object {number}: no stream keyword")
            continue
        declared = re.search(rb"/Length\s+(\d+)(\s+(\d+)\s+R)?", data[offset : start.start()])
        if declared is None:
            problems.append(f"object {number}: no /Length")
            continue
        length = int(declared[1]) if declared[2] is None else int(reader.get_object(int(declared[1])))
        end = start.end() + int(length)
        if not re.match(rb"(\r\n|\r|\n)endstream", data[end : end + 11]):
            problems.append(f"object {number}: {data[end : end + 11]!r} after its {length} bytes, not EOL endstream")
    return problems


def _bytes_io(data: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(data)


def annotation_problems(reader: PdfReader) -> list[str]:
    """Every annotation printable and not hidden; a link with a /Contents saying where it goes
    (the address, or the title of the outline entry it leads to); a widget with only its N
    appearance and its own page as /P."""
    problems = []
    titles = _destination_titles(reader)
    for number, page in enumerate(reader.pages, start=1):
        for ref in page.get("/Annots", []) or []:
            annotation = ref.get_object()
            subtype = annotation.get("/Subtype")
            flags = int(annotation.get("/F", 0))
            where = f"page {number} {subtype}"
            if not flags & 4 or flags & (1 | 2 | 32):
                problems.append(f"{where}: flags {flags} (printable, not hidden, wanted)")
            if subtype == "/Link":
                contents = str(annotation.get("/Contents", ""))
                action = annotation.get("/A")
                if action is not None:
                    wanted = unquote(str(action.get_object().get("/URI", "")).removeprefix("mailto:"))
                else:
                    wanted = titles.get(_destination_key(annotation.get("/Dest")), "")
                if not contents or contents != wanted:
                    problems.append(f"{where}: /Contents {contents!r}, not {wanted!r}")
            elif subtype == "/Widget":
                if annotation.get("/P") is None or annotation["/P"].get_object() != page.get_object():
                    problems.append(f"{where} {annotation.get('/T')}: /P is not its page")
                extra = sorted(set(annotation["/AP"].keys()) - {"/N"}) if "/AP" in annotation else ["no /AP"]
                if extra:
                    problems.append(f"{where} {annotation.get('/T')}: appearances {extra} besides /N")
    return problems


def _destination_key(dest: object) -> tuple[object, ...] | None:
    """A link's destination array as (page object number, fit, left, top)."""
    if dest is None:
        return None
    dest = dest.get_object() if hasattr(dest, "get_object") else dest
    page, fit, *where = list(dest)  # type: ignore[call-overload]
    kept = {"/XYZ": 2, "/FitH": 1, "/FitBH": 1, "/FitV": 1, "/FitBV": 1}.get(str(fit), 0)  # left, top as pypdf reads
    return (page.idnum, str(fit), *(round(float(w), 2) for w in where[:kept] if w is not None))


def _destination_titles(reader: PdfReader) -> dict[object, str]:
    """Each outline entry's destination → its title."""
    found: dict[object, str] = {}

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                where = (round(float(w), 2) for w in (item.left, item.top) if w is not None)
                key = (item.page.idnum, str(item.typ), *where)
                found[key] = str(item.title)

    walk(reader.outline)
    return found


def page_problems(reader: PdfReader) -> list[str]:
    """No page transitions; no soft masks or constant alpha below 1; no blend mode but Normal."""
    problems = []
    for number, page in enumerate(reader.pages, start=1):
        if "/Trans" in page:
            problems.append(f"page {number}: /Trans")
        problems += [f"page {number}: {p}" for p in _transparency(page.get("/Resources"), set())]
    return problems


def _transparency(resources: object, seen: set[int]) -> list[str]:
    if resources is None:
        return []
    resources = resources.get_object()
    if not isinstance(resources, DictionaryObject) or id(resources) in seen:
        return []
    seen.add(id(resources))
    problems = []
    for name, state in (resources.get("/ExtGState") or {}).items():
        state = state.get_object()
        for key in ("/ca", "/CA"):
            if float(state.get(key, 1)) < 1:
                problems.append(f"ExtGState {name} {key} {state[key]}")
        if state.get("/SMask", "/None") != "/None":
            problems.append(f"ExtGState {name} has a soft mask")
        if str(state.get("/BM", "/Normal")) not in ("/Normal", "/Compatible"):
            problems.append(f"ExtGState {name} blend mode {state['/BM']}")
    for name, xobject in (resources.get("/XObject") or {}).items():
        xobject = xobject.get_object()
        if "/SMask" in xobject:
            problems.append(f"XObject {name} has a soft mask")
        problems += _transparency(xobject.get("/Resources"), seen)
    return problems


def unembedded_fonts(path: Path) -> list[str]:
    """Fonts poppler's pdffonts lists as not embedded (every font, in pages, forms and annotations)."""
    run = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = run.stdout.splitlines()[2:]
    # name, type (may hold spaces), encoding, emb, sub, uni, object number, generation
    return [row.split()[0] for row in rows if row.split()[-5] != "yes"]
