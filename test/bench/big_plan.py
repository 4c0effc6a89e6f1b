#!/usr/bin/env python3
"""Writes a `terraform show -json` plan of about SIZE_MB megabytes, as a
large estate looks: the few distributions and records of an example plan
among tens of thousands of aws_s3_object-like resources, each with many
short attributes (what the gate never reads, and what costs a parser the
most per byte: short strings, nulls, small objects).  The objects appear
twice, as Terraform writes them: in planned_values and in resource_changes;
the configuration holds one for_each block for them.  Compact, as Terraform
prints it.

usage: big_plan.py SEED_PLAN SIZE_MB OUT"""
import json
import sys

seed_path, size_mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
plan = json.load(open(seed_path))


def obj_values(i):
    key = "static/js/chunk-%06d.%08x.js" % (i, i * 2654435761 % (1 << 32))
    return key, {
        "acl": None, "bucket": "acme-assets-prod", "bucket_key_enabled": False,
        "cache_control": "public, max-age=31536000, immutable",
        "checksum_algorithm": None, "content": None, "content_base64": None,
        "content_disposition": None, "content_encoding": "gzip",
        "content_language": None, "content_type": "application/javascript",
        "etag": "%032x" % (i * 7919), "force_destroy": False, "key": key,
        "kms_key_id": None, "metadata": {"build": str(i % 97), "sha": "%08x" % i},
        "object_lock_legal_hold_status": None, "object_lock_mode": None,
        "object_lock_retain_until_date": None, "override_provider": [],
        "server_side_encryption": "AES256", "source": "dist/" + key,
        "source_hash": None, "storage_class": "STANDARD", "tags": None,
        "website_redirect": None, "size": 1024 + i % 4096, "ttl": 3.5,
    }


def change(i):
    key, after = obj_values(i)
    return key, {
        "address": 'module.assets.aws_s3_object.file["%s"]' % key,
        "module_address": "module.assets", "mode": "managed", "type": "aws_s3_object",
        "name": "file", "index": key, "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {"actions": ["create"], "before": None, "after": after,
                   "after_unknown": {"id": True, "version_id": True, "tags_all": True,
                                     "checksum_crc32": True, "arn": True,
                                     "metadata": {}, "override_provider": []},
                   "before_sensitive": False,
                   "after_sensitive": {"metadata": {}, "override_provider": [],
                                       "tags_all": {}}}}


one = len(json.dumps(change(0)[1], separators=(",", ":")))
n = max(1, size_mb * 1024 * 1024 // (2 * one))
changes, planned = [], []
for i in range(n):
    key, c = change(i)
    changes.append(c)
    planned.append({"address": c["address"], "mode": "managed", "type": "aws_s3_object",
                    "name": "file", "index": key,
                    "provider_name": "registry.terraform.io/hashicorp/aws",
                    "schema_version": 0, "values": c["change"]["after"],
                    "sensitive_values": {"metadata": {}, "override_provider": []}})
seed_changes = plan["resource_changes"]
plan["resource_changes"] = changes[: n // 2] + seed_changes + changes[n // 2:]
pv = plan.setdefault("planned_values", {}).setdefault("root_module", {})
pv.setdefault("child_modules", []).append({"address": "module.assets", "resources": planned})
cfg = plan.setdefault("configuration", {}).setdefault("root_module", {})
cfg.setdefault("module_calls", {})["assets"] = {
    "source": "./modules/assets",
    "module": {"resources": [{
        "address": "aws_s3_object.file", "mode": "managed", "type": "aws_s3_object",
        "name": "file", "provider_config_key": "aws",
        "expressions": {"bucket": {"constant_value": "acme-assets-prod"},
                        "key": {"references": ["each.key"]},
                        "source": {"references": ["each.value"]}},
        "schema_version": 0, "for_each_expression": {"references": ["local.files"]}}]}}
with open(out, "w") as fh:
    json.dump(plan, fh, separators=(",", ":"))
    fh.write("\n")
