#!/usr/bin/env python3
"""Convert a CloudFormation YAML template to its JSON twin.

    python3 yaml2json.py TEMPLATE.yaml            # JSON on stdout
    python3 yaml2json.py -o OUT.json TEMPLATE.yaml
    python3 yaml2json.py --check TEMPLATE.yaml... # parse only, print nothing
    python3 yaml2json.py --twins TEMPLATE.yaml... # write X.json beside each X.yaml
    python3 yaml2json.py --stale TEMPLATE.yaml... # exit 1 if an X.json is out of date

Every CloudFormation short-form tag becomes its long form, the way the
CloudFormation service reads it: !Ref X -> {"Ref": X}, !Condition X ->
{"Condition": X}, !GetAtt A.B -> {"Fn::GetAtt": ["A", "B"]} (the list form,
always), and !Name ARG -> {"Fn::Name": ARG} for every other function.
Anchors and aliases are expanded, key order is kept, and the output is
2-space indented with a trailing newline.

The template is read as YAML 1.1 (PyYAML's safe schema), as CloudFormation
does, so an unquoted 2010-09-09 would be a date: that, like any other value
JSON cannot hold, is an error here rather than a silent change. So are an
unknown tag, a duplicate key and the "<<" merge key, which CloudFormation
rejects.
"""

import argparse
import json
import sys

import yaml

# Short-form tags CloudFormation accepts, with the long-form key of each.
TAGS = {
    "!Ref": "Ref",
    "!Condition": "Condition",
    "!GetAtt": "Fn::GetAtt",
    "!Sub": "Fn::Sub",
    "!If": "Fn::If",
    "!Equals": "Fn::Equals",
    "!Not": "Fn::Not",
    "!And": "Fn::And",
    "!Or": "Fn::Or",
    "!Join": "Fn::Join",
    "!Select": "Fn::Select",
    "!Split": "Fn::Split",
    "!FindInMap": "Fn::FindInMap",
    "!Base64": "Fn::Base64",
    "!Cidr": "Fn::Cidr",
    "!GetAZs": "Fn::GetAZs",
    "!ImportValue": "Fn::ImportValue",
    "!Transform": "Fn::Transform",
    "!Length": "Fn::Length",
    "!ToJsonString": "Fn::ToJsonString",
    # Rules-section functions
    "!Contains": "Fn::Contains",
    "!EachMemberEquals": "Fn::EachMemberEquals",
    "!EachMemberIn": "Fn::EachMemberIn",
    "!RefAll": "Fn::RefAll",
    "!ValueOf": "Fn::ValueOf",
    "!ValueOfAll": "Fn::ValueOfAll",
}


class TemplateError(Exception):
    pass


def where(node):
    m = node.start_mark
    return f"{m.name}:{m.line + 1}:{m.column + 1}"


class CfnLoader(yaml.SafeLoader):
    """SafeLoader with the CloudFormation tags, strict about keys."""


def construct_mapping(loader, node):
    reject_merge_keys(node)
    out = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise TemplateError(f"{where(key_node)}: mapping key {key!r} is not a string")
        if key in out:
            raise TemplateError(f"{where(key_node)}: duplicate key {key!r}")
        out[key] = loader.construct_object(value_node, deep=True)
    return out


def reject_merge_keys(node):
    # PyYAML would splice "<<" entries in; CloudFormation rejects them.
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise TemplateError(f"{where(key_node)}: the '<<' merge key is not supported by CloudFormation")


def construct_tag(loader, tag_suffix, node):
    tag = "!" + tag_suffix
    if tag not in TAGS:
        raise TemplateError(f"{where(node)}: unknown tag {tag}")
    long_key = TAGS[tag]
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if tag == "!GetAtt":
            resource, dot, attribute = value.partition(".")
            if not dot or not resource or not attribute:
                raise TemplateError(f"{where(node)}: !GetAtt {value!r} is not RESOURCE.ATTRIBUTE")
            value = [resource, attribute]
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = construct_mapping(loader, node)
    if tag in ("!Ref", "!Condition") and not isinstance(value, str):
        raise TemplateError(f"{where(node)}: {tag} takes a name")
    return {long_key: value}


CfnLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
CfnLoader.add_multi_constructor("!", construct_tag)



def check_json_types(value, path="$"):
    if isinstance(value, dict):
        for k, v in value.items():
            check_json_types(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_json_types(v, f"{path}[{i}]")
    elif value is None or isinstance(value, (str, bool, int)):
        pass
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise TemplateError(f"{path}: {value!r} has no JSON form")
    else:
        raise TemplateError(
            f"{path}: {type(value).__name__} {value!r} has no JSON form (quote it to keep it a string)")


def load(path):
    with open(path, encoding="utf-8") as f:
        try:
            docs = list(yaml.load_all(f, Loader=CfnLoader))
        except yaml.YAMLError as e:
            raise TemplateError(f"{path}: {e}") from None
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise TemplateError(f"{path}: expected one YAML document holding a mapping")
    try:
        check_json_types(docs[0])
    except TemplateError as e:
        raise TemplateError(f"{path}: {e}") from None
    return docs[0]


def to_json(template):
    return json.dumps(template, indent=2, ensure_ascii=False) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("templates", nargs="+", metavar="TEMPLATE.yaml")
    ap.add_argument("-o", "--output", help="write JSON here (one template only)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="parse only")
    mode.add_argument("--twins", action="store_true", help="write X.json beside each X.yaml")
    mode.add_argument("--stale", action="store_true", help="fail when an X.json is not what --twins writes")
    args = ap.parse_args(argv)
    if args.output and (len(args.templates) != 1 or args.check or args.twins or args.stale):
        ap.error("-o takes exactly one template and no other mode")
    status = 0
    for path in args.templates:
        try:
            template = load(path)
        except (OSError, TemplateError) as e:
            print(f"yaml2json: {e}", file=sys.stderr)
            status = 1
            continue
        if args.check:
            continue
        text = to_json(template)
        twin = path[: -len(".yaml")] + ".json" if path.endswith(".yaml") else path + ".json"
        if args.stale:
            try:
                with open(twin, encoding="utf-8") as f:
                    current = f.read()
            except OSError:
                current = None
            if current != text:
                print(f"yaml2json: {twin} is out of date; run: python3 {sys.argv[0]} --twins {path}",
                      file=sys.stderr)
                status = 1
        elif args.twins:
            with open(twin, "w", encoding="utf-8") as f:
                f.write(text)
        elif args.output:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            sys.stdout.write(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
