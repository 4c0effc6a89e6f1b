#!/usr/bin/env node
// CDK app that reproduces the "alias swap" + "missing /auth/* behavior" outage.
// Plain JavaScript (no TypeScript compile). See README.md for how to run it.
//
//   PortalCanary     - the canary distribution holds the production aliases
//                      (example.com, www.example.com) and the ACM certificate.
//   PortalProduction - the production distribution has NO aliases (bug #1) and
//                      no /auth/* behavior (bug #2); only /api/* goes to the ALB,
//                      so /auth/* falls through to the S3 default origin.
//                      Route 53 www A/AAAA records alias it anyway.
'use strict';

const path = require('path');
const cdk = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');
const ec2 = require('aws-cdk-lib/aws-ec2');
const elbv2 = require('aws-cdk-lib/aws-elasticloadbalancingv2');
const acm = require('aws-cdk-lib/aws-certificatemanager');
const cloudfront = require('aws-cdk-lib/aws-cloudfront');
const origins = require('aws-cdk-lib/aws-cloudfront-origins');
const route53 = require('aws-cdk-lib/aws-route53');
const targets = require('aws-cdk-lib/aws-route53-targets');

// Output directory: argv[2], else $CDK_OUTDIR, else ./cdk.out next to this file.
const outdir = process.argv[2] || process.env.CDK_OUTDIR || path.join(__dirname, 'cdk.out');

// Prefer the OAC helper; fall back to the legacy S3Origin on old aws-cdk-lib.
function s3Origin(bucket) {
  if (origins.S3BucketOrigin && origins.S3BucketOrigin.withOriginAccessControl) {
    return origins.S3BucketOrigin.withOriginAccessControl(bucket);
  }
  return new origins.S3Origin(bucket);
}

class PortalCanaryStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    cdk.Tags.of(this).add('Environment', 'canary');

    const bucket = new s3.Bucket(this, 'WebBucket');

    const certificate = acm.Certificate.fromCertificateArn(
      this,
      'Cert',
      'arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555',
    );

    // The canary holds the production hostnames: the "alias swap".
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      defaultBehavior: { origin: s3Origin(bucket) },
      domainNames: ['example.com', 'www.example.com'],
      certificate,
    });
  }
}

class PortalProductionStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    cdk.Tags.of(this).add('Environment', 'production');

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 0 });

    const alb = new elbv2.ApplicationLoadBalancer(this, 'Api', {
      vpc,
      internetFacing: true,
    });
    alb.addListener('Http', {
      port: 80,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, {
        contentType: 'text/plain',
        messageBody: 'not found',
      }),
    });

    const bucket = new s3.Bucket(this, 'WebBucket', {
      bucketName: 'portal-web-production',
    });

    // No domainNames (aliases moved to the canary) and no /auth/* behavior.
    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      defaultBehavior: { origin: s3Origin(bucket) },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.LoadBalancerV2Origin(alb, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY,
          }),
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });
    this.distribution = distribution;

    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      zoneName: 'example.com',
    });

    const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(distribution));
    new route53.ARecord(this, 'www', { zone, recordName: 'www', target });
    new route53.AaaaRecord(this, 'wwwAAAA', { zone, recordName: 'www', target });
  }
}

// Running `node app.js` without the cdk CLI: set the context the CLI would pass
// so that every resource carries Metadata aws:cdk:path and each stack gets an
// AWS::CDK::Metadata resource, as in a `cdk synth` cdk.out.
const app = new cdk.App({
  outdir,
  analyticsReporting: true, // aws:cdk:version-reporting -> AWS::CDK::Metadata
  stackTraces: false, // as the CLI does without --debug; keeps host paths out of cdk.out
  context: {
    'aws:cdk:enable-path-metadata': true,
    'aws:cdk:enable-asset-metadata': true,
    'aws:cdk:disable-creation-stack-traces': true, // no host paths in *.metadata.json
  },
});

// Environment-agnostic stacks (no env): templates use AWS::Region etc.
new PortalCanaryStack(app, 'PortalCanary');
new PortalProductionStack(app, 'PortalProduction');
app.synth();
