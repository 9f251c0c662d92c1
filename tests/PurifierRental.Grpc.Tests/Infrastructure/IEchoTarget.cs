using PurifierRental.Grpc.Tests.Interop;

namespace PurifierRental.Grpc.Tests.Infrastructure;

/// <summary>
/// An EchoService server that a client matrix runs against: ours or grpc-js's. Both have a second
/// instance whose receive and send limits are <see cref="Limit"/> bytes.
/// </summary>
public interface IEchoTarget
{
    string Name { get; }

    string Address { get; }

    string LimitedAddress { get; }

    int Limit { get; }

    /// <summary>How the server's handler of the call whose first request carried <paramref name="message"/> was stopped.</summary>
    Task<ServerCallEnd> WaitForEndAsync(string message, TimeSpan timeout);
}

/// <summary>Tests that share our in-process servers; run one after another so that timings stay honest.</summary>
[CollectionDefinition(Name)]
public sealed class OurServerCollection : ICollectionFixture<OurServerFixture>, ICollectionFixture<Server.FaultyServerFixture>
{
    public const string Name = "our server";
}

/// <summary>Tests that share the grpc-js servers.</summary>
[CollectionDefinition(Name)]
public sealed class GrpcJsServerCollection : ICollectionFixture<GrpcJsServerFixture>
{
    public const string Name = "grpc-js server";
}
