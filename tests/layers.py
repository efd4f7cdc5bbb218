#!/usr/bin/env python3
"""layers.py - the stages of src/ call down, never up, and no files call
each other round in a circle.  Read from the objects themselves (nm):
a file calls another when it uses a symbol the other defines.

    python3 tests/layers.py BUILD OBJECT...

(the objects the program is linked from, each under BUILD)

The stages, lowest first, are those src/README.md draws: util, read,
stats, survey, report, cmd, then main.c.  A file may call files of its
own stage or of a stage below; the calls between files, taken together,
must have no loop (a loop would make the files one module in two
places).
"""
import os
import subprocess
import sys

STAGES = ["util", "read", "stats", "survey", "report", "cmd", "main"]


def stage_of(rel):
    """The stage of an object's path under BUILD ("read/xlsx.o")."""
    top = rel.split("/")[0]
    if rel == "main.o":
        return "main"
    if rel == "builtin.o":
        return "util"     # the built-in data, generated
    return top if top in STAGES else None


def symbols(path):
    """The global symbols an object defines, and those it uses."""
    out = subprocess.run(["nm", "-g", path], capture_output=True, text=True,
                         check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            used.add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDRBC":
            defined.add(parts[2])
    return defined, used


def main():
    build = sys.argv[1]
    objects = {}
    failed = 0
    for path in sys.argv[2:]:
        rel = os.path.relpath(path, build)
        if stage_of(rel) is None:
            print("FAIL: %s is in no stage (%s)" % (rel, ", ".join(STAGES)))
            failed += 1
            continue
        objects[rel] = symbols(path)
    owner = {}
    for rel, (defined, _) in objects.items():
        for sym in defined:
            owner[sym] = rel
    calls = {rel: set() for rel in objects}
    for rel, (_, used) in objects.items():
        for sym in used:
            if sym in owner and owner[sym] != rel:
                calls[rel].add(owner[sym])

    passed = 0
    for rel in sorted(calls):
        for callee in sorted(calls[rel]):
            if STAGES.index(stage_of(callee)) > STAGES.index(stage_of(rel)):
                syms = sorted(objects[rel][1] & objects[callee][0])
                print("FAIL: %s (%s) calls up into %s (%s): %s" % (
                    rel, stage_of(rel), callee, stage_of(callee),
                    ", ".join(syms)))
                failed += 1
            else:
                passed += 1

    # Loops: a depth-first walk that meets a file still on its path.
    state = {}
    path = []

    def walk(node):
        nonlocal failed
        state[node] = "open"
        path.append(node)
        for nxt in sorted(calls[node]):
            if state.get(nxt) == "open":
                loop = path[path.index(nxt):] + [nxt]
                print("FAIL: files call each other round: " +
                      " -> ".join(loop))
                failed += 1
            elif nxt not in state:
                walk(nxt)
        path.pop()
        state[node] = "done"

    for rel in sorted(calls):
        if rel not in state:
            walk(rel)
    if len(objects) < 20:
        print("FAIL: only %d objects named; the program has more" %
              len(objects))
        failed += 1
    print("layers: %d calls down, %d files, %d failed" % (
        passed, len(objects), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
