"""The signed QR code (核验二维码) as certificates, stock sheets and tickets draw it, in vectors."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import zxingcpp
from numpy.typing import NDArray
from reportlab.lib.colors import white
from reportlab.pdfgen.canvas import Canvas

from kaoping.domain.certificates import MIN_QR_MODULE_MM
from kaoping.domain.errors import ValidationError

__all__ = ["checked_module", "draw_qr", "qr_matrix", "qr_module_mm"]

_NO_PAYLOAD = "证书缺少二维码内容，请先生成签名二维码"


@functools.lru_cache(maxsize=8)
def _qr_modules(payload: str) -> NDArray[np.bool_]:
    """The QR symbol (error correction M) as a square array, True for a dark module.

    zxing-cpp's encoder (also the reader the tests and the desktop use) takes under a
    millisecond with the full mask search; the pure-Python encoder took 4 ms with one mask,
    a fifth of a certificate's rendering.
    """
    if not payload:
        raise ValidationError(_NO_PAYLOAD, field="二维码")
    code = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCodeModel2, ec_level="M")
    return np.asarray(code.to_image(scale=1, add_quiet_zones=False)) < 128


def qr_matrix(payload: str) -> Sequence[Sequence[bool]]:
    """The QR code of `payload` (error correction M) as rows of dark modules."""
    return tuple(map(tuple, _qr_modules(payload).tolist()))


def qr_module_mm(payload: str, size_mm: float) -> float:
    """The width of one module (in mm) of `payload` drawn as a QR code `size_mm` wide."""
    return size_mm / len(_qr_modules(payload))


def checked_module(payload: str, size_mm: float) -> float:
    """The module width, refused when too small to read from a phone photo."""
    module = qr_module_mm(payload, size_mm)
    if module < MIN_QR_MODULE_MM:
        count = len(_qr_modules(payload))
        raise ValidationError(
            f"二维码内容过长：{count}×{count} 个模块，每个模块只有 {module:.2f} 毫米"
            f"（至少 {MIN_QR_MODULE_MM} 毫米），手机难以识读。请缩短核验网址前缀，"
            "或在证书模板中放大二维码。",
            field="二维码",
        )
    return module


def _dark_runs(modules: NDArray[np.bool_]) -> list[tuple[int, list[int], list[int]]]:
    """Per row: where each run of dark modules starts and where it ends (exclusive)."""
    padded = np.zeros((modules.shape[0], modules.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = modules
    edges = np.diff(padded, axis=1)
    return [
        (row, np.flatnonzero(edges[row] == 1).tolist(), np.flatnonzero(edges[row] == -1).tolist())
        for row in range(modules.shape[0])
    ]


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw `payload` as a QR code (error correction M) of `size` points at (x, y), in vectors.

    Dark modules of a row are merged into one rectangle per run, which keeps the content stream
    small; a white quiet zone of four modules is painted around the symbol.
    """
    modules = _qr_modules(payload)
    count = len(modules)
    module = size / count
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(
        x - 4 * module, y - 4 * module, size + 8 * module, size + 8 * module, stroke=0, fill=1
    )
    # Operators are written directly, in module units (whole numbers) under one scaling:
    # several hundred rectangles through the path API cost more than the rest of the page.
    ops = [f"0 g {module:.4f} 0 0 {module:.4f} {x:.2f} {y:.2f} cm"]
    for row, starts, ends in _dark_runs(modules):
        line = count - 1 - row
        ops.extend(f"{s} {line} {e - s} 1 re" for s, e in zip(starts, ends, strict=True))
    ops.append("f")
    canvas.addLiteral("\n".join(ops))
    canvas.restoreState()
