"""The handout's colours, one place for the page and the screen pictures (hex strings).

Meaning is never carried by colour alone (numbers, line weight and shape do that); the
colours that carry text keep WCAG AA contrast on white, so they print legibly in grey.
"""

INK = "#1F2933"  # text
MUTED = "#5B6675"  # secondary text
ACCENT = "#C2370E"  # callouts and step badges: reads as near-black in grey print
LINK = "#1A56A0"  # links, and the product's primary buttons
RULE = "#C9D0D9"  # hairlines on the page
TINT = "#F2F4F7"  # boxed notes, the title block, a screen's page background
LINE = "#B8C0CC"  # outlines in the screens
FAINT = "#E3E7ED"  # faint fills and dividers in the screens
WHITE = "#FFFFFF"
