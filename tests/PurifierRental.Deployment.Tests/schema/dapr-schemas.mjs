// JSON Schemas of Dapr's custom resources, written from the fields of Dapr's CRDs (charts/dapr/crds in dapr/dapr:
// Component, Configuration, Resiliency and Subscription v1alpha1/v2alpha1). No npm or Debian package ships them.
// Stricter than the CRDs in one way: an unknown field is an error here (the API server would drop it silently).
const str = { type: "string" };
const bool = { type: "boolean" };
const int = { type: "integer" };
const strings = { type: "array", items: str };
const obj = (properties, required = []) => ({ type: "object", properties, required, additionalProperties: false });
const mapOf = (value) => ({ type: "object", additionalProperties: value });
const header = { apiVersion: { const: "dapr.io/v1alpha1" }, kind: str, metadata: { type: "object" } };

const metadataItem = obj({
  name: str,
  value: {},
  envRef: str,
  secretKeyRef: obj({ name: str, key: str }, ["name"]),
}, ["name"]);

const component = obj({
  ...header,
  auth: obj({ secretStore: str }, ["secretStore"]),
  scopes: strings,
  spec: obj({ type: str, version: str, ignoreErrors: bool, initTimeout: str, metadata: { type: "array", items: metadataItem } },
    ["metadata", "type", "version"]),
}, ["apiVersion", "kind", "metadata", "spec"]);

const metricSpec = obj({
  enabled: bool,
  recordErrorCodes: bool,
  latencyDistributionBuckets: { type: "array", items: int },
  http: obj({ excludeVerbs: bool, increasedCardinality: bool, pathMatching: strings }),
  rules: { type: "array", items: obj({ name: str, labels: { type: "array" } }, ["labels", "name"]) },
}, ["enabled"]);

const configuration = obj({
  ...header,
  spec: obj({
    tracing: obj({
      samplingRate: str,
      stdout: bool,
      zipkin: obj({ endpointAddress: str }, ["endpointAddress"]),
      otel: obj({ endpointAddress: str, isSecure: bool, protocol: { enum: ["grpc", "http"] }, timeout: str,
        headers: { type: "array", items: obj({ name: str, value: str, secretKeyRef: obj({ name: str, key: str }, ["name"]) }, ["name"]) } },
        ["endpointAddress", "isSecure", "protocol"]),
    }, ["samplingRate"]),
    metric: metricSpec,
    metrics: metricSpec,
    mtls: obj({ enabled: bool, controlPlaneTrustDomain: str, sentryAddress: str, allowedClockSkew: str, workloadCertTTL: str },
      ["controlPlaneTrustDomain", "enabled", "sentryAddress"]),
    secrets: obj({
      scopes: { type: "array", items: obj({ storeName: str, defaultAccess: { enum: ["allow", "deny"] }, allowedSecrets: strings, deniedSecrets: strings }, ["storeName"]) },
    }, ["scopes"]),
    accessControl: obj({
      defaultAction: { enum: ["allow", "deny"] },
      trustDomain: str,
      policies: {
        type: "array",
        items: obj({
          appId: str,
          defaultAction: { enum: ["allow", "deny"] },
          namespace: str,
          trustDomain: str,
          operations: { type: "array", items: obj({ name: str, httpVerb: strings, action: { enum: ["allow", "deny"] } }, ["name", "action"]) },
        }, ["appId"]),
      },
    }),
    api: obj({
      allowed: { type: "array", items: obj({ name: str, version: str, protocol: str }, ["name", "version"]) },
      denied: { type: "array", items: obj({ name: str, version: str, protocol: str }, ["name", "version"]) },
    }),
    components: obj({ deny: strings }),
    features: { type: "array", items: obj({ name: str, enabled: bool }, ["enabled", "name"]) },
    logging: obj({ apiLogging: obj({ enabled: bool, obfuscateURLs: bool, omitHealthChecks: bool }) }),
    nameResolution: obj({ component: str, version: str, configuration: { type: "object" } }, ["component", "configuration", "version"]),
  }),
}, ["apiVersion", "kind", "metadata", "spec"]);

const duration = { type: "string", pattern: "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$" };
const retry = obj({
  policy: { enum: ["constant", "exponential"] },
  duration,
  maxInterval: duration,
  maxRetries: int,
  matching: obj({ httpStatusCodes: str, gRPCStatusCodes: str }),
});
const circuitBreaker = obj({ maxRequests: int, interval: duration, timeout: duration, trip: str });
const direction = obj({ timeout: str, retry: str, circuitBreaker: str });
const resiliency = obj({
  ...header,
  scopes: strings,
  spec: obj({
    policies: obj({ timeouts: mapOf(duration), retries: mapOf(retry), circuitBreakers: mapOf(circuitBreaker) }),
    targets: obj({
      apps: mapOf(direction),
      actors: mapOf(obj({ timeout: str, retry: str, circuitBreaker: str, circuitBreakerScope: str, circuitBreakerCacheSize: int })),
      components: mapOf(obj({ outbound: direction, inbound: direction })),
    }),
  }, ["policies", "targets"]),
}, ["apiVersion", "kind", "metadata", "spec"]);

const subscriptionCommon = {
  pubsubname: str,
  topic: str,
  deadLetterTopic: str,
  metadata: mapOf(str),
  bulkSubscribe: obj({ enabled: bool, maxMessagesCount: int, maxAwaitDurationMs: int }, ["enabled"]),
};
const subscriptionV1 = obj({ ...header, scopes: strings, spec: obj({ ...subscriptionCommon, route: str }, ["pubsubname", "route", "topic"]) },
  ["apiVersion", "kind", "metadata", "spec"]);
const subscriptionV2 = obj({
  ...header,
  apiVersion: { const: "dapr.io/v2alpha1" },
  scopes: strings,
  spec: obj({ ...subscriptionCommon, routes: obj({ default: str, rules: { type: "array", items: obj({ match: str, path: str }, ["match", "path"]) } }) },
    ["pubsubname", "routes", "topic"]),
}, ["apiVersion", "kind", "metadata", "spec"]);

/** Schemas by "apiVersion/kind". */
export const daprSchemas = {
  "dapr.io/v1alpha1/Component": component,
  "dapr.io/v1alpha1/Configuration": configuration,
  "dapr.io/v1alpha1/Resiliency": resiliency,
  "dapr.io/v1alpha1/Subscription": subscriptionV1,
  "dapr.io/v2alpha1/Subscription": subscriptionV2,
};
