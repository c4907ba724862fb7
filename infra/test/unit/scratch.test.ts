import { PROD_CONTEXT, synthesize, resourcesOf, props } from './support/synth';
it('prod', () => {
  const r = synthesize(PROD_CONTEXT);
  const t = r.templates.app;
  const show = (type: string, n = 600) => { for (const [id, res] of Object.entries(resourcesOf(t, type))) console.log(type, id, JSON.stringify(props(res)).slice(0, n)); };
  show('AWS::ElasticLoadBalancingV2::Listener');
  show('AWS::CodeDeploy::DeploymentGroup', 1500);
  show('AWS::ApiGatewayV2::DomainName');
  show('AWS::Route53::RecordSet');
  show('AWS::CloudFront::Distribution', 3000);
  show('AWS::CertificateManager::Certificate');
  console.log(JSON.stringify(r.templates.edge?.toJSON()).slice(0, 1500));
  show('AWS::ECS::Service', 800);
});
