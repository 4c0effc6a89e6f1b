#!/usr/bin/env python3
"""Gives the examples' A alias records their AAAA twins.

Every distribution in examples/ has IPv6 enabled, and Route 53 answers an
alias only for its own type, so a real root keeps an AAAA alias next to each
A alias (alias-swap and mixed-environments always did).  For each A record
resource named below this adds the same resource with `_ipv6` appended to
its name and `type = "AAAA"`, the way terraform would show it:
`configuration` (the resource block), `planned_values`, `prior_state` (for
records that exist) and `resource_changes` (the same actions, before and
after as the A record's, with the record id ending in _AAAA).  Lists stay in
terraform's address order; the output is terraform's byte format (compact
JSON, <, > and & escaped, a trailing newline).

    python3 examples/aaaa.py        # from the repository root

Running it again changes nothing: a resource that has its twin is skipped.
"""
import copy
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))

# example -> (module path in configuration, name of the A record resource)
TWINS = {
    "alias-claimed-twice": [(("cdn",), "alias")],
    "dns-to-wrong-distribution": [((), "canary"), ((), "site")],
    "missing-auth-behavior": [((), "alias")],
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write(path, plan):
    """terraform show -json's bytes: Go's encoder escapes <, > and &."""
    text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def config_module(plan, path):
    mod = plan["configuration"]["root_module"]
    for name in path:
        mod = mod["module_calls"][name]["module"]
    return mod


def twin_address(address, name):
    """module.cdn["prod"].aws_route53_record.alias["x"] -> ...alias_ipv6["x"]"""
    head = "aws_route53_record." + name
    i = address.rindex(head)
    return address[:i] + head + "_ipv6" + address[i + len(head):]


def aaaa_values(values):
    v = copy.deepcopy(values)
    v["type"] = "AAAA"
    if isinstance(v.get("id"), str) and v["id"].endswith("_A"):
        v["id"] += "AAA"
    return v


def module_of(address):
    """module.cdn["prod"].aws_route53_record.alias["x"] -> ("cdn",)"""
    head = address[:address.rindex("aws_route53_record.")]
    return tuple(re.findall(r'module\.([A-Za-z0-9_-]+)(?:\[[^]]*\])?\.', head))


def is_instance(r, path, name):
    return (r["type"] == "aws_route53_record" and r["name"] == name and r["mode"] == "managed"
            and module_of(r["address"]) == path)


def twin_of(r, name):
    t = copy.deepcopy(r)
    t["address"] = twin_address(r["address"], name)
    t["name"] = name + "_ipv6"
    return t


def add_sorted(lst, items):
    lst.extend(items)
    lst.sort(key=lambda r: r["address"])


def add_to_values(mod, path, name):
    """planned_values or prior_state: a module's resources, then its children."""
    twins = []
    for r in mod.get("resources", []):
        if is_instance(r, path, name):
            t = twin_of(r, name)
            t["values"] = aaaa_values(r["values"])
            twins.append(t)
    if twins:
        add_sorted(mod["resources"], twins)
    for child in mod.get("child_modules", []):
        add_to_values(child, path, name)


def add_twin(plan, path, name):
    mod = config_module(plan, path)
    res = mod["resources"]
    if any(r["address"] == "aws_route53_record.%s_ipv6" % name for r in res):
        return False
    a = next(r for r in res if r["address"] == "aws_route53_record." + name)
    if a["expressions"]["type"] != {"constant_value": "A"}:
        raise SystemExit("aws_route53_record.%s is not a constant type A record" % name)
    t = copy.deepcopy(a)
    t["address"] = "aws_route53_record.%s_ipv6" % name
    t["name"] = name + "_ipv6"
    t["expressions"]["type"] = {"constant_value": "AAAA"}
    add_sorted(res, [t])

    add_to_values(plan["planned_values"]["root_module"], path, name)
    if plan.get("prior_state"):
        add_to_values(plan["prior_state"]["values"]["root_module"], path, name)

    twins = []
    for rc in plan["resource_changes"]:
        if not is_instance(rc, path, name):
            continue
        t = twin_of(rc, name)
        ch = t["change"]
        for side in ("before", "after"):
            if ch[side] is not None:
                ch[side] = aaaa_values(ch[side])
        twins.append(t)
    add_sorted(plan["resource_changes"], twins)
    return True


def main():
    for example, twins in sorted(TWINS.items()):
        for variant in ("broken", "fixed"):
            path = os.path.join(HERE, example, variant, "plan.json")
            plan = load(path)
            changed = False
            for mpath, name in twins:
                changed |= add_twin(plan, mpath, name)
            if changed:
                write(path, plan)
                print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    main()
