using PurifierRental.Testing;

namespace DevMesh.Redis.Tests;

/// <summary>
/// A throw-away server that also allows <c>DEBUG</c> from loopback: <c>DEBUG PROTOCOL</c> makes the server
/// emit every RESP3 type on demand, and <c>DEBUG SLEEP</c> makes it stall, which tests timeouts.
/// </summary>
public sealed class DebugRedisServer()
    : RedisServer(new RedisServerOptions { ExtraArguments = ["--enable-debug-command", "local"] });

/// <summary>A throw-away server with default options.</summary>
public sealed class RedisServerFixture() : RedisServer(new RedisServerOptions());
