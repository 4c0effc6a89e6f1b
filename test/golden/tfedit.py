"""tfedit.py - edits a `terraform show -json` plan the way terraform would
print the changed plan, for the golden cases' make.py scripts.

edit(plan, fn) lets fn change the distribution's planned values (a dict as
in the change's `after`); the change's after_unknown, planned_values and
the configuration's constant expressions follow.  write(plan) prints it as
terraform does: compact, with <, > and & escaped, and a trailing newline.
"""
import copy
import json
import os


def load(path):
    return json.load(open(path))


def const(v):
    return {"constant_value": v}


def unknown_of(v):
    """after_unknown for a known value, as terraform writes it."""
    if isinstance(v, list):
        return [unknown_of(x) for x in v]
    if isinstance(v, dict):
        return {k: unknown_of(x) for k, x in v.items() if isinstance(x, (list, dict))}
    return False


# what a person writes in a block; the rest is computed or a default
WRITTEN = {"allowed_methods", "cached_methods", "cache_policy_id", "compress",
           "origin_request_policy_id", "path_pattern", "target_origin_id",
           "viewer_protocol_policy", "response_headers_policy_id",
           "lambda_function_association", "function_association", "event_type",
           "lambda_arn", "function_arn", "include_body", "domain_name", "origin_id",
           "origin_access_control_id", "custom_origin_config", "http_port", "https_port",
           "origin_protocol_policy", "origin_ssl_protocols"}


def expr_of(v):
    """A configuration block: constant attributes, nested blocks as lists."""
    out = {}
    for k, x in v.items():
        if x is None or x == [] or x == "" or k not in WRITTEN:
            continue
        if isinstance(x, list) and x and isinstance(x[0], dict):
            out[k] = [expr_of(i) for i in x]
        else:
            out[k] = const(x)
    return out


def dist_config(m):
    for r in m.get("resources", []):
        if r["type"] == "aws_cloudfront_distribution":
            return r
    for c in m.get("module_calls", {}).values():
        r = dist_config(c["module"])
        if r:
            return r
    return None


def dist_values(m):
    for r in m.get("resources", []):
        if r["type"] == "aws_cloudfront_distribution":
            return r
    for c in m.get("child_modules", []):
        r = dist_values(c)
        if r:
            return r
    return None


def edit(plan, fn):
    """fn(values) edits the distribution's planned values (a dict, as in
    `after`) in place; the change's after, after_unknown and the
    configuration follow."""
    rc = [r for r in plan["resource_changes"] if r["type"] == "aws_cloudfront_distribution"][0]
    after = rc["change"]["after"]
    old = copy.deepcopy(after)
    fn(after)
    au = rc["change"]["after_unknown"]
    for key in ("ordered_cache_behavior", "default_cache_behavior", "origin"):
        if after[key] != old[key]:
            keep = au.get(key, [])
            au[key] = [keep[i] if i < len(old[key]) and i < len(keep) and old[key][i] == b
                       else unknown_of(b) for i, b in enumerate(after[key])]
    dist_values(plan["planned_values"]["root_module"])["values"] = copy.deepcopy(after)
    cfg = dist_config(plan["configuration"]["root_module"])["expressions"]
    for key in ("ordered_cache_behavior", "default_cache_behavior", "origin"):
        if after[key] != old[key]:
            was = cfg.get(key, [])
            cfg[key] = [was[i] if i < len(old[key]) and i < len(was) and old[key][i] == b
                        else expr_of(b) for i, b in enumerate(after[key])]


def behavior(values, pattern):
    for b in values["ordered_cache_behavior"]:
        if b["path_pattern"] == pattern:
            return b
    raise KeyError(pattern)


def write(plan, path=os.path.join("in", "plan.json")):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps(plan, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    with open(path, "w") as f:
        f.write(text + "\n")


# --- by address: the places terraform writes one resource --------------------

def rc(plan, address):
    return next(r for r in plan["resource_changes"] if r["address"] == address)


def values(module, address):
    return next(r for r in module["resources"] if r["address"] == address)


def config(plan, address):
    return values(plan["configuration"]["root_module"], address)


def planned(plan, address):
    return values(plan["planned_values"]["root_module"], address)["values"]


def prior(plan, address):
    return values(plan["prior_state"]["values"]["root_module"], address)["values"]


def every_view(plan, address):
    """The resource's values wherever terraform writes them: the change's
    after (and before, and prior_state, when it exists), and planned_values."""
    ch = rc(plan, address)["change"]
    out = [ch["after"], planned(plan, address)]
    if ch["before"] is not None:
        out += [ch["before"], prior(plan, address)]
    return out


def sensitive_views(plan, address):
    """The same places' sensitive_values mirrors."""
    ch = rc(plan, address)["change"]
    mod = plan["planned_values"]["root_module"]
    out = [ch["after_sensitive"], values(mod, address)["sensitive_values"]]
    if ch["before"] is not None:
        out += [ch["before_sensitive"],
                values(plan["prior_state"]["values"]["root_module"], address)["sensitive_values"]]
    return out


# --- one edit on every view of every distribution -------------------------------

def origin(origins, oid):
    for o in origins:
        if o.get("origin_id") in (oid, {"constant_value": oid}):
            return o
    raise KeyError(oid)


def behaviors(dist, oid):
    out = [b for b in dist.get("ordered_cache_behavior", []) if b.get("target_origin_id") == oid]
    out += [b for b in dist.get("default_cache_behavior", []) if b.get("target_origin_id") == oid]
    return out


def edit_everywhere(plan, edit_values, edit_config, edit_resource=None):
    """edit_values(values) on each distribution's before, after and planned
    values; edit_resource(type, values) on every resource's; edit_config
    on the (one) distribution's configuration expressions.  Root module
    only."""
    views = []
    for rc in plan["resource_changes"]:
        if rc["type"] == "aws_cloudfront_distribution":
            views += [rc["change"][side] for side in ("before", "after") if rc["change"].get(side)]
    views += [r["values"] for r in plan["planned_values"]["root_module"]["resources"]
              if r["type"] == "aws_cloudfront_distribution"]
    for v in views:
        edit_values(v)
    if edit_resource:
        for rc in plan["resource_changes"]:
            for side in ("before", "after"):
                if rc["change"].get(side):
                    edit_resource(rc["type"], rc["change"][side])
        for r in plan["planned_values"]["root_module"]["resources"]:
            edit_resource(r["type"], r["values"])
    edit_config([r for r in plan["configuration"]["root_module"]["resources"]
                 if r["type"] == "aws_cloudfront_distribution"][0]["expressions"])
