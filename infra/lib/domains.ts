import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as certificatemanager from 'aws-cdk-lib/aws-certificatemanager';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import type { DomainConfig } from './config';

/** The hosted zone, imported without a lookup when its id is known (so synth stays offline). */
export function importZone(
  scope: Construct,
  id: string,
  domain: DomainConfig,
): route53.IPublicHostedZone {
  return domain.hostedZoneId
    ? route53.PublicHostedZone.fromPublicHostedZoneAttributes(scope, id, {
        hostedZoneId: domain.hostedZoneId,
        zoneName: domain.hostedZoneName,
      })
    : (route53.PublicHostedZone.fromLookup(scope, id, {
        domainName: domain.hostedZoneName,
      }) as route53.IPublicHostedZone);
}

export function apiDomainName(domain: DomainConfig): string {
  return `${domain.apiSubdomain}.${domain.hostedZoneName}`;
}

export function webDomainName(domain: DomainConfig): string {
  return `${domain.webSubdomain}.${domain.hostedZoneName}`;
}

/** A DNS-validated ACM certificate for one name in the zone. */
export function dnsCertificate(
  scope: Construct,
  id: string,
  zone: route53.IHostedZone,
  name: string,
): certificatemanager.Certificate {
  return new certificatemanager.Certificate(scope, id, {
    domainName: name,
    validation: certificatemanager.CertificateValidation.fromDns(zone),
  });
}

export interface DomainsProps {
  readonly domain: DomainConfig;
  /** CloudFront's certificate; made here when the stack is in us-east-1, else by the edge stack. */
  readonly webCertificate?: certificatemanager.ICertificate;
  readonly inUsEast1: boolean;
}

/**
 * Optional custom names: `api.<zone>` for the HTTP API (regional certificate) and `app.<zone>`
 * for CloudFront (us-east-1 certificate). Without a zone the stack uses the default API
 * Gateway and CloudFront domains and this construct is not created.
 */
export class Domains extends Construct {
  readonly zone: route53.IPublicHostedZone;
  readonly apiDomainName: string;
  readonly webDomainName: string;
  readonly apiCertificate: certificatemanager.Certificate;
  readonly webCertificate: certificatemanager.ICertificate;

  constructor(scope: Construct, id: string, props: DomainsProps) {
    super(scope, id);
    this.zone = importZone(this, 'Zone', props.domain);
    this.apiDomainName = apiDomainName(props.domain);
    this.webDomainName = webDomainName(props.domain);
    this.apiCertificate = dnsCertificate(this, 'ApiCertificate', this.zone, this.apiDomainName);
    if (props.webCertificate) {
      this.webCertificate = props.webCertificate;
    } else if (props.inUsEast1) {
      this.webCertificate = dnsCertificate(this, 'WebCertificate', this.zone, this.webDomainName);
    } else {
      throw new Error('A stack outside us-east-1 needs the web certificate from the edge stack');
    }
  }

  addApiRecords(domainName: apigwv2.IDomainName): void {
    const target = route53.RecordTarget.fromAlias(
      new route53Targets.ApiGatewayv2DomainProperties(
        domainName.regionalDomainName,
        domainName.regionalHostedZoneId,
      ),
    );
    new route53.ARecord(this, 'ApiAlias', {
      zone: this.zone,
      recordName: this.apiDomainName,
      target,
    });
  }

  addWebRecords(distribution: cloudfront.IDistribution): void {
    const target = route53.RecordTarget.fromAlias(
      new route53Targets.CloudFrontTarget(distribution),
    );
    new route53.ARecord(this, 'WebAlias', {
      zone: this.zone,
      recordName: this.webDomainName,
      target,
    });
    new route53.AaaaRecord(this, 'WebAliasIpv6', {
      zone: this.zone,
      recordName: this.webDomainName,
      target,
    });
  }
}
