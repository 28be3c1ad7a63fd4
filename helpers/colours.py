"""Colour contrast by the WCAG 2.1 formula, so that a council's own colour can never make its portal unreadable."""

import re

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_TEXT = 4.5  # WCAG 2.1 AA, normal text


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def relative_luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(linear, _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted([relative_luminance(first), relative_luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darkened_for_white_text(colour: str, minimum: float = AA_TEXT) -> str:
    """The colour, darkened in small steps (hue kept) until white text on it reaches `minimum`."""
    r, g, b = _channels(colour)
    while contrast_ratio(f"#{r:02x}{g:02x}{b:02x}", "#ffffff") < minimum:
        r, g, b = (int(channel * 0.92) for channel in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"
