"""QR codes for short links, as SVG (print) and PNG (slides, social media), made with segno:
a maintained, dependency-free QR encoder that writes both formats itself."""

import io

import segno


def qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=4, xmldecl=False, svgns=True,
                                    title=url)  # fmt: skip
    return buffer.getvalue()


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()
