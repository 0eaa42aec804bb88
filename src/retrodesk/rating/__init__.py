"""Pure rating calculations (retro, experience, premium), each returning a worksheet.

The calculators are the subpackages `retro`, `experience` and `premium`, imported on use so that a
calculation loads only its own kind; this package names the contract and worksheet they share.
"""

from retrodesk.rating.contract import KINDS, Calculator, Result, calculate_document, calculator
from retrodesk.rating.worksheet import Line, Provenance, Worksheet, render_value

__all__ = [
    "KINDS",
    "Calculator",
    "Line",
    "Provenance",
    "Result",
    "Worksheet",
    "calculate_document",
    "calculator",
    "render_value",
]
