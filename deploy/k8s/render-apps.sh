#!/usr/bin/env bash
# Writes deploy/k8s/base/apps/ from deploy/apps.tsv: per app a Deployment (Dapr sidecar annotations, zero-downtime
# rollout, probes, non-root read-only container), a HorizontalPodAutoscaler on CPU, a PodDisruptionBudget and a
# NetworkPolicy; for the public ones, their public ports and a Service for them; and the production overlay's image names. Run it after changing deploy/apps.tsv; the deployment tests fail
# while base/apps/ differs from what it writes.  Usage: deploy/k8s/render-apps.sh [apps folder] [production images folder]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-deploy/k8s/base/apps}
images=${2:-deploy/k8s/overlays/production/images}
registry=registry.example.com/purifierrental
version=$(tr -d "[:space:]" < deploy/VERSION)
mkdir -p "$out" "$images"
rm -f "$out"/*.yaml

header="# Written by deploy/k8s/render-apps.sh from deploy/apps.tsv: change those, not this file."
apps=()
while IFS=$'\t' read -r app _ port exposure public_ports min max cpu memory memory_limit; do
  [[ -z "$app" || "$app" == \#* ]] && continue
  apps+=("$app")
  # name:port pairs, e.g. http:8080,grpc-public:8081; "-" for none.
  public=()
  [[ "$public_ports" != - ]] && IFS=, read -r -a public <<<"$public_ports"
  {
    echo "$header"
    cat <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $app
  labels:
    app.kubernetes.io/name: $app
    purifierrental.io/exposure: $exposure
spec:
  # No replicas: the HorizontalPodAutoscaler owns the count, so applying the manifests never resets it.
  revisionHistoryLimit: 5
  # A rollout starts a new pod and waits for it to be ready before it stops an old one.
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }
  minReadySeconds: 5
  selector:
    matchLabels: { app.kubernetes.io/name: $app }
  template:
    metadata:
      labels:
        app.kubernetes.io/name: $app
        purifierrental.io/exposure: $exposure
      annotations:
        dapr.io/enabled: "true"
        dapr.io/app-id: "$app"
        dapr.io/app-port: "$port"
        dapr.io/app-protocol: "grpc"
        dapr.io/config: "purifierrental"
        dapr.io/enable-app-health-check: "true"
        dapr.io/app-health-probe-interval: "5"
        dapr.io/app-health-probe-timeout: "500"
        dapr.io/app-health-threshold: "3"
        dapr.io/api-token-secret: "dapr-api-token"
        dapr.io/app-token-secret: "app-api-token"
        dapr.io/enable-metrics: "true"
        dapr.io/metrics-port: "9090"
        dapr.io/log-as-json: "true"
        # Components read their credentials through the secret store component "secretstore" only.
        dapr.io/disable-builtin-k8s-secret-store: "true"
        # On SIGTERM daprd keeps serving until the app reports unhealthy (it does at once) or 15 s pass, then
        # drains for up to 20 s: calls in flight through the sidecar finish, and no event is half-handled.
        dapr.io/block-shutdown-duration: "15s"
        dapr.io/graceful-shutdown-seconds: "20"
        dapr.io/sidecar-cpu-request: "50m"
        dapr.io/sidecar-memory-request: "64Mi"
        dapr.io/sidecar-memory-limit: "256Mi"
    spec:
      serviceAccountName: purifierrental-app
      # preStop (10 s) + the app's drain (20 s, HostOptions.ShutdownTimeout) + margin.
      terminationGracePeriodSeconds: 45
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile: { type: RuntimeDefault }
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels: { app.kubernetes.io/name: $app }
      containers:
      - name: $app
        image: localhost/purifierrental/$app:$version
        ports:
        - { name: grpc, containerPort: $port }
EOF
    for pair in "${public[@]}"; do echo "        - { name: ${pair%%:*}, containerPort: ${pair#*:} }"; done
    cat <<EOF
        env:
        - { name: APP_ID, value: "$app" }
        - { name: APP_PORT, value: "$port" }
        # The kubelet's gRPC probes come to the pod address; the NetworkPolicy keeps other pods off this port.
        - { name: APP_LISTEN_ADDRESS, value: "0.0.0.0" }
        # The injector puts the tokens on daprd only; the app needs them too (to call daprd, and to check daprd's calls).
        - name: DAPR_API_TOKEN
          valueFrom: { secretKeyRef: { name: dapr-api-token, key: token } }
        - name: APP_API_TOKEN
          valueFrom: { secretKeyRef: { name: app-api-token, key: token } }
        envFrom:
        - configMapRef: { name: telemetry }
        # The app's own settings, when it has any: the ConfigMap named after it (deploy/k8s/base/settings/).
        - configMapRef: { name: $app, optional: true }
        # Standard gRPC health (grpc.health.v1): NOT_SERVING until the sidecar is ready and once shutdown begins.
        startupProbe:
          grpc: { port: $port }
          periodSeconds: 2
          failureThreshold: 30
        readinessProbe:
          grpc: { port: $port }
          periodSeconds: 5
          failureThreshold: 2
        livenessProbe:
          grpc: { port: $port }
          periodSeconds: 10
          failureThreshold: 6
        lifecycle:
          # Endpoints and the sidecars' name resolution take a few seconds to forget a terminating pod; keep
          # serving meanwhile, so no caller is sent to a closed port.
          preStop:
            exec: { command: ["/bin/sleep", "10"] }
        resources:
          # No CPU limit: throttling a gRPC server adds latency to every call; the request reserves what it needs.
          requests: { cpu: $cpu, memory: $memory }
          limits: { memory: $memory_limit }
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: { drop: [ALL] }
        volumeMounts:
        - { name: tmp, mountPath: /tmp }
      volumes:
      - name: tmp
        emptyDir: { medium: Memory, sizeLimit: 64Mi }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: $app
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: $app }
  minReplicas: $min
  maxReplicas: $max
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: { type: Utilization, averageUtilization: 70 }
  behavior:
    # Scale in slowly: a replica that leaves hands its pending events back to the broker.
    scaleDown:
      stabilizationWindowSeconds: 300
      policies:
      - { type: Pods, value: 1, periodSeconds: 60 }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: $app
spec:
  minAvailable: 1
  selector:
    matchLabels: { app.kubernetes.io/name: $app }
---
# Other pods reach this one only through its sidecar: daprd's internal gRPC port (sidecar to sidecar, mTLS).
# The app's own port is for the local sidecar (same pod) and the kubelet's probes only.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: $app
spec:
  podSelector:
    matchLabels: { app.kubernetes.io/name: $app }
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector:
        matchLabels: { app.kubernetes.io/part-of: purifierrental }
    ports:
    - { protocol: TCP, port: 50002 }
  # daprd's metrics, for a Prometheus in the monitoring namespace.
  - from:
    - namespaceSelector:
        matchLabels: { kubernetes.io/metadata.name: monitoring }
    ports:
    - { protocol: TCP, port: 9090 }
EOF
    if [[ "$exposure" == public ]]; then
      cat <<EOF
  # The public API: reached from outside the cluster, on its public ports only.
  - ports:
EOF
      for pair in "${public[@]}"; do echo "    - { protocol: TCP, port: ${pair#*:} }"; done
      cat <<EOF
---
apiVersion: v1
kind: Service
metadata:
  name: $app
  labels:
    app.kubernetes.io/name: $app
    purifierrental.io/exposure: public
spec:
  selector: { app.kubernetes.io/name: $app }
  ports:
EOF
      for pair in "${public[@]}"; do
        name=${pair%%:*}
        # gRPC is HTTP/2 without TLS (h2c): TLS ends in front of the Service.
        protocol=http
        [[ "$name" == grpc* ]] && protocol=kubernetes.io/h2c
        echo "  - { name: $name, port: ${pair#*:}, targetPort: $name, appProtocol: $protocol }"
      done
    fi
  } > "$out/$app.yaml"
done < deploy/apps.tsv

{
  echo "$header"
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources:"
  for app in "${apps[@]}"; do echo "- $app.yaml"; done
} > "$out/kustomization.yaml"

# The production registry's names for the images, at the same version (a release pins digests: docs/operations.md).
{
  echo "$header"
  echo "apiVersion: kustomize.config.k8s.io/v1alpha1"
  echo "kind: Component"
  echo "images:"
  for app in "${apps[@]}"; do
    echo "- name: localhost/purifierrental/$app"
    echo "  newName: $registry/$app"
    echo "  newTag: \"$version\""
  done
} > "$images/kustomization.yaml"
