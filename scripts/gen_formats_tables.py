#!/usr/bin/env python3
"""Prints the column tables of docs/formats.md from Sources/BancheIO/Import/ImportSchema.swift,
so the documentation lists exactly the columns the importer takes."""
import re, sys
src = open("Sources/BancheIO/Import/ImportSchema.swift").read()
kinds, cur = {}, None
for line in src.splitlines():
    m = re.match(r'\s+case \.(\w+): return \[', line)
    if m:
        cur = m.group(1); kinds[cur] = []; continue
    m = re.match(r'\s+\.init\("([^"]+)", "([^"]+)", (required: true, )?type: "([^"]+)", example: "([^"]*)"\)', line)
    if m and cur:
        kinds[cur].append(m.groups())
bar = "\\|"
for k in ["divisions", "stops", "legs", "routes", "buses", "drivers", "workers"]:
    print(f"<!-- {k} -->")
    print("| column | 中文 | required | type | example |")
    print("|---|---|---|---|---|")
    for (n, c, r, t, e) in kinds[k]:
        req = "yes" if r else ""
        print("| `%s` | %s | %s | %s | `%s` |" % (n, c, req, t.replace("|", bar), e))
    print()
