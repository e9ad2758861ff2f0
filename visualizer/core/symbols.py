"""The sympy symbols every part of the core shares.

Declared real so that ``diff(Abs(x))`` gives ``sign(x)`` rather than a complex form.
"""

from __future__ import annotations

import sympy

X = sympy.Symbol("x", real=True)
Y = sympy.Symbol("y", real=True)
T = sympy.Symbol("t", real=True)

#: name -> symbol, the only variables the function language knows.
SYMBOLS = {"x": X, "y": Y, "t": T}
