using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using PurifierRental.GatewayService.Adapters;
using PurifierRental.GatewayService.Adapters.Dapr;
using PurifierRental.GatewayService.Adapters.Identity;
using InstallationNames = PurifierRental.InstallationService.Adapters.Dapr.DaprNames;
using ManagementCenterNames = PurifierRental.ManagementCenterService.Adapters.Dapr.DaprNames;
using OrderNames = PurifierRental.OrderService.Adapters.Dapr.DaprNames;
using OrderStatusNames = PurifierRental.OrderStatusService.Adapters.Dapr.DaprNames;

namespace PurifierRental.Deployment.Tests;

/// <summary>
/// The manifests name the same app-ids, ports, components, topics and secrets as dapr.yaml, components/ and the
/// services' code, and keep the rollout, scaling and isolation rules for every app.
/// </summary>
public sealed partial class ManifestConsistencyTests
{
    /// <summary>Component metadata that says where a server is and how to log in: the cluster's own, not components/'.</summary>
    private static readonly HashSet<string> ConnectionMetadata = ["redisHost", "redisPassword", "redisUsername", "connectionString", "enableTLS"];

    private static readonly IReadOnlyList<AppRow> Apps = AppRow.ReadAll();

    public static TheoryData<string> Overlays => [.. Overlay.Names];

    [Fact]
    public void TheAppTableHasTheAppsOfDaprYamlWithTheirPortsAndAssemblies()
    {
        foreach (var template in new[] { "dapr.yaml", "dapr.local.yaml" })
        {
            var apps = Yaml.Items(Yaml.Documents(Repository.Read(template))[0], "apps")
                .ToDictionary(a => Yaml.Text(a, "appID")!, a => a);
            Assert.Equal(apps.Keys.Order(), Apps.Select(a => a.AppId).Order());
            foreach (var row in Apps)
            {
                Assert.Equal(row.Port.ToString(), Yaml.Text(apps[row.AppId], "appPort"));
                var command = string.Join(' ', Yaml.Items(apps[row.AppId], "command"));
                Assert.EndsWith($"/{Path.GetFileNameWithoutExtension(row.Project)}.dll", command, StringComparison.Ordinal);
                Assert.True(File.Exists(Repository.PathOf(row.Project)), $"{row.Project} does not exist");
            }
        }
    }

    [Fact]
    public void TheAppManifestsAreWhatRenderAppsWritesFromTheTable()
    {
        var output = Directory.CreateTempSubdirectory("render-apps-");
        try
        {
            var apps = Path.Combine(output.FullName, "apps");
            var images = Path.Combine(output.FullName, "images");
            var (exitCode, _, error) = Repository.Run("bash", ["deploy/k8s/render-apps.sh", apps, images]);
            Assert.True(exitCode == 0, error);
            AssertSameFiles(apps, Repository.PathOf("deploy/k8s/base/apps"));
            AssertSameFiles(images, Repository.PathOf("deploy/k8s/overlays/production/images"));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryAppRunsWithItsAppIdAndPortEverywhere(string overlay)
    {
        var rendered = Overlay.Render(overlay);
        foreach (var app in Apps)
        {
            var deployment = rendered.Find("Deployment", app.AppId);
            Assert.NotNull(deployment);
            var annotations = Yaml.At(deployment, "spec.template.metadata.annotations");
            Assert.Equal(app.AppId, Yaml.Text(annotations, "dapr.io/app-id"));
            Assert.Equal(app.Port.ToString(), Yaml.Text(annotations, "dapr.io/app-port"));
            Assert.Equal("grpc", Yaml.Text(annotations, "dapr.io/app-protocol"));
            Assert.NotNull(rendered.Find("Configuration", Yaml.Text(annotations, "dapr.io/config")!));
            var container = Yaml.At(deployment, "spec.template.spec.containers.0");
            Assert.Equal(app.Port.ToString(), Yaml.Text(container, "ports.0.containerPort"));
            Assert.Equal(app.Port.ToString(), Environment(container)["APP_PORT"]);
            Assert.Equal(app.AppId, Environment(container)["APP_ID"]);
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                Assert.Equal(app.Port.ToString(), Yaml.Text(container, $"{probe}.grpc.port"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryAppRollsOutWithoutDowntimeScalesOnCpuAndIsIsolated(string overlay)
    {
        var rendered = Overlay.Render(overlay);
        foreach (var app in Apps)
        {
            var deployment = rendered.Find("Deployment", app.AppId)!;
            Assert.Equal("0", Yaml.Text(deployment, "spec.strategy.rollingUpdate.maxUnavailable"));
            var pod = Yaml.At(deployment, "spec.template.spec");
            var container = Yaml.At(pod, "containers.0");
            Assert.NotNull(Yaml.At(container, "lifecycle.preStop"));
            // The grace period covers the preStop pause and daprd's drain after its shutdown is unblocked.
            var preStop = int.Parse(Yaml.Items(container, "lifecycle.preStop.exec.command").Last().ToString()!);
            var drain = int.Parse(Yaml.Text(deployment, "spec.template.metadata.annotations.dapr.io/graceful-shutdown-seconds")!);
            Assert.True(int.Parse(Yaml.Text(pod, "terminationGracePeriodSeconds")!) > preStop + drain);
            Assert.Equal("true", Yaml.Text(container, "securityContext.readOnlyRootFilesystem")?.ToLowerInvariant());
            Assert.Equal("true", Yaml.Text(pod, "securityContext.runAsNonRoot")?.ToLowerInvariant());
            Assert.NotNull(Yaml.Text(container, "resources.requests.cpu"));
            Assert.NotNull(Yaml.Text(container, "resources.limits.memory"));

            var autoscaler = rendered.Find("HorizontalPodAutoscaler", app.AppId)!;
            Assert.Equal(app.AppId, Yaml.Text(autoscaler, "spec.scaleTargetRef.name"));
            Assert.Equal("cpu", Yaml.Text(autoscaler, "spec.metrics.0.resource.name"));
            Assert.Equal(app.MinReplicas.ToString(), Yaml.Text(autoscaler, "spec.minReplicas"));
            Assert.Null(Yaml.At(deployment, "spec.replicas"));
            Assert.NotNull(rendered.Find("PodDisruptionBudget", app.AppId));

            // Other pods reach the app's pod only on daprd's ports, and on its public ports when it has any; never
            // on the app port, which is its sidecar's.
            var policy = rendered.Find("NetworkPolicy", app.AppId)!;
            var ports = Yaml.Items(policy, "spec.ingress").SelectMany(rule => Yaml.Items(rule, "ports")).Select(p => Yaml.Text(p, "port")).ToList();
            Assert.Contains("50002", ports);
            Assert.DoesNotContain(app.Port.ToString(), ports);
            Assert.Equal(app.Exposure == "public", app.PublicPorts.Count > 0);
            Assert.All(app.PublicPorts.Values, port => Assert.Contains(port.ToString(), ports));
            if (app.Exposure == "public")
            {
                var service = rendered.Find("Service", app.AppId)!;
                Assert.Equal(
                    app.PublicPorts.Select(p => $"{p.Key}={p.Value}").Order(),
                    Yaml.Items(service, "spec.ports").Select(p => $"{Yaml.Text(p, "targetPort")}={Yaml.Text(p, "port")}").Order());
                Assert.Equal(
                    app.PublicPorts.Select(p => $"{p.Key}={p.Value}").Order(),
                    Yaml.Items(deployment, "spec.template.spec.containers.0.ports").Skip(1).Select(p => $"{Yaml.Text(p, "name")}={Yaml.Text(p, "containerPort")}").Order());
            }
        }

        Assert.NotNull(rendered.Find("NetworkPolicy", "default-deny-ingress"));
        var exposed = rendered.OfKind("Service").Where(s => Yaml.Text(s, "metadata.labels.purifierrental.io/exposure") == "public")
            .Select(s => Yaml.Text(s, "metadata.name"));
        Assert.Equal(Apps.Where(a => a.Exposure == "public").Select(a => a.AppId).Order(), exposed.Order());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ImagesAreTheReleaseVersionOrADigestNeverLatest(string overlay)
    {
        var version = Repository.Read("deploy/VERSION").Trim();
        var images = Overlay.Render(overlay).Objects
            .SelectMany(o => Yaml.Maps(o)).Where(m => m.ContainsKey("image")).Select(m => m["image"].ToString()!).ToList();
        Assert.NotEmpty(images);
        foreach (var image in images)
        {
            Assert.Matches(TaggedImage(), image);
            Assert.DoesNotContain(":latest", image, StringComparison.Ordinal);
        }

        foreach (var app in Apps)
        {
            var image = Yaml.Text(Overlay.Render(overlay).Find("Deployment", app.AppId), "spec.template.spec.containers.0.image")!;
            Assert.True(image.EndsWith($"/{app.AppId}:{version}", StringComparison.Ordinal) || image.Contains($"/{app.AppId}@sha256:", StringComparison.Ordinal), image);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheComponentsAreThoseOfComponentsFolderWithTheClustersConnections(string overlay)
    {
        var local = Directory.GetFiles(Repository.PathOf("components"), "*.yaml")
            .SelectMany(f => Yaml.Documents(File.ReadAllText(f)))
            .Where(d => Yaml.Text(d, "kind") == "Component")
            .ToDictionary(d => Yaml.Text(d, "metadata.name")!);
        var cluster = Overlay.Render(overlay).OfKind("Component")
            .Where(c => Yaml.Text(c, "spec.type")?.StartsWith("secretstores.", StringComparison.Ordinal) != true)
            .ToDictionary(c => Yaml.Text(c, "metadata.name")!);

        Assert.Equal(local.Keys.Order(), cluster.Keys.Order());
        foreach (var (name, component) in cluster)
        {
            Assert.Equal(Yaml.Text(local[name], "spec.type"), Yaml.Text(component, "spec.type"));
            Assert.Equal(Yaml.Text(local[name], "spec.version"), Yaml.Text(component, "spec.version"));
            Assert.Equal(Yaml.Items(local[name], "scopes").Select(s => s.ToString()), Yaml.Items(component, "scopes").Select(s => s.ToString()));
            Assert.Equal(Settings(local[name]), Settings(component));
            // Credentials come from the secret store, never as values.
            foreach (var item in Yaml.Items(component, "spec.metadata").Where(i => Yaml.Text(i, "name") is "redisPassword" or "connectionString"))
            {
                Assert.Null(Yaml.At(item, "value"));
                Assert.NotNull(Yaml.At(item, "secretKeyRef.name"));
            }

            var store = Yaml.Text(component, "auth.secretStore");
            Assert.Equal("secretstores.kubernetes", Yaml.Text(Overlay.Render(overlay).Find("Component", store!), "spec.type"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheResiliencyPoliciesAreThoseOfComponentsFolder(string overlay)
    {
        var local = Directory.GetFiles(Repository.PathOf("components"), "resiliency*.yaml")
            .Select(f => Yaml.Documents(File.ReadAllText(f))[0]).ToDictionary(d => Yaml.Text(d, "metadata.name")!);
        var cluster = Overlay.Render(overlay).OfKind("Resiliency").ToDictionary(d => Yaml.Text(d, "metadata.name")!);

        Assert.Equal(local.Keys.Order(), cluster.Keys.Order());
        foreach (var (name, resiliency) in cluster)
        {
            Assert.Equal(Canonical(Yaml.At(local[name], "spec")), Canonical(Yaml.At(resiliency, "spec")));
            Assert.Equal(Canonical(Yaml.At(local[name], "scopes")), Canonical(Yaml.At(resiliency, "scopes")));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheComponentsAndTopicsTheCodeUsesExistForItsApp(string overlay)
    {
        var components = Overlay.Render(overlay).OfKind("Component").ToDictionary(c => Yaml.Text(c, "metadata.name")!);
        var published = components.Values.SelectMany(c => Yaml.Items(c, "spec.metadata"))
            .Where(i => Yaml.Text(i, "name") == "outboxPublishTopic").Select(i => Yaml.Text(i, "value")!).ToHashSet();

        foreach (var (appId, names) in DaprNamesOfEachApp())
        {
            foreach (var (setting, value) in names.Where(n => n.Key is "PubSubName" or "StateStore"))
            {
                Assert.True(components.TryGetValue(value, out var component), $"{appId}'s {setting} '{value}' is no component");
                var scopes = Yaml.Items(component, "scopes").Select(s => s.ToString()).ToList();
                Assert.True(scopes.Count == 0 || scopes.Contains(appId), $"{value} is not scoped to {appId}");
            }

            foreach (var (setting, topic) in names.Where(n => n.Key.EndsWith("Topic", StringComparison.Ordinal) && n.Key != "DeadLetterTopic"))
            {
                Assert.True(published.Contains(topic), $"{appId}'s {setting} '{topic}' is no store's outbox topic");
            }

            // A dead-letter topic holds poison messages only: no store publishes events to it.
            Assert.DoesNotContain(names["DeadLetterTopic"], published);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EverySecretTheManifestsNameIsCreatedAndReadable(string overlay)
    {
        var rendered = Overlay.Render(overlay);
        var named = rendered.Objects.SelectMany(Yaml.Maps)
            .Where(m => m.ContainsKey("secretKeyRef")).Select(m => Yaml.Text(m, "secretKeyRef.name")!)
            .Concat(rendered.OfKind("Deployment").SelectMany(d => (Yaml.At(d, "spec.template.metadata.annotations") as Dictionary<object, object> ?? [])
                .Where(a => a.Key.ToString()!.EndsWith("-token-secret", StringComparison.Ordinal)).Select(a => a.Value.ToString()!)))
            .ToHashSet();
        Assert.NotEmpty(named);

        // Locally the overlay generates them; in production the operators create each one as docs/operations.md says.
        var local = Overlay.Render("local").OfKind("Secret").Select(s => Yaml.Text(s, "metadata.name")).ToHashSet();
        var operations = Repository.Read("docs/operations.md");
        foreach (var secret in named)
        {
            Assert.Contains(secret, local);
            Assert.Contains($"create secret generic {secret} ", operations, StringComparison.Ordinal);
        }

        // daprd reads the components' secrets with the apps' service account, and only those.
        var componentSecrets = rendered.OfKind("Component").SelectMany(Yaml.Maps)
            .Where(m => m.ContainsKey("secretKeyRef")).Select(m => Yaml.Text(m, "secretKeyRef.name")!).ToHashSet();
        var readable = Yaml.Items(rendered.Find("Role", "purifierrental-component-secrets"), "rules.0.resourceNames").Select(n => n.ToString()!);
        Assert.Equal(componentSecrets.Order(), readable.Order());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SidecarsAndAppsSendTelemetryToTheOverlaysCollector(string overlay)
    {
        var rendered = Overlay.Render(overlay);
        var sidecars = Yaml.Text(rendered.Find("Configuration", "purifierrental"), "spec.tracing.otel.endpointAddress")!;
        var apps = Yaml.Text(rendered.Find("ConfigMap", "telemetry"), "data.OTEL_EXPORTER_OTLP_ENDPOINT")!;
        Assert.Equal(sidecars, new Uri(apps).Authority);
        var host = sidecars.Split(':')[0];
        if (overlay == "local")
        {
            // The collector is deployed by the overlay itself.
            var service = rendered.Find("Service", host);
            Assert.NotNull(service);
            Assert.Contains(Yaml.Items(service, "spec.ports"), p => Yaml.Text(p, "port") == sidecars.Split(':')[1]);
        }
        else
        {
            Assert.EndsWith(".svc.cluster.local", host, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheGatewayServesItsPublicPortsToItsServiceAndTakesTokensFromAProvider(string overlay)
    {
        var rendered = Overlay.Render(overlay);
        var gateway = Apps.Single(a => a.AppId == "gateway");
        Assert.Equal("public", gateway.Exposure);
        var envFrom = Yaml.Items(rendered.Find("Deployment", gateway.AppId), "spec.template.spec.containers.0.envFrom")
            .Select(e => Yaml.Text(e, "configMapRef.name"));
        Assert.Contains(gateway.AppId, envFrom);

        // The ConfigMap's keys as the gateway reads them from its environment.
        var settings = new ConfigurationBuilder().AddInMemoryCollection(
            (Yaml.At(rendered.Find("ConfigMap", gateway.AppId), "data") as Dictionary<object, object> ?? [])
                .Select(e => KeyValuePair.Create(e.Key.ToString()!.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value.ToString())))
            .Build();
        var listener = settings.GetSection(GatewayListener.Section).Get<GatewayListener>()!;
        Assert.Equal(gateway.PublicPorts["http"], listener.HttpPort);
        Assert.Equal(gateway.PublicPorts["grpc-public"], listener.GrpcPort);
        Assert.Equal("0.0.0.0", listener.ListenAddress);
        Assert.Equal("Production", settings["ASPNETCORE_ENVIRONMENT"]);
        var authentication = settings.GetSection(AuthenticationSettings.Section).Get<AuthenticationSettings>()!;
        Assert.StartsWith("https://", authentication.Authority, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(authentication.Audience));

        // Every app the gateway invokes runs in the cluster.
        var invoked = typeof(ServiceAppIds).GetProperties().Select(p => (string)p.GetValue(new ServiceAppIds())!);
        Assert.All(invoked, appId => Assert.Contains(appId, Apps.Select(a => a.AppId)));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void TheSidecarsAccessControlIsConfigYamlsInTheAppsNamespace(string overlay)
    {
        var rendered = Overlay.Render(overlay);
        var local = Yaml.At(Yaml.Documents(Repository.Read("config/config.yaml"))[0], "spec.accessControl");
        var cluster = Yaml.At(rendered.Find("Configuration", "purifierrental"), "spec.accessControl");
        Assert.NotNull(local);
        Assert.Equal(Canonical(local, ignoring: "namespace"), Canonical(cluster, ignoring: "namespace"));

        // An identity is spiffe://<trust domain>/ns/<namespace>/<app-id>: the policies name the pods' namespace.
        var namespaces = rendered.OfKind("Deployment").Select(d => Yaml.Text(d, "metadata.namespace")).Distinct().ToList();
        var policies = Yaml.Items(cluster, "policies").ToList();
        Assert.NotEmpty(policies);
        Assert.All(policies, policy => Assert.Equal(Assert.Single(namespaces), Yaml.Text(policy, "namespace")));
        Assert.All(policies, policy => Assert.Contains(Yaml.Text(policy, "appId"), Apps.Select(a => a.AppId)));
    }

    [Fact]
    public void TheLocalServersKeepEveryAcknowledgedWrite()
    {
        var rendered = Overlay.Render("local");
        var redis = Yaml.Text(rendered.Find("ConfigMap", "redis"), "data.redis.conf")!;
        Assert.Contains("appendonly yes", redis, StringComparison.Ordinal);
        Assert.Contains("appendfsync everysec", redis, StringComparison.Ordinal);
        var postgres = Yaml.Items(rendered.Find("StatefulSet", "postgres"), "spec.template.spec.containers.0.args").Select(a => a.ToString());
        Assert.Contains("synchronous_commit=on", postgres);
        foreach (var server in new[] { "redis", "postgres" })
        {
            Assert.NotEmpty(Yaml.Items(rendered.Find("StatefulSet", server), "spec.volumeClaimTemplates"));
        }
    }

    private static Dictionary<string, string> Environment(object? container) =>
        Yaml.Items(container, "env").Where(e => Yaml.At(e, "value") is not null)
            .ToDictionary(e => Yaml.Text(e, "name")!, e => Yaml.Text(e, "value")!);

    private static string Settings(object component) =>
        string.Join('\n', Yaml.Items(component, "spec.metadata")
            .Where(i => !ConnectionMetadata.Contains(Yaml.Text(i, "name")!))
            .Select(i => $"{Yaml.Text(i, "name")}={Yaml.Text(i, "value")}"));

    /// <summary>The node as text with its maps' keys in order, leaving out every key named <paramref name="ignoring"/>.</summary>
    private static string Canonical(object? node, string? ignoring = null) => node switch
    {
        Dictionary<object, object> map => "{" + string.Join(',', map.Where(e => e.Key.ToString() != ignoring)
            .OrderBy(e => e.Key.ToString(), StringComparer.Ordinal).Select(e => $"{e.Key}:{Canonical(e.Value, ignoring)}")) + "}",
        List<object> list => "[" + string.Join(',', list.Select(item => Canonical(item, ignoring))) + "]",
        _ => node?.ToString() ?? "",
    };

    /// <summary>Each app's component and topic names as the app resolves them: appsettings.json over DaprNames' defaults.</summary>
    private static Dictionary<string, Dictionary<string, string>> DaprNamesOfEachApp()
    {
        return new()
        {
            ["order"] = Resolve(new OrderNames(), "services/Order", OrderNames.Section),
            ["managementcenter"] = Resolve(new ManagementCenterNames(), "services/ManagementCenter", ManagementCenterNames.Section),
            ["installation"] = Resolve(new InstallationNames(), "services/Installation", InstallationNames.Section),
            ["orderstatus"] = Resolve(new OrderStatusNames(), "services/OrderStatus", OrderStatusNames.Section),
        };

        static Dictionary<string, string> Resolve<T>(T names, string folder, string section)
            where T : class
        {
            new ConfigurationBuilder().AddJsonFile(Repository.PathOf($"{folder}/appsettings.json")).Build().GetSection(section).Bind(names);
            return typeof(T).GetProperties().Where(p => p.PropertyType == typeof(string))
                .ToDictionary(p => p.Name, p => (string)p.GetValue(names)!);
        }
    }

    private static void AssertSameFiles(string expected, string actual)
    {
        var names = Directory.GetFiles(expected).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(names, Directory.GetFiles(actual).Select(Path.GetFileName).Order());
        foreach (var name in names)
        {
            Assert.True(File.ReadAllText(Path.Combine(expected, name!)) == File.ReadAllText(Path.Combine(actual, name!)),
                $"{Path.Combine(actual, name!)} is not what deploy/k8s/render-apps.sh writes: run it");
        }
    }

    [GeneratedRegex(@"^[a-z0-9.\-/:]+(:[A-Za-z0-9._\-]+|@sha256:[0-9a-f]{64})$")]
    private static partial Regex TaggedImage();
}
