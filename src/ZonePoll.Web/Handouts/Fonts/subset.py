#!/usr/bin/env python3
"""Makes the two handout faces from Debian's Liberation Sans 2.1.5 (fonts-liberation2).

Skia embeds whole fonts in PDFs, so the faces are cut down to the scripts people type into a worksheet
(Latin, Greek, Cyrillic, punctuation, currency, arrows, the placeholder square) and hinting is dropped.
The SIL OFL forbids a Modified Version to use the Reserved Font Name "Liberation", so the result is
renamed "ZonePoll Sans". Needs Debian's python3-fonttools:

    apt-get install fonts-liberation2 python3-fonttools
    /usr/bin/python3 src/ZonePoll.Web/Handouts/Fonts/subset.py
"""
import os
from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = "/usr/share/fonts/truetype/liberation2"
HERE = os.path.dirname(os.path.abspath(__file__))
UNICODES = (
    list(range(0x20, 0x7F)) + list(range(0xA0, 0x250))      # Latin, Latin-1, Latin Extended-A/B
    + list(range(0x370, 0x400)) + list(range(0x400, 0x530))  # Greek, Cyrillic
    + list(range(0x1E00, 0x1F00))                            # Latin Extended Additional (Vietnamese)
    + list(range(0x2000, 0x2070)) + list(range(0x20A0, 0x20C0))  # punctuation, currency
    + list(range(0x2100, 0x2200)) + list(range(0x2190, 0x2200))  # letterlike, arrows
    + list(range(0x25A0, 0x2600))                            # geometric shapes, incl. the placeholder U+25A1
)

for style in ("Regular", "Bold"):
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(os.path.join(SOURCE, f"LiberationSans-{style}.ttf"))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    for record in font["name"].names:
        text = record.toUnicode()
        if "Liberation" in text:
            record.string = text.replace("Liberation Sans", "ZonePoll Sans").replace("LiberationSans", "ZonePollSans").replace("Liberation", "ZonePoll")
    out = os.path.join(HERE, f"ZonePollSans-{style}.ttf")
    font.save(out)
    print(out, os.path.getsize(out), "bytes")
