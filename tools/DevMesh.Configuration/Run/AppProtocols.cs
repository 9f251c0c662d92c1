namespace DevMesh.Configuration.Run;

/// <summary>The values daprd accepts for <c>--app-protocol</c>.</summary>
public static class AppProtocols
{
    public const string Http = "http";
    public const string Grpc = "grpc";
    public const string Https = "https";
    public const string Grpcs = "grpcs";
    public const string H2c = "h2c";

    public static readonly IReadOnlyList<string> All = [Http, Grpc, Https, Grpcs, H2c];

    /// <summary>Whether daprd talks to the app over gRPC (AppCallback) rather than HTTP.</summary>
    public static bool IsGrpc(string protocol) => protocol is Grpc or Grpcs;
}
