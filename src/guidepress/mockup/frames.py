"""What frames a drawn screen: a browser window, a phone, an email message, a window of the
operating system or an app. Each frame draws its chrome at the top, says where the page's
content goes, and finishes the picture once the content's height is known (the page's
background under everything, the bezel or the outline, a phone's bottom bar)."""

from __future__ import annotations

from ..document import ScreenSpec, Widget
from .fonts import text_width
from .palette import FAINT, INK, LINE, MUTED, WHITE
from .palette import TINT as PAGE
from .shapes import Box, Circle, Line, Rect
from .text import Sheet
from .widgets.containers import SideMenu, bottom_menu, put_side_menu
from .widgets.controls import lock
from .widgets.data import initial_letters

WIDTHS = {"browser": 280.0, "email": 280.0, "window": 260.0, "phone": 196.0, "screenshot": 280.0}
SIDE_MENU_W = 86.0


def window_buttons(s: Sheet, cy: float) -> None:
    """The three round buttons at the left of a browser's or a mail program's title bar."""
    for i, color in enumerate(("#B5BCC6", "#C5CBD3", "#D3D8DE")):
        s.add(Circle(10 + i * 9, cy, 2.6, fill=color))


class Frame:
    """A browser window: window buttons, the address bar, the product's bar with the signed-in user."""

    card_form = True  # a form stands in a card on a grey page (a web login page)
    chrome_stays_bright = True  # a dialog dims the page, not the browser's own bar
    bright_shapes: int | None = None  # of those, how many shapes the chrome draws first (None: all of it)
    bottom_reserve = 0.0  # room the frame keeps at the bottom (a phone's home bar)
    outline, outline_radius, fill_radius = "#8A94A3", 4.0, 0.0  # the window's edge

    def __init__(self, spec: ScreenSpec, width: float) -> None:
        self.spec = spec
        self.width = width
        self.left, self.right = 0.0, width  # the content's edges

    def chrome(self, s: Sheet) -> float:
        """Draws the top of the frame; returns where the content starts."""
        width = self.width
        s.add(Rect(Box(0, 0, width, 22), fill="#E6E9EE"))
        window_buttons(s, 11)
        pill = Box(40, 4.5, width - 50, 13)
        s.add(Rect(pill, fill=WHITE, stroke="#CDD3DB", width=0.5, radius=6.5))
        lock(s, pill.x + 8, pill.y + 6.5)
        s.single_line("address", self.spec.address, pill.x + 15, pill.y + 9.2, pill.w - 22, "regular", 7.5, MUTED, pill)
        self.bright_shapes = len(s.shapes)  # the product's bar below is the page's: a dialog dims it
        bar = Box(0, 22, width, 26)
        s.add(Rect(bar, fill=WHITE))
        s.add(Line(((0, 48), (width, 48)), LINE, 0.6))
        if self.spec.product:
            s.single_line("product", self.spec.product, 12, 39, width * 0.55, "bold", 10, INK, bar)
        if self.spec.user:
            w = min(text_width(self.spec.user, "regular", 7.5), width * 0.35)
            s.add(Circle(width - 20 - w, 35, 6, fill=FAINT, stroke=LINE, width=0.5))
            s.single_line("user", self.spec.user, width - 10 - w, 37.7, w, "regular", 7.5, INK, bar)
        return 48

    def page_fill(self, layout: str) -> str:
        return PAGE

    def finish(self, s: Sheet, bottom: float, side: SideMenu | None, below: Widget | None, top: float) -> float:
        """The picture's height once the content ends at `bottom`; draws what frames it."""
        height = bottom
        if below is not None:
            height += bottom_menu(s, below, 0, bottom, self.width)
        if side is not None:
            put_side_menu(s, side, height - top)
        s.under(0, Rect(Box(0, 0, self.width, height), fill=self.page_fill(self.spec.layout), radius=self.fill_radius))
        s.add(Rect(Box(0, 0, self.width, height), stroke=self.outline, width=0.9, radius=self.outline_radius))
        return height


class WindowFrame(Frame):
    """A window of the operating system or of an app (BankID's own window): a title bar with the
    window's title and its close button, a white body."""

    card_form = False
    outline, outline_radius, fill_radius = "#6F7A88", 5.0, 5.0

    def chrome(self, s: Sheet) -> float:
        s.add(Rect(Box(0, 0, self.width, 24), fill="#EEF0F3", radius=5))
        s.add(Rect(Box(0, 12, self.width, 12), fill="#EEF0F3"))
        s.add(Line(((0, 24), (self.width, 24)), LINE, 0.6))
        if self.spec.title:
            room = self.width - 60
            tw = min(text_width(self.spec.title, "bold", 8), room)
            s.single_line(
                "title", self.spec.title, (self.width - tw) / 2, 15.3, room, "bold", 8, INK, Box(0, 0, self.width, 24)
            )
        s.icon("close", self.width - 13, 12, 8, MUTED)
        s.add(Line(((self.width - 38, 12), (self.width - 30, 12)), MUTED, 0.9))
        return 24

    def page_fill(self, layout: str) -> str:
        return PAGE if layout == "settings" else WHITE


class EmailFrame(WindowFrame):
    """An email message: the subject, the sender's name and address beside their initial, the date,
    then the message's body."""

    def chrome(self, s: Sheet) -> float:
        spec, width = self.spec, self.width
        s.add(Rect(Box(0, 0, width, 20), fill="#E6E9EE", radius=5))
        s.add(Rect(Box(0, 10, width, 10), fill="#E6E9EE"))
        window_buttons(s, 10)
        s.icon("mail", width / 2, 10, 10, MUTED)
        top = 20 + 12.0
        if spec.title:
            top += s.paragraph("subject", spec.title, 16, top, width - 32, style="bold", size=10.5) + 8
        s.add(Circle(28, top + 11, 11, fill="#E8EEF6"))
        initials = "".join(initial_letters(spec.sender))[:1].upper() or "?"
        s.single_line("sender", initials, 28 - 4, top + 14.3, 12, "bold", 9, "#1A56A0", Box(17, top, 22, 22))
        date_w = min(text_width(spec.date, "regular", 7.5), width * 0.36) if spec.date else 0.0
        room = width - 48 - 16 - date_w - (8 if date_w else 0)
        if spec.sender:
            s.single_line("sender", spec.sender, 46, top + 8.5, room, "bold", 8, INK, Box(46, top, room, 11))
        if spec.sender_address:
            s.single_line(
                "sender", spec.sender_address, 46, top + 19, room, "regular", 7.5, MUTED, Box(46, top + 11, room, 11)
            )
        if spec.date:
            s.single_line(
                "date", spec.date, width - 16 - date_w, top + 8.5, date_w, "regular", 7.5, MUTED, Box(0, top, width, 11)
            )
        top += 22 + 12
        s.add(Line(((16, top), (width - 16, top)), LINE, 0.6))
        return top + 4


class PhoneFrame(Frame):
    """A phone: a dark bezel with rounded corners, the status bar (time, signal, battery), the app's
    title bar, the content, an optional tab bar at the bottom and the home bar."""

    card_form = False
    chrome_stays_bright = False  # an app's dialog dims the whole screen
    BEZEL = 7.0

    def __init__(self, spec: ScreenSpec, width: float) -> None:
        super().__init__(spec, width)
        self.left, self.right = self.BEZEL, width - self.BEZEL
        self.bottom_reserve = 16.0

    def chrome(self, s: Sheet) -> float:
        b, width = self.BEZEL, self.width
        s.add(Rect(Box(width / 2 - 22, b + 4, 44, 11), fill="#161B21", radius=5.5))  # the camera's island
        s.single_line("status", "9:41", b + 14, b + 13, 24, "bold", 7.5, INK, Box(b, b, 40, 20))
        x = width - b - 44
        for i in range(4):  # signal bars
            s.add(Rect(Box(x + i * 3.2, b + 13 - 2.2 * (i + 1), 2.2, 2.2 * (i + 1)), fill=INK, radius=0.5))
        s.add(Rect(Box(width - b - 28, b + 6, 15, 7.5), stroke=INK, width=0.7, radius=2))
        s.add(Rect(Box(width - b - 26.6, b + 7.4, 9.5, 4.7), fill=INK, radius=1))
        s.add(Rect(Box(width - b - 12.3, b + 8.4, 1.3, 2.7), fill=INK, radius=0.5))
        top = b + 22
        if self.spec.title:
            bar = Box(b, top, width - 2 * b, 1e6)
            h = s.paragraph(
                "title", self.spec.title, b + 14, top + 5, width - 2 * b - 28, style="bold", size=11.5, container=bar
            )
            top += max(28.0, h + 10)
            s.add(Line(((b, top), (width - b, top)), LINE, 0.6))
        return top

    def page_fill(self, layout: str) -> str:
        return "#F2F3F6" if layout == "settings" else WHITE

    def finish(self, s: Sheet, bottom: float, side: SideMenu | None, below: Widget | None, top: float) -> float:
        b, width = self.BEZEL, self.width
        height = max(bottom + (34 if below is not None else 0) + self.bottom_reserve, width * 1.5)
        if below is not None:
            bottom_menu(s, below, b, height - self.bottom_reserve - 34, width - 2 * b)
        if side is not None:  # a phone's side menu is a drawer: drawn over the content's left part
            put_side_menu(s, side, height - self.bottom_reserve - top)
        s.under(0, Rect(Box(0, 0, width, height), fill="#2B323B", radius=26))
        s.under(1, Rect(Box(b, b, width - 2 * b, height - 2 * b), fill=self.page_fill(self.spec.layout), radius=20))
        s.add(Rect(Box(width / 2 - 30, height - b - 7, 60, 3.5), fill=INK, radius=1.75))
        return height


FRAMES: dict[str, type[Frame]] = {"browser": Frame, "window": WindowFrame, "email": EmailFrame, "phone": PhoneFrame}
