#!/usr/bin/env python3
"""Writes in/: an ALB listener rule and an API Gateway HTTP API route that
send /auth/* writes to the backend, in the three dialects that carry them.

- in/plan.json: `terraform show -json` of a plan creating
  aws_lb_listener_rule.auth (one condition block per kind, as the AWS
  provider 5.x prints them, priority a number, ARNs known after apply)
  and aws_apigatewayv2_route.auth, and aws_lb_listener_rule.api whose
  path patterns come from a data source read during apply (unknown) next
  to a known host condition; compact, as terraform prints it.
- in/template.yaml: a CloudFormation template with one listener rule in
  the *Config form of its conditions, one in the older Field + Values form,
  and an AWS::ApiGatewayV2::Route.
- in/state.json: `pulumi stack export` of the same rule and route.
Run from this folder; the output is committed."""

import copy
import json

LISTENER = ("arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/"
            "shop-api-prod/50dc6c495c0c9188/f2f7dc8efc522ab2")
TG = ("arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/"
      "shop-api-prod/73e2d6bc24d8a067")


def tf_condition(kind, values):
    c = {k: [] for k in ("host_header", "http_header", "http_request_method",
                         "path_pattern", "query_string", "source_ip")}
    c[kind] = [{"values": values}]
    return c


def tf_condition_unknown():
    return {k: [] for k in ("host_header", "http_header", "http_request_method",
                            "path_pattern", "query_string", "source_ip")}


rule_after = {
    "action": [{"authenticate_cognito": [], "authenticate_oidc": [], "fixed_response": [],
                "forward": [], "redirect": [], "target_group_arn": TG, "type": "forward"}],
    "condition": [tf_condition("path_pattern", ["/auth/*", "/api/*"]),
                  tf_condition("http_request_method", ["POST", "PUT", "PATCH", "DELETE"])],
    "listener_arn": LISTENER,
    "priority": 20,
    "tags": None,
}
rule_unknown = {
    "action": [{"authenticate_cognito": [], "authenticate_oidc": [], "fixed_response": [],
                "forward": [], "order": True, "redirect": []}],
    "arn": True,
    "condition": [tf_condition_unknown(), tf_condition_unknown()],
    "id": True,
    "tags_all": True,
}
# values from a data source read during apply: not known in the plan
api_after = copy.deepcopy(rule_after)
api_after["condition"] = [tf_condition("path_pattern", []), tf_condition("host_header",
                                                                         ["api.example.com"])]
api_after["condition"][0]["path_pattern"] = [{}]
api_after["priority"] = 30
api_unknown = copy.deepcopy(rule_unknown)
api_unknown["condition"][0]["path_pattern"] = [{"values": True}]

route_after = {
    "api_id": "a1b2c3d4e5", "api_key_required": False, "authorization_scopes": None,
    "authorization_type": "NONE", "authorizer_id": None, "model_selection_expression": None,
    "operation_name": None, "request_models": None, "request_parameter": [],
    "route_key": "POST /auth/{proxy+}", "route_response_selection_expression": None,
    "target": "integrations/7x2k9q1",
}
route_unknown = {"id": True, "request_parameter": []}


def rc(address, rtype, name, after, unknown):
    return {"address": address, "mode": "managed", "type": rtype, "name": name,
            "provider_name": "registry.terraform.io/hashicorp/aws",
            "change": {"actions": ["create"], "before": None, "after": after,
                       "after_unknown": unknown, "before_sensitive": False,
                       "after_sensitive": {"tags_all": {}} if "tags" in after else {}}}


def pv(address, rtype, name, values):
    return {"address": address, "mode": "managed", "type": rtype, "name": name,
            "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
            "values": values, "sensitive_values": {}}


plan = {
    "format_version": "1.2",
    "terraform_version": "1.9.8",
    "planned_values": {"root_module": {"resources": [
        pv("aws_apigatewayv2_route.auth", "aws_apigatewayv2_route", "auth", route_after),
        pv("aws_lb_listener_rule.api", "aws_lb_listener_rule", "api", api_after),
        pv("aws_lb_listener_rule.auth", "aws_lb_listener_rule", "auth", rule_after),
    ]}},
    "resource_changes": [
        rc("aws_apigatewayv2_route.auth", "aws_apigatewayv2_route", "auth", route_after,
           route_unknown),
        rc("aws_lb_listener_rule.api", "aws_lb_listener_rule", "api", api_after, api_unknown),
        rc("aws_lb_listener_rule.auth", "aws_lb_listener_rule", "auth", rule_after,
           rule_unknown),
    ],
    "configuration": {"provider_config": {"aws": {"name": "aws",
                                                  "full_name": "registry.terraform.io/hashicorp/aws"}},
                      "root_module": {"resources": [
                          {"address": "aws_apigatewayv2_route.auth", "mode": "managed",
                           "type": "aws_apigatewayv2_route", "name": "auth",
                           "provider_config_key": "aws",
                           "expressions": {"api_id": {"constant_value": "a1b2c3d4e5"},
                                           "route_key": {"constant_value": "POST /auth/{proxy+}"},
                                           "target": {"constant_value": "integrations/7x2k9q1"}},
                           "schema_version": 0},
                          {"address": "aws_lb_listener_rule.auth", "mode": "managed",
                           "type": "aws_lb_listener_rule", "name": "auth",
                           "provider_config_key": "aws",
                           "expressions": {"listener_arn": {"constant_value": LISTENER},
                                           "priority": {"constant_value": 20}},
                           "schema_version": 0}]}},
    "timestamp": "2026-12-07T10:12:44Z",
    "errored": False,
}
with open("in/plan.json", "w") as f:
    f.write(json.dumps(plan, separators=(",", ":")).replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("&", "\\u0026") + "\n")

TEMPLATE = """AWSTemplateFormatVersion: '2010-09-09'
Description: Shop API routing (ALB listener rules and an HTTP API route)
Parameters:
  Listener:
    Type: String
    Default: %s
  TargetGroup:
    Type: String
    Default: %s
Resources:
  AuthRule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Listener
      Priority: 20
      Conditions:
        - Field: path-pattern
          PathPatternConfig:
            Values:
              - /auth/*
              - /api/*
        - Field: http-request-method
          HttpRequestMethodConfig:
            Values:
              - POST
              - PUT
      Actions:
        - Type: forward
          TargetGroupArn: !Ref TargetGroup
  LegacyRule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Listener
      Priority: 30
      Conditions:
        - Field: host-header
          Values:
            - api.example.com
        - Field: path-pattern
          Values:
            - /legacy/*
      Actions:
        - Type: forward
          TargetGroupArn: !Ref TargetGroup
  HttpApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: shop-auth
      ProtocolType: HTTP
  AuthRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref HttpApi
      RouteKey: POST /auth/{proxy+}
      Target: integrations/7x2k9q1
""" % (LISTENER, TG)
with open("in/template.yaml", "w") as f:
    f.write(TEMPLATE)


def pu_resource(urn_type, name, rid, inputs, outputs):
    return {"urn": "urn:pulumi:production::shop::%s::%s" % (urn_type, name), "custom": True,
            "id": rid, "type": urn_type, "inputs": inputs, "outputs": outputs,
            "parent": "urn:pulumi:production::shop::pulumi:pulumi:Stack::shop-production",
            "provider": "urn:pulumi:production::shop::pulumi:providers:aws::default_6_10_0::"
                        "5c7f3c5e-9b1a-4f0e-8d2b-3e6a1f2c4d5b",
            "propertyDependencies": {}, "created": "2024-05-02T09:12:40.210337Z",
            "modified": "2024-05-02T09:12:40.210337Z"}


RULE_ARN = ("arn:aws:elasticloadbalancing:us-east-1:111122223333:listener-rule/app/"
            "shop-api-prod/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee")
rule_in = {"__defaults": [], "actions": [{"__defaults": [], "targetGroupArn": TG, "type": "forward"}],
           "conditions": [{"__defaults": [], "pathPattern": {"__defaults": [], "values": ["/auth/*"]}},
                          {"__defaults": [], "httpRequestMethod": {"__defaults": [],
                                                                   "values": ["POST"]}}],
           "listenerArn": LISTENER, "priority": 20}
rule_out = {"actions": [{"authenticateCognito": None, "authenticateOidc": None,
                         "fixedResponse": None, "forward": None, "order": 1, "redirect": None,
                         "targetGroupArn": TG, "type": "forward"}],
            "arn": RULE_ARN,
            "conditions": [{"hostHeader": None, "httpHeaders": [], "httpRequestMethod": None,
                            "pathPattern": {"values": ["/auth/*"]}, "queryStrings": [],
                            "sourceIp": None},
                           {"hostHeader": None, "httpHeaders": [],
                            "httpRequestMethod": {"values": ["POST"]}, "pathPattern": None,
                            "queryStrings": [], "sourceIp": None}],
            "id": RULE_ARN, "listenerArn": LISTENER, "priority": 20, "tags": {}, "tagsAll": {}}
route_in = {"__defaults": [], "apiId": "a1b2c3d4e5", "routeKey": "POST /auth/{proxy+}",
            "target": "integrations/7x2k9q1"}
route_out = {"apiId": "a1b2c3d4e5", "apiKeyRequired": False, "authorizationScopes": [],
             "authorizationType": "NONE", "authorizerId": "", "id": "r8d3k2p",
             "modelSelectionExpression": "", "operationName": "", "requestModels": {},
             "requestParameters": [], "routeKey": "POST /auth/{proxy+}",
             "routeResponseSelectionExpression": "", "target": "integrations/7x2k9q1"}
state = {"version": 3, "deployment": {
    "manifest": {"time": "2024-05-02T09:14:27.513402Z",
                 "magic": "4fa6a6dae0ccab3589c700b0790a52fa47015f8ec72d37a2e10816857250b8c2",
                 "version": "v3.108.1"},
    "resources": [
        {"urn": "urn:pulumi:production::shop::pulumi:pulumi:Stack::shop-production",
         "custom": False, "type": "pulumi:pulumi:Stack",
         "created": "2024-05-02T09:10:02.118274Z", "modified": "2024-05-02T09:10:02.118274Z"},
        {"urn": "urn:pulumi:production::shop::pulumi:providers:aws::default_6_10_0",
         "custom": True, "id": "5c7f3c5e-9b1a-4f0e-8d2b-3e6a1f2c4d5b",
         "type": "pulumi:providers:aws", "inputs": {"region": "us-east-1"},
         "outputs": {"region": "us-east-1"},
         "created": "2024-05-02T09:10:03.502114Z", "modified": "2024-05-02T09:10:03.502114Z"},
        pu_resource("aws:lb/listenerRule:ListenerRule", "auth", RULE_ARN, rule_in, rule_out),
        pu_resource("aws:apigatewayv2/route:Route", "auth", "r8d3k2p", route_in, route_out),
    ]}}
with open("in/state.json", "w") as f:
    f.write(json.dumps(state, indent=4) + "\n")
