#!/usr/bin/env python3
"""Yardstick for issue 16: a Python lxml loop that only parses.

Walks the given directories, parses every .xml file with lxml and counts its elements;
nothing else (no model, no checks, no output but the counts).
`python3 bench/lxml_parse.py DIR...`
"""
import os
import sys

from lxml import etree


def main(paths):
    files = elements = failed = 0
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for root in paths:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.lower().endswith(".xml"):
                    continue
                files += 1
                try:
                    tree = etree.parse(os.path.join(dirpath, name), parser)
                except (etree.XMLSyntaxError, OSError):
                    failed += 1
                    continue
                elements += sum(1 for _ in tree.iter())
    print(f"files {files} elements {elements} failed {failed}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["."])
