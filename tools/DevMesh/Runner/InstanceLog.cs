using System.Globalization;
using DevMesh.Configuration.Run;

namespace DevMesh.Runner;

/// <summary>
/// Where one app instance's output goes, as the template's <c>appLogDestination</c> and
/// <c>daprdLogDestination</c> say: the console behind the instance's prefix, and/or the CLI's log files
/// <c>&lt;appDirPath&gt;/.dapr/logs/&lt;appID&gt;_{app|daprd}_&lt;yyyyMMddHHmmss&gt;.log</c>.
/// </summary>
internal sealed class InstanceLog(MeshConsole console, AppRunSpec spec, string instanceName, string fileStem, int colorIndex)
{
    private readonly Lock _gate = new();
    private StreamWriter? _appFile;
    private StreamWriter? _daprdFile;

    public string AppPrefix { get; } = $"== APP - {instanceName} ==";

    public string DaprdPrefix { get; } = $"== DAPR - {instanceName} ==";

    public string? AppLogFile { get; private set; }

    public string? DaprdLogFile { get; private set; }

    /// <summary>Opens the log files the template asks for; a restarted instance appends to the same files.</summary>
    public void Open()
    {
        lock (_gate)
        {
            var stamp = DateTime.Now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            if (spec.AppLogDestination != LogDestination.Console && _appFile is null)
            {
                AppLogFile ??= Path.Combine(spec.LogsDirectory, $"{fileStem}_app_{stamp}.log");
                _appFile = OpenFile(AppLogFile);
            }

            if (spec.DaprdLogDestination != LogDestination.Console && _daprdFile is null)
            {
                DaprdLogFile ??= Path.Combine(spec.LogsDirectory, $"{fileStem}_daprd_{stamp}.log");
                _daprdFile = OpenFile(DaprdLogFile);
            }
        }
    }

    public void App(string line) => Write(line, AppPrefix, spec.AppLogDestination, _appFile);

    public void Daprd(string line) => Write(line, DaprdPrefix, spec.DaprdLogDestination, _daprdFile);

    /// <summary>Closes the files when the instance stops.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _appFile?.Dispose();
            _daprdFile?.Dispose();
            _appFile = null;
            _daprdFile = null;
        }
    }

    private void Write(string line, string prefix, LogDestination destination, StreamWriter? file)
    {
        if (destination != LogDestination.File)
        {
            console.Write(prefix, colorIndex, line);
        }

        if (file is not null)
        {
            lock (_gate)
            {
                try
                {
                    file.WriteLine(line);
                }
                catch (ObjectDisposedException)
                {
                    // A line that arrived after the instance stopped.
                }
            }
        }
    }

    private static StreamWriter OpenFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        return new StreamWriter(stream) { AutoFlush = true };
    }
}
