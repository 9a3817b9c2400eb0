#!/usr/bin/env python3
"""Fails when a module of a crate uses a module that uses it back.

Usage: python3 .ci/module-cycles.py SRC_DIR...   (test.sh: every crate's src)

Edges come from `crate::…` and `super::…` paths outside comments and
`#[cfg(test)]` code; a parent and the children it declares are one unit (a
child using its parent's types is Rust's usual shape, not a loop).
"""
import os
import re
import sys
from collections import defaultdict


def modules(src):
    """Module path (`scan::follow`) → file."""
    found = {}
    for root, _, files in os.walk(src):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(root, name)
            parts = os.path.relpath(path, src)[:-3].split(os.sep)
            if parts[-1] in ("mod", "lib", "main"):
                parts = parts[:-1]
            if parts and parts[-1] == "tests":
                continue
            found["::".join(parts)] = path
    return found


def code(path):
    text = open(path, encoding="utf-8").read()
    cut = text.find("#[cfg(test)]")
    if cut >= 0:
        text = text[:cut]
    return re.sub(r"//.*", "", text)


def edges(found):
    graph = defaultdict(set)
    for module, path in found.items():
        own = module.split("::") if module else []
        for used in re.findall(r"\b((?:crate|super)(?:::[a-z_][a-z0-9_]*)+)", code(path)):
            segments = used.split("::")
            if segments[0] == "crate":
                base, rest = [], segments[1:]
            else:
                base, rest = own[:], segments
                while rest and rest[0] == "super":
                    base, rest = base[:-1], rest[1:]
            target = "::".join(base)
            for k in range(len(rest), 0, -1):
                candidate = "::".join(base + rest[:k])
                if candidate in found:
                    target = candidate
                    break
            related = (
                not module
                or not target
                or target == module
                or module.startswith(target + "::")
                or target.startswith(module + "::")
            )
            if not related:
                graph[module].add(target)
    return graph


def cycles(graph):
    out, state = [], {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                out.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return out


def main():
    bad = 0
    for src in sys.argv[1:]:
        for cycle in cycles(edges(modules(src))):
            print(f"{src}: module cycle: {' -> '.join(cycle)}")
            bad += 1
    sys.exit(1 if bad else 0)


main()
