"""Fills ``genstudio_en.ts``: each plural message's singular and plural from its source.

The sources say "%n task(s)"; English wants "1 task" and "2 tasks". Run after
``translations.py update`` when a plural message was added:
``python packaging/english_plurals.py && python packaging/translations.py release``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from translations import FOLDER

HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


def forms(source: str) -> tuple[str, str]:
    return source.replace("(s)", ""), source.replace("(s)", "s")


def fill() -> int:
    path = FOLDER / "genstudio_en.ts"
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None:
            continue
        one, many = forms(message.findtext("source") or "")
        for child in list(translation):
            translation.remove(child)
        for text in (one, many):
            ET.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
        filled += 1
    ET.indent(tree, space="    ")
    path.write_text(HEADER + ET.tostring(tree.getroot(), encoding="unicode") + "\n", "utf-8")
    return filled


if __name__ == "__main__":
    print(f"{fill()} plural messages filled")
