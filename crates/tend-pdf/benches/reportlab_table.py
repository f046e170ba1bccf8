"""ReportLab baseline for the PDF benchmarks (tend-pdf's benches/table.rs and
tend-core's benches/report.rs, both through benches/reportlab.rs).

Draws the benchmark's table with ReportLab's canvas API, the same way tend-pdf
does: A4 in the orientation given, the same margins and column widths, DejaVu Sans (regular and
bold, registered with TTFont from the crate's fonts/ directory), cells wrapped
at spaces and long tokens hard-broken, header row repeated on every page, rows
kept whole, zebra stripes, a rule under each row, a header with organisation,
title and period, and "Page N of M" in the footer (pages are buffered so that M
is known, as tend-pdf does).

Usage: python3 reportlab_table.py ROWS.tsv OUT.pdf FONTS_DIR [--landscape]
    --title T --subtitle S --footer F --right INDEX
    --column NAME=pt:WIDTH|fr:SHARE ...  (one per column, in order)
Prints the seconds spent laying out, drawing and saving (not reading the TSV),
and the number of pages.
"""

import argparse
import time

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

MARGIN = 42.0
CELL_SIZE = 8.0
LEADING = 10.5
PAD_X, PAD_Y = 4.0, 3.0
BODY_TOP = 100.0  # from the top, below the header
# Set from the command line in main(): the page, the columns (fixed points or
# shares of what is left, as the benchmark's tend-pdf table), the column
# drawn right-aligned, and the header and footer texts.
PAGE_W, PAGE_H = 595.276, 841.89
BODY_BOTTOM = PAGE_H - 46.0
COLUMNS = []
RIGHT_ALIGNED = set()
TITLE = SUBTITLE = FOOTER = ""


def slots():
    avail = PAGE_W - 2 * MARGIN
    fixed = sum(w for _, (k, w) in COLUMNS if k == "pt")
    shares = sum(w for _, (k, w) in COLUMNS if k == "fr")
    rest = avail - fixed
    x, out = MARGIN, []
    for _, (k, w) in COLUMNS:
        width = w if k == "pt" else rest * w / shares
        out.append((x, width))
        x += width
    return out


def wrap(text, font, size, width):
    lines = []
    for line in simpleSplit(text, font, size, width) or [""]:
        # simpleSplit leaves a token wider than the column whole: break it.
        while pdfmetrics.stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


class NumberedCanvas(canvas.Canvas):
    """Buffers page states so the footer can say "Page N of M"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved = []

    def showPage(self):
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved)
        for number, state in enumerate(self._saved, start=1):
            self.__dict__.update(state)
            label = "Page %d of %d" % (number, total)
            self.setFont("DejaVuSans", 7.5)
            self.setFillColorRGB(0.12, 0.14, 0.16)
            self.drawRightString(PAGE_W - MARGIN, 24.0, label)
            super().showPage()
        super().save()


def header(c):
    c.setFillColorRGB(0.12, 0.14, 0.16)
    c.setFont("DejaVuSans-Bold", 10)
    c.drawString(MARGIN, PAGE_H - 39.0, "Stadtwerke Zürich")
    c.setFont("DejaVuSans", 8.5)
    c.drawRightString(PAGE_W - MARGIN, PAGE_H - 39.0, "Generated 2025-04-01 09:30")
    c.setFillColorRGB(0.12, 0.36, 0.6)
    c.setFont("DejaVuSans-Bold", 16)
    c.drawString(MARGIN, PAGE_H - 60.0, TITLE)
    c.setFillColorRGB(0.36, 0.39, 0.44)
    c.setFont("DejaVuSans", 8.5)
    c.drawString(MARGIN, PAGE_H - 75.0, SUBTITLE)
    c.setStrokeColorRGB(0.12, 0.36, 0.6)
    c.line(MARGIN, PAGE_H - 84.0, PAGE_W - MARGIN, PAGE_H - 84.0)
    c.setStrokeColorRGB(0.77, 0.8, 0.84)
    c.line(MARGIN, 36.0, PAGE_W - MARGIN, 36.0)
    c.setFillColorRGB(0.36, 0.39, 0.44)
    c.setFont("DejaVuSans", 7.5)
    c.drawString(MARGIN, 24.0, FOOTER)


def draw_row(c, y, cells, cols, height, fill, header_row):
    if fill is not None:
        c.setFillColorRGB(*fill)
        c.rect(MARGIN, PAGE_H - y - height, PAGE_W - 2 * MARGIN, height, stroke=0, fill=1)
    if header_row:
        c.setFillColorRGB(1, 1, 1)
        c.setFont("DejaVuSans-Bold", CELL_SIZE)
    else:
        c.setFillColorRGB(0.12, 0.14, 0.16)
        c.setFont("DejaVuSans", CELL_SIZE)
    font = "DejaVuSans-Bold" if header_row else "DejaVuSans"
    for i, ((x, w), lines) in enumerate(zip(cols, cells)):
        for n, line in enumerate(lines):
            base = PAGE_H - (y + PAD_Y + n * LEADING + (LEADING - CELL_SIZE) / 2 + 0.76 * CELL_SIZE)
            if i in RIGHT_ALIGNED:
                tw = pdfmetrics.stringWidth(line, font, CELL_SIZE)
                c.drawString(x + w - PAD_X - tw, base, line)
            else:
                c.drawString(x + PAD_X, base, line)
    if not header_row:
        c.setStrokeColorRGB(0.77, 0.8, 0.84)
        c.setLineWidth(0.4)
        c.line(MARGIN, PAGE_H - y - height, PAGE_W - MARGIN, PAGE_H - y - height)


def column(spec):
    name, _, width = spec.partition("=")
    kind, _, value = width.partition(":")
    if kind not in ("pt", "fr"):
        raise argparse.ArgumentTypeError("column width must be pt:N or fr:N: %s" % spec)
    return (name, (kind, float(value)))


def main():
    global PAGE_W, PAGE_H, BODY_BOTTOM, COLUMNS, RIGHT_ALIGNED, TITLE, SUBTITLE, FOOTER
    parser = argparse.ArgumentParser()
    parser.add_argument("rows")
    parser.add_argument("out")
    parser.add_argument("fonts")
    parser.add_argument("--landscape", action="store_true")
    parser.add_argument("--title", required=True)
    parser.add_argument("--subtitle", required=True)
    parser.add_argument("--footer", required=True)
    parser.add_argument("--right", type=int, required=True)
    parser.add_argument("--column", type=column, action="append", required=True)
    args = parser.parse_args()
    if args.landscape:
        PAGE_W, PAGE_H = PAGE_H, PAGE_W
    BODY_BOTTOM = PAGE_H - 46.0
    COLUMNS, RIGHT_ALIGNED = args.column, {args.right}
    TITLE, SUBTITLE, FOOTER = args.title, args.subtitle, args.footer
    rows_path, out_path, fonts = args.rows, args.out, args.fonts
    with open(rows_path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]

    start = time.perf_counter()
    pdfmetrics.registerFont(TTFont("DejaVuSans", fonts + "/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", fonts + "/DejaVuSans-Bold.ttf"))
    c = NumberedCanvas(out_path, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    cols = slots()
    head_cells = [wrap(t, "DejaVuSans-Bold", CELL_SIZE, w - 2 * PAD_X) for (t, _), (_, w) in zip(COLUMNS, cols)]
    head_h = max(len(l) for l in head_cells) * LEADING + 2 * PAD_Y

    def new_page(first):
        if not first:
            c.showPage()
        header(c)
        draw_row(c, BODY_TOP, head_cells, cols, head_h, (0.14, 0.28, 0.42), True)
        return BODY_TOP + head_h

    y = new_page(True)
    for index, row in enumerate(rows):
        cells = [wrap(t, "DejaVuSans", CELL_SIZE, w - 2 * PAD_X) for t, (_, w) in zip(row, cols)]
        height = max(len(l) for l in cells) * LEADING + 2 * PAD_Y
        if y + height > BODY_BOTTOM:
            y = new_page(False)
        fill = (0.945, 0.957, 0.973) if index % 2 == 1 else None
        draw_row(c, y, cells, cols, height, fill, False)
        y += height
    c.showPage()
    pages = len(c._saved)
    c.save()
    print("%.4f %d" % (time.perf_counter() - start, pages))


if __name__ == "__main__":
    main()
