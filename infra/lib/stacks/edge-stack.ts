import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as certificatemanager from 'aws-cdk-lib/aws-certificatemanager';
import type { Construct } from 'constructs';
import type { DomainConfig } from '../config';
import { dnsCertificate, importZone, webDomainName } from '../domains';

export interface EdgeStackProps extends StackProps {
  readonly domain: DomainConfig;
}

/** CloudFront only accepts certificates from us-east-1; this stack holds the web one. */
export class EdgeStack extends Stack {
  readonly webCertificate: certificatemanager.Certificate;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const zone = importZone(this, 'Zone', props.domain);
    this.webCertificate = dnsCertificate(this, 'WebCertificate', zone, webDomainName(props.domain));
  }
}
