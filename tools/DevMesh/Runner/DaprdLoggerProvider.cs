using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DevMesh.Runner;

/// <summary>
/// Writes a sidecar's log entries in daprd's logfmt shape
/// (<c>time="..." level=info msg="..." app_id=order scope=...</c>) to the instance's daprd log.
/// </summary>
internal sealed class DaprdLoggerProvider(InstanceLog log, string appId) : ILoggerProvider
{
    /// <summary>
    /// A logger factory for one sidecar: its own entries at <paramref name="level"/>, ASP.NET Core's from Warning up,
    /// and Kestrel's from Error up (it warns about the cleartext HTTP/2 that daprd's HTTP port serves on purpose).
    /// </summary>
    public static ILoggerFactory CreateFactory(InstanceLog log, string appId, LogLevel level) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddFilter("Microsoft", level <= LogLevel.Debug ? level : LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Server.Kestrel", level <= LogLevel.Debug ? level : LogLevel.Error)
            .AddProvider(new DaprdLoggerProvider(log, appId)));

    public ILogger CreateLogger(string categoryName) => new DaprdLogger(log, appId, categoryName);

    public void Dispose()
    {
    }

    internal static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "fatal",
    };

    private sealed class DaprdLogger(InstanceLog log, string appId, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"time=\"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}\" level={LevelName(logLevel)} msg=")
                .Append(Quote(formatter(state, exception)))
                .Append(CultureInfo.InvariantCulture, $" app_id={appId} scope={category}");
            if (exception is not null)
            {
                line.Append(" error=").Append(Quote(exception.ToString()));
            }

            log.Daprd(line.ToString());
        }

        private static string Quote(string text) =>
            "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\r", "", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }
}
