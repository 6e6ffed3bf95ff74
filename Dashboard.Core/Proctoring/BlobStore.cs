using Microsoft.Extensions.Options;

namespace Dashboard.Core.Proctoring;

/// <summary>Where capture bytes live, outside the database. Keys are relative paths chosen by the caller ("12/3456/x.jpg").</summary>
public interface IBlobStore
{
    /// <summary>Writes the blob atomically (readers never see half a file); an existing key is replaced.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The blob's bytes as a stream, or null when there is none.</summary>
    Stream? OpenRead(string key);

    void Delete(string key);
}

/// <summary>
/// Files under the data folder, one folder per account. Folders are 0700 and files 0600 on Unix: only the
/// app's own user reads candidates' faces and ID documents.
/// </summary>
public sealed class FileBlobStore(IOptions<ProctoringOptions> options) : IBlobStore
{
    private const UnixFileMode OwnerFolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _root = Path.GetFullPath(options.Value.StorageRoot
        ?? Path.Combine(AppContext.BaseDirectory, "App_Data", "captures"));

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        CreateFolders(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = OwnerFileMode;
        }

        await using (var stream = new FileStream(temporary, streamOptions))
        {
            await stream.WriteAsync(content, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public Stream? OpenRead(string key)
    {
        var path = PathOf(key);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>The full path of a key, refusing anything that would leave the root.</summary>
    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The blob key '{key}' leaves the store.", nameof(key));
        }

        return path;
    }

    private static void CreateFolders(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        CreateFolders(Path.GetDirectoryName(folder)!);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerFolderMode);
        }
    }
}
