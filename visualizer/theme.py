"""Every colour, pen width and font size the program uses, in one place.

Three themes: ``light``, ``dark`` and ``projector`` (high contrast, thick lines and
large type for a classroom). Panels never hard-code a colour: they read the current
:class:`Theme` and redraw when the main window hands them a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Theme:
    """A complete look for the program.

    Colours are ``'#rrggbb'`` strings so the core of a theme stays Qt-free and easy to
    store in settings; ``scale`` multiplies every font size and pen width.
    """

    name: str
    background: str
    foreground: str
    muted: str
    grid_alpha: float
    curve: str
    derivative: str
    second_derivative: str
    secant: str
    tangent: str
    accent: str
    error: str
    positive_fill: str
    negative_fill: str
    line_width: float
    font_point_size: float
    scale: float = 1.0

    def pen_width(self, factor: float = 1.0) -> float:
        """Pen width in pixels for a line ``factor`` times the theme's base width."""
        return max(1.0, self.line_width * factor * self.scale)

    def font_size(self, factor: float = 1.0) -> float:
        """Font size in points for text ``factor`` times the theme's base size."""
        return self.font_point_size * factor * self.scale

    def scaled(self, scale: float) -> Theme:
        """The same theme with the interface scale set to ``scale`` (clamped to 0.5..3)."""
        return replace(self, scale=min(3.0, max(0.5, scale)))


LIGHT = Theme(
    name="light",
    background="#ffffff",
    foreground="#1a1a1a",
    muted="#6b6b6b",
    grid_alpha=0.25,
    curve="#1f5fbf",
    derivative="#c2410c",
    second_derivative="#7c3aed",
    secant="#15803d",
    tangent="#b91c1c",
    accent="#0e7490",
    error="#c62828",
    positive_fill="#16a34a",
    negative_fill="#dc2626",
    line_width=1.0,
    font_point_size=10.0,
)

DARK = Theme(
    name="dark",
    background="#1e1f22",
    foreground="#e8e8e8",
    muted="#a0a0a0",
    grid_alpha=0.2,
    curve="#6ea8fe",
    derivative="#fdba74",
    second_derivative="#c4b5fd",
    secant="#4ade80",
    tangent="#f87171",
    accent="#22d3ee",
    error="#ff6b6b",
    positive_fill="#22c55e",
    negative_fill="#ef4444",
    line_width=1.0,
    font_point_size=10.0,
)

# Black on white with saturated, thick lines: a projector washes out pale colours and
# thin lines. Text contrast is 21:1, well above WCAG AAA's 7:1.
PROJECTOR = Theme(
    name="projector",
    background="#ffffff",
    foreground="#000000",
    muted="#333333",
    grid_alpha=0.35,
    curve="#0033cc",
    derivative="#b34700",
    second_derivative="#6a0dad",
    secant="#006400",
    tangent="#cc0000",
    accent="#005f73",
    error="#b00020",
    positive_fill="#008000",
    negative_fill="#cc0000",
    line_width=3.0,
    font_point_size=16.0,
)

THEMES = {theme.name: theme for theme in (LIGHT, DARK, PROJECTOR)}


def theme_named(name: str, scale: float = 1.0) -> Theme:
    """The theme called ``name`` (light when unknown) at interface scale ``scale``."""
    return THEMES.get(name, LIGHT).scaled(scale)


def contrast_ratio(color_a: str, color_b: str) -> float:
    """WCAG 2 contrast ratio between two ``'#rrggbb'`` colours (1 to 21)."""

    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(color_a), luminance(color_b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
