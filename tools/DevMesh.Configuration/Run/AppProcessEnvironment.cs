using System.Globalization;

namespace DevMesh.Configuration.Run;

/// <summary>
/// The environment <c>dapr run</c> gives an app process: the resolved ports and identity,
/// then the template's <c>env</c> entries on top.
/// </summary>
public static class AppProcessEnvironment
{
    public static IReadOnlyDictionary<string, string> Create(AppRunSpec app, int daprHttpPort, int daprGrpcPort, int? metricsPort = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["APP_ID"] = app.AppId,
            ["APP_CHANNEL_ADDRESS"] = app.AppChannelAddress,
            ["DAPR_HTTP_PORT"] = daprHttpPort.ToString(CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = daprGrpcPort.ToString(CultureInfo.InvariantCulture),
            ["APP_PROTOCOL"] = app.AppProtocol,
        };

        // The CLI leaves numeric variables out when they are unset.
        if (app.AppPort is > 0)
        {
            env["APP_PORT"] = app.AppPort.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (metricsPort is > 0)
        {
            env["DAPR_METRICS_PORT"] = metricsPort.Value.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in app.Env)
        {
            env[name] = value;
        }

        return env;
    }
}
