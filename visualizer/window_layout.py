"""Check a saved window layout (``QMainWindow.saveState``) before Qt reads it.

``QMainWindow.restoreState`` trusts the structure of its bytes: a damaged layout (one bit
flipped in a session, an autosave or the settings) can make it index past its four dock
areas and crash the program. :func:`layout_problem` reads the whole structure the way Qt
writes it (``QDataStream``, big-endian, version 5.0 and later) and refuses anything Qt
did not write: unknown markers, areas, orientations and corners, counts and sizes out of
range, nesting deeper than a window has, bytes left over. Only a layout it accepts is
handed to Qt. Plain Python: it never touches Qt.

The format, as Qt 6 writes it::

    int32 0xff (version marker), int32 version, then sections until the end:
    uchar 0xfd  dock areas: int32 count, per area: int32 area (0-3), QSize, area info;
                then QSize (central widget), 4 × int32 corner (a Qt.DockWidgetArea)
    uchar 0xf9  floating tab group: QRect, area info
    uchar 0xfe/0xfc  tool bars: int32 lines, per line: int32 area, int32 count, per bar:
                QString name, uchar shown, int32 pos, int32 size (0xfc: + 2 × uint32 geometry)

    area info:  uchar 0xfc (sequence) or 0xfa (tabs, then int32 current index),
                uchar orientation (1 or 2), int32 count, per item:
                uchar 0xfb  dock: QString name, uchar flags, 4 × int32
                uchar 0xfc  nested area: 4 × int32, area info
"""

from __future__ import annotations

import struct

__all__ = ["MAX_LAYOUT_BYTES", "layout_problem"]

#: A window's layout is a few hundred bytes; anything far larger is not one.
MAX_LAYOUT_BYTES = 64_000
_VERSION_MARKER = 0xFF
_DOCK_AREAS = 0xFD
_FLOATING_TABS = 0xF9
_TOOL_BARS = (0xFE, 0xFC)
_TOOL_BARS_WITH_GEOMETRY = 0xFC
_SEQUENCE, _TABS, _WIDGET = 0xFC, 0xFA, 0xFB
_AREA_COUNT = 4
_ORIENTATIONS = (1, 2)  # Qt.Horizontal, Qt.Vertical
_CORNER_AREAS = (1, 2, 4, 8)  # Qt.Left/Right/Top/BottomDockWidgetArea
_MAX_DEPTH = 6
_MAX_ITEMS = 64
_MAX_NAME_BYTES = 512
#: Above QWIDGETSIZE_MAX (16,777,215), the largest size Qt writes plus a dock's margins.
_MAX_EXTENT = 1 << 25


class _Damaged(Exception):
    """The bytes are not a layout Qt wrote (the message says where)."""


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.at = 0
        self.items = 0

    def take(self, size: int) -> bytes:
        if self.at + size > len(self.data):
            raise _Damaged(f"ends early at byte {self.at}")
        chunk = self.data[self.at:self.at + size]
        self.at += size
        return chunk

    def uchar(self) -> int:
        return self.take(1)[0]

    def int32(self, low: int = -_MAX_EXTENT, high: int = _MAX_EXTENT) -> int:
        value = struct.unpack(">i", self.take(4))[0]
        if not low <= value <= high:
            raise _Damaged(f"{value} out of range at byte {self.at - 4}")
        return value

    def uint32(self) -> int:
        return struct.unpack(">I", self.take(4))[0]

    def size(self) -> None:  # QSize: width, height (-1 when invalid)
        self.int32(-1)
        self.int32(-1)

    def rect(self) -> None:  # QRect: left, top, right, bottom
        for _ in range(4):
            self.int32()

    def name(self) -> str:
        length = self.uint32()
        if length == 0xFFFFFFFF:  # a null QString
            return ""
        if length > _MAX_NAME_BYTES or length % 2:
            raise _Damaged(f"a name of {length} bytes at byte {self.at - 4}")
        try:
            return self.take(length).decode("utf-16-be")
        except UnicodeDecodeError:
            raise _Damaged(f"a name that is not text at byte {self.at - length}") from None

    def count_items(self, count: int) -> None:
        self.items += count
        if self.items > _MAX_ITEMS:
            raise _Damaged(f"more than {_MAX_ITEMS} items")


def _area_info(reader: _Reader, depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise _Damaged(f"areas nested deeper than {_MAX_DEPTH}")
    marker = reader.uchar()
    if marker not in (_SEQUENCE, _TABS):
        raise _Damaged(f"unknown area marker {marker:#x} at byte {reader.at - 1}")
    current_tab = reader.int32(-1, _MAX_ITEMS) if marker == _TABS else -1
    if reader.uchar() not in _ORIENTATIONS:
        raise _Damaged(f"unknown orientation at byte {reader.at - 1}")
    count = reader.int32(0, _MAX_ITEMS)
    if current_tab >= count:
        raise _Damaged(f"tab {current_tab} of {count}")
    reader.count_items(count)
    for _ in range(count):
        item = reader.uchar()
        if item == _WIDGET:
            reader.name()
            if reader.uchar() > 0x0F:  # visible 1, floating 2; Qt 6 writes 8 for a closed tab
                raise _Damaged(f"unknown dock flags at byte {reader.at - 1}")
            for _ in range(4):
                reader.int32()
        elif item == _SEQUENCE:
            for _ in range(4):
                reader.int32()
            _area_info(reader, depth + 1)
        else:
            raise _Damaged(f"unknown item marker {item:#x} at byte {reader.at - 1}")


def _dock_areas(reader: _Reader) -> None:
    count = reader.int32(0, _AREA_COUNT)
    seen = set()
    for _ in range(count):
        area = reader.int32(0, _AREA_COUNT - 1)
        if area in seen:
            raise _Damaged(f"dock area {area} twice")
        seen.add(area)
        reader.size()
        _area_info(reader, 1)
    reader.size()
    for _ in range(4):
        if reader.int32() not in _CORNER_AREAS:
            raise _Damaged(f"unknown corner area at byte {reader.at - 4}")


def _tool_bars(reader: _Reader, marker: int) -> None:
    lines = reader.int32(0, _MAX_ITEMS)
    for _ in range(lines):
        reader.int32(0, _AREA_COUNT - 1)
        count = reader.int32(0, _MAX_ITEMS)
        reader.count_items(count)
        for _ in range(count):
            reader.name()
            if reader.uchar() > 1:
                raise _Damaged(f"unknown tool bar flag at byte {reader.at - 1}")
            reader.int32()
            reader.int32()
            if marker == _TOOL_BARS_WITH_GEOMETRY:
                reader.uint32()
                reader.uint32()


def layout_problem(data: bytes, version: int = 0) -> str | None:
    """What is wrong with ``data`` as a saved layout of ``version``; None when it is sound.

    Parameters
    ----------
    data : bytes
        What ``QMainWindow.saveState(version)`` returned (or a damaged copy of it).
    version : int
        The version the layout must carry (``saveState``'s argument).

    Returns
    -------
    str or None
        A short English reason (for logs and tests), or None when Qt may read it.
    """
    data = bytes(data)
    if not data:
        return "empty"
    if len(data) > MAX_LAYOUT_BYTES:
        return f"{len(data)} bytes"
    reader = _Reader(data)
    try:
        if reader.int32(_VERSION_MARKER, _VERSION_MARKER) != _VERSION_MARKER:
            return "no version marker"
        if reader.int32(-2**31, 2**31 - 1) != version:
            return "another version"
        sections = 0
        while reader.at < len(data):
            marker = reader.uchar()
            sections += 1
            if sections > 8:
                raise _Damaged("too many sections")
            if marker == _DOCK_AREAS:
                _dock_areas(reader)
            elif marker == _FLOATING_TABS:
                reader.rect()
                _area_info(reader, 1)
            elif marker in _TOOL_BARS:
                _tool_bars(reader, marker)
            else:
                raise _Damaged(f"unknown section {marker:#x} at byte {reader.at - 1}")
    except _Damaged as damage:
        return str(damage)
    return None
