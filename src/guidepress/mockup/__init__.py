"""Screen mockups: laid out once in points (`layout`), painted by `pdf` and `png`."""
