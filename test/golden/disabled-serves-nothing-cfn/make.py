#!/usr/bin/env python3
"""Writes in/canary.yaml and in/production.yaml.

Derived from ../cross-stack-wildcard/in/production.yaml, a hand-written
one-stack-per-stage template.  Here the custom domain is configured for the
canary stage only (seed incident 1) and the canary distribution is being
retired (Enabled false), while the production stack publishes the DNS
records.  Each file is the template with its Stage default set, as a team
that keeps one parameter file per stage deploys it.  Run from this
folder; the output is committed."""
import os

SRC = os.path.join("..", "cross-stack-wildcard", "in", "production.yaml")
text = open(SRC).read()
ALIASES = ("        Aliases: !If [IsCanary, [!Sub 'canary.${DomainName}'], "
           "[!Ref DomainName, !Sub 'www.${DomainName}']]\n")
assert ALIASES in text
text = text.replace(ALIASES,
                    "        Aliases: !If [IsCanary, [!Ref DomainName, !Sub 'www.${DomainName}'], "
                    "!Ref AWS::NoValue]\n")
text = text.replace("        # Each stage answers on its own names: production on the apex and www,\n"
                    "        # canary on canary.<domain>.\n",
                    "        # The custom domain was set up on canary first.\n")
assert "        Enabled: true\n" in text
text = text.replace("        Enabled: true\n",
                    "        Enabled: !If [IsCanary, false, true]  # canary is being retired\n")
os.makedirs("in", exist_ok=True)
for stage in ("canary", "production"):
    out = text.replace("    Default: production\n    AllowedValues",
                       "    Default: %s\n    AllowedValues" % stage)
    open(os.path.join("in", stage + ".yaml"), "w").write(out)
