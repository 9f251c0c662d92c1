namespace PurifierRental.Dapr.Sidecar;

/// <summary>gRPC metadata keys daprd reads and writes.</summary>
public static class DaprHeaders
{
    /// <summary>The API token, app to sidecar and sidecar to app.</summary>
    public const string ApiToken = "dapr-api-token";

    /// <summary>The target app of a proxied call.</summary>
    public const string AppId = "dapr-app-id";

    /// <summary>Set by the sidecars on a proxied call: who called, and who was called.</summary>
    public const string CallerAppId = "dapr-caller-app-id";
    public const string CalleeAppId = "dapr-callee-app-id";

    /// <summary>Marks a proxied call as streaming so that resiliency applies to the handshake only.</summary>
    public const string Stream = "dapr-stream";
}
