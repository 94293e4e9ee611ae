#!/usr/bin/python3
"""Prints the AT-SPI tree of the running app (what Orca reads), and a check:
every control named, no two enabled buttons with the same name, the window
named. Exits 1 when the check fails. Run by scripts/a11y-tree.sh."""
import collections
import sys

import pyatspi

CONTROLS = {
    "push button", "toggle button", "check box", "radio button", "text",
    "entry", "combo box", "slider", "spin button", "password text",
}


def walk(node, depth, out):
    if node is None or len(out) > 5000:
        return
    role = node.getRoleName()
    name = node.name or ""
    states = node.getState().getStates()
    enabled = pyatspi.STATE_ENABLED in states or pyatspi.STATE_SENSITIVE in states
    out.append((depth, role, name, enabled))
    for i in range(node.childCount):
        walk(node.getChildAtIndex(i), depth + 1, out)


desktop = pyatspi.Registry.getDesktop(0)
nodes = []
for i in range(desktop.childCount):
    app = desktop.getChildAtIndex(i)
    if app is not None and "ketensim" in (app.name or ""):
        walk(app, 0, nodes)
if not nodes:
    print("the app is not on the accessibility bus")
    sys.exit(1)
for depth, role, name, enabled in nodes:
    print("  " * depth + f"[{role}] {name!r}" + ("" if enabled else " (disabled)"))
controls = [(r, n, e) for _, r, n, e in nodes if r in CONTROLS]
unnamed = [r for r, n, _ in controls if not n.strip()]
names = collections.Counter(n for r, n, e in controls if r == "push button" and e)
twice = sorted(n for n, k in names.items() if k > 1)
windows = [n for _, r, n, _ in nodes if r == "frame"]
print(f"\n{len(controls)} controls; without a name: {len(unnamed)}; "
      f"enabled buttons sharing a name: {twice}; window: {windows}")
sys.exit(1 if unnamed or twice or not all(windows) else 0)
