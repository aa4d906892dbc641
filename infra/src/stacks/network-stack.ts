import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import { OciStack, type OciStackProps } from '../constructs/oci-stack.js';
import { PROTOCOL_ALL, PROTOCOL_TCP, SECURE_DEFAULTS } from '../constructs/secure-defaults.js';
import {
  CoreInternetGateway,
  CoreNatGateway,
  CoreNetworkSecurityGroup,
  CoreNetworkSecurityGroupSecurityRule,
  CoreRouteTable,
  CoreSecurityList,
  CoreServiceGateway,
  CoreSubnet,
  CoreVcn,
  DataOciCoreServices,
  DataOciIdentityAvailabilityDomains,
} from '../oci.js';

/**
 * VCN with one public subnet (API gateway only) and two private subnets (workloads; MySQL), their gateways, route
 * tables, security lists and the NSGs the other stacks attach to. Only the API gateway NSG accepts traffic from the
 * internet, and only on 443.
 */
export class NetworkStack extends OciStack {
  readonly vcnId: string;
  readonly publicSubnetId: string;
  readonly appSubnetId: string;
  readonly dbSubnetId: string;
  /** `<subnet label>.<vcn label>.oraclevcn.com` of the DB subnet: the MySQL FQDN is `<hostname label>.` + this. */
  readonly dbSubnetDomainName: string;
  readonly apiGatewayNsgId: string;
  readonly appNsgId: string;
  readonly dbNsgId: string;
  readonly streamingNsgId: string;
  readonly availabilityDomain: string;

  constructor(scope: Construct, id: string, props: OciStackProps) {
    super(scope, id, props);
    const net = this.env.network;
    const compartmentId = this.compartmentId;
    const freeformTags = this.tags;
    const anywhere = SECURE_DEFAULTS.anywhereCidr;

    const ads = new DataOciIdentityAvailabilityDomains(this, 'availability_domains', {
      compartmentId: this.env.tenancyOcid,
    });
    this.availabilityDomain = Fn.lookup(
      Fn.element(ads.availabilityDomains, net.availabilityDomainIndex),
      'name',
      '',
    ) as string;

    const vcn = new CoreVcn(this, 'vcn', {
      compartmentId,
      cidrBlocks: [net.vcnCidr],
      displayName: this.nameOf('vcn'),
      dnsLabel: net.vcnDnsLabel,
      freeformTags,
    });
    this.vcnId = vcn.id;

    const igw = new CoreInternetGateway(this, 'internet_gateway', {
      compartmentId,
      vcnId: vcn.id,
      displayName: this.nameOf('igw'),
      enabled: true,
      freeformTags,
    });
    const nat = new CoreNatGateway(this, 'nat_gateway', {
      compartmentId,
      vcnId: vcn.id,
      displayName: this.nameOf('nat'),
      freeformTags,
    });
    const services = new DataOciCoreServices(this, 'oracle_services', {
      filter: [{ name: 'name', values: ['All .* Services In Oracle Services Network'], regex: true }],
    });
    const allServicesId = Fn.lookup(Fn.element(services.services, 0), 'id', '') as string;
    const allServicesCidr = Fn.lookup(Fn.element(services.services, 0), 'cidr_block', '') as string;
    const sgw = new CoreServiceGateway(this, 'service_gateway', {
      compartmentId,
      vcnId: vcn.id,
      displayName: this.nameOf('sgw'),
      services: [{ serviceId: allServicesId }],
      freeformTags,
    });

    const publicRoutes = new CoreRouteTable(this, 'public_routes', {
      compartmentId,
      vcnId: vcn.id,
      displayName: this.nameOf('public-rt'),
      routeRules: [{ destination: anywhere, destinationType: 'CIDR_BLOCK', networkEntityId: igw.id }],
      freeformTags,
    });
    const privateRoutes = new CoreRouteTable(this, 'private_routes', {
      compartmentId,
      vcnId: vcn.id,
      displayName: this.nameOf('private-rt'),
      routeRules: [
        { destination: anywhere, destinationType: 'CIDR_BLOCK', networkEntityId: nat.id },
        { destination: allServicesCidr, destinationType: 'SERVICE_CIDR_BLOCK', networkEntityId: sgw.id },
      ],
      freeformTags,
    });

    // Security lists are the subnet-wide floor; the NSGs below carry the per-workload rules.
    const publicList = new CoreSecurityList(this, 'public_security_list', {
      compartmentId,
      vcnId: vcn.id,
      displayName: this.nameOf('public-sl'),
      ingressSecurityRules: [
        {
          protocol: PROTOCOL_TCP,
          source: anywhere,
          description: 'HTTPS to the API gateway',
          tcpOptions: { min: SECURE_DEFAULTS.publicIngressPort, max: SECURE_DEFAULTS.publicIngressPort },
        },
      ],
      egressSecurityRules: [
        { protocol: PROTOCOL_TCP, destination: net.vcnCidr, description: 'to the private backends' },
      ],
      freeformTags,
    });
    const privateList = new CoreSecurityList(this, 'private_security_list', {
      compartmentId,
      vcnId: vcn.id,
      displayName: this.nameOf('private-sl'),
      ingressSecurityRules: [
        { protocol: PROTOCOL_TCP, source: net.vcnCidr, description: 'inside the VCN only' },
      ],
      egressSecurityRules: [
        { protocol: PROTOCOL_ALL, destination: anywhere, description: 'out through NAT / service gateway' },
      ],
      freeformTags,
    });

    const publicSubnet = new CoreSubnet(this, 'public_subnet', {
      compartmentId,
      vcnId: vcn.id,
      cidrBlock: net.publicSubnetCidr,
      displayName: this.nameOf('public'),
      dnsLabel: 'public',
      routeTableId: publicRoutes.id,
      securityListIds: [publicList.id],
      prohibitPublicIpOnVnic: false,
      freeformTags,
    });
    const privateSubnet = (id: string, cidrBlock: string, dnsLabel: string): CoreSubnet =>
      new CoreSubnet(this, id, {
        compartmentId,
        vcnId: vcn.id,
        cidrBlock,
        displayName: this.nameOf(dnsLabel),
        dnsLabel,
        routeTableId: privateRoutes.id,
        securityListIds: [privateList.id],
        prohibitPublicIpOnVnic: true,
        prohibitInternetIngress: true,
        freeformTags,
      });
    const appSubnet = privateSubnet('app_subnet', net.appSubnetCidr, 'app');
    const dbSubnet = privateSubnet('db_subnet', net.dbSubnetCidr, 'db');
    this.publicSubnetId = publicSubnet.id;
    this.appSubnetId = appSubnet.id;
    this.dbSubnetId = dbSubnet.id;
    this.dbSubnetDomainName = dbSubnet.subnetDomainName;

    const nsg = (id: string, what: string): CoreNetworkSecurityGroup =>
      new CoreNetworkSecurityGroup(this, id, {
        compartmentId,
        vcnId: vcn.id,
        displayName: this.nameOf(what),
        freeformTags,
      });
    const apiGatewayNsg = nsg('api_gateway_nsg', 'apigw-nsg');
    const appNsg = nsg('app_nsg', 'app-nsg');
    const dbNsg = nsg('db_nsg', 'db-nsg');
    const streamingNsg = nsg('streaming_nsg', 'streaming-nsg');
    this.apiGatewayNsgId = apiGatewayNsg.id;
    this.appNsgId = appNsg.id;
    this.dbNsgId = dbNsg.id;
    this.streamingNsgId = streamingNsg.id;

    const tcpIngress = (
      id: string,
      nsgId: string,
      source: string,
      port: number,
      description: string,
    ): void => {
      new CoreNetworkSecurityGroupSecurityRule(this, id, {
        networkSecurityGroupId: nsgId,
        direction: 'INGRESS',
        protocol: PROTOCOL_TCP,
        source,
        sourceType: 'CIDR_BLOCK',
        description,
        tcpOptions: { destinationPortRange: { min: port, max: port } },
      });
    };
    const egressAll = (id: string, nsgId: string, destination: string, description: string): void => {
      new CoreNetworkSecurityGroupSecurityRule(this, id, {
        networkSecurityGroupId: nsgId,
        direction: 'EGRESS',
        protocol: PROTOCOL_ALL,
        destination,
        destinationType: 'CIDR_BLOCK',
        description,
      });
    };
    // The one internet-facing rule of the platform.
    tcpIngress(
      'apigw_https_in',
      apiGatewayNsg.id,
      anywhere,
      SECURE_DEFAULTS.publicIngressPort,
      'HTTPS from clients',
    );
    egressAll('apigw_to_app', apiGatewayNsg.id, net.appSubnetCidr, 'gateway to the API backend');
    tcpIngress(
      'app_from_public',
      appNsg.id,
      net.publicSubnetCidr,
      this.env.api.port,
      'API gateway to the API container',
    );
    egressAll(
      'app_out',
      appNsg.id,
      anywhere,
      'workloads reach OCI services through NAT and the service gateway',
    );
    for (const port of SECURE_DEFAULTS.mysqlPorts) {
      tcpIngress(
        `db_from_app_${port}`,
        dbNsg.id,
        net.appSubnetCidr,
        port,
        `MySQL ${port} from the app subnet`,
      );
    }
    tcpIngress(
      'stream_from_app',
      streamingNsg.id,
      net.appSubnetCidr,
      SECURE_DEFAULTS.kafkaPort,
      'Kafka from the app subnet',
    );
  }
}
