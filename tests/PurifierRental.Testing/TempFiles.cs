namespace PurifierRental.Testing;

/// <summary>File chores shared by the servers.</summary>
internal static class TempFiles
{
    /// <summary>Reads a log file that its server may still be writing to.</summary>
    public static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Deletes a temporary directory; a leftover must not fail a test run, so errors are ignored.</summary>
    public static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Still in use or already gone.
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to delete after all.
        }
    }
}
